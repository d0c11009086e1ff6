package io.dialer.sip.message;

/**
 * Bounds the decoder enforces before any parsing work, so that a hostile or
 * broken peer cannot make one message cost more than a few kilobytes of
 * scanning.
 *
 * @param maxMessageBytes the largest whole message accepted (start line,
 *                        headers and body); a UDP datagram can never exceed
 *                        65,535 bytes, and RFC 3261 §18.1.1 keeps most well
 *                        below that
 * @param maxHeaderCount  the most header fields a message may carry
 * @param maxLineLength   the longest physical line (start line or header
 *                        line, without its CRLF); RFC 4475 §3.1.1.7 (longreq)
 *                        has lines of a few hundred bytes that must pass
 */
public record MessageLimits(int maxMessageBytes, int maxHeaderCount, int maxLineLength) {

    /** 64 KiB messages, 256 header fields, 8 KiB lines: every valid RFC 4475 message fits. */
    public static final MessageLimits DEFAULTS = new MessageLimits(64 * 1024, 256, 8 * 1024);

    public MessageLimits {
        if (maxMessageBytes < 256) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 256, was " + maxMessageBytes);
        }
        if (maxHeaderCount < 8) {
            throw new IllegalArgumentException("maxHeaderCount must be at least 8 (the headers RFC 3261 §8.1.1 requires), was "
                    + maxHeaderCount);
        }
        if (maxLineLength < 64 || maxLineLength > maxMessageBytes) {
            throw new IllegalArgumentException("maxLineLength must be between 64 and maxMessageBytes ("
                    + maxMessageBytes + "), was " + maxLineLength);
        }
    }
}
