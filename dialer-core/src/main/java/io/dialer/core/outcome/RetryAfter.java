package io.dialer.core.outcome;

import gov.nist.javax.sip.message.SIPMessage;
import java.time.Duration;
import java.util.Optional;

/**
 * The delay a response asks for before retrying: {@code Retry-After:
 * delta-seconds [comment] *(;param)} (RFC 3261 §20.33). A 503 that carries
 * it is retryable (design.md §4, Retries).
 */
public final class RetryAfter {

    /** Nine digits are over 31 years: anything longer is not a delay anyone meant. */
    private static final int MAX_DIGITS = 9;

    private RetryAfter() {
    }

    /** The delay of {@code message}'s Retry-After header; empty when absent or unreadable. */
    public static Optional<Duration> of(SIPMessage message) {
        return HeaderValues.first(message, "Retry-After").flatMap(RetryAfter::parse);
    }

    static Optional<Duration> parse(String value) {
        int end = 0;
        while (end < value.length() && Character.isDigit(value.charAt(end))) {
            end++;
        }
        if (end == 0 || end > MAX_DIGITS) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(value.substring(0, end))));
    }
}
