package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transaction.TransactionEvent.Ack;
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

import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * INVITE server transaction: RFC 3261 Figure 7 (§17.2.1) as amended by RFC
 * 6026 §7.1 (Figure 4 there), with its Accepted state.
 *
 * <p>Sends 100 Trying itself when the TU is silent for 200 ms. A 2xx from the
 * TU moves to Accepted: the TU retransmits the 2xx through {@link #respond},
 * INVITE retransmissions are absorbed and ACKs that match go to the TU, until
 * Timer L. A 300-699 moves to Completed: Timer G retransmits it (unreliable
 * only) until the ACK (then Confirmed, Timer I) or Timer H (a timeout for the TU).
 */
public final class ServerInviteTransaction extends BaseTransaction implements ServerTransaction {

    /** RFC 3261 Figure 7 states plus RFC 6026 Accepted. */
    public enum State { PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED }

    private static final Logger log = LoggerFactory.getLogger(ServerInviteTransaction.class);

    private final SIPRequest request;
    private final Flow flow;
    private final Endpoint responseDestination;
    private final String branch;
    private final BiConsumer<SIPRequest, Flow> ackForTu;
    private ServerTransactionUser user;
    private State state = State.PROCEEDING;
    private SIPResponse lastProvisional;
    private SIPResponse finalResponse;
    private Duration timerGInterval;

    /**
     * @param ackForTu where an ACK matching this transaction in Accepted goes
     *                 (RFC 6026 §7.1: passed to the TU)
     */
    ServerInviteTransaction(TransactionContext context, SIPRequest request, Flow flow, Endpoint responseDestination,
                            BiConsumer<SIPRequest, Flow> ackForTu, Consumer<BaseTransaction> onTerminated) {
        super(context, onTerminated);
        this.request = Objects.requireNonNull(request, "request");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.responseDestination = Objects.requireNonNull(responseDestination, "responseDestination");
        this.ackForTu = Objects.requireNonNull(ackForTu, "ackForTu");
        this.branch = request.getTopmostVia().getBranch();
        this.user = (tx, failure) -> log.debug("INVITE server transaction {} failed: {}", branch, failure.describe());
    }

    /** §17.2.1: the server answers 100 Trying itself unless the TU responds within 200 ms. */
    void start() {
        startTimer(TimerName.TRYING_100, settings().trying100());
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
            case PROCEEDING -> handleProceeding(event);
            case COMPLETED -> handleCompleted(event);
            case CONFIRMED -> handleConfirmed(event);
            case ACCEPTED -> handleAccepted(event);
            case TERMINATED -> log.trace("{} terminated, ignoring {}", branch, event);
        }
    }

    private void handleProceeding(TransactionEvent event) {
        if (event instanceof TimerFired fired && fired.timer() == TimerName.TRYING_100) {
            if (lastProvisional == null) {
                lastProvisional = request.createResponse(100);
                send(lastProvisional, responseDestination);
            }
        } else if (event instanceof RequestRetransmission) {
            // §17.2.1: re-send the most recent provisional; with none yet there is nothing to say.
            if (lastProvisional != null) {
                send(lastProvisional, responseDestination);
            }
        } else if (event instanceof Provisional provisional) {
            cancelTimer(TimerName.TRYING_100);
            lastProvisional = provisional.response();
            send(lastProvisional, responseDestination);
        } else if (event instanceof Success success) {
            cancelTimer(TimerName.TRYING_100);
            send(success.response(), responseDestination);
            state = State.ACCEPTED;
            // RFC 6026 §7.1: Timer L keeps the transaction to absorb INVITE retransmissions.
            startTimer(TimerName.L, context.timeout64());
        } else if (event instanceof Rejection rejection) {
            cancelTimer(TimerName.TRYING_100);
            finalResponse = rejection.response();
            send(finalResponse, responseDestination);
            state = State.COMPLETED;
            if (!flow.transport().reliable()) {
                timerGInterval = settings().t1();
                startTimer(TimerName.G, timerGInterval);
            }
            startTimer(TimerName.H, context.timeout64());
        } else if (event instanceof TransportError error) {
            terminate(new TransactionFailure.TransportFailure(error.cause()));
        }
    }

    private void handleCompleted(TransactionEvent event) {
        if (event instanceof TimerFired fired && fired.timer() == TimerName.G) {
            send(finalResponse, responseDestination);
            timerGInterval = min(timerGInterval.multipliedBy(2), settings().t2());
            startTimer(TimerName.G, timerGInterval);
        } else if (event instanceof TimerFired fired && fired.timer() == TimerName.H) {
            // §17.2.1: the ACK never came; the TU hears of it as a transaction failure.
            terminate(new TransactionFailure.Timeout("H"));
        } else if (event instanceof RequestRetransmission) {
            send(finalResponse, responseDestination);
        } else if (event instanceof Ack) {
            cancelTimer(TimerName.G);
            cancelTimer(TimerName.H);
            state = State.CONFIRMED;
            // §17.2.1: Timer I absorbs ACK retransmissions, T4 on UDP and zero on reliable transports.
            if (flow.transport().reliable()) {
                terminate(null);
            } else {
                startTimer(TimerName.I, settings().t4());
            }
        } else if (event instanceof TransportError error) {
            terminate(new TransactionFailure.TransportFailure(error.cause()));
        } else {
            log.debug("INVITE server transaction {} completed, discarding {}", branch, event);
        }
    }

    private void handleConfirmed(TransactionEvent event) {
        if (event instanceof TimerFired fired && fired.timer() == TimerName.I) {
            terminate(null);
        }
        // ACK and INVITE retransmissions are absorbed (§17.2.1).
    }

    private void handleAccepted(TransactionEvent event) {
        if (event instanceof Success success) {
            // RFC 6026 §7.1: the TU retransmits the 2xx; the transaction only carries it.
            send(success.response(), responseDestination);
        } else if (event instanceof Ack ack) {
            ackForTu.accept(ack.ack(), ack.flow());
        } else if (event instanceof TimerFired fired && fired.timer() == TimerName.L) {
            terminate(null);
        } else if (event instanceof TransportError error) {
            terminate(new TransactionFailure.TransportFailure(error.cause()));
        }
        // INVITE retransmissions are absorbed; a non-2xx after a 2xx is not allowed (RFC 6026 §7.1).
    }

    private void terminate(TransactionFailure failure) {
        if (state == State.TERMINATED) {
            return;
        }
        log.debug("INVITE server transaction {} {} -> TERMINATED{}", branch, state,
                failure == null ? "" : " (" + failure.describe() + ")");
        state = State.TERMINATED;
        released();
        if (failure != null) {
            user.onFailure(this, failure);
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
        return "ServerInviteTransaction[" + branch + " " + state + " from " + flow.remote() + "]";
    }
}
