package io.dialer.cli;

import io.dialer.core.CallRecord;
import io.dialer.core.CallRecords;
import io.dialer.core.trace.TraceEntry;
import java.io.PrintWriter;
import java.util.Locale;

/** A call record as a few readable lines, for {@code dialer call} without {@code --json}. */
final class RecordSummary {

    private final PrintWriter out;

    RecordSummary(PrintWriter out) {
        this.out = out;
    }

    void print(CallRecord r, boolean trace) {
        out.println();
        out.printf(Locale.ROOT, "%s / %s%s%n", r.status().wireName(), r.disconnectionReason().wireName(), evidence(r));
        out.println(r.explanation());
        out.printf(Locale.ROOT, "call %s  to %s  from %s  via %s%n", r.callId(), r.to(), r.from(), r.trunk());
        if (r.sipCallId() != null) {
            out.printf(Locale.ROOT, "Call-ID %s  dialing %s  ring %.1f s  talk %.1f s%s%n", r.sipCallId(),
                    r.dialingAt() == null ? "-" : CallRecords.format(r.dialingAt()), r.ringDurationMs() / 1000.0,
                    r.talkDurationMs() / 1000.0, r.earlyMedia() ? "  early media" : "");
        }
        if (r.voicemail().detected() || !r.voicemail().evidence().isEmpty()) {
            out.printf(Locale.ROOT, "voicemail: %s (%s)%n", r.voicemail().detected() ? "detected" : "not detected",
                    String.join("; ", r.voicemail().evidence()));
        }
        if (!"unknown".equals(r.amd().result()) || r.amd().decisionMs() != null) {
            out.printf(Locale.ROOT, "answering-machine detection: %s after %.1f s%n", r.amd().result(),
                    r.amd().decisionMs() == null ? 0.0 : r.amd().decisionMs() / 1000.0);
        }
        if (trace) {
            for (TraceEntry e : r.sipTrace()) {
                out.printf(Locale.ROOT, "  %7.3f %-3s %s%n", e.tMs() / 1000.0, e.dir(), e.firstLine());
            }
        }
    }

    private static String evidence(CallRecord r) {
        StringBuilder b = new StringBuilder();
        if (r.sipStatus() != null) {
            b.append("  (").append(r.sipStatus()).append(' ').append(r.sipReasonPhrase());
            if (r.q850Cause() != null) {
                b.append("; Q.850 ").append(r.q850Cause()).append(' ').append(r.q850Text());
            }
            b.append(')');
        } else if (r.q850Cause() != null) {
            b.append("  (Q.850 ").append(r.q850Cause()).append(' ').append(r.q850Text()).append(')');
        }
        return b.toString();
    }
}
