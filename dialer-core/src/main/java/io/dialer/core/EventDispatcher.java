package io.dialer.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners on one thread of its own, in the order they
 * were published, so listeners see every call's events in order and never
 * run on (or block) the SIP stack's thread.
 */
final class EventDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dialer-events");
        t.setDaemon(true);
        return t;
    });
    private final List<CallListener> global = new CopyOnWriteArrayList<>();

    void addGlobal(CallListener listener) {
        global.add(listener);
    }

    /** Queues an event for the dialer's listeners and the call's own. */
    void publish(DialerEvent event, CallListener callListener) {
        executor.execute(() -> {
            for (CallListener l : global) {
                deliver(l, event);
            }
            if (callListener != null) {
                deliver(callListener, event);
            }
        });
    }

    /** Runs a task after the events already queued (completing a call's future after its call_analyzed). */
    void after(Runnable task) {
        executor.execute(task);
    }

    private static void deliver(CallListener listener, DialerEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("call {}: listener failed on {}: {}", event.record().callId(), event.type().wireName(), e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
