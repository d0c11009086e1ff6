package io.dialer.probe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one probe run found, in the order the checks ran.
 *
 * @param trunk     the trunk URI as given
 * @param startedAt when the run started
 * @param durationMs how long it took
 * @param checks    one result per check
 */
public record ProbeReport(String trunk, Instant startedAt, long durationMs, List<CheckResult> checks) {

    public ProbeReport {
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(startedAt, "startedAt");
        checks = List.copyOf(checks);
    }

    /** The worst verdict of the checks that ran; ok when every check was skipped. */
    public Verdict summary() {
        Verdict worst = Verdict.OK;
        for (CheckResult c : checks) {
            worst = worst.worse(c.verdict());
        }
        return worst;
    }

    /** Issue 6: 0 all ok, 1 a warning, 2 a failure (3, bad arguments, never gets this far). */
    public int exitCode() {
        return summary().severity();
    }

    /** How many checks ended with this verdict. */
    public long count(Verdict verdict) {
        return checks.stream().filter(c -> c.verdict() == verdict).count();
    }
}
