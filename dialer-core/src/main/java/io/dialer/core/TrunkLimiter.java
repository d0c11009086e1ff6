package io.dialer.core;

import io.dialer.sip.transaction.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A trunk's concurrency and calls-per-second limits, with a FIFO wait queue
 * whose members give up after their budget. The carrier enforces these limits
 * (with 503 or 403 past them), so we keep below them ourselves rather than
 * learn from rejections.
 *
 * <p>The rate is a token bucket holding one token: calls are paced evenly
 * (10 cps is one call every 100 ms), never sent as a burst at the top of a
 * second. Runs on the stack's scheduler thread only.
 */
final class TrunkLimiter {

    /** A call waiting for, or holding, a place. */
    interface Ticket {
        /** Gives the place back (after the call ended), or leaves the queue. Idempotent. */
        void release();
    }

    /** What the waiting call hears. */
    interface Grant {
        void granted(Ticket ticket);

        /** The budget ran out; {@code limit} names which limit held it. */
        void refused(String limit, Duration waited);
    }

    private final Scheduler scheduler;
    private final int maxConcurrent;
    private final long nanosPerCall;
    private final Deque<Waiter> queue = new ArrayDeque<>();
    private int active;
    private long nextTokenAt;
    private Scheduler.Cancellable wakeUp;

    TrunkLimiter(Scheduler scheduler, int maxConcurrent, double maxCps) {
        this.scheduler = scheduler;
        this.maxConcurrent = maxConcurrent;
        this.nanosPerCall = maxCps <= 0 ? 0 : (long) (1_000_000_000L / maxCps);
        this.nextTokenAt = scheduler.nanoTime();
    }

    /** Asks for a place; {@code grant} is told on the scheduler thread, at once or later. */
    Ticket acquire(Duration budget, Grant grant) {
        Waiter w = new Waiter(grant, scheduler.nanoTime());
        queue.addLast(w);
        drain();
        if (!w.done && !budget.isZero()) {
            w.timeout = scheduler.schedule(() -> giveUp(w), budget);
        } else if (!w.done) {
            giveUp(w);
        }
        return w;
    }

    int active() {
        return active;
    }

    int waiting() {
        return queue.size();
    }

    private void giveUp(Waiter w) {
        if (w.done) {
            return;
        }
        w.done = true;
        queue.remove(w);
        String limit = maxConcurrent > 0 && active >= maxConcurrent
                ? "max concurrent calls (" + maxConcurrent + ")"
                : "max calls per second (" + String.format(java.util.Locale.ROOT, "%.1f", 1e9 / nanosPerCall) + ")";
        w.grant.refused(limit, Duration.ofNanos(scheduler.nanoTime() - w.since));
    }

    private void drain() {
        while (!queue.isEmpty()) {
            if (maxConcurrent > 0 && active >= maxConcurrent) {
                return; // a release() drains again
            }
            long now = scheduler.nanoTime();
            if (nanosPerCall > 0 && now < nextTokenAt) {
                scheduleWakeUp(nextTokenAt - now);
                return;
            }
            Waiter w = queue.pollFirst();
            w.done = true;
            w.holding = true;
            if (w.timeout != null) {
                w.timeout.cancel();
            }
            active++;
            if (nanosPerCall > 0) {
                nextTokenAt = Math.max(now, nextTokenAt) + nanosPerCall;
            }
            w.grant.granted(w);
        }
    }

    private void scheduleWakeUp(long nanos) {
        if (wakeUp != null) {
            return;
        }
        wakeUp = scheduler.schedule(() -> {
            wakeUp = null;
            drain();
        }, Duration.ofNanos(nanos));
    }

    private final class Waiter implements Ticket {
        final Grant grant;
        final long since;
        Scheduler.Cancellable timeout;
        boolean done;
        boolean holding;

        Waiter(Grant grant, long since) {
            this.grant = grant;
            this.since = since;
        }

        @Override
        public void release() {
            if (holding) {
                holding = false;
                active--;
                drain();
            } else if (!done) {
                done = true;
                queue.remove(this);
                if (timeout != null) {
                    timeout.cancel();
                }
            }
        }
    }
}
