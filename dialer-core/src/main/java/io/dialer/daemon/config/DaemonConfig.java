package io.dialer.daemon.config;

import io.dialer.core.DialerConfig;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code dialer serve} runs from, validated (see {@link ConfigLoader}).
 *
 * @param dialer       trunks, timers, voicemail rule and SIP stack settings for the embedded dialer
 * @param http         the API listener
 * @param apiKeys      bearer keys the API accepts
 * @param webhooks     endpoints that get every event
 * @param store        the database
 * @param drainTimeout on SIGTERM, how long calls in progress may continue before they are hung up
 * @param flushTimeout on SIGTERM, how long to keep delivering the webhook outbox before exiting
 *                     (what is left goes out at the next start)
 */
public record DaemonConfig(DialerConfig dialer, HttpSettings http, List<Secret> apiKeys,
                           List<WebhookSettings> webhooks, StoreSettings store, Duration drainTimeout,
                           Duration flushTimeout) {

    public DaemonConfig {
        apiKeys = List.copyOf(apiKeys);
        webhooks = List.copyOf(webhooks);
    }
}
