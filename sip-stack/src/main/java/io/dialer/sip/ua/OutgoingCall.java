package io.dialer.sip.ua;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.auth.AuthOutcome;
import io.dialer.sip.auth.AuthSession;
import io.dialer.sip.dialog.Dialog;
import io.dialer.sip.dialog.DialogState;
import io.dialer.sip.transaction.ClientInviteTransaction;
import io.dialer.sip.transaction.ClientTransaction;
import io.dialer.sip.transaction.ClientTransactionUser;
import io.dialer.sip.transaction.ServerTransaction;
import io.dialer.sip.transaction.TransactionFailure;
import io.dialer.sip.transport.Endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UAC core's view of one outbound INVITE and the dialog it creates
 * (RFC 3261 §13.2): failover across the trunk's targets (RFC 3263 §4.3),
 * digest retries (§22), ACK for every 2xx (§13.2.2.4), CANCEL (§9.1), BYE
 * (§15), and the in-dialog requests the far end sends.
 *
 * <p>The public methods are safe from any thread; all state lives on the
 * stack's scheduler thread.
 */
public final class OutgoingCall {

    private static final Logger log = LoggerFactory.getLogger(OutgoingCall.class);

    private final UserAgent ua;
    private final InviteRequest spec;
    private final Consumer<CallEvent> listener;
    private final String callId;
    private final String localTag;
    private final AuthSession auth;
    private final List<String> tried = new ArrayList<>();

    private List<Endpoint> targets = List.of();
    private int targetIndex = -1;
    private Endpoint target;
    private long cseq;
    private SIPRequest invite;
    private ClientTransaction inviteTx;
    private boolean provisionalFromTarget;
    private boolean cancelRequested;
    private boolean settled;
    private Dialog dialog;
    private SIPRequest ack;
    private Endpoint ackHop;
    private boolean byeSent;
    private boolean ended;
    private byte[] localSdp;
    private ReInvite pendingReInvite;

    OutgoingCall(UserAgent ua, InviteRequest spec, Consumer<CallEvent> listener, String callId, String localTag,
                 AuthSession auth) {
        this.ua = ua;
        this.spec = spec;
        this.listener = listener;
        this.callId = callId;
        this.localTag = localTag;
        this.auth = auth;
        this.localSdp = spec.sdp();
    }

    /** The Call-ID of the INVITE (and of every retry and in-dialog request). */
    public String callId() {
        return callId;
    }

    /**
     * Cancels the INVITE if it has no final response yet. RFC 3261 §9.1: the
     * CANCEL goes out once a provisional response arrived; a 2xx that crosses
     * it is acknowledged and the call is hung up with BYE.
     */
    public void cancel() {
        onCore(this::doCancel);
    }

    /** Ends the call: BYE when answered, CANCEL before that. */
    public void hangup() {
        onCore(() -> {
            if (dialog != null && dialog.state() == DialogState.CONFIRMED) {
                sendBye();
            } else {
                doCancel();
            }
        });
    }

    /**
     * Sends a re-INVITE with a new offer (RFC 3261 §14.1). A 491 is retried
     * after the random wait of §14.1; the result arrives as the response.
     */
    public void reinvite(byte[] offer, Consumer<SIPResponse> onFinal) {
        onCore(() -> sendReInvite(new ReInvite(offer, onFinal)));
    }

    /** Runs at once when already on the core thread (a listener reacting to an event), else queues. */
    private void onCore(Runnable action) {
        if (ua.scheduler().inThread()) {
            action.run();
        } else {
            ua.scheduler().execute(action);
        }
    }

    // ---- scheduler thread from here on ----

    void start(List<Endpoint> endpoints) {
        targets = List.copyOf(endpoints);
        if (cancelRequested) {
            settle(new CallEvent.Failed(new CallFailure.Canceled()));
            return;
        }
        tryNextTarget(null);
    }

    void failResolution(String reason) {
        settle(new CallEvent.Failed(new CallFailure.ResolutionFailed(reason)));
    }

    private void tryNextTarget(TransactionFailure lastFailure) {
        targetIndex++;
        if (targetIndex >= targets.size()) {
            settle(new CallEvent.Failed(new CallFailure.NoResponse(lastFailure, String.join(", ", tried))));
            return;
        }
        target = targets.get(targetIndex);
        tried.add(target.toString());
        provisionalFromTarget = false;
        cseq++;
        sendInvite(ua.requests().invite(spec, target, callId, localTag, cseq));
    }

    private boolean hasNextTarget() {
        return targetIndex + 1 < targets.size();
    }

    private void sendInvite(SIPRequest request) {
        invite = request;
        cseq = request.getCSeq().getSeqNumber();
        inviteTx = ua.transactions().sendRequest(request, target, inviteUser);
    }

