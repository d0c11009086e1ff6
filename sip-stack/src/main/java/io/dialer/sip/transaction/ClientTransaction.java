package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import io.dialer.sip.transport.Endpoint;

/** A client transaction (RFC 3261 §17.1): one request we sent and the responses it gets. */
public sealed interface ClientTransaction permits ClientInviteTransaction, ClientNonInviteTransaction {

    /** The request as sent (retransmissions send this same request). */
    SIPRequest request();

    /** Where the request goes; the transport decides whether timers A and E run. */
    Endpoint destination();

    /** The branch of the request's top Via, which names the transaction (§17.1.3). */
    String branch();

    /** True once the transaction reached its Terminated state. */
    boolean isTerminated();
}
