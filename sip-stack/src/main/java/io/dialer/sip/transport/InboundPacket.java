package io.dialer.sip.transport;

import java.util.Objects;

/**
 * One whole SIP message as received: a UDP datagram, or one message cut from
 * a TCP/TLS stream by its Content-Length (RFC 3261 §18.3). The bytes are a
 * private copy owned by the receiver.
 */
public record InboundPacket(Flow flow, byte[] bytes) {

    public InboundPacket {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(bytes, "bytes");
    }
}
