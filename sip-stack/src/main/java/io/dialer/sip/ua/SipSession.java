package io.dialer.sip.ua;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.auth.AuthOutcome;
import io.dialer.sip.auth.AuthSession;
import io.dialer.sip.dialog.Dialog;
import io.dialer.sip.dialog.DialogState;
import io.dialer.sip.transaction.ClientTransaction;
import io.dialer.sip.transaction.ClientTransactionUser;
import io.dialer.sip.transaction.ServerTransaction;
import io.dialer.sip.transaction.TransactionFailure;
import io.dialer.sip.message.SipFactories;
import io.dialer.sip.transport.Endpoint;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.sip.address.Address;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an INVITE dialog usage does the same way whichever side created it:
 * in-dialog requests from the peer (RFC 3261 §12.2.2), BYE (§15), re-INVITE
 * and UPDATE offers (§14, RFC 3311), glare (§14.1), our 2xx retransmission
 * until ACK (§13.3.1.4), and the end of the call.
 *
 * <p>Public methods are safe from any thread; state lives on the stack's
 * scheduler thread.
 */
public abstract sealed class SipSession permits OutgoingCall, IncomingCall {

    private static final Logger log = LoggerFactory.getLogger(SipSession.class);

    final UserAgent ua;
    final String callId;
    /** Who hears this call's events; see {@link #releaseListenerAfterLastEvent}. */
    private Consumer<CallEvent> listener;
    final AuthSession auth;
    Dialog dialog;
    byte[] localSdp;
    boolean ended;
    private boolean byeSent;
    private Consumer<ReferEvent> referral;
    private ReInvite pendingReInvite;
    private final Map<Long, OkRetransmission> unackedOks = new HashMap<>();

    SipSession(UserAgent ua, String callId, Consumer<CallEvent> listener, AuthSession auth, byte[] localSdp) {
        this.ua = ua;
        this.callId = callId;
        this.listener = listener;
        this.auth = auth;
        this.localSdp = localSdp;
    }

    /** The Call-ID of the dialog. */
    public String callId() {
        return callId;
    }

    /** Ends the call: BYE once it is up, otherwise what the side can do (CANCEL, or a rejection). */
    public abstract void hangup();

    /**
     * Sends a re-INVITE with a new offer (RFC 3261 §14.1). A 491 is retried
     * after the random wait of §14.1. The final response (null when none came)
     * is handed to {@code onFinal} on the scheduler thread.
     */
    public void reinvite(byte[] offer, Consumer<SIPResponse> onFinal) {
        onCore(() -> sendReInvite(new ReInvite(offer, onFinal)));
    }

    /** Runs at once when already on the core thread (a listener reacting to an event), else queues. */
    final void onCore(Runnable action) {
        if (ua.scheduler().inThread()) {
            action.run();
        } else {
            ua.scheduler().execute(action);
        }
    }

    /** Where in-dialog requests go when the next hop is a host name: the trunk, or the caller's flow. */
    abstract Endpoint peer();

    /** Our Contact for this session's transport. */
    final Address contact() {
        return ua.requests().contact(peer());
    }

    final Endpoint hopFor(Dialog d, SIPRequest request) {
        return Hops.endpointFor(Dialog.nextHop(request), peer());
    }

    /** A request inside this session's dialog (RFC 3261 §12.2.2). */
    void onInDialogRequest(ServerTransaction tx, SIPRequest request) {
        if (!dialog.acceptRemoteRequest(request)) {
            tx.respond(ua.requests().response(request, 500, "Server Internal Error (CSeq out of order)"));
            return;
        }
        switch (request.getMethod()) {
            case Request.BYE -> {
                tx.respond(ua.requests().response(request, 200, "OK"));
                finishDialog(dialog);
                end(new CallEvent.Ended(CallEvent.EndCause.REMOTE_BYE, request, null, null));
            }
            case Request.INVITE, Request.UPDATE -> onRemoteOffer(tx, request);
            case Request.NOTIFY -> onNotify(tx, request);
            default -> ua.dispatchInDialog(tx, request, this);
        }
    }

    /** The ACK for a 2xx we sent (RFC 3261 §13.3.1.4). */
    void onAck(SIPRequest ack) {
        OkRetransmission pending = unackedOks.remove(ack.getCSeq().getSeqNumber());
        if (pending != null) {
            pending.stop();
        }
    }

