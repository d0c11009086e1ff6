package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Flow;

/** A server transaction (RFC 3261 §17.2): one request we received and the responses we send. */
public sealed interface ServerTransaction permits ServerInviteTransaction, ServerNonInviteTransaction {

    /**
     * The request that created the transaction. Its top Via already carries
     * {@code received} and {@code rport} (RFC 3261 §18.2.1, RFC 3581 §4), so a
     * response built with {@link SIPRequest#createResponse(int)} copies them.
     */
    SIPRequest request();

    /** The flow the request arrived on. */
    Flow flow();

    /** Where responses go (RFC 3261 §18.2.2, RFC 3581 §4); see {@link ResponseRouting}. */
    Endpoint responseDestination();

    /** The branch of the request's top Via. */
    String branch();

    /**
     * Sends a response from the TU through the transaction, which retransmits
     * it as the RFC figure says. Safe to call from any thread: off the
     * scheduler thread the call is handed to it. Responses the current state
     * does not accept (a second final, anything after Terminated) are dropped.
     */
    void respond(SIPResponse response);

    /** Who hears about timeouts and transport errors of this transaction (by default they are only logged). */
    void setUser(ServerTransactionUser user);

    /** True once the transaction reached its Terminated state. */
    boolean isTerminated();
}
