package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transaction.TransactionEvent.Provisional;
import io.dialer.sip.transaction.TransactionEvent.Rejection;
import io.dialer.sip.transaction.TransactionEvent.Success;
import io.dialer.sip.transaction.TransactionEvent.TimerFired;
import io.dialer.sip.transaction.TransactionEvent.TransportError;
import io.dialer.sip.transport.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * INVITE client transaction: RFC 3261 Figure 5 (§17.1.1) as amended by RFC
 * 6026 §7.2 (Figure 5 there), with its Accepted state.
 *
 * <p>Timer A retransmits the INVITE at T1, 2T1, 4T1… on unreliable transports
 * only; Timer B gives up after 64*T1 in Calling. A non-2xx final moves to
 * Completed, where this transaction sends the ACK itself and re-sends it for
 * each retransmitted final until Timer D. A 2xx moves to Accepted, where every
 * 2xx (retransmissions and other forks) goes to the TU, which sends the ACK
 * (§13.2.2.4), until Timer M.
 */
public final class ClientInviteTransaction extends BaseTransaction implements ClientTransaction {

    /** RFC 3261 Figure 5 states plus RFC 6026 Accepted. */
    public enum State { CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

    /** Timer D: "at least 32 seconds" for unreliable transports (§17.1.1.2), independent of T1. */
    static final Duration TIMER_D = Duration.ofSeconds(32);

    private static final Logger log = LoggerFactory.getLogger(ClientInviteTransaction.class);

    private final SIPRequest request;
    private final Endpoint destination;
    private final ClientTransactionUser tu;
    private final String branch;
    private State state = State.CALLING;
    private Duration timerAInterval;
    private SIPRequest ack;
    private boolean cancelRequested;
    private Runnable pendingCancel;

    ClientInviteTransaction(TransactionContext context, SIPRequest request, Endpoint destination,
                            ClientTransactionUser tu, Consumer<BaseTransaction> onTerminated) {
        super(context, onTerminated);
        this.request = Objects.requireNonNull(request, "request");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.tu = Objects.requireNonNull(tu, "tu");
        this.branch = request.getTopmostVia().getBranch();
    }

    /** Sends the INVITE and starts Timers A (unreliable only) and B (§17.1.1.2). */
    void start() {
        send(request, destination);
        if (!destination.transport().reliable()) {
            timerAInterval = settings().t1();
            startTimer(TimerName.A, timerAInterval);
        }
        startTimer(TimerName.B, context.timeout64());
    }

    @Override
    void handle(TransactionEvent event) {
        switch (state) {
            case CALLING -> handleCalling(event);
            case PROCEEDING -> handleProceeding(event);
            case COMPLETED -> handleCompleted(event);
            case ACCEPTED -> handleAccepted(event);
            case TERMINATED -> log.trace("{} terminated, ignoring {}", branch, event);
        }
    }

    private void handleCalling(TransactionEvent event) {
        if (event instanceof TimerFired fired && fired.timer() == TimerName.A) {
            send(request, destination);
            timerAInterval = timerAInterval.multipliedBy(2);
            startTimer(TimerName.A, timerAInterval);
        } else if (event instanceof TimerFired fired && fired.timer() == TimerName.B) {
            terminate(new TransactionFailure.Timeout("B"));
        } else if (event instanceof Provisional provisional) {
            // §17.1.1.2: no more retransmissions once the server is known to be working on it,
            // and Timer B only guards the Calling state.
            cancelTimer(TimerName.A);
            cancelTimer(TimerName.B);
            state = State.PROCEEDING;
            tu.onResponse(this, provisional.response());
            Runnable cancel = pendingCancel;
            pendingCancel = null;
            if (cancel != null && state == State.PROCEEDING) {
                cancel.run();
            }
        } else {
            handleFinalOrError(event);
        }
    }

    private void handleProceeding(TransactionEvent event) {
        if (event instanceof Provisional provisional) {
            tu.onResponse(this, provisional.response());
        } else if (event instanceof TimerFired fired && fired.timer() == TimerName.CANCEL_GUARD) {
            terminate(new TransactionFailure.Timeout(TimerName.CANCEL_GUARD.name()));
        } else {
            handleFinalOrError(event);
        }
    }

