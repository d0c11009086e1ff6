package io.dialer.sip.transport;

/**
 * Why a TCP or TLS stream could not be cut into messages (RFC 3261 §18.3). Each one
 * closes the connection: after it the framer cannot know where the next message starts.
 */
public enum FramingError {
    /** The bytes before the header end do not start like a SIP request or status line. */
    NOT_A_START_LINE,
    /** No CRLFCRLF ended the headers within the message size limit. */
    HEADERS_TOO_LONG,
    /** Headers plus the announced body exceed the message size limit. */
    MESSAGE_TOO_LARGE,
    /** A stream message without Content-Length: RFC 3261 §18.3 makes it mandatory. */
    MISSING_CONTENT_LENGTH,
    /** Content-Length is not a decimal number, or two of them disagree. */
    INVALID_CONTENT_LENGTH
}
