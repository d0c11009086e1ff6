package io.dialer.sip.transaction;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;

/**
 * A {@link Scheduler} on a virtual clock for tests: nothing runs until the
 * test calls {@link #advance} or {@link #runPending}, timers fire in time order
 * (ties in scheduling order) with {@link #nanoTime} set to their due time, and
 * the caller's thread counts as the scheduler thread. Not thread-safe: drive it
 * from the test thread only.
 */
public final class VirtualScheduler implements Scheduler {

    private final Queue<Runnable> pending = new ArrayDeque<>();
    private final PriorityQueue<Timed> timers = new PriorityQueue<>(
            Comparator.comparingLong(Timed::due).thenComparingLong(Timed::sequence));
    private long now;
    private long sequence;

    @Override
    public void execute(Runnable task) {
        pending.add(task);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Timed timed = new Timed(now + Math.max(0, delay.toNanos()), sequence++, task);
        timers.add(timed);
        return () -> timers.remove(timed);
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public boolean inThread() {
        return true;
    }

    /** Runs queued {@link #execute} tasks, including those they queue, without moving the clock. */
    public void runPending() {
        Runnable task;
        while ((task = pending.poll()) != null) {
            task.run();
        }
    }

    /** Moves the clock forward, running queued tasks and every timer due by then in time order. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        long target = now + duration.toNanos();
        runPending();
        while (!timers.isEmpty() && timers.peek().due() <= target) {
            Timed timed = timers.poll();
            now = timed.due();
            timed.task().run();
            runPending();
        }
        now = target;
    }

    /** Virtual time elapsed since creation. */
    public Duration now() {
        return Duration.ofNanos(now);
    }

    /** How many timers are scheduled and not canceled. */
    public int scheduledTimers() {
        return timers.size();
    }

    private record Timed(long due, long sequence, Runnable task) {
    }
}
