package io.dialer.media.sdp;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The outcome of one offer/answer exchange for the audio stream: what the
 * RTP session must use until the next exchange.
 *
 * @param codec            the audio format to send, with the payload type used on the wire
 *                         (which may be dynamic: find the codec with
 *                         {@code Codecs.byName(codec.encodingName(), codec.clockRate())}
 *                         and put this payload type in the RTP header)
 * @param remoteConnection where the peer wants RTP (its c= for the stream)
 * @param remotePort       the peer's RTP port
 * @param remoteRtcpPort   the peer's RTCP port (a=rtcp of RFC 3605, else RTP port + 1)
 * @param telephoneEvent   the peer's telephone-event payload type, empty when it has none
 * @param direction        our direction: whether we send and/or receive
 * @param remotePtime      the ptime the peer asked for (20 when it did not say), ms
 * @param remoteCrypto     the peer's {@code a=crypto} values (RFC 4568), opaque
 */
public record NegotiatedMedia(
        PayloadFormat codec,
        Connection remoteConnection,
        int remotePort,
        int remoteRtcpPort,
        OptionalInt telephoneEvent,
        Direction direction,
        int remotePtime,
        List<String> remoteCrypto) {

    /** The ptime RFC 3551 §4.5 implies for G.711 when the peer gives none. */
    public static final int DEFAULT_PTIME = 20;

    public NegotiatedMedia {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(remoteConnection, "remoteConnection");
        Objects.requireNonNull(telephoneEvent, "telephoneEvent");
        Objects.requireNonNull(direction, "direction");
        remoteCrypto = List.copyOf(remoteCrypto);
    }

    /** Whether we send RTP. */
    public boolean sends() {
        return direction.sends();
    }

    /** Whether we expect RTP from the peer. */
    public boolean receives() {
        return direction.receives();
    }
}
