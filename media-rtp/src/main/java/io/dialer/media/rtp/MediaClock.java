package io.dialer.media.rtp;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one timer of an engine: a single thread that wakes at absolute deadlines and
 * has every session do its 20 ms of work (send a packet, play a frame) on the session's
 * own event loop — no thread or timer per call.
 *
 * <p>A 20 ms period is cut into {@code slots} equal slots and each session is placed in
 * the least loaded slot of its event loop. Every session still ticks exactly every
 * 20 ms, but a thousand calls do not all write in the same instant: the sends of a
 * period are spread over it, so no packet waits for hundreds of others, which is what
 * keeps the send jitter low.
 *
 * <p>Deadlines are {@code start + k * slot}, never "now + delay", so lateness never
 * accumulates. If the machine stalls for more than a second the missed ticks are
 * skipped (sessions see a tick number jump and their RTP timestamps follow real time);
 * shorter stalls are caught up at once.
 */
public final class MediaClock implements AutoCloseable {

    /** One tick of work for a session. */
    @FunctionalInterface
    public interface Tickable {
        /**
         * Runs on the session's event loop.
         *
         * @param tick          the number of the 20 ms period, growing by one per period
         * @param deadlineNanos the monotonic instant this tick was due
         */
        void tick(long tick, long deadlineNanos);
    }

    /** Ends a session's ticking. */
    public interface Registration {
        void cancel();
    }

    /** The period: one RTP packet of 20 ms audio. */
    public static final long PERIOD_NANOS = 20_000_000L;
    private static final long SKIP_NANOS = 1_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(MediaClock.class);

    private final int slots;
    private final long slotNanos;
    private final Map<EventLoop, Lane> lanes = new ConcurrentHashMap<>();
    private final Thread thread;
    private final SendPacing wakeups = new SendPacing();
    private volatile boolean running = true;

    /**
     * Starts the clock thread.
     *
     * @param slots how many slots a 20 ms period is cut into (1..20)
     */
    public MediaClock(String threadName, int slots) {
        if (slots < 1 || slots > 20) {
            throw new IllegalArgumentException("slots must be 1..20: " + slots);
        }
        this.slots = slots;
        this.slotNanos = PERIOD_NANOS / slots;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /** Starts ticking {@code tickable} on {@code loop}; it first ticks within one period. */
    public Registration register(EventLoop loop, Tickable tickable) {
        Lane lane = lanes.computeIfAbsent(loop, Lane::new);
        loop.execute(() -> lane.add(tickable));
        return () -> {
            try {
                loop.execute(() -> lane.remove(tickable));
            } catch (RejectedExecutionException e) {
                // the loop is shutting down: it will never tick again anyway
            }
        };
    }

    /**
     * How late the clock thread itself woke against its deadlines: the part of the send
     * lateness that is scheduling of this thread, as opposed to queueing on the event loops.
     */
    public SendPacing wakeups() {
        return wakeups;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long start = System.nanoTime();
        long k = 0;
        while (running) {
            long deadline = start + k * slotNanos;
            long wait;
            while (running && (wait = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long behind = System.nanoTime() - deadline;
            wakeups.record(behind);
            if (behind > SKIP_NANOS) {
                long resume = (System.nanoTime() - start) / slotNanos;
                log.warn("media clock stalled {} ms; skipping {} slots", behind / 1_000_000, resume - k);
                k = resume;
                continue;
            }
            long tick = k / slots;
            int slot = (int) (k % slots);
            for (Lane lane : lanes.values()) {
                lane.post(slot, tick, deadline);
            }
            k++;
        }
    }

    /** The sessions of one event loop, by slot; changed and run only on that loop. */
    private final class Lane {
        private final EventLoop loop;
        private final List<List<Tickable>> bySlot = new ArrayList<>();

        Lane(EventLoop loop) {
            this.loop = loop;
            for (int i = 0; i < slots; i++) {
                bySlot.add(new ArrayList<>());
            }
        }

        void add(Tickable t) {
            List<Tickable> least = bySlot.get(0);
            for (List<Tickable> slot : bySlot) {
                if (slot.size() < least.size()) {
                    least = slot;
                }
            }
            least.add(t);
        }

        void remove(Tickable t) {
            for (List<Tickable> slot : bySlot) {
                if (slot.remove(t)) {
                    return;
                }
            }
        }

        void post(int slot, long tick, long deadline) {
            try {
                loop.execute(() -> run(slot, tick, deadline));
            } catch (RejectedExecutionException e) {
                lanes.remove(loop, this);
            }
        }

        private void run(int slot, long tick, long deadline) {
            List<Tickable> tickables = bySlot.get(slot);
            for (int i = 0; i < tickables.size(); i++) {
                try {
                    tickables.get(i).tick(tick, deadline);
                } catch (RuntimeException e) {
                    log.warn("media tick failed", e);
                }
            }
        }
    }
}
