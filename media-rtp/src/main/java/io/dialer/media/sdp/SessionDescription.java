package io.dialer.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed SDP session description (RFC 4566 §5), immutable. Parse with
 * {@link #parse(byte[])}, write with {@link #toBytes()}.
 *
 * @param origin      the {@code o=} line
 * @param sessionName the {@code s=} line ({@code -} when there is nothing to say)
 * @param connection  session-level {@code c=}, null when every stream has its own
 * @param direction   session-level direction attribute, null when absent
 * @param media       the {@code m=} sections in order
 * @param otherAttributes other session-level {@code a=} values, kept verbatim
 */
public record SessionDescription(
        Origin origin,
        String sessionName,
        Connection connection,
        Direction direction,
        List<MediaDescription> media,
        List<String> otherAttributes) {

    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        media = List.copyOf(media);
        otherAttributes = List.copyOf(otherAttributes);
    }

    /** Parses an SDP body (RFC 4566 §5). */
    public static SessionDescription parse(byte[] body) throws SdpException {
        return SdpParser.parse(new String(body, StandardCharsets.UTF_8));
    }

    /** Parses an SDP body (RFC 4566 §5). */
    public static SessionDescription parse(String body) throws SdpException {
        return SdpParser.parse(body);
    }

    /** The description as SDP text with CRLF line ends. */
    public String toText() {
        return SdpWriter.write(this);
    }

    /** The description as UTF-8 SDP bytes, ready for a message body. */
    public byte[] toBytes() {
        return toText().getBytes(StandardCharsets.UTF_8);
    }

    /** The first audio stream, if any. */
    public Optional<MediaDescription> audio() {
        return media.stream().filter(MediaDescription::isAudio).findFirst();
    }

    /** The connection that applies to a stream: its own {@code c=}, else the session's (RFC 4566 §5.7). */
    public Optional<Connection> connectionFor(MediaDescription m) {
        return m.mediaConnection().or(() -> Optional.ofNullable(connection));
    }

    /**
     * The direction that applies to a stream: its own attribute, else the
     * session-level one, else sendrecv (RFC 3264 §5.1).
     */
    public Direction directionFor(MediaDescription m) {
        return m.mediaDirection().orElse(direction == null ? Direction.SENDRECV : direction);
    }

    /** The same description with the given origin. */
    public SessionDescription withOrigin(Origin newOrigin) {
        return new SessionDescription(newOrigin, sessionName, connection, direction, media, otherAttributes);
    }
}
