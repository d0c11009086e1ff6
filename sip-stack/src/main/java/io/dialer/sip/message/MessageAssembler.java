package io.dialer.sip.message;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.ParserFactory;
import gov.nist.javax.sip.parser.StringMsgParser;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the jain-sip object of a framed message from the framer's index,
 * header by header, with repeated header fields copied from a
 * {@link HeaderCache} instead of parsed again.
 *
 * <p>The result is the one {@code parseSIPMessage(normalised, true, false,
 * listener)} gives for the normalised copy of the message (folds joined with
 * a space, the body as framed, an explicit Content-Length; see
 * {@link #normalised}): jain-sip 1.3.0-91 cuts that copy into lines, decodes
 * each as UTF-8, trims its end and hands it to {@code processHeader}, then
 * sets the size and the body. This class feeds the same lines to the same
 * methods without building the copy and cutting it up again, and falls back
 * to the full parse of the copy when a line would be cut differently (a
 * value with a bare CR or LF, which only a quoted-pair can smuggle past the
 * framer's checks).
 *
 * <p>Thread-safe: jain-sip's parser keeps no state between calls and both
 * caches are safe to share (the header cache lock-free, status lines in a concurrent map).
 */
final class MessageAssembler extends StringMsgParser {

    private static final int MAX_STATUS_LINES = 64;

    private final HeaderCache cache;
    /** Parsed status lines by their text; only ever cloned. */
    private final Map<String, StatusLine> statusLines = new ConcurrentHashMap<>();

    MessageAssembler(HeaderCache cache) {
        this.cache = cache;
    }

    /**
     * @param bytes    the message as received
     * @param frame    its index, already checked by {@link HeaderChecks}
     * @param listener told of every header that does not parse
     * @return the message, or null when jain-sip finds none
     */
    SIPMessage assemble(byte[] bytes, FramedMessage frame, ParseExceptionListener listener) throws ParseException {
        String firstLine = firstLine(frame);
        if (hasLineBreak(firstLine)) {
            return parseSIPMessage(normalised(bytes, frame), true, false, listener);
        }
        SIPMessage message = frame.request() ? processFirstLine(trimEndOfLine(firstLine), listener, bytes)
                : response(trimEndOfLine(firstLine), listener, bytes);
        List<HeaderField> headers = frame.headers();
        for (int i = 0; i < headers.size(); i++) {
            HeaderField field = headers.get(i);
            SIPHeader copy = cache.copyOf(field);
            if (copy != null) {
                attachOrReport(copy, field, message, listener, bytes);
                continue;
            }
            String line = utf8(field.name() + ": " + field.value());
            if (hasLineBreak(line)) {
                return parseSIPMessage(normalised(bytes, frame), true, false, listener);
            }
            parseAndCache(trimEndOfLine(line), field, message, listener, bytes);
        }
        if (frame.contentLength() < 0) {
            processHeader("Content-Length: " + frame.bodyLength(), message, listener, bytes);
        }
        message.setSize(headerSectionLength(frame));
        if (message.getContentLength() != null && message.getContentLength().getContentLength() != 0) {
            byte[] body = Arrays.copyOfRange(bytes, frame.bodyOffset(), frame.messageEnd());
            message.setMessageContent(body, true, computeContentLengthFromMessage,
                    message.getContentLength().getContentLength());
        }
        return message;
    }

    /**
     * jain-sip's {@code processFirstLine} for a status line, with the parsed
     * line copied when it was seen before: the same few status lines (180
     * Ringing, 200 OK) start almost every response.
     */
    private SIPMessage response(String statusLine, ParseExceptionListener listener, byte[] bytes)
            throws ParseException {
        StatusLine known = statusLines.get(statusLine);
        if (known != null) {
            SIPResponse response = new SIPResponse();
            response.setStatusLine((StatusLine) known.clone());
            return response;
        }
        SIPMessage message = processFirstLine(statusLine, listener, bytes);
        // Bounded: reason phrases are free text, and a peer could send a new one every time.
        if (message instanceof SIPResponse response && response.getStatusLine() != null
                && statusLines.size() < MAX_STATUS_LINES) {
            statusLines.putIfAbsent(statusLine, (StatusLine) response.getStatusLine().clone());
        }
        return message;
    }

    /**
     * jain-sip's {@code processHeader}, keeping a copy of the parsed header.
     * When the line does not parse or does not attach, {@code processHeader}
     * runs on it so that the listener hears of it exactly as it would have.
     */
    private void parseAndCache(String line, HeaderField field, SIPMessage message, ParseExceptionListener listener,
                               byte[] bytes) throws ParseException {
        SIPHeader parsed;
        try {
            parsed = ParserFactory.createParser(line + "\n").parse();
        } catch (ParseException e) {
            processHeader(line, message, listener, bytes);
            return;
        }
        SIPHeader prototype = (SIPHeader) parsed.clone();
        try {
            message.attachHeader(parsed, false);
        } catch (ParseException e) {
            processHeader(line, message, listener, bytes);
            return;
        }
        cache.put(field, prototype);
    }

    private void attachOrReport(SIPHeader copy, HeaderField field, SIPMessage message, ParseExceptionListener listener,
                                byte[] bytes) throws ParseException {
        try {
            message.attachHeader(copy, false);
        } catch (ParseException e) {
            // A duplicate of a single-value header: let jain-sip report it as it would have.
            processHeader(trimEndOfLine(utf8(field.name() + ": " + field.value())), message, listener, bytes);
        }
    }

    /** The start line as the normalised copy has it (reason phrase in UTF-8, read back as UTF-8). */
    private static String firstLine(FramedMessage f) {
        if (f.request()) {
            return utf8(f.method() + ' ' + f.requestUri() + " SIP/2.0");
        }
        return "SIP/2.0 " + f.statusCode() + ' ' + f.reasonPhrase();
    }

    /** The length of the normalised copy's start line and headers, up to and with the empty line. */
    private static int headerSectionLength(FramedMessage f) {
        int length = f.request()
                ? f.method().length() + 1 + f.requestUri().length() + " SIP/2.0".length()
                : "SIP/2.0 ".length() + String.valueOf(f.statusCode()).length() + 1
                        + f.reasonPhrase().getBytes(StandardCharsets.UTF_8).length;
        length += 2;
        for (HeaderField h : f.headers()) {
            length += h.name().length() + 2 + h.value().length() + 2;
        }
        if (f.contentLength() < 0) {
            length += "Content-Length: ".length() + String.valueOf(f.bodyLength()).length() + 2;
        }
        return length + 2;
    }

    /**
     * Latin-1 text (one char per byte) read as UTF-8, as jain-sip reads each line;
     * ASCII, the usual case, is returned as it is.
     */
    private static String utf8(String latin1) {
        for (int i = 0; i < latin1.length(); i++) {
            if (latin1.charAt(i) >= 0x80) {
                return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
        return latin1;
    }

    /** jain-sip ends a line at any CR or LF. */
    private static boolean hasLineBreak(String line) {
        return line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0;
    }

    /**
     * The message as jain-sip should see it: folds already joined with one SP
     * (jain-sip joins them with nothing), the body exactly as framed, and a
     * Content-Length it cannot disagree with (it drops a body that has none).
     */
    static byte[] normalised(byte[] bytes, FramedMessage f) {
        // One latin-1 text for the header section, one copy into the result.
        StringBuilder head = new StringBuilder(f.bodyOffset() + 32);
        byte[] reason = null;
        if (f.request()) {
            head.append(f.method()).append(' ').append(f.requestUri()).append(" SIP/2.0\r\n");
        } else {
            head.append("SIP/2.0 ").append(f.statusCode()).append(' ');
            reason = f.reasonPhrase().getBytes(StandardCharsets.UTF_8);
        }
        int startLineEnd = head.length();
        if (reason != null) {
            head.append("\r\n");
        }
        for (HeaderField h : f.headers()) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (f.contentLength() < 0) {
            head.append("Content-Length: ").append(f.bodyLength()).append("\r\n");
        }
        head.append("\r\n");
        byte[] text = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        int reasonLength = reason == null ? 0 : reason.length;
        byte[] out = new byte[text.length + reasonLength + f.bodyLength()];
        System.arraycopy(text, 0, out, 0, startLineEnd);
        if (reason != null) {
            System.arraycopy(reason, 0, out, startLineEnd, reasonLength);
        }
        System.arraycopy(text, startLineEnd, out, startLineEnd + reasonLength, text.length - startLineEnd);
        System.arraycopy(bytes, f.bodyOffset(), out, text.length + reasonLength, f.bodyLength());
        return out;
    }
}
