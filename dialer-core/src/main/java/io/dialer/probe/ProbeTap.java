package io.dialer.probe;

import io.dialer.sip.ua.MessageTap;
import io.dialer.sip.ua.TracedMessage;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps the responses received for the calls the probe watches, so that the
 * auth check can see the 401/407 challenges the UA core answers by itself.
 * Thread-safe: the stack calls it on its I/O threads.
 */
final class ProbeTap implements MessageTap {

    private final Map<String, Queue<TracedMessage>> watched = new ConcurrentHashMap<>();

    /** Starts keeping the inbound messages of this Call-ID. */
    void watch(String callId) {
        watched.put(callId, new ConcurrentLinkedQueue<>());
    }

    /** The inbound messages of a watched Call-ID so far, oldest first. */
    List<TracedMessage> received(String callId) {
        Queue<TracedMessage> q = watched.get(callId);
        return q == null ? List.of() : List.copyOf(q);
    }

    @Override
    public void onMessage(TracedMessage message) {
        if (message.direction() == TracedMessage.Direction.IN && message.callId() != null) {
            Queue<TracedMessage> q = watched.get(message.callId());
            if (q != null) {
                q.add(message);
            }
        }
    }
}
