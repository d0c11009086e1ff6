package io.dialer.probe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest probe results as Prometheus metrics, for {@code --watch}:
 * <ul>
 * <li>{@code dialer_probe_check_verdict{trunk,check}}: 0 ok, 1 warn, 2 fail, -1 skipped;</li>
 * <li>{@code dialer_probe_summary_verdict{trunk}}: the worst of them;</li>
 * <li>{@code dialer_probe_measurement{trunk,check,name}}: RTTs, connect times, days to expiry, ...;</li>
 * <li>{@code dialer_probe_runs_total{trunk,summary}} and {@code dialer_probe_last_run_timestamp_seconds{trunk}}.</li>
 * </ul>
 * Thread-safe; each instance has its own registry.
 */
public final class ProbeMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();

    /** Records one run's results. */
    public void record(ProbeReport report) {
        String trunk = report.trunk();
        for (CheckResult c : report.checks()) {
            set("dialer.probe.check.verdict", Tags.of("trunk", trunk, "check", c.name()), c.verdict().severity(),
                    "Verdict of one probe check: 0 ok, 1 warn, 2 fail, -1 skipped");
            for (Map.Entry<String, Double> m : c.measurements().entrySet()) {
                set("dialer.probe.measurement", Tags.of("trunk", trunk, "check", c.name(), "name", m.getKey()),
                        m.getValue(), "A number the probe measured (ms, days, counts)");
            }
        }
        set("dialer.probe.summary.verdict", Tags.of("trunk", trunk), report.summary().severity(),
                "Worst verdict of the last probe run: 0 ok, 1 warn, 2 fail");
        set("dialer.probe.last.run.timestamp.seconds", Tags.of("trunk", trunk),
                report.startedAt().toEpochMilli() / 1000.0, "When the last probe run started");
        Counter.builder("dialer.probe.runs").tags("trunk", trunk, "summary", report.summary().wireName())
                .description("Probe runs by summary verdict").register(registry).increment();
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    private void set(String name, Tags tags, double value, String description) {
        String key = name + tags;
        AtomicLong holder = values.computeIfAbsent(key, k -> {
            AtomicLong h = new AtomicLong();
            Gauge.builder(name, h, v -> Double.longBitsToDouble(v.get())).tags(tags).description(description)
                    .register(registry);
            return h;
        });
        holder.set(Double.doubleToLongBits(value));
    }
}
