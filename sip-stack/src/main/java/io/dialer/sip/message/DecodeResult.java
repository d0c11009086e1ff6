package io.dialer.sip.message;

import gov.nist.javax.sip.message.SIPMessage;

import java.util.Objects;
import java.util.Optional;

/** What {@link MessageDecoder#decode} made of one inbound message. */
public sealed interface DecodeResult {

    /** A well-formed message: the jain-sip object and the framer's index. */
    record Decoded(SIPMessage message, FramedMessage frame) implements DecodeResult {
        public Decoded {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(frame, "frame");
        }
    }

    /**
     * A message refused.
     *
     * @param status   the status the problem calls for (400 or 505) when the
     *                 message was a request, 0 when it is not a request at all
     *                 or a response (responses are never answered, RFC 3261 §18.1.2)
     * @param reason   what is wrong, in words, naming the header and why
     * @param offset   the byte offset of the problem, -1 when unknown
     * @param response the ready-to-send response (status line, copied Via,
     *                 From, To with tag, Call-ID, CSeq, Warning), or null when
     *                 nothing can be answered: drop the message
     */
    record Rejected(int status, String reason, int offset, byte[] response) implements DecodeResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        /** True when there is nothing to send back. */
        public boolean dropped() {
            return response == null;
        }

        public Optional<byte[]> responseBytes() {
            return Optional.ofNullable(response);
        }
    }
}
