package io.dialer.sip.ua;

import gov.nist.javax.sip.message.SIPMessage;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.InboundPacket;
import io.dialer.sip.transport.PacketSender;
import io.dialer.sip.transport.Transport;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javax.sip.header.CallIdHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link TracedMessage} for each message the stack sends or receives
 * and hands it to the {@link MessageTap}. Only exists when a tap is set, so a
 * stack without one pays nothing but a null check.
 */
final class MessageTracer {

    private static final Logger log = LoggerFactory.getLogger(MessageTracer.class);

    /** A request line longer than this is cut in the trace (the bytes keep all of it). */
    private static final int MAX_FIRST_LINE = 1024;

    private final MessageTap tap;
    private final Clock clock;
    private final Map<Transport, InetSocketAddress> locals = new EnumMap<>(Transport.class);

    MessageTracer(MessageTap tap, Clock clock, PacketSender transport, InetSocketAddress fallback) {
        this.tap = tap;
        this.clock = clock;
        for (Transport t : Transport.values()) {
            locals.put(t, localAddress(transport, t, fallback));
        }
    }

    /** A message the UA core or a transaction hands to the transport. */
    void sent(SIPMessage message, Endpoint destination, byte[] bytes) {
        CallIdHeader callId = message.getCallId();
        emit(TracedMessage.Direction.OUT, destination.transport(), locals.get(destination.transport()),
                destination.address(), callId == null ? null : callId.getCallId(), bytes);
    }

    /** Bytes sent without a message object: the 400 for a message that could not be parsed. */
    void sent(Endpoint destination, byte[] bytes) {
        emit(TracedMessage.Direction.OUT, destination.transport(), locals.get(destination.transport()),
                destination.address(), callIdOf(bytes), bytes);
    }

    /** A message the decoder accepted. */
    void received(InboundPacket packet, SIPMessage message) {
        CallIdHeader callId = message.getCallId();
        emit(TracedMessage.Direction.IN, packet.flow().transport(), packet.flow().local(), packet.flow().remote(),
                callId == null ? null : callId.getCallId(), packet.bytes());
    }

    /** A message the decoder refused: its Call-ID is read from the raw bytes where a line names one. */
    void receivedRejected(InboundPacket packet) {
        emit(TracedMessage.Direction.IN, packet.flow().transport(), packet.flow().local(), packet.flow().remote(),
                callIdOf(packet.bytes()), packet.bytes());
    }

    private void emit(TracedMessage.Direction direction, Transport transport, InetSocketAddress local,
                      InetSocketAddress remote, String callId, byte[] bytes) {
        try {
            tap.onMessage(new TracedMessage(direction, clock.instant(), transport, local, remote, callId,
                    firstLine(bytes), bytes));
        } catch (RuntimeException e) {
            log.debug("message tap failed on a {} message, call {}", direction, callId, e);
        }
    }

    /**
     * Our address for a transport. An outbound-only TLS stack has no TLS
     * listener: its TCP listener is named instead, as in its Via (see Requests).
     */
    private static InetSocketAddress localAddress(PacketSender transport, Transport t, InetSocketAddress fallback) {
        for (Transport candidate : t == Transport.UDP ? new Transport[] {t}
                : new Transport[] {t, Transport.TCP, Transport.UDP}) {
            try {
                return transport.localAddress(candidate);
            } catch (IllegalStateException notListening) {
                // try the next one
            }
        }
        return fallback;
    }

    static String firstLine(byte[] bytes) {
        int end = 0;
        int limit = Math.min(bytes.length, MAX_FIRST_LINE);
        while (end < limit && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * The Call-ID of raw message bytes (RFC 3261 §20.8, compact form "i"), or
     * null: a line-by-line look through the header section, for messages the
     * decoder refused, whose headers may be anything.
     */
    static String callIdOf(byte[] bytes) {
        int line = nextLine(bytes, 0);
        while (line >= 0 && line < bytes.length && bytes[line] != '\r' && bytes[line] != '\n') {
            int end = line;
            while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
                end++;
            }
            int colon = line;
            while (colon < end && bytes[colon] != ':') {
                colon++;
            }
            if (colon < end) {
                String name = new String(bytes, line, colon - line, StandardCharsets.US_ASCII).strip()
                        .toLowerCase(Locale.ROOT);
                if (name.equals("call-id") || name.equals("i")) {
                    String value = new String(bytes, colon + 1, end - colon - 1, StandardCharsets.UTF_8).strip();
                    return value.isEmpty() ? null : value;
                }
            }
            line = nextLine(bytes, end);
        }
        return null;
    }

    /** The start of the line after the one containing {@code from}, or -1 at the end. */
    private static int nextLine(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }
}
