package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPMessage;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.TransportException;

import java.util.concurrent.CompletionStage;

/**
 * What the transaction layer sends through: encodes a message and hands it to
 * the transport. Kept this narrow so that transactions depend on neither the
 * codec nor Netty, and tests can record every send against a virtual clock.
 */
@FunctionalInterface
public interface MessageChannel {

    /**
     * Sends a message; the future fails (exceptionally, with a
     * {@link TransportException}) on a transport error (RFC 3261 §18.4). It may
     * complete on any thread.
     */
    CompletionStage<Void> send(SIPMessage message, Endpoint destination);
}
