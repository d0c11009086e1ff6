package io.dialer.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The index one scan of a message produces: its start line, its header
 * fields with their offsets, and the fields the transaction layer matches on
 * (RFC 3261 §17.1.3 and §17.2.3: top Via branch and sent-by, CSeq method;
 * RFC 3261 §12: Call-ID and tags), without building the object model.
 *
 * @param request         true for a request, false for a response
 * @param method          the request method, null for a response
 * @param requestUri      the Request-URI as written, null for a response
 * @param statusCode      the response status code, 0 for a request
 * @param reasonPhrase    the response reason phrase (UTF-8), null for a request
 * @param headers         every header field in order
 * @param topViaBranch    the branch parameter of the first Via value, null when absent
 * @param topViaSentBy    the sent-by (host[:port]) of the first Via value, null when absent
 * @param callId          the Call-ID value, null when absent
 * @param cseqNumber      the CSeq sequence number, -1 when absent
 * @param cseqMethod      the CSeq method, null when absent
 * @param fromTag         the From tag, null when absent
 * @param toTag           the To tag, null when absent
 * @param contentLength   the declared Content-Length, -1 when the header is absent
 * @param bodyOffset      where the body starts in the message bytes
 * @param bodyLength      the body length: the Content-Length, or on a datagram
 *                        without one the rest of the datagram
 */
public record FramedMessage(
        boolean request,
        String method,
        String requestUri,
        int statusCode,
        String reasonPhrase,
        List<HeaderField> headers,
        String topViaBranch,
        String topViaSentBy,
        String callId,
        long cseqNumber,
        String cseqMethod,
        String fromTag,
        String toTag,
        int contentLength,
        int bodyOffset,
        int bodyLength) {

    public FramedMessage {
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /** The first field named {@code canonicalName} (long form, case-insensitive), or null. */
    public HeaderField first(String canonicalName) {
        for (HeaderField h : headers) {
            if (h.is(canonicalName)) {
                return h;
            }
        }
        return null;
    }

    /** Every field named {@code canonicalName}, in message order. */
    public List<HeaderField> all(String canonicalName) {
        List<HeaderField> found = new ArrayList<>(2);
        for (HeaderField h : headers) {
            if (h.is(canonicalName)) {
                found.add(h);
            }
        }
        return found;
    }

    /** The offset just past the body: bytes after it in a datagram are ignored (RFC 3261 §18.3). */
    public int messageEnd() {
        return bodyOffset + bodyLength;
    }
}
