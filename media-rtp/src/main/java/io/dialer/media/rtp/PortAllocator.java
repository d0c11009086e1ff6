package io.dialer.media.rtp;

import java.util.BitSet;
import java.util.OptionalInt;

/**
 * Hands out RTP ports from a configured range: always even, with the odd port above
 * reserved for RTCP (RFC 3550 §11). Next-fit: the search resumes after the last port
 * handed out, so a port just released is not reused at once (late packets of the old
 * call would land in the new one) but is reused when the search wraps around.
 * Whether the OS lets us bind a port is the caller's test: it releases a port it
 * could not bind and asks again. Thread-safe.
 */
public final class PortAllocator {

    private final int first;
    private final int pairs;
    private final BitSet leased;
    private int cursor;

    /**
     * @param min lowest port of the range (rounded up to even)
     * @param max highest port of the range; the last pair must fit (RTCP = RTP + 1 <= max)
     */
    public PortAllocator(int min, int max) {
        this.first = (min + 1) & ~1;
        if (first < 1024 || max > 65535 || max < first + 1) {
            throw new IllegalArgumentException("port range " + min + "-" + max
                    + " must hold at least one even/odd pair within 1024-65535");
        }
        this.pairs = (max - first + 1) / 2;
        this.leased = new BitSet(pairs);
    }

    /** An even port not leased now, or empty when every pair is leased. */
    public synchronized OptionalInt acquire() {
        int index = leased.nextClearBit(cursor);
        if (index >= pairs) {
            index = leased.nextClearBit(0);
            if (index >= pairs) {
                return OptionalInt.empty();
            }
        }
        leased.set(index);
        cursor = index + 1 == pairs ? 0 : index + 1;
        return OptionalInt.of(first + 2 * index);
    }

    /** Gives back a port from {@link #acquire()}. */
    public synchronized void release(int port) {
        int index = (port - first) / 2;
        if (port % 2 != 0 || index < 0 || index >= pairs || !leased.get(index)) {
            throw new IllegalArgumentException("port " + port + " is not leased from this allocator");
        }
        leased.clear(index);
    }

    /** How many pairs are leased. */
    public synchronized int leased() {
        return leased.cardinality();
    }

    /** How many even/odd pairs the range holds. */
    public int capacity() {
        return pairs;
    }
}
