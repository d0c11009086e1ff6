package io.dialer.sip.transport;

/**
 * Receives what the transport layer reads. Called on a Netty I/O thread; an
 * implementation hands work to its own executor and never blocks.
 */
@FunctionalInterface
public interface PacketListener {

    void onPacket(InboundPacket packet);
}
