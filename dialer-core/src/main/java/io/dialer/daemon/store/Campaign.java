package io.dialer.daemon.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A campaign as stored.
 *
 * @param id             {@code cmp_...}
 * @param name           a label for people
 * @param trunk          the trunk every number is dialed through
 * @param status         running, paused, canceled or done
 * @param maxConcurrency most of its calls up at once (on top of the trunk's limit)
 * @param maxCps         most of its calls started per second (on top of the trunk's limit)
 * @param maxAttempts    attempts per number in all, the first included
 * @param busyRetry      delay before retrying a busy number
 * @param noAnswerRetry  delay before retrying a number that did not answer
 * @param ringTimeout    ring timeout of its calls, or null for the daemon's
 * @param createdAt      when it was created
 */
public record Campaign(String id, String name, String trunk, String status, int maxConcurrency, double maxCps,
                       int maxAttempts, Duration busyRetry, Duration noAnswerRetry, Duration ringTimeout,
                       Instant createdAt) {

    public static final String RUNNING = "running";
    public static final String PAUSED = "paused";
    public static final String CANCELED = "canceled";
    public static final String DONE = "done";
}
