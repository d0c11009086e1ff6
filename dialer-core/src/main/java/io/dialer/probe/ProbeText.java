package io.dialer.probe;

import java.io.PrintWriter;
import java.util.Locale;

/** The report for a terminal: one line per check (verdict, name, evidence), the next step under it, a summary. */
public final class ProbeText {

    private final PrintWriter out;

    public ProbeText(PrintWriter out) {
        this.out = out;
    }

    public void print(ProbeReport report) {
        out.println("dialer probe " + report.trunk());
        for (CheckResult c : report.checks()) {
            out.printf(Locale.ROOT, "  %-5s %-10s %s%n", c.verdict().wireName(), c.name(), c.evidence());
            if (c.nextStep() != null && (c.verdict() == Verdict.WARN || c.verdict() == Verdict.FAIL)) {
                out.printf(Locale.ROOT, "        %-10s next: %s%n", "", c.nextStep());
            }
        }
        out.printf(Locale.ROOT, "summary: %s (%d ok, %d warn, %d fail, %d skipped) in %.1f s%n",
                report.summary().wireName(), report.count(Verdict.OK), report.count(Verdict.WARN),
                report.count(Verdict.FAIL), report.count(Verdict.SKIP), report.durationMs() / 1000.0);
        out.flush();
    }
}
