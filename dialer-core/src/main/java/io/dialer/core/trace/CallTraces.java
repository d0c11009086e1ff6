package io.dialer.core.trace;

import io.dialer.sip.ua.MessageTap;
import io.dialer.sip.ua.TracedMessage;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The traces of the calls being traced now, keyed by SIP Call-ID. Set as the
 * stack's {@link MessageTap}: each message goes to the trace of its Call-ID,
 * and a message of a call that is not traced costs one map lookup.
 *
 * <p>A trace must be open before the call's INVITE is sent, or the INVITE is
 * missed. {@code UserAgent.invite} picks the Call-ID and queues the INVITE on
 * the stack's core thread; calling it from a task on that thread and opening the
 * trace in the same task puts the open ahead of the send. A trace stays (and
 * keeps collecting retransmissions) until {@link #close} is called, so close it
 * when the call's record is final.
 */
public final class CallTraces implements MessageTap {

    private final ConcurrentMap<String, SipTrace> open = new ConcurrentHashMap<>();

    /**
     * Starts tracing a call; returns the trace already open for that Call-ID if
     * there is one.
     *
     * @param start when the call began dialing
     */
    public SipTrace open(String sipCallId, Instant start) {
        return open.computeIfAbsent(sipCallId, id -> new SipTrace(id, start));
    }

    /** Stops tracing a call and hands back its trace, empty when it was not open. */
    public Optional<SipTrace> close(String sipCallId) {
        return Optional.ofNullable(open.remove(sipCallId));
    }

    /** How many calls are being traced. */
    public int openCount() {
        return open.size();
    }

    @Override
    public void onMessage(TracedMessage message) {
        String callId = message.callId();
        if (callId == null) {
            return;
        }
        SipTrace trace = open.get(callId);
        if (trace != null) {
            trace.add(message);
        }
    }
}
