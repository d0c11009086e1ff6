package io.dialer.media.rtp;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How late packets leave against their ideal send time (the absolute deadline of the
 * tick that sent them): a histogram with 10 µs buckets up to 100 ms, shared by all
 * sessions of an engine and written from every event loop. Lateness is the send-side
 * jitter a peer sees, since ideal send times are exactly 20 ms apart.
 */
public final class SendPacing {

    private static final long BUCKET_NANOS = 10_000;
    private static final int BUCKETS = 10_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
    private final AtomicLong max = new AtomicLong();

    /** Records one packet sent {@code latenessNanos} after its deadline. */
    public void record(long latenessNanos) {
        long lateness = Math.max(0, latenessNanos);
        counts.incrementAndGet((int) Math.min(BUCKETS, lateness / BUCKET_NANOS));
        max.accumulateAndGet(lateness, Math::max);
    }

    /** Forgets what was recorded, e.g. after a warm-up. */
    public void reset() {
        for (int i = 0; i <= BUCKETS; i++) {
            counts.set(i, 0);
        }
        max.set(0);
    }

    public Snapshot snapshot() {
        long[] c = new long[BUCKETS + 1];
        long total = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            c[i] = counts.get(i);
            total += c[i];
        }
        return new Snapshot(total, percentile(c, total, 0.50), percentile(c, total, 0.99), max.get() / 1e6);
    }

    private static double percentile(long[] c, long total, double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < c.length; i++) {
            seen += c[i];
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e6; // upper edge of the bucket
            }
        }
        return BUCKETS * BUCKET_NANOS / 1e6;
    }

    /**
     * @param packets    packets recorded
     * @param p50Millis  median lateness (upper edge of its 10 µs bucket)
     * @param p99Millis  99th percentile lateness
     * @param maxMillis  worst lateness
     */
    public record Snapshot(long packets, double p50Millis, double p99Millis, double maxMillis) {
    }
}
