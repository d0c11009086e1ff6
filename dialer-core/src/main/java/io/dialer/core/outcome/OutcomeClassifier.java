package io.dialer.core.outcome;

/**
 * Turns what a call saw into its {@link Outcome}: exactly the table of
 * design.md §4. Stateless and thread-safe.
 */
public final class OutcomeClassifier {

    /** Classifies one finished call. Never returns null; unknown evidence falls to {@code dial_failed} or {@code error_unknown}. */
    public Outcome classify(CallEvidence evidence) {
        throw new UnsupportedOperationException("being written: see issue 4");
    }
}
