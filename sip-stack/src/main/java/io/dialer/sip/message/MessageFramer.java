package io.dialer.sip.message;

import io.dialer.sip.message.MalformedMessageException.Kind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Scans one whole message once and indexes it ({@link FramedMessage}), checking
 * what jain-sip's parser lets through: the start line's exact shape and SIP
 * version, folded header lines, repeated single-value headers, and the
 * Content-Length against the bytes that follow the header section.
 *
 * <p>Stateless and thread-safe. Never throws anything but
 * {@link MalformedMessageException}.
 */
public final class MessageFramer {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HT = '\t';

    /** RFC 3261 §8.1.1.5: the CSeq sequence number MUST be less than 2**31. */
    private static final long MAX_CSEQ = (1L << 31) - 1;

    private final MessageLimits limits;

    public MessageFramer(MessageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public MessageLimits limits() {
        return limits;
    }

    /**
     * Frames a message.
     *
     * @param bytes  exactly one message: a datagram, or one message cut from a stream
     * @param stream true on TCP/TLS, where Content-Length is mandatory (RFC 3261 §18.3)
     * @throws MalformedMessageException naming the problem, its offset and the kind of answer it calls for
     */
    public FramedMessage frame(byte[] bytes, boolean stream) throws MalformedMessageException {
        if (bytes.length > limits.maxMessageBytes()) {
            throw new MalformedMessageException(Kind.UNANSWERABLE, "message of " + bytes.length
                    + " bytes exceeds the limit of " + limits.maxMessageBytes() + " bytes", limits.maxMessageBytes(),
                    false, List.of());
        }
        return new Scan(bytes, stream).run();
    }

    /** The state of scanning one message; the first problem found is kept while the headers are still read. */
    private final class Scan {
        private final byte[] b;
        private final boolean stream;
        private final List<HeaderField> headers = new ArrayList<>();

        private Kind problemKind;
        private String problem;
        private int problemOffset = -1;

        private boolean request = true;
        private String method;
        private String requestUri;
        private int statusCode;
        private String reasonPhrase;

        private int pos;

        /** The value of the field being read: b[valueFrom, valueTo), or the folded text once a fold is seen. */
        private int valueFrom;
        private int valueTo;
        private StringBuilder folded;

        Scan(byte[] bytes, boolean stream) {
            this.b = bytes;
            this.stream = stream;
        }

        FramedMessage run() throws MalformedMessageException {
            // RFC 3261 §7.5: CRLFs before the start line are ignored.
            while (pos < b.length && (b[pos] == CR || b[pos] == LF)) {
                pos++;
            }
            if (pos == b.length) {
                throw new MalformedMessageException(Kind.UNANSWERABLE,
                        "no start line: the message is empty or only line breaks", pos, false, List.of());
            }
            int startLineOffset = pos;
            int lf = indexOf(LF, pos);
            if (lf < 0) {
                throw new MalformedMessageException(Kind.UNANSWERABLE,
                        "start line is not terminated by CRLF", startLineOffset, false, List.of());
            }
            int end = lineContentEnd(lf);
            request = !startsWithIgnoreCase(startLineOffset, "SIP/");
            int bareCr = indexOf(CR, startLineOffset, end);
            if (bareCr >= 0) {
                fail(Kind.BAD_REQUEST, "bare CR inside the start line (RFC 3261 §7: lines end in CRLF)", bareCr);
            } else if (end - startLineOffset > limits.maxLineLength()) {
                fail(Kind.BAD_REQUEST, "start line of " + (end - startLineOffset) + " bytes exceeds the line limit of "
                        + limits.maxLineLength(), startLineOffset);
            } else if (request) {
                parseRequestLine(startLineOffset, end);
            } else {
                parseStatusLine(startLineOffset, end);
            }
            pos = lf + 1;

            int bodyOffset = readHeaders();
            if (problem != null) {
                throw failure();
            }
            return index(bodyOffset);
        }

        // ---- start line ----

        /** Request-Line = Method SP Request-URI SP SIP-Version CRLF (RFC 3261 §25.1): exactly one SP each. */
        private void parseRequestLine(int start, int end) {
            int sp1 = indexOf(SP, start, end);
            if (sp1 <= start) {
                fail(Kind.BAD_REQUEST, sp1 == start ? "request line starts with a space" : "request line has no spaces",
                        start);
                return;
            }
            for (int i = start; i < sp1; i++) {
                if (!isTokenChar(b[i])) {
                    fail(Kind.BAD_REQUEST, "method contains the non-token byte 0x" + hex(b[i]), i);
                    return;
                }
            }
            method = latin1(start, sp1);
            int uriStart = sp1 + 1;
            int sp2 = indexOf(SP, uriStart, end);
            if (sp2 < 0) {
                fail(Kind.BAD_REQUEST, "request line has no SIP version", start);
                return;
            }
            if (sp2 == uriStart) {
                fail(Kind.BAD_REQUEST, "more than one SP between method and Request-URI (RFC 3261 §25.1)", sp2);
                return;
            }
            for (int i = uriStart; i < sp2; i++) {
                if (b[i] <= SP || b[i] == 0x7f) {
                    fail(Kind.BAD_REQUEST, "Request-URI contains whitespace or a control byte", i);
                    return;
                }
            }
            if (!hasScheme(uriStart, sp2)) {
                fail(Kind.BAD_REQUEST, "Request-URI does not start with a URI scheme (RFC 3261 §25.1; '<' is not allowed)",
                        uriStart);
                return;
            }
            requestUri = latin1(uriStart, sp2);
            int versionStart = sp2 + 1;
            if (indexOf(SP, versionStart, end) >= 0 || versionStart == end) {
                fail(Kind.BAD_REQUEST, versionStart == end
                        ? "request line ends in a space instead of the SIP version"
                        : "request line has extra spaces: Request-URI contains LWS or the line has trailing SP"
                                + " (RFC 3261 §25.1)", versionStart);
                return;
            }
            checkVersion(versionStart, end);
        }

        private void checkVersion(int start, int end) {
            if (!isSipVersion(start, end)) {
                fail(Kind.BAD_REQUEST, "malformed SIP version '" + latin1(start, end) + "'", start);
            } else if (!isSip20(start, end)) {
                // RFC 3261 §8.2.2 via §21.5.6: a version we do not speak gets 505.
                fail(Kind.VERSION_NOT_SUPPORTED, "SIP version " + latin1(start, end) + " is not supported, only SIP/2.0",
                        start);
            }
        }

        /** Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF (RFC 3261 §7.2). */
        private void parseStatusLine(int start, int end) {
            int sp1 = indexOf(SP, start, end);
            if (sp1 < 0) {
                fail(Kind.UNANSWERABLE, "status line has no status code", start);
                return;
            }
            checkVersion(start, sp1);
            if (problem != null) {
                return;
            }
            int codeStart = sp1 + 1;
            int codeEnd = codeStart;
            while (codeEnd < end && b[codeEnd] != SP) {
                codeEnd++;
            }
            if (codeEnd - codeStart != 3 || !isDigit(b[codeStart]) || !isDigit(b[codeStart + 1]) || !isDigit(b[codeStart + 2])) {
                fail(Kind.UNANSWERABLE, "status code '" + latin1(codeStart, codeEnd) + "' is not three digits", codeStart);
                return;
            }
            statusCode = (b[codeStart] - '0') * 100 + (b[codeStart + 1] - '0') * 10 + (b[codeStart + 2] - '0');
            if (statusCode < 100 || statusCode > 699) {
                fail(Kind.UNANSWERABLE, "status code " + statusCode + " is outside 100-699 (RFC 3261 §7.2)", codeStart);
                return;
            }
            // RFC 4475 §3.1.1.13: the reason phrase may be empty; its SP is then tolerated missing.
            int reasonStart = Math.min(codeEnd + 1, end);
            reasonPhrase = new String(b, reasonStart, end - reasonStart, StandardCharsets.UTF_8);
        }

        // ---- headers ----

        /** Reads header lines up to the empty line; returns the body offset. */
        private int readHeaders() throws MalformedMessageException {
            String name = null;
            int fieldOffset = -1;
            Set<String> seenSingle = new HashSet<>();
            while (true) {
                if (pos >= b.length) {
                    addField(name, fieldOffset, seenSingle);
                    fail(Kind.BAD_REQUEST, "message truncated: no empty line ends the header section", b.length);
                    return b.length;
                }
                int lineStart = pos;
                int lf = indexOf(LF, pos);
                if (lf < 0) {
                    addField(name, fieldOffset, seenSingle);
                    fail(Kind.BAD_REQUEST, "message truncated: header line without CRLF", lineStart);
                    return b.length;
                }
                int end = lineContentEnd(lf);
                pos = lf + 1;
                if (end == lineStart) {
                    addField(name, fieldOffset, seenSingle);
                    return pos;
                }
                if (end - lineStart > limits.maxLineLength()) {
                    fail(Kind.BAD_REQUEST, "header line of " + (end - lineStart) + " bytes exceeds the line limit of "
                            + limits.maxLineLength(), lineStart);
                    throw failure();
                }
                int bareCr = indexOf(CR, lineStart, end);
                if (bareCr >= 0) {
                    // jain-sip would split the line here and invent a header from the rest.
                    fail(Kind.BAD_REQUEST, "bare CR inside a header line (RFC 3261 §7.3: lines end in CRLF)", bareCr);
                }
                if (b[lineStart] == SP || b[lineStart] == HT) {
                    if (name == null) {
                        fail(Kind.BAD_REQUEST, "continuation line before any header field", lineStart);
                        continue;
                    }
                    // RFC 3261 §7.3.1: a fold (CRLF + whitespace) is equivalent to one SP.
                    if (folded == null) {
                        folded = new StringBuilder(latin1(valueFrom, valueTo));
                    }
                    folded.append(' ').append(latin1(skipWs(lineStart, end), end));
                    continue;
                }
                addField(name, fieldOffset, seenSingle);
                name = null;
                if (headers.size() >= limits.maxHeaderCount()) {
                    fail(Kind.BAD_REQUEST, "more than " + limits.maxHeaderCount() + " header fields", lineStart);
                    throw failure();
                }
                int colon = indexOf((byte) ':', lineStart, end);
                if (colon < 0) {
                    fail(Kind.BAD_REQUEST, "header line without a colon", lineStart);
                    continue;
                }
                int nameEnd = colon;
                while (nameEnd > lineStart && (b[nameEnd - 1] == SP || b[nameEnd - 1] == HT)) {
                    nameEnd--;
                }
                int bad = firstNonToken(lineStart, nameEnd);
                if (nameEnd == lineStart || bad >= 0) {
                    fail(Kind.BAD_REQUEST, "header name '" + printable(lineStart, nameEnd) + "' is not a token", lineStart);
                    continue;
                }
                name = latin1(lineStart, nameEnd);
                valueFrom = skipWs(colon + 1, end);
                valueTo = end;
                folded = null;
                fieldOffset = lineStart;
            }
        }

        private void addField(String name, int offset, Set<String> seenSingle) {
            if (name == null) {
                return;
            }
            String canonical = HeaderNames.canonical(name);
            HeaderField field = new HeaderField(name, canonical, pendingValue(), offset);
            String single = HeaderNames.singleValueKey(canonical);
            if (single != null && !seenSingle.add(single)) {
                fail(Kind.BAD_REQUEST, canonical + " appears more than once; it is a single-value header"
                        + " (RFC 3261 §7.3, §20)", offset);
            }
            headers.add(field);
        }

        /**
         * The value of the field being read, trailing whitespace dropped: cut
         * straight from the bytes unless the field was folded (one copy per value).
         */
        private String pendingValue() {
            if (folded != null) {
                return trimTrailing(folded);
            }
            int to = valueTo;
            while (to > valueFrom && (b[to - 1] == SP || b[to - 1] == HT)) {
                to--;
            }
            return latin1(valueFrom, to);
        }

        // ---- index and body ----

        private FramedMessage index(int bodyOffset) throws MalformedMessageException {
            int contentLength = -1;
            HeaderField cl = find(HeaderNames.CONTENT_LENGTH);
            if (cl != null) {
                contentLength = parseContentLength(cl);
            }
            String cseqMethod = null;
            long cseqNumber = -1;
            HeaderField cseq = find(HeaderNames.CSEQ);
            if (cseq != null) {
                String[] parts = cseqParts(cseq.value());
                if (parts == null || !allDigits(parts[0]) || !isToken(parts[1])) {
                    fail(Kind.BAD_REQUEST, "CSeq '" + cseq.value() + "' is not 'number method' (RFC 3261 §20.16)",
                            cseq.offset());
                } else if (parts[0].length() > 10 || Long.parseLong(parts[0]) > MAX_CSEQ) {
                    fail(Kind.BAD_REQUEST, "CSeq number " + parts[0] + " is not below 2**31 (RFC 3261 §8.1.1.5)",
                            cseq.offset());
                } else {
                    cseqNumber = Long.parseLong(parts[0]);
                    cseqMethod = parts[1];
                }
            }
            String branch = null;
            String sentBy = null;
            HeaderField via = find(HeaderNames.VIA);
            if (via != null) {
                ViaValue top = ViaValue.parseFirst(via.value());
                if (top == null) {
                    fail(Kind.BAD_REQUEST, "Via '" + via.value() + "' has no sent-protocol and sent-by", via.offset());
                } else {
                    branch = top.branch();
                    sentBy = top.sentBy();
                }
            }
            HeaderField callIdField = find(HeaderNames.CALL_ID);
            String callId = callIdField == null ? null : callIdField.value();
            if (callId != null && callId.isEmpty()) {
                fail(Kind.BAD_REQUEST, "Call-ID is empty", callIdField.offset());
            }
            HeaderField from = find(HeaderNames.FROM);
            HeaderField to = find(HeaderNames.TO);
            String fromTag = from == null ? null : AddressValue.tag(from.value());
            String toTag = to == null ? null : AddressValue.tag(to.value());

            int available = b.length - bodyOffset;
            int bodyLength;
            if (contentLength >= 0) {
                if (contentLength > available) {
                    // RFC 3261 §18.3: a datagram shorter than its Content-Length is rejected with 400.
                    fail(Kind.BAD_REQUEST, "Content-Length " + contentLength + " exceeds the " + available
                            + " bytes after the header section (RFC 3261 §18.3)", cl.offset());
                }
                bodyLength = Math.min(contentLength, available);
            } else if (stream) {
                fail(Kind.BAD_REQUEST, "Content-Length is missing; it is mandatory on stream transports"
                        + " (RFC 3261 §18.3, §20.14)", bodyOffset);
                bodyLength = 0;
            } else {
                // RFC 3261 §18.3 / RFC 4475 §3.4.1: on a datagram the body runs to its end.
                bodyLength = available;
            }
            if (problem != null) {
                throw failure();
            }
            return new FramedMessage(request, method, requestUri, statusCode, reasonPhrase, headers, branch, sentBy,
                    callId, cseqNumber, cseqMethod, fromTag, toTag, contentLength, bodyOffset, bodyLength);
        }

        private int parseContentLength(HeaderField cl) {
            String v = cl.value().trim();
            if (v.isEmpty() || !allDigits(v)) {
                fail(Kind.BAD_REQUEST, "Content-Length '" + v + "' is not a non-negative integer (RFC 3261 §20.14)",
                        cl.offset());
                return -1;
            }
            if (v.length() > 9) {
                fail(Kind.BAD_REQUEST, "Content-Length " + v + " is larger than any message we accept", cl.offset());
                return -1;
            }
            return Integer.parseInt(v);
        }

        private HeaderField find(String canonical) {
            for (HeaderField h : headers) {
                if (h.is(canonical)) {
                    return h;
                }
            }
            return null;
        }

        // ---- problems ----

        private void fail(Kind kind, String reason, int offset) {
            if (problem == null) {
                problemKind = kind;
                problem = reason;
                problemOffset = offset;
            }
        }

        private MalformedMessageException failure() {
            return new MalformedMessageException(problemKind, problem, problemOffset, request, headers);
        }

        // ---- byte helpers ----

        private int indexOf(byte c, int from) {
            return indexOf(c, from, b.length);
        }

        private int indexOf(byte c, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == c) {
                    return i;
                }
            }
            return -1;
        }