    private final ClientTransactionUser inviteUser = new ClientTransactionUser() {
        @Override
        public void onResponse(ClientTransaction tx, SIPResponse response) {
            if (tx != inviteTx && response.getStatusCode() / 100 != 2) {
                return; // a late answer to an INVITE we already replaced (auth retry, failover)
            }
            onInviteResponse(tx, response);
        }

        @Override
        public void onFailure(ClientTransaction tx, TransactionFailure failure) {
            if (tx == inviteTx) {
                onInviteFailure(failure);
            }
        }
    };

    private void onInviteResponse(ClientTransaction tx, SIPResponse response) {
        int status = response.getStatusCode();
        if (status < 200) {
            provisionalFromTarget = true;
            if (!settled) {
                listener.accept(new CallEvent.Provisional(response));
            }
            return;
        }
        if (status < 300) {
            on2xx(tx.request(), response);
            return;
        }
        if (settled) {
            return;
        }
        if ((status == 401 || status == 407) && !cancelRequested) {
            AuthOutcome outcome = auth.onChallenge(invite, response);
            if (outcome instanceof AuthOutcome.Retry retry) {
                log.debug("call {}: answering {} challenge", callId, status);
                sendInvite(retry.authorized());
                return;
            }
            AuthOutcome.Rejected rejected = (AuthOutcome.Rejected) outcome;
            settle(new CallEvent.Failed(new CallFailure.AuthRejected(rejected.reason(), response)));
            return;
        }
        // RFC 3263 §4.3: a 503 before any provisional means this server is out of
        // service; the next target may not be.
        if (status == 503 && !provisionalFromTarget && !cancelRequested && hasNextTarget()) {
            log.info("call {}: {} answered 503, failing over", callId, target);
            tryNextTarget(null);
            return;
        }
        settle(new CallEvent.Rejected(response));
    }

    private void onInviteFailure(TransactionFailure failure) {
        if (settled) {
            return;
        }
        if (!provisionalFromTarget && !cancelRequested && hasNextTarget()) {
            log.info("call {}: {} on {}, failing over", callId, failure.describe(), target);
            tryNextTarget(failure);
            return;
        }
        settle(new CallEvent.Failed(new CallFailure.NoResponse(failure, String.join(", ", tried))));
    }

    /** Also reached for 2xx retransmissions after the INVITE transaction ended (stray responses). */
    void on2xx(SIPRequest answeredInvite, SIPResponse response) {
        SIPRequest sentInvite = answeredInvite != null ? answeredInvite : invite;
        String remoteTag = response.getToTag();
        if (dialog != null) {
            if (dialog.id().remoteTag().equals(remoteTag)) {
                if (ack != null) {
                    ua.sendStateless(ack, ackHop); // RFC 3261 §13.2.2.4: one ACK per 2xx retransmission
                }
                return;
            }
            // RFC 3261 §13.2.2.4: a 2xx from another fork gets its ACK and is then hung up.
            log.info("call {}: 2xx from a second fork (tag {}), acknowledging and hanging it up", callId, remoteTag);
            Dialog fork = Dialog.forUac(sentInvite, response, ua.requests().contact(target));
            ua.sendStateless(ua.requests().withVia(fork.createAck(sentInvite), target), hopFor(fork, sentInvite));
            sendByeOn(fork, null);
            return;
        }
        if (remoteTag == null) {
            log.warn("call {}: 2xx without a To tag, cannot form a dialog; ignored", callId);
            return;
        }
        dialog = Dialog.forUac(sentInvite, response, ua.requests().contact(target));
        ua.register(dialog.id(), this);
        ack = ua.requests().withVia(dialog.createAck(sentInvite), target);
        ackHop = hopFor(dialog, ack);
        ua.sendStateless(ack, ackHop);
        boolean crossedCancel = cancelRequested;
        settle(new CallEvent.Answered(response));
        if (crossedCancel) {
            // RFC 3261 §9.1: the CANCEL came too late; the call is up and must be ended with BYE.
            log.info("call {}: 200 OK crossed our CANCEL; sending BYE", callId);
            sendBye();
        }
    }

    private Endpoint hopFor(Dialog d, SIPRequest request) {
        return Hops.endpointFor(Dialog.nextHop(request), target);
    }

    private void doCancel() {
        if (settled || cancelRequested) {
            return;
        }
        cancelRequested = true;
        if (inviteTx instanceof ClientInviteTransaction tx) {
            boolean sent = ua.transactions().cancel(tx, cancelUser);
            log.info("call {}: cancel requested ({})", callId, sent ? "CANCEL sent or waiting for a provisional"
                    : "final response already received");
        }
    }

    private final ClientTransactionUser cancelUser = new ClientTransactionUser() {
        @Override
        public void onResponse(ClientTransaction tx, SIPResponse response) {
            // RFC 3261 §9.1: the CANCEL's own response says nothing about the INVITE;
            // a 481 means the INVITE had already completed. The INVITE's 487 or 2xx decides.
            log.debug("call {}: CANCEL answered {}", callId, response.getStatusCode());
        }

        @Override
        public void onFailure(ClientTransaction tx, TransactionFailure failure) {
            log.info("call {}: CANCEL got no answer: {}", callId, failure.describe());
        }
    };

