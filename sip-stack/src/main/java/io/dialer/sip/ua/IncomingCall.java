package io.dialer.sip.ua;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.auth.AuthSession;
import io.dialer.sip.dialog.Dialog;
import io.dialer.sip.dialog.DialogState;
import io.dialer.sip.transaction.ServerInviteTransaction;
import io.dialer.sip.transport.Endpoint;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sip.header.Header;
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
    private List<Header> responseHeaders = List.of();

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

    /**
     * Headers added to every response this call sends from now on, 487 to a
     * CANCEL included (e.g. {@code Server}, RFC 3261 §20.35), in the map's
     * iteration order.
     *
     * @throws IllegalArgumentException when a header does not parse
     */
    public IncomingCall withResponseHeaders(Map<String, String> headers) {
        List<Header> parsed = Requests.headers(headers);
        onCore(() -> responseHeaders = parsed);
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

    /**
     * Sends any provisional response (101-199, RFC 3261 §21.1), with an SDP
     * body for early media when {@code sdp} is not null, and extra headers in
     * the map's iteration order, e.g. 181 with Diversion (RFC 5806).
     *
     * @throws IllegalArgumentException for a status outside 101-199 or a header that does not parse
     */
    public void provisional(int status, String phrase, byte[] sdp, Map<String, String> headers) {
        if (status <= 100 || status > 199) {
            // 100 Trying is the transaction layer's (RFC 3261 §17.2.1), never the core's.
            throw new IllegalArgumentException("a provisional response needs a 101-199 status, got " + status);
        }
        List<Header> extra = Requests.headers(headers);
        onCore(() -> provisional(status, phrase, sdp, extra));
    }

    /** Answers with 200 OK carrying the SDP answer (RFC 3261 §13.3.1.4). */
    public void answer(byte[] sdp) {
        onCore(() -> {
            if (finalSent) {
                return;
            }
            finalSent = true;
            localSdp = sdp;
            ok = withHeaders(tagged(ua.requests().okWithSdp(invite, sdp, contact())), List.of());
            if (dialog == null) {
                dialog = Dialog.forUas(invite, localTag, contact(), DialogState.CONFIRMED);
                ua.register(dialog.id(), this);
            } else {
                dialog.confirm(ok); // the early dialog of our 180/183 (RFC 3261 §13.3.1.4)
            }
            sendOkForInvite(tx, ok, this::noAck);
        });
    }

    /** Rejects the call with a final non-2xx response (e.g. 486 Busy Here). */
    public void reject(int status, String phrase) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("a rejection needs a 3xx-6xx status, got " + status);
        }
        onCore(() -> sendRejection(status, phrase, List.of()));
    }

    /**
     * Rejects the call with a final non-2xx response carrying extra headers in
     * the map's iteration order, e.g. Reason (RFC 3326), Warning (RFC 3261
     * §20.43), Retry-After (§20.33) or a Proxy-Authenticate challenge (§22.3).
     *
     * @throws IllegalArgumentException for a status outside 300-699 or a header that does not parse
     */
    public void reject(int status, String phrase, Map<String, String> headers) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("a rejection needs a 3xx-6xx status, got " + status);
        }
        List<Header> extra = Requests.headers(headers);
        onCore(() -> sendRejection(status, phrase, extra));
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
                sendRejection(603, "Decline", List.of());
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
        sendRejection(487, "Request Terminated", List.of());
    }

    private void provisional(int status, String phrase, byte[] sdp) {
        provisional(status, phrase, sdp, List.<Header>of());
    }

    private void provisional(int status, String phrase, byte[] sdp, List<Header> extra) {
        if (finalSent) {
            return;
        }
        SIPResponse response = withHeaders(tagged(ua.requests().response(invite, status, phrase)), extra);
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

    private void sendRejection(int status, String phrase, List<Header> extra) {
        if (finalSent) {
            return;
        }
        finalSent = true;
        SIPResponse response = withHeaders(tagged(ua.requests().response(invite, status, phrase)), extra);
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

    /** Adds the call-wide headers, then this response's own; each message gets clones. */
    private SIPResponse withHeaders(SIPResponse response, List<Header> extra) {
        for (Header h : responseHeaders) {
            response.addHeader((Header) h.clone());
        }
        for (Header h : extra) {
            response.addHeader((Header) h.clone());
        }
        return response;
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
