package io.dialer.sip.transaction;

/** The transaction user of a server transaction: hears how it failed. Called on the scheduler thread. */
@FunctionalInterface
public interface ServerTransactionUser {

    /**
     * The transaction failed: Timer H (no ACK for our final response to an
     * INVITE, RFC 3261 §17.2.1) or a transport error while sending a response (§17.2.4).
     */
    void onFailure(ServerTransaction tx, TransactionFailure failure);
}
