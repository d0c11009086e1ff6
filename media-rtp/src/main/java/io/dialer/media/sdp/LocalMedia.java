package io.dialer.media.sdp;

import java.util.List;
import java.util.Objects;

/**
 * What our side of a call can do: where we receive RTP, which codecs we
 * accept in preference order, the telephone-event payload type we offer, our
 * ptime. Immutable; one per call (the port is the call's RTP port).
 *
 * @param username                 the o= user name, {@code -} for none
 * @param connection               where we receive RTP (the c= line)
 * @param port                     our RTP port (even, RTCP on port+1: RFC 3550 §11)
 * @param protocol                 {@code RTP/AVP}; an answer accepts only streams with this protocol
 * @param codecs                   audio formats we accept, most preferred first (no telephone-event)
 * @param telephoneEventPayloadType the PT we offer for RFC 4733 events, -1 to offer none
 * @param ptime                    packetisation time we want to receive, ms
 */
public record LocalMedia(
        String username,
        Connection connection,
        int port,
        String protocol,
        List<PayloadFormat> codecs,
        int telephoneEventPayloadType,
        int ptime) {

    /** The dynamic PT most SIP equipment uses for telephone-event. */
    public static final int DEFAULT_TELEPHONE_EVENT_PT = 101;

    public LocalMedia {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(protocol, "protocol");
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("at least one codec is needed");
        }
        if (codecs.stream().anyMatch(PayloadFormat::isTelephoneEvent)) {
            throw new IllegalArgumentException("telephone-event is set by telephoneEventPayloadType, not codecs");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (telephoneEventPayloadType != -1 && (telephoneEventPayloadType < 96 || telephoneEventPayloadType > 127)) {
            // RFC 3551 §3: dynamic payload types are 96-127.
            throw new IllegalArgumentException("telephone-event needs a dynamic PT (96-127): " + telephoneEventPayloadType);
        }
        if (ptime < 1) {
            throw new IllegalArgumentException("ptime must be positive: " + ptime);
        }
    }

    /** PCMU, PCMA, telephone-event/8000 on PT 101, ptime 20: what every SIP trunk accepts. */
    public static LocalMedia g711(Connection connection, int port) {
        return new LocalMedia("-", connection, port, "RTP/AVP",
                List.of(PayloadFormat.PCMU, PayloadFormat.PCMA), DEFAULT_TELEPHONE_EVENT_PT, 20);
    }

    /** The same media on another port. */
    public LocalMedia withPort(int newPort) {
        return new LocalMedia(username, connection, newPort, protocol, codecs, telephoneEventPayloadType, ptime);
    }

    /** The same media at another address. */
    public LocalMedia withConnection(Connection newConnection) {
        return new LocalMedia(username, newConnection, port, protocol, codecs, telephoneEventPayloadType, ptime);
    }
}
