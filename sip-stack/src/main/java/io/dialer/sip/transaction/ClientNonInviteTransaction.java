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
 * Non-INVITE client transaction: RFC 3261 Figure 6 (§17.1.2).
 *
 * <p>Timer E retransmits at T1, doubling up to T2 in Trying and every T2 in
 * Proceeding, on unreliable transports only; Timer F gives up after 64*T1;
 * Timer K (T4 on UDP, 0 on reliable transports) absorbs retransmitted finals.
 */
public final class ClientNonInviteTransaction extends BaseTransaction implements ClientTransaction {

    /** RFC 3261 Figure 6 states. */
    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private static final Logger log = LoggerFactory.getLogger(ClientNonInviteTransaction.class);

    private final SIPRequest request;
    private final Endpoint destination;
    private final ClientTransactionUser tu;
    private final String branch;
    private State state = State.TRYING;
    private Duration timerEInterval;

    ClientNonInviteTransaction(TransactionContext context, SIPRequest request, Endpoint destination,
                               ClientTransactionUser tu, Consumer<BaseTransaction> onTerminated) {
        super(context, onTerminated);
        this.request = Objects.requireNonNull(request, "request");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.tu = Objects.requireNonNull(tu, "tu");
        this.branch = request.getTopmostVia().getBranch();
    }

    /** Sends the request and starts Timers E (unreliable only) and F (§17.1.2.2). */
    void start() {
        send(request, destination);
        if (!destination.transport().reliable()) {
            timerEInterval = settings().t1();
            startTimer(TimerName.E, timerEInterval);
        }
        startTimer(TimerName.F, context.timeout64());
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
        if (event instanceof TimerFired fired && fired.timer() == TimerName.E) {
            send(request, destination);
            timerEInterval = min(timerEInterval.multipliedBy(2), settings().t2());
            startTimer(TimerName.E, timerEInterval);
        } else if (event instanceof Provisional provisional) {
            state = State.PROCEEDING;
            tu.onResponse(this, provisional.response());
        } else {
            handleCommon(event);
        }
    }

    private void handleProceeding(TransactionEvent event) {
        if (event instanceof TimerFired fired && fired.timer() == TimerName.E) {
            // §17.1.2.2: in Proceeding the request is retransmitted every T2.
            send(request, destination);
            timerEInterval = settings().t2();
            startTimer(TimerName.E, timerEInterval);
        } else if (event instanceof Provisional provisional) {
            tu.onResponse(this, provisional.response());
        } else {
            handleCommon(event);
        }
    }

    /** The transitions Trying and Proceeding share (Figure 6). */
    private void handleCommon(TransactionEvent event) {
        if (event instanceof TimerFired fired && fired.timer() == TimerName.F) {
            terminate(new TransactionFailure.Timeout("F"));
        } else if (event instanceof Success success) {
            enterCompleted(success.response());
        } else if (event instanceof Rejection rejection) {
            enterCompleted(rejection.response());
        } else if (event instanceof TransportError error) {
            terminate(new TransactionFailure.TransportFailure(error.cause()));
        }
    }

    private void enterCompleted(SIPResponse response) {
        cancelTimer(TimerName.E);
        cancelTimer(TimerName.F);
        state = State.COMPLETED;
        tu.onResponse(this, response);
        if (state != State.COMPLETED) {
            return;
        }
        // §17.1.2.2: Timer K is T4 for unreliable transports and zero for reliable ones.
        if (destination.transport().reliable()) {
            terminate(null);
        } else {
            startTimer(TimerName.K, settings().t4());
        }
    }

    private void handleCompleted(TransactionEvent event) {
        if (event instanceof TimerFired fired && fired.timer() == TimerName.K) {
            terminate(null);
        }
        // Retransmitted responses are absorbed (§17.1.2.2).
    }

    private void terminate(TransactionFailure failure) {
        if (state == State.TERMINATED) {
            return;
        }
        log.debug("{} client transaction {} {} -> TERMINATED{}", request.getMethod(), branch, state,
                failure == null ? "" : " (" + failure.describe() + ")");
        state = State.TERMINATED;
        released();
        if (failure != null) {
            tu.onFailure(this, failure);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
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
        return "ClientNonInviteTransaction[" + request.getMethod() + " " + branch + " " + state + " -> " + destination + "]";
    }
}
