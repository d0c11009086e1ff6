package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPResponse;

/**
 * The transaction user of a client transaction (RFC 3261 §17.1): the UA core
 * or a dialog. Called on the scheduler thread.
 */
public interface ClientTransactionUser {

    /**
     * A response passed up by the transaction: provisional responses, the final
     * response, and for INVITE every 2xx received in the Accepted state
     * (retransmissions and other forks, RFC 6026 §7.2), which the TU
     * acknowledges itself (RFC 3261 §13.2.2.4).
     */
    void onResponse(ClientTransaction tx, SIPResponse response);

    /** The transaction ended without a final response: a timeout or a transport error. */
    void onFailure(ClientTransaction tx, TransactionFailure failure);
}
