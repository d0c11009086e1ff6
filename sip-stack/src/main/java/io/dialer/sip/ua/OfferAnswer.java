package io.dialer.sip.ua;

import java.util.Optional;

/**
 * Answers an SDP offer received in a re-INVITE or UPDATE (RFC 3264 §5,
 * RFC 3311). The media layer supplies the implementation; an empty answer is
 * sent as 488 Not Acceptable Here.
 */
@FunctionalInterface
public interface OfferAnswer {

    /** Refuses every offer: the stack's behaviour before a media layer is attached. */
    OfferAnswer NONE = (callId, offer) -> Optional.empty();

    Optional<byte[]> answer(String callId, byte[] offer);
}
