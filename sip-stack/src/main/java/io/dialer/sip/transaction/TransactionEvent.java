package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transport.Flow;
import io.dialer.sip.transport.TransportException;

/**
 * The inputs of the transaction state machines (RFC 3261 Figures 5 to 8, RFC
 * 6026 Figures 4 to 5). A response is a received one for client transactions
 * and one passed down by the TU for server transactions.
 */
sealed interface TransactionEvent {

    /** Classifies a response by its status code into the event the figures name. */
    static TransactionEvent ofResponse(SIPResponse response) {
        int code = response.getStatusCode();
        if (code < 200) {
            return new Provisional(response);
        }
        if (code < 300) {
            return new Success(response);
        }
        return new Rejection(response);
    }

    /** A 1xx response. */
    record Provisional(SIPResponse response) implements TransactionEvent {
    }

    /** A 2xx response. */
    record Success(SIPResponse response) implements TransactionEvent {
    }

    /** A 300-699 final response. */
    record Rejection(SIPResponse response) implements TransactionEvent {
    }

    /** A retransmission of the request that created a server transaction. */
    record RequestRetransmission(SIPRequest request) implements TransactionEvent {
    }

    /** An ACK matching a server INVITE transaction (§17.2.3), with the flow it arrived on. */
    record Ack(SIPRequest ack, Flow flow) implements TransactionEvent {
    }

    /** A timer ran out. */
    record TimerFired(TimerName timer) implements TransactionEvent {
    }

    /** A send of this transaction failed (§17.1.4, §17.2.4). */
    record TransportError(TransportException cause) implements TransactionEvent {
    }
}
