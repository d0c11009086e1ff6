package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transport.Flow;

/**
 * What the transaction layer hands up to the UA core. Called on the
 * scheduler thread; retransmissions absorbed by transactions never get here.
 */
public interface RequestHandler {

    /** A new request (not ACK, not CANCEL); its server transaction is already running. */
    void onRequest(ServerTransaction tx, SIPRequest request);

    /**
     * A CANCEL that matches a server INVITE transaction (RFC 3261 §9.2: same
     * branch and sent-by, method INVITE). The CANCEL has its own transaction,
     * which the handler answers (200); the handler decides what happens to the
     * INVITE (487 while it is still in Proceeding). A CANCEL that matches no
     * INVITE is answered 481 by the layer and never gets here.
     */
    void onCancel(ServerNonInviteTransaction cancelTx, SIPRequest cancel, ServerInviteTransaction invite);

    /**
     * An ACK that no transaction consumes: the ACK for a 2xx (a transaction of
     * its own, RFC 3261 §17.1.1.3), including one matching an INVITE server
     * transaction in the Accepted state (RFC 6026 §7.1).
     */
    void onAck(SIPRequest ack, Flow flow);

    /**
     * A response that matches no client transaction but whose branch this
     * layer used recently: typically a 2xx retransmission or a 2xx from
     * another fork after Timer M, which the UA core must ACK (and BYE if
     * unwanted, RFC 3261 §13.2.2.4).
     */
    void onStrayResponse(SIPResponse response, Flow flow);
}
