package io.dialer.media.sdp;

import java.util.Objects;

/**
 * No audio stream both sides can use. For an offer we were given, the SIP
 * layer answers 488 Not Acceptable Here (RFC 3261 §13.3.1.3, with a Warning
 * 304/305 built from {@code reason}); for an answer to our offer, it ends the
 * call (RFC 3264 §6: the answer did not accept any of our formats).
 *
 * @param reason what was missing, for the Warning header and the call record
 */
public record NoCommonCodec(String reason) implements AnswerResult, NegotiationResult {

    public NoCommonCodec {
        Objects.requireNonNull(reason, "reason");
    }
}
