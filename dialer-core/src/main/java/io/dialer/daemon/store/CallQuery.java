package io.dialer.daemon.store;

import java.time.Instant;

/**
 * A filter for listing calls, newest first.
 *
 * @param status terminal or current status wire name, or null for any
 * @param reason disconnection reason wire name, or null for any
 * @param since  only calls that started at or after this, or null
 * @param limit  most rows returned
 */
public record CallQuery(String status, String reason, Instant since, int limit) {
}
