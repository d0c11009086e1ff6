package io.dialer.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a TCP or TLS byte stream into whole SIP messages, emitted as {@code byte[]}
 * (RFC 3261 §18.3): the headers end at the first CRLFCRLF and the body is exactly
 * Content-Length bytes (long form or compact {@code l}, any case, §7.3.1 and §7.3.3).
 *
 * <p>Between messages, RFC 5626 §3.5.1 keep-alives are handled here: a CRLFCRLF
 * "ping" is answered with a single CRLF "pong" and lone CRLFs are skipped (RFC 3261
 * §7.5). Memory is bounded: a message (headers plus body) may not exceed
 * {@code maxMessageBytes}, so the cumulation never grows past that plus one read.
 *
 * <p>Input that cannot be framed never throws: the reason is counted and logged, the
 * framer moves to {@code BAD_STREAM}, discards everything after and closes the
 * connection, since no later message boundary can be trusted.
 */
final class StreamFramer extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(StreamFramer.class);

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] PONG = {CR, LF};
    /** Content-Length fits an int with room to add the headers; ten digits would not. */
    private static final int MAX_CONTENT_LENGTH_DIGITS = 9;

    private enum State {
        /** Before a message: skipping CRLFs, answering CRLFCRLF pings. */
        BETWEEN_MESSAGES,
        /** Looking for the CRLFCRLF that ends the headers. */
        READ_HEADERS,
        /** Headers parsed; waiting until the whole body has arrived. */
        READ_BODY,
        /** Framing failed; everything is discarded until the connection is closed. */
        BAD_STREAM
    }

    private final int maxMessageBytes;
    private final TransportCounters counters;
    private State state = State.BETWEEN_MESSAGES;
    /** How many header bytes were already searched for CRLFCRLF, so each byte is scanned once. */
    private int scanned;
    private int messageLength;

    StreamFramer(int maxMessageBytes, TransportCounters counters) {
        this.maxMessageBytes = maxMessageBytes;
        this.counters = counters;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case BETWEEN_MESSAGES -> {
                    if (!skipKeepAlives(ctx, in)) {
                        return;
                    }
                    if (!isTokenChar(in.getByte(in.readerIndex()))) {
                        // RFC 3261 §7.1/§7.2: a message starts with a method token or "SIP/".
                        fail(ctx, in, FramingError.NOT_A_START_LINE, "stream does not start with a SIP start line");
                        return;
                    }
                    state = State.READ_HEADERS;
                    scanned = 0;
                }
                case READ_HEADERS -> {
                    if (!readHeaders(ctx, in)) {
                        return;
                    }
                }
                case READ_BODY -> {
                    if (in.readableBytes() < messageLength) {
                        return;
                    }
                    byte[] message = new byte[messageLength];
                    in.readBytes(message);
                    out.add(message);
                    state = State.BETWEEN_MESSAGES;
                }
                case BAD_STREAM -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    /**
     * Consumes CRLFs before a message. Returns true when a message byte is next, false
     * when more input is needed to decide.
     */
    private boolean skipKeepAlives(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable()) {
            int r = in.readerIndex();
            int n = in.readableBytes();
            if (in.getByte(r) != CR && in.getByte(r) != LF) {
                return true;
            }
            if (n >= 4 && in.getByte(r) == CR && in.getByte(r + 1) == LF
                    && in.getByte(r + 2) == CR && in.getByte(r + 3) == LF) {
                // RFC 5626 §3.5.1: the server answers a double-CRLF ping with one CRLF.
                in.skipBytes(4);
                counters.keepAlivePing();
                ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
                continue;
            }
            if (n < 4 && isPrefixOfPing(in, r, n)) {
                // Could still become a ping; a pong sent to us ends here and waits harmlessly.
                return false;
            }
            // A lone CRLF (or stray LF) between messages: RFC 3261 §7.5 says ignore it.
            in.skipBytes(in.getByte(r) == CR && n >= 2 && in.getByte(r + 1) == LF ? 2 : 1);
        }
        return false;
    }

    private static boolean isPrefixOfPing(ByteBuf in, int r, int n) {
        for (int i = 0; i < n; i++) {
            if (in.getByte(r + i) != (i % 2 == 0 ? CR : LF)) {
                return false;
            }
        }
        return true;
    }

    /** Finds the end of the headers and reads Content-Length; true when the state moved on. */
    private boolean readHeaders(ChannelHandlerContext ctx, ByteBuf in) {
        int r = in.readerIndex();
        int searchable = Math.min(in.readableBytes(), maxMessageBytes);
        int from = Math.max(0, scanned - 3);
        int end = indexOfCrlfCrlf(in, r + from, r + searchable);
        if (end < 0) {
            if (in.readableBytes() >= maxMessageBytes) {
                fail(ctx, in, FramingError.HEADERS_TOO_LONG,
                        "no end of headers within " + maxMessageBytes + " bytes");
                return false;
            }
            scanned = searchable;
            return false;
        }
        int headerLength = end + 4 - r;
        long contentLength = contentLength(in, r, headerLength);
        if (contentLength == MISSING) {
            // RFC 3261 §18.3: on a stream, Content-Length MUST be present; without it the
            // next message's start is unknown.
            fail(ctx, in, FramingError.MISSING_CONTENT_LENGTH, "message without Content-Length on a stream");
            return false;
        }
        if (contentLength == INVALID) {
            fail(ctx, in, FramingError.INVALID_CONTENT_LENGTH, "Content-Length is not a valid number");
            return false;
        }
        long total = headerLength + contentLength;
        if (total > maxMessageBytes) {
            fail(ctx, in, FramingError.MESSAGE_TOO_LARGE,
                    "message of " + total + " bytes exceeds the " + maxMessageBytes + "-byte limit");
            return false;
        }
        messageLength = (int) total;
        state = State.READ_BODY;
        return true;
    }

    private static int indexOfCrlfCrlf(ByteBuf in, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (in.getByte(i) == CR && in.getByte(i + 1) == LF
                    && in.getByte(i + 2) == CR && in.getByte(i + 3) == LF) {
                return i;
            }
        }
        return -1;
    }

    private static final long MISSING = -1;
    private static final long INVALID = -2;

    /**
     * The Content-Length of the header block {@code [start, start+length)}: the value,
     * {@link #MISSING}, or {@link #INVALID} (not digits, or repeated with another value).
     * Folded continuation lines (RFC 3261 §7.3.1) are joined to their header.
     */
    private static long contentLength(ByteBuf in, int start, int length) {
        int end = start + length - 2; // the final empty line's CRLF is not a header line
        int line = nextLine(in, start, end); // skip the start line
        long found = MISSING;
        StringBuilder value = null;
        while (line >= 0 && line < end) {
            int lineEnd = endOfLine(in, line, end);
            byte first = in.getByte(line);
            if (first == ' ' || first == '\t') {
                if (value != null) {
                    value.append(ascii(in, line, lineEnd));
                }
            } else {
                if (value != null) {
                    found = merge(found, value);
                    if (found == INVALID) {
                        return INVALID;
                    }
                }
                value = contentLengthValue(in, line, lineEnd);
            }
            line = lineEnd + 2;
        }
        if (value != null) {
            found = merge(found, value);
        }
        return found;
    }

    private static long merge(long found, CharSequence rawValue) {
        long parsed = parseDigits(rawValue.toString().strip());
        if (parsed == INVALID || (found != MISSING && found != parsed)) {
            return INVALID;
        }
        return parsed;
    }

    /** The raw value when the line is a Content-Length (or {@code l}) header, else null. */
    private static StringBuilder contentLengthValue(ByteBuf in, int line, int lineEnd) {
        int colon = -1;
        for (int i = line; i < lineEnd; i++) {
            if (in.getByte(i) == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return null;
        }
        String name = ascii(in, line, colon).strip();
        if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("l")) {
            return new StringBuilder(ascii(in, colon + 1, lineEnd));
        }
        return null;
    }

    private static long parseDigits(String s) {
        if (s.isEmpty() || s.length() > MAX_CONTENT_LENGTH_DIGITS) {
            return INVALID;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return INVALID;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int nextLine(ByteBuf in, int from, int end) {
        int e = endOfLine(in, from, end);
        return e < end ? e + 2 : -1;
    }

    /** Index of the CR of the CRLF ending the line at {@code from}, or {@code end}. */
    private static int endOfLine(ByteBuf in, int from, int end) {
        for (int i = from; i + 1 < end + 2; i++) {
            if (in.getByte(i) == CR && in.getByte(i + 1) == LF) {
                return i;
            }
        }
        return end;
    }

    private static String ascii(ByteBuf in, int from, int to) {
        return in.toString(from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** RFC 3261 §25.1 token characters: what a method name or "SIP" can start with. */
    private static boolean isTokenChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || "-.!%*_+`'~".indexOf(b) >= 0;
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, FramingError error, String reason) {
        counters.framingError(error);
        // DEBUG, not INFO: a hostile peer must not be able to flood the log; the counter shows it.
        log.debug("closing connection from {}: {}", ctx.channel().remoteAddress(), reason);
        state = State.BAD_STREAM;
        in.skipBytes(in.readableBytes());
        ctx.close();
    }
}