        /** The end of a line's content: before CRLF, or before a bare LF (tolerated, RFC 3261 §7.5 robustness). */
        private int lineContentEnd(int lf) {
            return lf > 0 && b[lf - 1] == CR ? lf - 1 : lf;
        }

        private int skipWs(int from, int to) {
            while (from < to && (b[from] == SP || b[from] == HT)) {
                from++;
            }
            return from;
        }

        private boolean startsWithIgnoreCase(int at, String prefix) {
            if (b.length - at < prefix.length()) {
                return false;
            }
            for (int i = 0; i < prefix.length(); i++) {
                if (Character.toUpperCase((char) b[at + i]) != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ":" (RFC 3986 §3.1). */
        private boolean hasScheme(int from, int to) {
            if (!isAlpha(b[from])) {
                return false;
            }
            for (int i = from + 1; i < to; i++) {
                byte c = b[i];
                if (c == ':') {
                    return true;
                }
                if (!isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.') {
                    return false;
                }
            }
            return false;
        }

        /** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT, case-insensitive (RFC 3261 §7.1). */
        private boolean isSipVersion(int from, int to) {
            if (to - from < 7 || !startsWithIgnoreCase(from, "SIP/")) {
                return false;
            }
            int i = from + 4;
            int digits = 0;
            while (i < to && isDigit(b[i])) {
                i++;
                digits++;
            }
            if (digits == 0 || i >= to || b[i] != '.') {
                return false;
            }
            i++;
            digits = 0;
            while (i < to && isDigit(b[i])) {
                i++;
                digits++;
            }
            return digits > 0 && i == to;
        }

        private boolean isSip20(int from, int to) {
            return to - from == 7 && b[from + 4] == '2' && b[from + 5] == '.' && b[from + 6] == '0';
        }

        private int firstNonToken(int from, int to) {
            for (int i = from; i < to; i++) {
                if (!isTokenChar(b[i])) {
                    return i;
                }
            }
            return -1;
        }

        private String latin1(int from, int to) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }

        private String printable(int from, int to) {
            StringBuilder s = new StringBuilder();
            for (int i = from; i < Math.min(to, from + 40); i++) {
                s.append(b[i] >= SP && b[i] < 0x7f ? (char) b[i] : '?');
            }
            return s.toString();
        }
    }

    /**
     * The trimmed CSeq value split at runs of SP/HT into exactly two parts,
     * or null when it has another number of parts. Plain scanning: a regex
     * split would compile its pattern for every message.
     */
    private static String[] cseqParts(String value) {
        String v = value.trim();
        int gap = 0;
        while (gap < v.length() && v.charAt(gap) != ' ' && v.charAt(gap) != '\t') {
            gap++;
        }
        if (gap == v.length()) {
            return null;
        }
        int second = gap;
        while (v.charAt(second) == ' ' || v.charAt(second) == '\t') {
            second++;
        }
        for (int i = second; i < v.length(); i++) {
            if (v.charAt(i) == ' ' || v.charAt(i) == '\t') {
                return null;
            }
        }
        return new String[] {v.substring(0, gap), v.substring(second)};
    }

    private static String trimTrailing(CharSequence s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.subSequence(0, end).toString();
    }

    private static String hex(byte c) {
        return String.format("%02x", c & 0xff);
    }

    static boolean isAlpha(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") (RFC 3261 §25.1). */
    static boolean isTokenChar(byte c) {
        return c >= 0 && TOKEN_CHARS[c];
    }

    /**
     * token characters (RFC 3261 §25.1: alphanum / "-" / "." / "!" / "%" / "*"
     * / "_" / "+" / "`" / "'" / "~"), looked up: every header name and many
     * values are scanned with it.
     */
    private static final boolean[] TOKEN_CHARS = tokenChars();

    private static boolean[] tokenChars() {
        boolean[] table = new boolean[128];
        for (int c = 0; c < 128; c++) {
            byte b = (byte) c;
            table[c] = isAlpha(b) || isDigit(b) || "-.!%*_+`'~".indexOf(c) >= 0;
        }
        return table;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7f || !isTokenChar((byte) c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
