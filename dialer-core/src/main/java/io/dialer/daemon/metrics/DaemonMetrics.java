package io.dialer.daemon.metrics;

import io.dialer.core.CallRecord;
import io.dialer.core.DialerEvent;
import io.dialer.core.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.LongSupplier;

/**
 * The daemon's Prometheus metrics: calls by status, reason and trunk, calls in
 * progress, ring time, the webhook backlog, and the JVM's own. One registry per
 * daemon (nothing global), scraped at {@code /metrics}.
 */
public final class DaemonMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final DistributionSummary ringSeconds;

    /**
     * @param activeCalls    calls in progress now
     * @param webhookBacklog webhook deliveries pending
     */
    public DaemonMetrics(LongSupplier activeCalls, LongSupplier webhookBacklog) {
        Gauge.builder("dialer.calls.active", activeCalls::getAsLong)
                .description("Calls in progress: waiting for a trunk limit, dialing, ringing or active")
                .register(registry);
        Gauge.builder("dialer.webhooks.backlog", webhookBacklog::getAsLong)
                .description("Webhook deliveries waiting in the outbox")
                .register(registry);
        ringSeconds = DistributionSummary.builder("dialer.ring.duration")
                .baseUnit("seconds")
                .description("From the first provisional response to answer or final response, for calls that rang")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 30, 45, 60)
                .register(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Counts an event (call_ended: by status, reason and trunk; ring time). */
    public void onEvent(DialerEvent event) {
        if (event.type() != EventType.CALL_ENDED) {
            return;
        }
        CallRecord r = event.record();
        Counter.builder("dialer.calls.ended")
                .description("Calls that ended, by status, disconnection reason and trunk")
                .tag("status", r.status().wireName())
                .tag("reason", r.disconnectionReason() == null ? "none" : r.disconnectionReason().wireName())
                .tag("trunk", r.trunk() == null ? "none" : r.trunk())
                .register(registry)
                .increment();
        if (r.ringingAt() != null) {
            ringSeconds.record(r.ringDurationMs() / 1000.0);
        }
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
