package io.dialer.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the stateless answer to a request the decoder rejects, from the raw
 * header text alone (the object model could not be built). RFC 3261
 * §8.2.6.2: Via (all values, in order), From, Call-ID and CSeq are copied and
 * To gets a tag; the reason goes into a Warning with code 399 (RFC 3261
 * §20.43) so the sender can see what was wrong.
 */
final class RejectionResponse {

    private RejectionResponse() {
    }

    /**
     * @return the response bytes, or null when Via, From, To, Call-ID or CSeq
     *         cannot be recovered (a response without them could not be matched)
     */
    static byte[] build(int status, String reason, List<HeaderField> headers, String warnAgent) {
        HeaderField from = first(headers, HeaderNames.FROM);
        HeaderField to = first(headers, HeaderNames.TO);
        HeaderField callId = first(headers, HeaderNames.CALL_ID);
        HeaderField cseq = first(headers, HeaderNames.CSEQ);
        boolean hasVia = first(headers, HeaderNames.VIA) != null;
        if (!hasVia || from == null || to == null || callId == null || cseq == null) {
            return null;
        }
        StringBuilder s = new StringBuilder(512);
        s.append("SIP/2.0 ").append(status).append(' ').append(phrase(status)).append("\r\n");
        for (HeaderField h : headers) {
            if (h.is(HeaderNames.VIA)) {
                s.append("Via: ").append(h.value()).append("\r\n");
            }
        }
        s.append("From: ").append(from.value()).append("\r\n");
        s.append("To: ").append(to.value());
        if (AddressValue.tag(to.value()) == null) {
            s.append(";tag=").append(statelessTag(headers, callId, from, cseq));
        }
        s.append("\r\n");
        s.append("Call-ID: ").append(callId.value()).append("\r\n");
        s.append("CSeq: ").append(cseq.value()).append("\r\n");
        s.append("Warning: 399 ").append(warnAgent).append(" \"").append(quote(reason)).append("\"\r\n");
        s.append("Content-Length: 0\r\n\r\n");
        // The copied values were read as ISO-8859-1, one char per byte: this restores the sender's bytes.
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static String phrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 505 -> "Version Not Supported";
            default -> throw new IllegalArgumentException("not a rejection status: " + status);
        };
    }

    /**
     * RFC 3261 §8.2.7: a stateless UAS must give a retransmitted request the
     * same To tag, so the tag is derived from the request's identity.
     */
    private static String statelessTag(List<HeaderField> headers, HeaderField callId, HeaderField from, HeaderField cseq) {
        long h = 0xcbf29ce484222325L;
        HeaderField via = first(headers, HeaderNames.VIA);
        for (String part : new String[] {callId.value(), from.value(), cseq.value(), via.value()}) {
            for (int i = 0; i < part.length(); i++) {
                h ^= part.charAt(i);
                h *= 0x100000001b3L;
            }
        }
        return "r" + Long.toHexString(h);
    }

    /** Escapes for a quoted-string (RFC 3261 §25.1) and keeps it printable ASCII. */
    private static String quote(String reason) {
        StringBuilder s = new StringBuilder(reason.length());
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                s.append(c);
            } else {
                s.append('?');
            }
        }
        return s.toString();
    }

    private static HeaderField first(List<HeaderField> headers, String name) {
        for (HeaderField h : headers) {
            if (h.is(name)) {
                return h;
            }
        }
        return null;
    }
}
