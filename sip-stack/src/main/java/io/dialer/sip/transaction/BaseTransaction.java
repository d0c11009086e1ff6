package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPMessage;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.TransportException;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * What the four transaction state machines share: named timers on the
 * stack's {@link Scheduler}, sending with transport errors brought back onto
 * the scheduler thread as events, and telling the layer when the transaction
 * is gone. Everything here runs on the scheduler thread, so there are no locks.
 */
abstract class BaseTransaction {

    final TransactionContext context;
    private final Consumer<BaseTransaction> onTerminated;
    private final Map<TimerName, TimerHandle> timers = new EnumMap<>(TimerName.class);

    BaseTransaction(TransactionContext context, Consumer<BaseTransaction> onTerminated) {
        this.context = context;
        this.onTerminated = onTerminated;
    }

    /** Feeds one input to the state machine; the subclass dispatches on its state. */
    abstract void handle(TransactionEvent event);

    final TimerSettings settings() {
        return context.settings();
    }

    /** (Re)starts a timer; a fired timer becomes a {@link TransactionEvent.TimerFired} event. */
    final void startTimer(TimerName name, Duration delay) {
        cancelTimer(name);
        TimerHandle handle = new TimerHandle();
        timers.put(name, handle);
        handle.cancellable = context.scheduler().schedule(() -> {
            // A cancel that raced with the firing must not deliver a stale timer.
            if (timers.get(name) != handle) {
                return;
            }
            timers.remove(name);
            handle(new TransactionEvent.TimerFired(name));
        }, delay);
    }

    final void cancelTimer(TimerName name) {
        TimerHandle handle = timers.remove(name);
        if (handle != null && handle.cancellable != null) {
            handle.cancellable.cancel();
        }
    }

    /**
     * Sends a message of this transaction. A failed send comes back as a
     * {@link TransactionEvent.TransportError} on the scheduler thread (the
     * future may complete on an I/O thread).
     */
    final void send(SIPMessage message, Endpoint destination) {
        CompletionStage<Void> sent;
        try {
            sent = context.channel().send(message, destination);
        } catch (RuntimeException e) {
            // An encoder bug must not leave the transaction waiting for timers that
            // will only retransmit the same failure: treat it as a transport error.
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ignored, error) -> {
            if (error != null) {
                TransportException cause = asTransportException(error, destination);
                context.scheduler().execute(() -> handle(new TransactionEvent.TransportError(cause)));
            }
        });
    }

    /** Cancels every timer and lets the layer forget this transaction. Called once, on entering Terminated. */
    final void released() {
        for (TimerHandle handle : timers.values()) {
            if (handle.cancellable != null) {
                handle.cancellable.cancel();
            }
        }
        timers.clear();
        onTerminated.accept(this);
    }

    private static TransportException asTransportException(Throwable error, Endpoint destination) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TransportException te) {
            return te;
        }
        return new TransportException(destination, "could not send to " + destination + ": " + cause, cause);
    }

    private static final class TimerHandle {
        Scheduler.Cancellable cancellable;
    }
}
