package io.dialer.media.rtp;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for a condition on state that other threads publish, re-checking every few ms, failing after a timeout. */
final class Eventually {

    private Eventually() {
    }

    static void until(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            never.await(5, TimeUnit.MILLISECONDS);
        }
    }
}
