package io.dialer.probe;

import io.dialer.sip.ua.MessageTap;
import io.dialer.sip.ua.TracedMessage;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps the messages of the probe's own stack, by Call-ID: the auth check
 * sees the 401/407 challenges the UA core answers by itself, and the OPTIONS
 * check takes its round-trip time from when the request went to the
 * transport and the response came off it (not counting a cold parser).
 * A probe sends a handful of messages, so all are kept for the run.
 * Thread-safe: the stack calls it on its I/O and core threads.
 */
final class ProbeTap implements MessageTap {

    private final Map<String, Queue<TracedMessage>> byCallId = new ConcurrentHashMap<>();

    /** The messages of a Call-ID in one direction so far, oldest first. */
    List<TracedMessage> messages(String callId, TracedMessage.Direction direction) {
        Queue<TracedMessage> q = byCallId.get(callId);
        return q == null ? List.of() : q.stream().filter(m -> m.direction() == direction).toList();
    }

    /** The inbound messages of a Call-ID so far, oldest first. */
    List<TracedMessage> received(String callId) {
        return messages(callId, TracedMessage.Direction.IN);
    }

    @Override
    public void onMessage(TracedMessage message) {
        if (message.callId() != null) {
            byCallId.computeIfAbsent(message.callId(), id -> new ConcurrentLinkedQueue<>()).add(message);
        }
    }
}
