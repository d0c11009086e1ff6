package io.dialer.sip.ua;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.auth.AuthSession;
import io.dialer.sip.dialog.Dialog;
import io.dialer.sip.dialog.DialogState;
import io.dialer.sip.transaction.ServerInviteTransaction;
import io.dialer.sip.transport.Endpoint;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UAS core's view of an INVITE we received (RFC 3261 §13.3): ring,
 * answer or reject it; the dialog, the 2xx retransmission until ACK
 * (§13.3.1.4), CANCEL from the caller (§9.2) and BYE in either direction are
 * handled here and in {@link SipSession}.
 *
 * <p>Events: Answered when the caller's ACK confirms our 2xx, Rejected when we
 * (or the caller's CANCEL) ended it before that, Ended after an answer.
 */
public final class IncomingCall extends SipSession {

    private static final Logger log = LoggerFactory.getLogger(IncomingCall.class);

    private final ServerInviteTransaction tx;
    private final SIPRequest invite;
    private final String localTag;
    private final ListenerSlot slot;
    private SIPResponse ok;
    private boolean finalSent;
    private boolean confirmed;
    private boolean hangupAfterAck;

    private IncomingCall(UserAgent ua, ServerInviteTransaction tx, ListenerSlot slot, AuthSession auth) {
        super(ua, tx.request().getCallId().getCallId(), slot, auth, null);
        this.tx = tx;
        this.invite = tx.request();
        this.localTag = ua.requests().token(6);
        this.slot = slot;
    }

    static IncomingCall create(UserAgent ua, ServerInviteTransaction tx, AuthSession auth) {
        return new IncomingCall(ua, tx, new ListenerSlot(), auth);
    }

    /** The INVITE as received. */
    public SIPRequest request() {
        return invite;
    }

    /** Where this call's events go; set it before answering. */
    public IncomingCall onEvent(Consumer<CallEvent> listener) {
        slot.delegate = listener;
        return this;
    }

    /** Sends 180 Ringing, creating the early dialog (RFC 3261 §13.3.1.1). */
    public void ringing() {
        onCore(() -> provisional(180, "Ringing", null));
    }

    /** Sends 183 Session Progress with an SDP answer for early media (RFC 3261 §13.3.1.1, RFC 3960). */
    public void progress(byte[] sdp) {
        onCore(() -> provisional(183, "Session Progress", sdp));
    }

    /** Answers with 200 OK carrying the SDP answer (RFC 3261 §13.3.1.4). */
    public void answer(byte[] sdp) {
        onCore(() -> {
            if (finalSent) {
                return;
            }
            finalSent = true;
            localSdp = sdp;
            ok = tagged(ua.requests().okWithSdp(invite, sdp, contact()));
            if (dialog == null) {
                dialog = Dialog.forUas(invite, localTag, contact(), DialogState.CONFIRMED);
                ua.register(dialog.id(), this);
            } else {
                dialog.confirm(ok);
            }
            sendOkForInvite(tx, ok, this::noAck);
        });
    }

    /** Rejects the call with a final non-2xx response (e.g. 486 Busy Here). */
    public void reject(int status, String phrase) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("a rejection needs a 3xx-6xx status, got " + status);
        }
        onCore(() -> sendRejection(status, phrase));
    }

    /**
     * Ends the call: BYE once confirmed; after our 2xx but before its ACK the
     * BYE waits for the ACK (RFC 3261 §15); before an answer, 603 Decline.
     */
    @Override
    public void hangup() {
        onCore(() -> {
            if (confirmed) {
                sendBye();
            } else if (finalSent && ok != null) {
                hangupAfterAck = true;
            } else {
                sendRejection(603, "Decline");
            }
        });
    }

    @Override
    Endpoint peer() {
        return tx.flow().replyEndpoint();
    }

    /**
     * Kept: not every event here is guarded by {@code ended} (Answered comes
     * with the ACK, which may arrive after a BYE that overtook it).
     */
    @Override
    boolean releaseListenerAfterLastEvent() {
        return false;
    }

    @Override
    void onAck(SIPRequest ack) {
        super.onAck(ack);
        if (!confirmed && ok != null && ack.getCSeq().getSeqNumber() == invite.getCSeq().getSeqNumber()) {
            confirmed = true;
            emit(new CallEvent.Answered(ok));
            if (hangupAfterAck) {
                sendBye();
            }
        }
    }

    /** The caller canceled (RFC 3261 §9.2): 487 to the INVITE unless we already sent a final. */
    void onCanceled() {
        if (finalSent) {
            return;
        }
        sendRejection(487, "Request Terminated");
    }

    private void provisional(int status, String phrase, byte[] sdp) {
        if (finalSent) {
            return;
        }
        SIPResponse response = tagged(ua.requests().response(invite, status, phrase));
        response.setHeader(io.dialer.sip.message.SipFactories.HEADERS.createContactHeader(contact()));
        if (sdp != null) {
            ua.requests().setSdp(response, sdp);
        }
        if (dialog == null) {
            dialog = Dialog.forUas(invite, localTag, contact(), DialogState.EARLY);
            ua.register(dialog.id(), this);
        }
        tx.respond(response);
    }

    private void sendRejection(int status, String phrase) {
        if (finalSent) {
            return;
        }
        finalSent = true;
        SIPResponse response = tagged(ua.requests().response(invite, status, phrase));
        tx.respond(response);
        if (dialog != null) {
            finishDialog(dialog);
        }
        ended = true;
        ua.forget(this);
        emit(new CallEvent.Rejected(response));
    }

    private void noAck() {
        // RFC 3261 §13.3.1.4: no ACK within 64*T1 — the dialog is confirmed but the session ends with BYE.
        log.info("call {}: no ACK for our 200 within 64*T1; hanging up", callId);
        confirmed = true;
        sendBye();
    }

    private SIPResponse tagged(SIPResponse response) {
        try {
            response.getTo().setTag(localTag);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("bad local tag " + localTag, e);
        }
        return response;
    }

    /** Lets the application choose the listener after the call object exists. */
    private static final class ListenerSlot implements Consumer<CallEvent> {
        private volatile Consumer<CallEvent> delegate = event -> { };

        @Override
        public void accept(CallEvent event) {
            delegate.accept(event);
        }
    }
}
