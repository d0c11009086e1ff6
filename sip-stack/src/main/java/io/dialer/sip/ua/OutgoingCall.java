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
import io.dialer.sip.transaction.TransactionFailure;
import io.dialer.sip.transport.Endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UAC core's view of one outbound INVITE and the dialog it creates
 * (RFC 3261 §13.2): failover across the trunk's targets (RFC 3263 §4.3),
 * digest retries (§22), ACK for every 2xx (§13.2.2.4), CANCEL (§9.1) and,
 * through {@link SipSession}, BYE and in-dialog requests.
 *
 * <p>Events arrive in the order of {@link CallEvent}: provisionals, then one of
 * Answered, Rejected or Failed, and after Answered one Ended.
 */
public final class OutgoingCall extends SipSession {

    private static final Logger log = LoggerFactory.getLogger(OutgoingCall.class);

    private final InviteRequest spec;
    private final String localTag;
    private final List<String> tried = new ArrayList<>();

    private List<Endpoint> targets = List.of();
    private int targetIndex = -1;
    private Endpoint target;
    private SIPRequest invite;
    private ClientTransaction inviteTx;
    private boolean provisionalFromTarget;
    private boolean cancelRequested;
    private boolean settled;
    private SIPRequest ack;
    private Endpoint ackHop;

    OutgoingCall(UserAgent ua, InviteRequest spec, Consumer<CallEvent> listener, String callId, String localTag,
                 AuthSession auth) {
        super(ua, callId, listener, auth, spec.sdp());
        this.spec = spec;
        this.localTag = localTag;
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
    @Override
    public void hangup() {
        onCore(() -> {
            if (dialog != null && dialog.state() == DialogState.CONFIRMED) {
                sendBye();
            } else {
                doCancel();
            }
        });
    }

    @Override
    Endpoint peer() {
        return target;
    }

    /**
     * Every event after the first final outcome is guarded: Provisional by
     * {@code settled}, the outcome by {@code settled}, Ended by {@code ended}.
     */
    @Override
    boolean releaseListenerAfterLastEvent() {
        return true;
    }

    /**
     * The trunk endpoint the INVITE went to last (after failover, the one that
     * answered or failed), null before the first was sent. Read it on the
     * stack's scheduler thread, e.g. from the event listener.
     */
    public Endpoint currentTarget() {
        return target;
    }

    // ---- scheduler thread from here on ----

    void start(List<Endpoint> endpoints) {
        targets = List.copyOf(ua.targetHealth().order(endpoints));
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
        long cseq = invite == null ? 1 : invite.getCSeq().getSeqNumber() + 1;
        sendInvite(ua.requests().invite(spec, target, callId, localTag, cseq));
    }

    private boolean hasNextTarget() {
        return targetIndex + 1 < targets.size();
    }

    private void sendInvite(SIPRequest request) {
        invite = request;
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
        if (status != 503 || provisionalFromTarget) {
            ua.targetHealth().responded(target);
        }
        if (status < 200) {
            provisionalFromTarget = true;
            if (!settled) {
                emit(new CallEvent.Provisional(response));
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
            ua.targetHealth().failed(target);
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
        if (!provisionalFromTarget) {
            ua.targetHealth().failed(target);
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
            Dialog fork = Dialog.forUac(sentInvite, response, contact());
            SIPRequest forkAck = ua.requests().withVia(fork.createAck(sentInvite), target);
            ua.sendStateless(forkAck, hopFor(fork, forkAck));
            sendByeOn(fork, null);
            return;
        }
        if (remoteTag == null) {
            log.warn("call {}: 2xx without a To tag, cannot form a dialog; ignored", callId);
            return;
        }
        dialog = Dialog.forUac(sentInvite, response, contact());
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

    private void doCancel() {
        if (settled || cancelRequested) {
            return;
        }
        cancelRequested = true;
        if (inviteTx instanceof ClientInviteTransaction tx) {
            boolean accepted = ua.transactions().cancel(tx, cancelUser);
            log.info("call {}: cancel requested ({})", callId,
                    accepted ? "CANCEL sent or waiting for a provisional" : "final response already received");
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

    private void settle(CallEvent event) {
        if (settled) {
            return;
        }
        settled = true;
        if (!(event instanceof CallEvent.Answered)) {
            ended = true;
            ua.forget(this);
        }
        emit(event);
    }
}
