package io.dialer.core;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a call again (design.md §4, "Retries"): only outcomes where a
 * later attempt can succeed — the trunk was unavailable (a 503, no response,
 * a transport failure) or our own limit held the call — with exponential
 * backoff and jitter, and never sooner than the trunk's Retry-After
 * (RFC 3261 §21.5.4). The campaign layer decides whether to use it.
 *
 * @param initial     delay before the second attempt (before jitter)
 * @param max         ceiling of the delay
 * @param maxAttempts attempts in all, the first included
 */
public record RetryPolicy(Duration initial, Duration max, int maxAttempts) {

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("retry policy needs 0 < initial <= max and maxAttempts >= 1");
        }
    }

    /** 2 s doubling up to 5 min, 3 attempts. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5), 3);
    }

    /** Whether an ended call with this reason and final status may be retried at all. */
    public static boolean retryable(DisconnectionReason reason, Integer sipStatus) {
        if (reason == DisconnectionReason.CONCURRENCY_LIMIT_REACHED) {
            return true;
        }
        // 500/502/504 say the server failed on this request; only 503, silence and
        // transport errors say it may work later.
        return reason == DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE && (sipStatus == null || sipStatus == 503);
    }

    /**
     * The delay before the next attempt, or empty when there should be none.
     *
     * @param record      the finished attempt
     * @param retryAfter  its final response's Retry-After, if any
     * @param attemptsMade attempts made so far (1 after the first)
     * @param random      jitter source
     */
    public Optional<Duration> nextDelay(CallRecord record, Optional<Duration> retryAfter, int attemptsMade,
                                        RandomGenerator random) {
        if (attemptsMade >= maxAttempts || !retryable(record.disconnectionReason(), record.sipStatus())) {
            return Optional.empty();
        }
        long cap = initial.toMillis() << Math.min(attemptsMade - 1, 20);
        cap = Math.min(cap, max.toMillis());
        // Equal jitter (half fixed, half random): spreads the retries of calls that failed
        // together while keeping the backoff from collapsing to zero.
        long delay = cap / 2 + random.nextLong(cap / 2 + 1);
        if (retryAfter.isPresent()) {
            delay = Math.max(delay, retryAfter.get().toMillis());
        }
        return Optional.of(Duration.ofMillis(delay));
    }
}
