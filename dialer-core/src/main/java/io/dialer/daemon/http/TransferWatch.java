package io.dialer.daemon.http;

import io.dialer.core.CallListener;
import io.dialer.core.DialerEvent;
import io.dialer.core.EventType;
import io.dialer.core.TransferRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells a transfer request when the call took its transfer on: {@code Call.transfer}
 * completes its stage only with the outcome (which may be a minute away), and fails
 * it at once when refused, so the first {@code transfer_progress} with a transfer in
 * progress after the request is the sign that it was accepted.
 * <p>
 * The route first makes sure no transfer is running, so an earlier transfer's events
 * still queued for delivery can only be from one that already ended; taking one of
 * those for the new transfer's start would answer 202 for a request the call accepts
 * anyway, unless the call ended or lost its media in those same milliseconds (its
 * record then says so).
 */
final class TransferWatch implements CallListener {

    private final Map<String, List<CompletableFuture<TransferRecord>>> waiting = new ConcurrentHashMap<>();

    /** Completes with the transfer as it stands at the call's next progress event. */
    CompletableFuture<TransferRecord> next(String callId) {
        CompletableFuture<TransferRecord> f = new CompletableFuture<>();
        waiting.computeIfAbsent(callId, k -> new CopyOnWriteArrayList<>()).add(f);
        return f;
    }

    /** Stops waiting (the request was answered some other way). */
    void forget(String callId, CompletableFuture<TransferRecord> f) {
        waiting.computeIfPresent(callId, (k, list) -> {
            list.remove(f);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public void onEvent(DialerEvent event) {
        if (event.type() != EventType.TRANSFER_PROGRESS) {
            return;
        }
        TransferRecord t = event.record().transfer();
        if (t == null || !"in_progress".equals(t.status())) {
            return;
        }
        List<CompletableFuture<TransferRecord>> list = waiting.remove(event.record().callId());
        if (list != null) {
            list.forEach(f -> f.complete(t));
        }
    }
}
