package io.dialer.daemon.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delay before the next delivery attempt: doubling from {@code initial} up to
 * {@code max}, with equal jitter (half fixed, half random) so that deliveries
 * that failed together, e.g. while the receiver was down, do not all return at once.
 */
record Backoff(Duration initial, Duration max) {

    Duration delay(int attemptsMade, RandomGenerator random) {
        long cap = initial.toMillis() << Math.min(Math.max(attemptsMade - 1, 0), 30);
        cap = Math.max(1, Math.min(cap, max.toMillis()));
        return Duration.ofMillis(cap / 2 + random.nextLong(cap / 2 + 1));
    }
}
