package io.dialer.sip.message;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Encodes a jain-sip message to the bytes put on the wire. Stateless and
 * thread-safe.
 */
public final class MessageEncoder {

    private static final byte[] CSEQ_LINE = "\r\nCSeq: ".getBytes(StandardCharsets.US_ASCII);

    /**
     * The message's bytes, body included as it is stored (binary bodies are
     * not re-encoded). jain-sip's {@code encodeAsBytes(transport)} also
     * writes that transport into the top Via, so the Via's own transport is
     * passed to leave the message as it is.
     */
    public byte[] encode(SIPMessage message) {
        Objects.requireNonNull(message, "message");
        Via top = message.getTopmostVia();
        String transport = top == null || top.getTransport() == null ? "UDP" : top.getTransport();
        byte[] bytes = message.encodeAsBytes(transport);
        CSeq cseq = (CSeq) message.getCSeq();
        if (cseq != null && cseq.getMethod() != null && !cseq.getMethod().equals(cseq.getMethod().toUpperCase(Locale.ROOT))) {
            restoreCSeqMethod(bytes, cseq.getMethod());
        }
        return bytes;
    }

    /**
     * jain-sip writes the CSeq method in upper case, but methods are
     * case-sensitive (RFC 3261 §7.1, §20.16: the CSeq method must match the
     * request's exactly; RFC 4475 §3.1.1.2). The method has the same length
     * either way, so it is written back in place.
     */
    private static void restoreCSeqMethod(byte[] bytes, String method) {
        int line = indexOf(bytes, CSEQ_LINE);
        if (line < 0) {
            return;
        }
        int end = line + CSEQ_LINE.length;
        while (end < bytes.length && bytes[end] != '\r') {
            end++;
        }
        byte[] wanted = method.getBytes(StandardCharsets.UTF_8);
        int start = end - wanted.length;
        byte[] upper = method.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        if (start > line && upper.length == wanted.length
                && Arrays.equals(bytes, start, end, upper, 0, upper.length)) {
            System.arraycopy(wanted, 0, bytes, start, wanted.length);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
