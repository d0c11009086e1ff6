package io.dialer.sip.ua;

/**
 * Sees every SIP message a stack sends or receives (set with
 * {@link StackSettings#withMessageTap}): requests and responses of calls,
 * ACKs and 2xx retransmissions sent outside transactions, and the 400s sent
 * for messages too broken to parse.
 *
 * <p>It is called on the stack's I/O threads (inbound) and core thread
 * (outbound), on the path of every message: it must be fast, thread-safe and
 * must not block. It must not throw; if it does, the stack logs the exception
 * at DEBUG and carries on.
 */
@FunctionalInterface
public interface MessageTap {

    void onMessage(TracedMessage message);
}
