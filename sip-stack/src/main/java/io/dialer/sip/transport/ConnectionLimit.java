package io.dialer.sip.transport;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cap on open TCP and TLS connections of one layer, inbound and outbound together,
 * so idle or hostile peers cannot exhaust file descriptors and memory.
 */
final class ConnectionLimit {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionLimit(int max) {
        this.max = max;
    }

    boolean tryAcquire() {
        while (true) {
            int n = open.get();
            if (n >= max) {
                return false;
            }
            if (open.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void release() {
        open.decrementAndGet();
    }

    int max() {
        return max;
    }
}