    private void sendBye() {
        if (byeSent || ended || dialog == null) {
            return;
        }
        byeSent = true;
        sendByeOn(dialog, this::endLocally);
    }

    private void sendByeOn(Dialog d, Consumer<Object> onDone) {
        SIPRequest bye = ua.requests().withVia(d.createRequest(Request.BYE), target);
        auth.authorize(bye);
        Endpoint hop = hopFor(d, bye);
        ua.transactions().sendRequest(bye, hop, new ClientTransactionUser() {
            @Override
            public void onResponse(ClientTransaction tx, SIPResponse response) {
                if (response.getStatusCode() >= 200) {
                    d.terminate();
                    ua.unregister(d.id());
                    if (onDone != null) {
                        onDone.accept(response);
                    }
                }
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                d.terminate();
                ua.unregister(d.id());
                if (onDone != null) {
                    onDone.accept(failure);
                }
            }
        });
    }

    private void endLocally(Object result) {
        if (result instanceof SIPResponse response) {
            end(new CallEvent.Ended(CallEvent.EndCause.LOCAL_BYE, null, response, null));
        } else {
            end(new CallEvent.Ended(CallEvent.EndCause.LOCAL_BYE, null, null,
                    new CallFailure.NoResponse((TransactionFailure) result, String.valueOf(target))));
        }
    }

    /** A request inside this call's dialog (RFC 3261 §12.2.2). */
    void onInDialogRequest(ServerTransaction tx, SIPRequest request) {
        if (!dialog.acceptRemoteRequest(request)) {
            tx.respond(ua.requests().response(request, 500, "Server Internal Error (CSeq out of order)"));
            return;
        }
        switch (request.getMethod()) {
            case Request.BYE -> {
                tx.respond(ua.requests().response(request, 200, "OK"));
                dialog.terminate();
                ua.unregister(dialog.id());
                end(new CallEvent.Ended(CallEvent.EndCause.REMOTE_BYE, request, null, null));
            }
            case Request.INVITE, Request.UPDATE -> onRemoteOffer(tx, request);
            default -> ua.dispatchInDialog(tx, request, this);
        }
    }

    private void onRemoteOffer(ServerTransaction tx, SIPRequest request) {
        if (Request.INVITE.equals(request.getMethod()) && pendingReInvite != null) {
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
        tx.respond(ua.requests().okWithSdp(request, answer, ua.requests().contact(target)));
    }

    private void sendReInvite(ReInvite r) {
        if (dialog == null || dialog.state() != DialogState.CONFIRMED || pendingReInvite != null) {
            r.onFinal().accept(null);
            return;
        }
        pendingReInvite = r;
        SIPRequest request = ua.requests().withVia(dialog.createRequest(Request.INVITE), target);
        ua.requests().setSdp(request, r.offer());
        auth.authorize(request);
        ua.transactions().sendRequest(request, hopFor(dialog, request), new ClientTransactionUser() {
            @Override
            public void onResponse(ClientTransaction tx, SIPResponse response) {
                int status = response.getStatusCode();
                if (status < 200) {
                    return;
                }
                if (status < 300) {
                    SIPRequest reAck = ua.requests().withVia(dialog.createAck(request), target);
                    ua.sendStateless(reAck, hopFor(dialog, reAck));
                    if (pendingReInvite != r) {
                        return; // retransmitted 2xx
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
                if (status == 408 || status == 481) {
                    dialogLost(null);
                }
                r.onFinal().accept(response);
            }

            @Override
            public void onFailure(ClientTransaction tx, TransactionFailure failure) {
                pendingReInvite = null;
                r.onFinal().accept(null);
                dialogLost(failure);
            }
        });
    }

    private void dialogLost(TransactionFailure failure) {
        // RFC 3261 §12.2.1.2: 481 or 408 to an in-dialog request ends the dialog.
        if (dialog != null) {
            dialog.terminate();
            ua.unregister(dialog.id());
        }
        end(new CallEvent.Ended(CallEvent.EndCause.DIALOG_LOST, null, null,
                failure == null ? null : new CallFailure.NoResponse(failure, String.valueOf(target))));
    }

    private void settle(CallEvent event) {
        if (settled) {
            return;
        }
        settled = true;
        listener.accept(event);
        if (!(event instanceof CallEvent.Answered)) {
            ua.forget(this);
        }
    }

    private void end(CallEvent.Ended event) {
        if (ended) {
            return;
        }
        ended = true;
        listener.accept(event);
        ua.forget(this);
    }

    /** A re-INVITE we want to send, kept for the §14.1 retry after 491. */
    private record ReInvite(byte[] offer, Consumer<SIPResponse> onFinal) { }
}
