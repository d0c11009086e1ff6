package io.dialer.sip.transport;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link PacketListener} for tests: collects packets and hands them out with a timeout. */
final class PacketQueue implements PacketListener {

    private final BlockingQueue<InboundPacket> packets = new LinkedBlockingQueue<>();

    @Override
    public void onPacket(InboundPacket packet) {
        packets.add(packet);
    }

    /** The next packet, failing the test when none arrives within five seconds. */
    InboundPacket next() throws InterruptedException {
        InboundPacket p = packets.poll(5, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("no packet arrived within 5 s");
        }
        return p;
    }

    static String text(InboundPacket packet) {
        return new String(packet.bytes(), StandardCharsets.UTF_8);
    }
}
