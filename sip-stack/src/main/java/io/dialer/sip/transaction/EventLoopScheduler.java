package io.dialer.sip.transaction;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link Scheduler}: one Netty event executor runs a stack's
 * transactions, dialogs and timers, so they need no locks.
 *
 * <p>Tasks are wrapped so that an exception thrown by a transaction user is
 * logged instead of vanishing: Netty records the failure of a scheduled task
 * in its future, which nobody reads.
 */
public final class EventLoopScheduler implements Scheduler {

    private static final Logger log = LoggerFactory.getLogger(EventLoopScheduler.class);

    private final EventExecutor executor;

    public EventLoopScheduler(EventExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> future = executor.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public boolean inThread() {
        return executor.inEventLoop();
    }

    private static Runnable guarded(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("task on the SIP scheduler failed", e);
            }
        };
    }
}
