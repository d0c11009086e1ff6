package io.dialer.daemon.store;

/**
 * One webhook delivery waiting in the outbox.
 *
 * @param id        row id (ascending in the order events happened)
 * @param endpoint  the webhook URL
 * @param eventId   the id the receiver deduplicates by
 * @param callId    the call it is about (delivery is in order per call)
 * @param payload   the JSON body
 * @param createdAt when the event happened (epoch ms)
 * @param attempts  deliveries tried so far
 */
public record OutboxRow(long id, String endpoint, String eventId, String callId, String payload, long createdAt,
                        int attempts) {
}
