package io.dialer.sip.transaction;

import java.time.Duration;

/**
 * The single thread a stack's transactions, dialogs and UA core run on, and
 * its timers. Production uses a Netty event loop; tests use a virtual clock so
 * that timer schedules are asserted without sleeping.
 */
public interface Scheduler {

    /** Runs the task on the scheduler's thread, after tasks already queued. */
    void execute(Runnable task);

    /** Runs the task once after the delay, on the scheduler's thread. */
    Cancellable schedule(Runnable task, Duration delay);

    /** Monotonic time in nanoseconds, virtual in tests. */
    long nanoTime();

    /** True when the caller is on the scheduler's thread. */
    boolean inThread();

    /** A scheduled task that can be canceled; canceling twice or after it ran is harmless. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
