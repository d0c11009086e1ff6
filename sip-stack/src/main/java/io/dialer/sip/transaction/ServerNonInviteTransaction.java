package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transaction.TransactionEvent.Provisional;
import io.dialer.sip.transaction.TransactionEvent.Rejection;
import io.dialer.sip.transaction.TransactionEvent.RequestRetransmission;
import io.dialer.sip.transaction.TransactionEvent.Success;
import io.dialer.sip.transaction.TransactionEvent.TimerFired;
import io.dialer.sip.transaction.TransactionEvent.TransportError;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Non-INVITE server transaction: RFC 3261 Figure 8 (§17.2.2).
 *
 * <p>Request retransmissions are absorbed in Trying and answered with the last
 * response afterwards; Timer J (64*T1 on UDP, 0 on reliable transports) keeps
 * the final response for retransmitted requests.
 */
public final class ServerNonInviteTransaction extends BaseTransaction implements ServerTransaction {

    /** RFC 3261 Figure 8 states. */
    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private static final Logger log = LoggerFactory.getLogger(ServerNonInviteTransaction.class);

    private final SIPRequest request;
    private final Flow flow;
    private final Endpoint responseDestination;
    private final String branch;
    private ServerTransactionUser user;
    private State state = State.TRYING;
    private SIPResponse lastResponse;

    ServerNonInviteTransaction(TransactionContext context, SIPRequest request, Flow flow, Endpoint responseDestination,
                               Consumer<BaseTransaction> onTerminated) {
        super(context, onTerminated);
        this.request = Objects.requireNonNull(request, "request");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.responseDestination = Objects.requireNonNull(responseDestination, "responseDestination");
        this.branch = request.getTopmostVia().getBranch();
        this.user = (tx, failure) -> log.debug("{} server transaction {} failed: {}",
                request.getMethod(), branch, failure.describe());
    }

    @Override
    public void respond(SIPResponse response) {
        Objects.requireNonNull(response, "response");
        if (!context.scheduler().inThread()) {
            context.scheduler().execute(() -> respond(response));
            return;
        }
        handle(TransactionEvent.ofResponse(response));
    }

    @Override
    void handle(TransactionEvent event) {
        switch (state) {
            case TRYING -> handleTrying(event);
            case PROCEEDING -> handleProceeding(event);
            case COMPLETED -> handleCompleted(event);
            case TERMINATED -> log.trace("{} terminated, ignoring {}", branch, event);
        }
    }

    private void handleTrying(TransactionEvent event) {
        if (event instanceof RequestRetransmission) {
            // §17.2.2: nothing to re-send yet; the retransmission is discarded.
            return;
        }
        if (event instanceof Provisional provisional) {
            lastResponse = provisional.response();
            send(lastResponse, responseDestination);
            state = State.PROCEEDING;
        } else {
            handleFinalOrError(event);
        }
    }

    private void handleProceeding(TransactionEvent event) {
        if (event instanceof RequestRetransmission) {
            send(lastResponse, responseDestination);
        } else if (event instanceof Provisional provisional) {
            lastResponse = provisional.response();
            send(lastResponse, responseDestination);
        } else {
            handleFinalOrError(event);
        }
    }

    private void handleFinalOrError(TransactionEvent event) {
        if (event instanceof Success success) {
            enterCompleted(success.response());
        } else if (event instanceof Rejection rejection) {
            enterCompleted(rejection.response());
        } else if (event instanceof TransportError error) {
            terminate(new TransactionFailure.TransportFailure(error.cause()));
        }
    }

    private void enterCompleted(SIPResponse response) {
        lastResponse = response;
        send(lastResponse, responseDestination);
        state = State.COMPLETED;
        // §17.2.2: Timer J is 64*T1 for unreliable transports and zero for reliable ones.
        if (flow.transport().reliable()) {
            terminate(null);
        } else {
            startTimer(TimerName.J, context.timeout64());
        }
    }

    private void handleCompleted(TransactionEvent event) {
        if (event instanceof RequestRetransmission) {
            send(lastResponse, responseDestination);
        } else if (event instanceof TimerFired fired && fired.timer() == TimerName.J) {
            terminate(null);
        } else if (event instanceof TransportError error) {
            terminate(new TransactionFailure.TransportFailure(error.cause()));
        } else {
            // §17.2.2: further responses from the TU are discarded.
            log.debug("{} server transaction {} completed, discarding {}", request.getMethod(), branch, event);
        }
    }

    private void terminate(TransactionFailure failure) {
        if (state == State.TERMINATED) {
            return;
        }
        log.debug("{} server transaction {} {} -> TERMINATED{}", request.getMethod(), branch, state,
                failure == null ? "" : " (" + failure.describe() + ")");
        state = State.TERMINATED;
        released();
        if (failure != null) {
            user.onFailure(this, failure);
        }
    }

    /** The current state. */
    public State state() {
        return state;
    }

    @Override
    public void setUser(ServerTransactionUser user) {
        this.user = Objects.requireNonNull(user, "user");
    }

    @Override
    public SIPRequest request() {
        return request;
    }

    @Override
    public Flow flow() {
        return flow;
    }

    @Override
    public Endpoint responseDestination() {
        return responseDestination;
    }

    @Override
    public String branch() {
        return branch;
    }

    @Override
    public boolean isTerminated() {
        return state == State.TERMINATED;
    }

    @Override
    public String toString() {
        return "ServerNonInviteTransaction[" + request.getMethod() + " " + branch + " " + state
                + " from " + flow.remote() + "]";
    }
}
