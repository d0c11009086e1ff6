package io.dialer.daemon;

import io.dialer.core.CallListener;
import io.dialer.core.DialerEvent;
import io.dialer.daemon.config.WebhookSettings;
import io.dialer.daemon.store.CallStore;
import io.dialer.daemon.webhook.WebhookDeliverer;
import io.dialer.daemon.webhook.WebhookEvents;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores every call event: the record as it stands and one outbox row per webhook
 * endpoint, in one transaction (transactional outbox), and only then wakes the
 * webhook deliverer, so no event goes out about a record that is not stored.
 * Events arrive in order on the dialer's event thread and the store runs work in
 * the order given, so a call's rows are written in order.
 */
final class CallEventRecorder implements CallListener {

    private static final Logger log = LoggerFactory.getLogger(CallEventRecorder.class);

    private final CallStore store;
    private final List<WebhookSettings> webhooks;
    private final WebhookDeliverer deliverer;
    private final WebhookEvents events = new WebhookEvents();
    private final Clock clock;
    private final AtomicReference<CompletableFuture<Void>> last = new AtomicReference<>(CompletableFuture.completedFuture(null));

    CallEventRecorder(CallStore store, List<WebhookSettings> webhooks, WebhookDeliverer deliverer, Clock clock) {
        this.store = store;
        this.webhooks = webhooks;
        this.deliverer = deliverer;
        this.clock = clock;
    }

    @Override
    public void onEvent(DialerEvent event) {
        String eventId = events.newEventId();
        String payload = webhooks.isEmpty() ? null : events.payload(eventId, event);
        CompletableFuture<Void> saved = store.submit(tx -> {
            tx.saveCall(event.record(), clock.instant());
            for (WebhookSettings w : webhooks) {
                tx.enqueue(w.url().toString(), eventId, event.record().callId(), payload, event.at());
            }
            return null;
        });
        last.set(saved.exceptionally(e -> null));
        saved.whenComplete((v, e) -> {
            if (e != null) {
                log.error("store: could not save {} of call {}: {}", event.type().wireName(), event.record().callId(),
                        e.toString());
            } else if (!webhooks.isEmpty()) {
                deliverer.wake();
            }
        });
    }

    /** Completes when every event handed in so far is stored (or failed). */
    CompletableFuture<Void> settled() {
        return last.get();
    }
}