    /** Sends a 2xx to an INVITE through its transaction and keeps resending it until the ACK. */
    final void sendOkForInvite(ServerTransaction tx, SIPResponse ok, Runnable onNoAck) {
        tx.respond(ok);
        OkRetransmission retransmission = new OkRetransmission(ua, ok, tx.responseDestination(), onNoAck);
        unackedOks.put(retransmission.cseq(), retransmission);
        retransmission.start();
    }

    final boolean awaitingAck() {
        return !unackedOks.isEmpty();
    }

    private void onRemoteOffer(ServerTransaction tx, SIPRequest request) {
        boolean invite = Request.INVITE.equals(request.getMethod());
        if (invite && pendingReInvite != null) {
            // RFC 3261 §14.2: an INVITE while ours is pending is glare.
            tx.respond(ua.requests().response(request, 491, "Request Pending"));
            return;
        }
        byte[] offer = request.getRawContent();
        byte[] answer;
        if (offer == null || offer.length == 0) {
            answer = localSdp; // RFC 3261 §14.2: no offer in the request, so the 2xx carries ours
        } else {
            answer = ua.offerAnswer().answer(callId, offer).orElse(null);
            if (answer == null) {
                tx.respond(ua.requests().response(request, 488, "Not Acceptable Here"));
                return;
            }
            localSdp = answer;
        }
        SIPResponse ok = ua.requests().okWithSdp(request, answer, contact());
        if (invite) {
            sendOkForInvite(tx, ok, () -> log.info("call {}: no ACK for our 200 to a re-INVITE", callId));
        } else {
            tx.respond(ok);
        }
    }

    private void sendReInvite(ReInvite r) {
        if (dialog == null || dialog.state() != DialogState.CONFIRMED || pendingReInvite != null || ended) {
            r.onFinal().accept(null);
            return;
        }
        pendingReInvite = r;
        SIPRequest request = ua.requests().withVia(dialog.createRequest(Request.INVITE), peer());
        ua.requests().setSdp(request, r.offer());
        sendWithAuth(dialog, request, new ClientTransactionUser() {
            @Override
            public void onResponse(ClientTransaction tx, SIPResponse response) {
                int status = response.getStatusCode();
                if (status < 200) {
                    return;
                }
                if (status < 300) {
                    // RFC 3261 §13.2.2.4: each 2xx, retransmissions included, gets an ACK.
                    SIPRequest reAck = ua.requests().withVia(dialog.createAck(tx.request()), peer());
                    ua.sendStateless(reAck, hopFor(dialog, reAck));
                    if (pendingReInvite != r) {
                        return;
                    }
                    dialog.onTargetRefreshResponse(response);
                    localSdp = r.offer();
                }
                pendingReInvite = null;
                if (status == 491) {
                    // RFC 3261 §14.1: the Call-ID owner waits 2.1-4 s, the other side 0-2 s, in 10 ms units.
                    boolean owner = dialog.role() == Dialog.Role.UAC;
                    int units = owner ? ThreadLocalRandom.current().nextInt(210, 401)
                            : ThreadLocalRandom.current().nextInt(0, 201);
                    log.info("call {}: re-INVITE glare (491), retrying in {} ms", callId, units * 10);
                    ua.scheduler().schedule(() -> sendReInvite(r), Duration.ofMillis(units * 10L));
                    return;
                }
                r.onFinal().accept(response);
                if (status == 408 || status == 481) {
                    dialogLost(null);
                }
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                pendingReInvite = null;
                r.onFinal().accept(null);
                dialogLost(failure);
            }
        });
    }

    /**
     * Asks the far end to call {@code referTo} (RFC 3515): sends REFER in this
     * dialog with Refer-To and the given extra headers (Referred-By, RFC 3892;
     * P-Asserted-Identity...), and reports the response and each NOTIFY of the
     * implicit subscription to {@code listener}, on the stack's thread. One
     * referral at a time per call.
     */
    public void refer(String referTo, Map<String, String> headers, Consumer<ReferEvent> listener) {
        onCore(() -> sendRefer(referTo, headers, listener));
    }

