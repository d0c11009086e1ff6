package io.dialer.media.sdp;

/** The result of answering a peer's offer: an answer to send, or {@link NoCommonCodec} (a 488). */
public sealed interface AnswerResult permits AnswerResult.Answered, NoCommonCodec {

    /**
     * The offer was accepted.
     *
     * @param answer the SDP to send back
     * @param media  what the RTP session must use now
     * @param change what differs from the media before
     */
    record Answered(SessionDescription answer, NegotiatedMedia media, MediaChange change) implements AnswerResult {
    }
}
