package io.dialer.probe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One check's line in the report.
 *
 * @param name         the check: uri, dns, transport, tls, options, auth, register, call, media
 * @param verdict      ok, warn, fail or skip
 * @param evidence     what was seen, in words with the numbers and SIP evidence
 * @param nextStep     for warn and fail, what to do about it; null otherwise
 * @param measurements numbers for metrics and JSON, e.g. {@code rtt_ms}, {@code days_to_expiry}
 */
public record CheckResult(String name, Verdict verdict, String evidence, String nextStep,
                          Map<String, Double> measurements) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(evidence, "evidence");
        measurements = Map.copyOf(measurements == null ? Map.of() : measurements);
    }

    public static CheckResult ok(String name, String evidence) {
        return new CheckResult(name, Verdict.OK, evidence, null, Map.of());
    }

    public static CheckResult warn(String name, String evidence, String nextStep) {
        return new CheckResult(name, Verdict.WARN, evidence, nextStep, Map.of());
    }

    public static CheckResult fail(String name, String evidence, String nextStep) {
        return new CheckResult(name, Verdict.FAIL, evidence, nextStep, Map.of());
    }

    public static CheckResult skip(String name, String why) {
        return new CheckResult(name, Verdict.SKIP, why, null, Map.of());
    }

    /** The same result with one more measurement. */
    public CheckResult with(String measurement, double value) {
        Map<String, Double> m = new LinkedHashMap<>(measurements);
        m.put(measurement, value);
        return new CheckResult(name, verdict, evidence, nextStep, m);
    }
}
