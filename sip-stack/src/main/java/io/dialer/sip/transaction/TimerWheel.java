package io.dialer.sip.transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * A hashed timer wheel for the long timers of one scheduler thread: Timer B,
 * F, H, J, L and M run 64*T1 (32 s), and a dialer keeps one or two of them
 * pending per call, so at 2,000 calls/s some 100,000 are pending at once. In
 * a binary heap (Netty's scheduled task queue) each start and each cancel of
 * such a timer costs a walk of some 17 levels with a cache miss on most;
 * here both are constant time.
 *
 * <p>Time is cut into ticks; a timer goes into the bucket of the tick its
 * deadline falls in. {@link #advance} visits each bucket once its tick has
 * fully passed and runs the entries that are due, so a timer never runs
 * early and runs at most one tick (plus the caller's own lateness) late.
 * Entries due in a later turn of the wheel stay in their bucket.
 *
 * <p>Not thread-safe: every method is called on the scheduler's thread.
 */
final class TimerWheel {

    private final long tickNanos;
    private final Entry[] buckets;
    private final int mask;
    /** The first tick whose bucket has not been visited yet. */
    private long nextTick;
    private int size;

    /**
     * @param tickNanos the granularity: how late a timer may run at most
     * @param buckets   number of buckets, rounded up to a power of two
     * @param nowNanos  the current time on the scheduler's clock
     */
    TimerWheel(long tickNanos, int buckets, long nowNanos) {
        if (tickNanos <= 0 || buckets < 1 || buckets > 1 << 20) {
            throw new IllegalArgumentException("tick must be positive and buckets 1 to 2^20");
        }
        int n = Integer.highestOneBit(Math.max(1, buckets - 1)) << 1;
        this.tickNanos = tickNanos;
        this.buckets = new Entry[n];
        this.mask = n - 1;
        this.nextTick = Math.floorDiv(nowNanos, tickNanos);
    }

    /** One pending timer; {@link #cancel} it to take it out. */
    static final class Entry {
        private final long deadline;
        private final Runnable task;
        private Entry prev;
        private Entry next;
        /** The bucket holding the entry, -1 once it is out of the wheel. */
        private int bucket = -1;
        /** Set by {@link #cancel}: an entry already taken out to run does not run. */
        private boolean canceled;

        private Entry(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }
    }

    /** Adds a timer that runs {@code task} once the clock reaches {@code deadlineNanos}. */
    Entry add(long deadlineNanos, Runnable task) {
        Entry e = new Entry(deadlineNanos, task);
        // A deadline in a tick already visited goes into the next bucket to be visited.
        long tick = Math.max(Math.floorDiv(deadlineNanos, tickNanos), nextTick);
        e.bucket = (int) (tick & mask);
        Entry head = buckets[e.bucket];
        e.next = head;
        if (head != null) {
            head.prev = e;
        }
        buckets[e.bucket] = e;
        size++;
        return e;
    }

    /** Takes the timer out; harmless when it already ran or was canceled. */
    void cancel(Entry e) {
        e.canceled = true;
        if (e.bucket >= 0) {
            unlink(e);
        }
    }

    /** Pending timers. */
    int size() {
        return size;
    }

    /** When {@link #advance} has something to do next: the end of the first unvisited tick. */
    long nextAdvanceNanos() {
        return (nextTick + 1) * tickNanos;
    }

    /**
     * Visits every bucket whose tick has fully passed at {@code nowNanos} (at
     * most one turn of the wheel per call) and runs its due entries, in no
     * particular order within a tick. A task may add or cancel timers: one
     * added already due goes into the next bucket to visit.
     */
    void advance(long nowNanos) {
        long lastDone = Math.floorDiv(nowNanos, tickNanos) - 1;
        int visited = 0;
        while (nextTick <= lastDone && size > 0 && visited < buckets.length) {
            List<Entry> due = takeDue((int) (nextTick & mask), nowNanos);
            nextTick++;
            visited++;
            for (Entry e : due) {
                if (!e.canceled) {
                    e.task.run();
                }
            }
        }
        if (size == 0) {
            // Nothing pending: skip the idle ticks instead of visiting their empty buckets later.
            nextTick = Math.max(nextTick, lastDone + 1);
        }
    }

    private List<Entry> takeDue(int bucket, long nowNanos) {
        List<Entry> due = List.of();
        Entry e = buckets[bucket];
        while (e != null) {
            Entry following = e.next;
            if (e.deadline - nowNanos <= 0) {
                unlink(e);
                if (due.isEmpty()) {
                    due = new ArrayList<>(4);
                }
                due.add(e);
            }
            e = following;
        }
        return due;
    }

    private void unlink(Entry e) {
        if (e.prev != null) {
            e.prev.next = e.next;
        } else {
            buckets[e.bucket] = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.bucket = -1;
        size--;
    }
}