    /** The transitions Calling and Proceeding share (Figure 5). */
    private void handleFinalOrError(TransactionEvent event) {
        if (event instanceof Success success) {
            enterAccepted(success.response());
        } else if (event instanceof Rejection rejection) {
            enterCompleted(rejection.response());
        } else if (event instanceof TransportError error) {
            terminate(new TransactionFailure.TransportFailure(error.cause()));
        }
    }

    /** RFC 6026 §7.2: the TU sends the ACK for 2xx; Timer M absorbs the 2xx retransmissions and forks. */
    private void enterAccepted(SIPResponse response) {
        cancelTimer(TimerName.A);
        cancelTimer(TimerName.B);
        cancelTimer(TimerName.CANCEL_GUARD);
        pendingCancel = null;
        state = State.ACCEPTED;
        startTimer(TimerName.M, context.timeout64());
        tu.onResponse(this, response);
    }

    /** §17.1.1.2: ACK the non-2xx final and wait Timer D for its retransmissions (0 on reliable transports). */
    private void enterCompleted(SIPResponse response) {
        cancelTimer(TimerName.A);
        cancelTimer(TimerName.B);
        cancelTimer(TimerName.CANCEL_GUARD);
        pendingCancel = null;
        state = State.COMPLETED;
        ack = TransactionRequests.ackFor(request, response);
        send(ack, destination);
        tu.onResponse(this, response);
        if (state != State.COMPLETED) {
            return;
        }
        if (destination.transport().reliable()) {
            terminate(null);
        } else {
            startTimer(TimerName.D, TIMER_D);
        }
    }

    private void handleCompleted(TransactionEvent event) {
        if (event instanceof Rejection) {
            // §17.1.1.2: a retransmitted final means our ACK was lost; it is not passed to the TU.
            send(ack, destination);
        } else if (event instanceof TimerFired fired && fired.timer() == TimerName.D) {
            terminate(null);
        } else if (event instanceof TransportError error) {
            terminate(new TransactionFailure.TransportFailure(error.cause()));
        }
    }

    private void handleAccepted(TransactionEvent event) {
        if (event instanceof Success success) {
            // RFC 6026 §7.2: retransmissions and 2xx from other forks go to the TU, which ACKs them.
            tu.onResponse(this, success.response());
        } else if (event instanceof TimerFired fired && fired.timer() == TimerName.M) {
            terminate(null);
        }
        // 1xx and non-2xx finals after a 2xx are ignored (RFC 6026 §7.2).
    }

    private void terminate(TransactionFailure failure) {
        if (state == State.TERMINATED) {
            return;
        }
        log.debug("INVITE client transaction {} {} -> TERMINATED{}", branch, state,
                failure == null ? "" : " (" + failure.describe() + ")");
        state = State.TERMINATED;
        pendingCancel = null;
        released();
        if (failure != null) {
            tu.onFailure(this, failure);
        }
    }

    /**
     * RFC 3261 §9.1: a CANCEL may only be sent once a provisional response has
     * arrived, and not after a final one. Runs {@code sendCancel} now in
     * Proceeding, or keeps it until the first provisional in Calling (dropped if
     * the transaction ends first).
     *
     * @return false when a final response was already received, the
     *         transaction is gone, or a CANCEL was already requested
     */
    boolean requestCancel(Runnable sendCancel) {
        if (cancelRequested || (state != State.CALLING && state != State.PROCEEDING)) {
            return false;
        }
        cancelRequested = true;
        if (state == State.PROCEEDING) {
            sendCancel.run();
        } else {
            pendingCancel = sendCancel;
        }
        return true;
    }

    /**
     * The CANCEL went out: RFC 3261 §9.1 says to give up on the INVITE if no
     * final response follows within 64*T1.
     */
    void cancelSent() {
        if (state == State.PROCEEDING) {
            startTimer(TimerName.CANCEL_GUARD, context.timeout64());
        }
    }

    /** The current state. */
    public State state() {
        return state;
    }

    @Override
    public SIPRequest request() {
        return request;
    }

    @Override
    public Endpoint destination() {
        return destination;
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
        return "ClientInviteTransaction[" + branch + " " + state + " -> " + destination + "]";
    }
}
