package io.dialer.daemon.config;

import java.net.URI;
import java.time.Duration;

/**
 * One webhook endpoint that gets every call event (design.md §5).
 *
 * @param url            where events are POSTed
 * @param secret         HMAC-SHA256 key for {@code X-Dialer-Signature}
 * @param maxAge         an event still undelivered this long after it happened is given up
 * @param backoffInitial delay before the first retry (doubles each time, with jitter)
 * @param backoffMax     ceiling of the retry delay
 * @param timeout        how long one delivery may take
 */
public record WebhookSettings(URI url, Secret secret, Duration maxAge, Duration backoffInitial,
                              Duration backoffMax, Duration timeout) {
}