    private void sendRefer(String referTo, Map<String, String> headers, Consumer<ReferEvent> listener) {
        if (dialog == null || dialog.state() != DialogState.CONFIRMED || ended || byeSent) {
            listener.accept(new ReferEvent.Failed("the call has no confirmed dialog to send REFER in"));
            return;
        }
        if (referral != null) {
            listener.accept(new ReferEvent.Failed("a referral is already in progress"));
            return;
        }
        SIPRequest refer = ua.requests().withVia(dialog.createRequest(Request.REFER), peer());
        try {
            refer.setHeader(SipFactories.HEADERS.createHeader("Refer-To", "<" + referTo + ">"));
            for (Map.Entry<String, String> h : headers.entrySet()) {
                refer.setHeader(SipFactories.HEADERS.createHeader(h.getKey(), h.getValue()));
            }
        } catch (java.text.ParseException e) {
            listener.accept(new ReferEvent.Failed("bad REFER header: " + e.getMessage()));
            return;
        }
        referral = listener;
        sendWithAuth(dialog, refer, new ClientTransactionUser() {
            @Override
            public void onResponse(ClientTransaction tx, SIPResponse response) {
                int status = response.getStatusCode();
                if (status < 200) {
                    return;
                }
                if (status < 300) {
                    listener.accept(new ReferEvent.Accepted(response));
                    return;
                }
                referral = null;
                listener.accept(new ReferEvent.Refused(response));
                if (status == 408 || status == 481) {
                    dialogLost(null); // RFC 3261 §12.2.1.2
                }
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                referral = null;
                listener.accept(new ReferEvent.Failed(failure.describe()));
            }
        });
    }

