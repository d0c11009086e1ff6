package io.dialer.media.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code m=} section (RFC 4566 §5.14) with the attributes the engine acts
 * on; other attribute lines are kept verbatim so nothing is lost when a
 * description is written back.
 *
 * @param media       media type, e.g. {@code audio}
 * @param port        transport port; 0 marks a rejected or disabled stream (RFC 3264 §6, §8.2)
 * @param protocol    e.g. {@code RTP/AVP}, {@code RTP/SAVP}
 * @param formats     RTP payload formats in {@code m=} line order (the writer's preference);
 *                    empty for a non-RTP stream
 * @param opaqueFormats the format tokens of a non-RTP stream (e.g. {@code *} of TCP/BFCP),
 *                    kept to echo the stream when rejecting it; empty for RTP streams
 * @param connection  media-level {@code c=}, null when the session-level one applies
 * @param ptime       {@code a=ptime} in ms, 0 when absent
 * @param direction   direction attribute, null when absent (then the session-level one, else sendrecv, applies)
 * @param crypto      {@code a=crypto} values (RFC 4568), opaque here
 * @param otherAttributes every other {@code a=} value, e.g. {@code rtcp:4001}
 */
public record MediaDescription(
        String media,
        int port,
        String protocol,
        List<PayloadFormat> formats,
        List<String> opaqueFormats,
        Connection connection,
        int ptime,
        Direction direction,
        List<String> crypto,
        List<String> otherAttributes) {

    public MediaDescription {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(protocol, "protocol");
        formats = List.copyOf(formats);
        opaqueFormats = List.copyOf(opaqueFormats);
        crypto = List.copyOf(crypto);
        otherAttributes = List.copyOf(otherAttributes);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (ptime < 0) {
            throw new IllegalArgumentException("ptime must not be negative: " + ptime);
        }
        if (formats.isEmpty() == opaqueFormats.isEmpty()) {
            // RFC 4566 §5.14: the format list is never empty, even for a rejected stream.
            throw new IllegalArgumentException("an m= line needs RTP formats or opaque formats, not both or neither");
        }
    }

    /** An RTP/AVP audio stream with the given formats and nothing else. */
    public static MediaDescription audio(int port, List<PayloadFormat> formats, int ptime, Direction direction) {
        return new MediaDescription("audio", port, "RTP/AVP", formats, List.of(), null, ptime, direction, List.of(), List.of());
    }

    /** The format tokens of the {@code m=} line as written. */
    public List<String> formatTokens() {
        if (!opaqueFormats.isEmpty()) {
            return opaqueFormats;
        }
        return formats.stream().map(f -> String.valueOf(f.payloadType())).toList();
    }

    /** Whether this is an RTP audio stream. */
    public boolean isAudio() {
        return "audio".equalsIgnoreCase(media) && !formats.isEmpty();
    }

    /** Whether the port is 0: the stream is rejected or disabled (RFC 3264 §6, §8.2). */
    public boolean isRejected() {
        return port == 0;
    }

    /** The media-level connection, if any. */
    public Optional<Connection> mediaConnection() {
        return Optional.ofNullable(connection);
    }

    /** The media-level direction attribute, if any. */
    public Optional<Direction> mediaDirection() {
        return Optional.ofNullable(direction);
    }

    /**
     * Where this stream's RTCP goes: the port of an {@code a=rtcp} attribute
     * (RFC 3605 §2.1), else the RTP port plus one (RFC 3550 §11).
     */
    public int rtcpPort() {
        for (String a : otherAttributes) {
            if (a.regionMatches(true, 0, "rtcp:", 0, 5)) {
                String value = a.substring(5).trim();
                int space = value.indexOf(' ');
                try {
                    int p = Integer.parseInt(space < 0 ? value : value.substring(0, space));
                    if (p > 0 && p <= 65535) {
                        return p;
                    }
                } catch (NumberFormatException e) {
                    // An unreadable a=rtcp is ignored like any unknown attribute (RFC 4566 §5.13).
                }
            }
        }
        return port == 0 ? 0 : port + 1;
    }

    /** The telephone-event format, if offered (RFC 4733 §7.1.1). */
    public Optional<PayloadFormat> telephoneEvent() {
        return formats.stream().filter(PayloadFormat::isTelephoneEvent).findFirst();
    }

    /** The formats that carry audio, that is all but telephone-event and comfort noise. */
    public List<PayloadFormat> audioFormats() {
        return formats.stream()
                .filter(f -> !f.isTelephoneEvent() && !"CN".equalsIgnoreCase(f.encodingName()))
                .toList();
    }

    /** The same stream on another port. */
    public MediaDescription withPort(int newPort) {
        return new MediaDescription(media, newPort, protocol, formats, opaqueFormats, connection, ptime, direction, crypto, otherAttributes);
    }

    /** The same stream with another direction attribute. */
    public MediaDescription withDirection(Direction newDirection) {
        return new MediaDescription(media, port, protocol, formats, opaqueFormats, connection, ptime, newDirection, crypto, otherAttributes);
    }

    /** The same stream with a media-level connection. */
    public MediaDescription withConnection(Connection newConnection) {
        return new MediaDescription(media, port, protocol, formats, opaqueFormats, newConnection, ptime, direction, crypto, otherAttributes);
    }

    /** The same stream with these {@code a=crypto} values (RFC 4568 §9.1). */
    public MediaDescription withCrypto(List<String> newCrypto) {
        return new MediaDescription(media, port, protocol, formats, opaqueFormats, connection, ptime, direction, newCrypto, otherAttributes);
    }
}
