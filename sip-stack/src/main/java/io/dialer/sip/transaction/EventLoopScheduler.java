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
 * <p>Short timers (retransmissions: A, E, G, the 2xx resends) go to the
 * executor's own scheduled task queue. Timers of a second or more (B, F, H,
 * J, M at 64*T1, K and I at T4, the dialer's ring and duration limits) go to
 * a {@link TimerWheel} instead: a dialer keeps about 100,000 of them pending
 * at 2,000 calls/s, and every start and cancel in the executor's binary heap
 * walks its height. Such a timer runs up to one wheel tick (10 ms) after its
 * deadline, never before it.
 *
 * <p>Tasks are wrapped so that an exception thrown by a transaction user is
 * logged instead of vanishing: Netty records the failure of a scheduled task
 * in its future, which nobody reads.
 */
public final class EventLoopScheduler implements Scheduler {

    private static final Logger log = LoggerFactory.getLogger(EventLoopScheduler.class);

    /** From this delay on a timer goes to the wheel: 100 ticks, so the added lateness is at most 1 %. */
    private static final long WHEEL_MIN_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long WHEEL_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** 4,096 ticks of 10 ms: a 64*T1 timer is placed within one turn of the wheel. */
    private static final int WHEEL_BUCKETS = 4096;

    private final EventExecutor executor;
    /** Used on the executor's thread only. */
    private final TimerWheel wheel;
    /** The pending wheel tick, null while the wheel is empty; executor's thread only. */
    private ScheduledFuture<?> wheelTick;

    public EventLoopScheduler(EventExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.wheel = new TimerWheel(WHEEL_TICK_NANOS, WHEEL_BUCKETS, nanoTime());
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        long nanos = Math.max(0, delay.toNanos());
        if (nanos < WHEEL_MIN_DELAY_NANOS) {
            ScheduledFuture<?> future = executor.schedule(guarded(task), nanos, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        }
        WheelTimer timer = new WheelTimer(nanoTime() + nanos, guarded(task));
        onLoop(timer::start);
        return timer::cancel;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public boolean inThread() {
        return executor.inEventLoop();
    }

    private void onLoop(Runnable action) {
        if (executor.inEventLoop()) {
            action.run();
        } else {
            executor.execute(action);
        }
    }

    /** Keeps one tick pending while the wheel holds timers. Executor's thread only. */
    private void tickWheelLater() {
        if (wheelTick == null && wheel.size() > 0) {
            long delay = Math.max(0, wheel.nextAdvanceNanos() - nanoTime());
            wheelTick = executor.schedule(this::tickWheel, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void tickWheel() {
        wheelTick = null;
        wheel.advance(nanoTime());
        tickWheelLater();
    }

    /** A timer on the wheel, startable and cancelable from any thread. */
    private final class WheelTimer {
        private final long deadline;
        private final Runnable task;
        /** Set on any thread; the wheel itself is only touched on the executor's thread. */
        private volatile boolean canceled;
        private TimerWheel.Entry entry;

        WheelTimer(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }

        void start() {
            if (!canceled) {
                entry = wheel.add(deadline, this::fire);
                tickWheelLater();
            }
        }

        void fire() {
            if (!canceled) {
                task.run();
            }
        }

        void cancel() {
            canceled = true;
            onLoop(() -> {
                if (entry != null) {
                    wheel.cancel(entry);
                }
            });
        }
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
