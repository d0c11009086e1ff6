package io.dialer.core;

import io.dialer.sip.transaction.Scheduler;
import java.util.concurrent.CompletableFuture;

/** A call's public methods hop to the stack's thread; this runs one there and reports how it went. */
final class OnScheduler {

    private OnScheduler() {
    }

    /** Runs {@code action} on the scheduler's thread; the stage completes after it, or fails with what it threw. */
    static CompletableFuture<Void> run(Scheduler scheduler, Runnable action) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                action.run();
                result.complete(null);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
