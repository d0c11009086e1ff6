package io.dialer.media.sdp;

/** The result of processing the peer's answer to our offer. */
public sealed interface NegotiationResult permits NegotiationResult.Negotiated, NoCommonCodec {

    /**
     * The answer is usable.
     *
     * @param media  what the RTP session must use now
     * @param change what differs from the media before
     */
    record Negotiated(NegotiatedMedia media, MediaChange change) implements NegotiationResult {
    }
}
