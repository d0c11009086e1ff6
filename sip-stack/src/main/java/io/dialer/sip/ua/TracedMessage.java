package io.dialer.sip.ua;

import io.dialer.sip.transport.Transport;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One SIP message as this stack sent or received it, for per-call traces and
 * pcap files. The bytes are the message exactly as encoded for the transport
 * or as read from it: in clear for TLS, since the stack sees them before
 * encryption and after decryption.
 *
 * <p>The record copies the bytes it is given and hands out copies, so a trace
 * can be kept and shared freely; {@link #size()} reads the length without a copy.
 *
 * @param direction  sent ({@code OUT}) or received ({@code IN})
 * @param at         when the stack handed the message to the transport, or decoded it
 * @param transport  the transport it went over
 * @param local      our address: the listener's for outbound messages (for TCP and TLS the
 *                   connection's own port is chosen by the kernel after the hand-off), the
 *                   flow's for inbound ones
 * @param remote     the peer's address
 * @param callId     the Call-ID, or null when the message had none we could read
 * @param firstLine  the request line or status line, without CRLF
 * @param bytes      the whole message as sent or received
 */
public record TracedMessage(Direction direction, Instant at, Transport transport, InetSocketAddress local,
                            InetSocketAddress remote, String callId, String firstLine, byte[] bytes) {

    /** Which way the message went, seen from this stack. */
    public enum Direction { IN, OUT }

    public TracedMessage {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(firstLine, "firstLine");
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    /** A copy of the message's bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The message's length in bytes. */
    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TracedMessage m && direction == m.direction && at.equals(m.at)
                && transport == m.transport && local.equals(m.local) && remote.equals(m.remote)
                && Objects.equals(callId, m.callId) && firstLine.equals(m.firstLine) && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(direction, at, transport, local, remote, callId, firstLine) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return direction + " " + at + " " + transport + " " + local + (direction == Direction.OUT ? " -> " : " <- ")
                + remote + " [" + callId + "] " + firstLine + " (" + bytes.length + " bytes)";
    }
}
