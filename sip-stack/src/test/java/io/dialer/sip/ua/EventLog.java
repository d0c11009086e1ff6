package io.dialer.sip.ua;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Collects a call's events for a test, and waits for the next one of a kind. */
final class EventLog implements Consumer<CallEvent> {

    private final BlockingQueue<CallEvent> queue = new LinkedBlockingQueue<>();
    private final List<CallEvent> seen = new ArrayList<>();
    private final List<Consumer<CallEvent>> reactions = new ArrayList<>();
    private final io.dialer.sip.testpeers.Sipp peer;
    private final java.nio.file.Path peerDir;

    EventLog() {
        this(null, null);
    }

    /** Failures quote what this SIPp peer saw and said. */
    EventLog(io.dialer.sip.testpeers.Sipp peer, java.nio.file.Path peerDir) {
        this.peer = peer;
        this.peerDir = peerDir;
    }

    /**
     * Waits until the SIPp peer's message log shows {@code text} (e.g. that our
     * ACK reached it), so the next message cannot overtake it through a proxy
     * whose worker processes may reorder them.
     */
    void awaitPeerLogged(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (peer != null && !peer.messages(peerDir).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the peer never logged '" + text + "'" + peerLog());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private String peerLog() {
        return peer == null ? "" : "\n--- SIPp output ---\n" + peer.output() + "\n--- SIPp messages ---\n"
                + peer.messages(peerDir);
    }

    @Override
    public void accept(CallEvent event) {
        for (Consumer<CallEvent> r : reactions) {
            r.accept(event);
        }
        queue.add(event);
    }

    /** Runs on the stack's core thread as each event arrives, before the test sees it. */
    EventLog onEvent(Consumer<CallEvent> reaction) {
        reactions.add(reaction);
        return this;
    }

    /** The next event that is not a provisional response, or fails after the timeout. */
    <T extends CallEvent> T next(Class<T> type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            CallEvent e = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + timeout + "; saw " + seen + peerLog());
            }
            seen.add(e);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            if (!(e instanceof CallEvent.Provisional)) {
                throw new AssertionError("expected " + type.getSimpleName() + " but got " + e + "; saw " + seen + peerLog());
            }
        }
    }

    /** Every event taken so far with {@link #next}. */
    List<CallEvent> seen() {
        return seen;
    }
}