    /**
     * The other side of a REFER we accepted: reports the referred call's
     * progress to the referrer (RFC 3515 §2.4.4) in a NOTIFY with
     * {@code Event: refer} and a {@code message/sipfrag} status line; the last
     * one ({@code terminated}) ends the implicit subscription (RFC 6665 §4.2.2).
     */
    public void notifyReferral(int status, String reasonPhrase, boolean terminated) {
        onCore(() -> {
            if (dialog == null || dialog.state() != DialogState.CONFIRMED || ended) {
                return;
            }
            SIPRequest notify = ua.requests().withVia(dialog.createRequest(Request.NOTIFY), peer());
            try {
                notify.setHeader(SipFactories.HEADERS.createEventHeader("refer"));
                javax.sip.header.SubscriptionStateHeader state = SipFactories.HEADERS.createSubscriptionStateHeader(
                        terminated ? "terminated" : "active");
                if (terminated) {
                    state.setReasonCode("noresource");
                } else {
                    state.setExpires(60);
                }
                notify.setHeader(state);
                notify.setContent(("SIP/2.0 " + status + " " + reasonPhrase + "\r\n").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8),
                        SipFactories.HEADERS.createContentTypeHeader("message", "sipfrag"));
            } catch (java.text.ParseException | javax.sip.InvalidArgumentException e) {
                throw new IllegalStateException("could not build NOTIFY", e);
            }
            sendWithAuth(dialog, notify, new ClientTransactionUser() {
                @Override
                public void onResponse(ClientTransaction tx, SIPResponse response) {
                    if (response.getStatusCode() >= 300) {
                        log.info("call {}: NOTIFY answered {}", callId, response.getStatusCode());
                    }
                }

                @Override
                public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                    log.info("call {}: NOTIFY failed: {}", callId, failure.describe());
                }
            });
        });
    }

    /**
     * A NOTIFY in the dialog: the progress of our referral (RFC 3515 §2.4.4),
     * answered 200; any other NOTIFY has no subscription here and gets 481
     * (RFC 6665 §4.1.3).
     */
    private void onNotify(ServerTransaction tx, SIPRequest notify) {
        javax.sip.header.EventHeader event = (javax.sip.header.EventHeader) notify.getHeader("Event");
        Consumer<ReferEvent> listener = referral;
        if (listener == null || event == null || !"refer".equalsIgnoreCase(event.getEventType())) {
            tx.respond(ua.requests().response(notify, 481, "Subscription Does Not Exist"));
            return;
        }
        tx.respond(ua.requests().response(notify, 200, "OK"));
        javax.sip.header.SubscriptionStateHeader state =
                (javax.sip.header.SubscriptionStateHeader) notify.getHeader("Subscription-State");
        boolean terminated = state != null && "terminated".equalsIgnoreCase(state.getState());
        Sipfrag frag = Sipfrag.parse(notify.getRawContent());
        if (terminated) {
            referral = null;
        }
        listener.accept(new ReferEvent.Progress(frag.status(), frag.reasonPhrase(), terminated));
    }

    /** Sends BYE on this session's dialog once; the call ends when it is answered or fails. */
    final void sendBye() {
        if (byeSent || ended || dialog == null) {
            return;
        }
        byeSent = true;
        sendByeOn(dialog, result -> {
            if (result instanceof SIPResponse response) {
                end(new CallEvent.Ended(CallEvent.EndCause.LOCAL_BYE, null, response, null));
            } else {
                end(new CallEvent.Ended(CallEvent.EndCause.LOCAL_BYE, null, null,
                        new CallFailure.NoResponse((TransactionFailure) result, String.valueOf(peer()))));
            }
        });
    }

    /** BYE on a dialog (ours, or a second fork's); {@code onDone} gets the final response or the failure. */
    final void sendByeOn(Dialog d, Consumer<Object> onDone) {
        SIPRequest bye = ua.requests().withVia(d.createRequest(Request.BYE), peer());
        sendWithAuth(d, bye, new ClientTransactionUser() {
            @Override
            public void onResponse(ClientTransaction tx, SIPResponse response) {
                if (response.getStatusCode() >= 200) {
                    finishDialog(d);
                    if (onDone != null) {
                        onDone.accept(response);
                    }
                }
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                finishDialog(d);
                if (onDone != null) {
                    onDone.accept(failure);
                }
            }
        });
    }

    /**
     * Sends an in-dialog request and answers one digest challenge to it (RFC
     * 3261 §22.2, §22.3). Credentials are not sent before a proxy asks: an
     * in-dialog request may go straight to the far end, which has no business
     * seeing the trunk's username. A second challenge reaches {@code user} as
     * the final response.
     */
    private void sendWithAuth(Dialog d, SIPRequest request, ClientTransactionUser user) {
        ua.transactions().sendRequest(request, hopFor(d, request), new ClientTransactionUser() {
            @Override
            public void onResponse(ClientTransaction tx, SIPResponse response) {
                int status = response.getStatusCode();
                if (status == 401 || status == 407) {
                    AuthOutcome outcome = auth.onChallenge(tx.request(), response);
                    if (outcome instanceof AuthOutcome.Retry retry) {
                        SIPRequest authorized = retry.authorized();
                        d.advanceLocalSequence(authorized.getCSeq().getSeqNumber());
                        sendWithAuth(d, authorized, user);
                        return;
                    }
                    log.info("call {}: {} challenged again: {}", callId, request.getMethod(),
                            ((AuthOutcome.Rejected) outcome).reason());
                }
                user.onResponse(tx, response);
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                user.onFailure(tx, failure);
            }
        });
    }

    final void finishDialog(Dialog d) {
        d.terminate();
        ua.unregister(d.id());
        if (d == dialog) {
            unackedOks.values().forEach(OkRetransmission::stop);
            unackedOks.clear();
        }
    }

    final void dialogLost(TransactionFailure failure) {
        // RFC 3261 §12.2.1.2: 481 or 408 to an in-dialog request ends the dialog.
        if (dialog != null) {
            finishDialog(dialog);
        }
        end(new CallEvent.Ended(CallEvent.EndCause.DIALOG_LOST, null, null,
                failure == null ? null : new CallFailure.NoResponse(failure, String.valueOf(peer()))));
    }

    final void end(CallEvent.Ended event) {
        if (ended) {
            return;
        }
        ended = true;
        ua.forget(this); // before the listener runs, so it sees the UA without this call
        emit(event);
    }

    /** Logs the event (one INFO line per call event, with the Call-ID) and hands it to the listener. */
    final void emit(CallEvent event) {
        if (log.isInfoEnabled()) {
            log.info("call {}: {}", callId, CallEvents.summary(event));
        }
        listener.accept(event);
        if (ended && releaseListenerAfterLastEvent()) {
            // The session stays reachable for 64*T1 after it ends (Timer M keeps the INVITE
            // transaction, which keeps its TU, to ACK 2xx retransmissions: RFC 6026 §7.2), but
            // the application's listener, and whatever it holds per call, is never called again.
            listener = ignored -> { };
        }
    }

    /**
     * True when no event can follow the one that ended the session, so the
     * listener may be let go once that event was delivered.
     */
    abstract boolean releaseListenerAfterLastEvent();

    /** A re-INVITE we want to send, kept for the §14.1 retry after 491. */
    private record ReInvite(byte[] offer, Consumer<SIPResponse> onFinal) { }
}
