package io.dialer.media.amd;

import java.util.Objects;

/**
 * The outcome of answering-machine detection.
 *
 * @param verdict        human, machine or unknown
 * @param decisionMillis audio time after answer when the decision was taken
 * @param reason         the rule that decided, e.g. "greeting of 2.8 s" or "short greeting then silence"
 */
public record AmdResult(Verdict verdict, long decisionMillis, String reason) {

    public AmdResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        if (decisionMillis < 0) {
            throw new IllegalArgumentException("decisionMillis < 0: " + decisionMillis);
        }
    }
}
