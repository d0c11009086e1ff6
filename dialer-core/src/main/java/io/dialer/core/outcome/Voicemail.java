package io.dialer.core.outcome;

import java.util.List;

/**
 * The {@code voicemail} part of a call record (design.md §6).
 *
 * @param detected whether voicemail was found
 * @param phase    {@code "preconnect"} (before answer) or {@code "postconnect"}, null when not detected
 * @param evidence what was seen, one plain item each, e.g. {@code "181 Call Is Being Forwarded at 2.1 s"}
 */
public record Voicemail(boolean detected, String phase, List<String> evidence) {

    public Voicemail {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** No voicemail evidence at all. */
    public static Voicemail none() {
        return new Voicemail(false, null, List.of());
    }

    /** Evidence seen, but not enough (or not followed by a failure) to call it voicemail. */
    public static Voicemail notDetected(List<String> evidence) {
        return new Voicemail(false, null, evidence);
    }

    /** Voicemail before answer (a carrier or handset mailbox took the call). */
    public static Voicemail preconnect(List<String> evidence) {
        return new Voicemail(true, "preconnect", evidence);
    }
}
