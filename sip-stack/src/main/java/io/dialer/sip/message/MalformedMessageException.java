package io.dialer.sip.message;

import java.util.List;

/**
 * A message the framer or the header checks refuse. It keeps what the
 * decoder needs to answer a request statelessly: the status to send, the
 * reason in words, the byte offset, and whatever header fields could still
 * be read.
 */
public final class MalformedMessageException extends Exception {

    /** What the problem calls for. */
    public enum Kind {
        /** Answer a request with 400 Bad Request (RFC 3261 §21.4.1). */
        BAD_REQUEST(400),
        /** Answer a request with 505 Version Not Supported (RFC 3261 §21.5.6). */
        VERSION_NOT_SUPPORTED(505),
        /** Nothing can be answered: drop it (oversized, empty, not SIP at all). */
        UNANSWERABLE(0);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final int offset;
    private final boolean request;
    private final transient List<HeaderField> headers;

    public MalformedMessageException(Kind kind, String reason, int offset, boolean request, List<HeaderField> headers) {
        super(reason, null, false, false);
        this.kind = kind;
        this.offset = offset;
        this.request = request;
        this.headers = List.copyOf(headers);
    }

    public Kind kind() {
        return kind;
    }

    /** The byte offset of the problem, -1 when it has no single place. */
    public int offset() {
        return offset;
    }

    /** True when the start line is not a status line, so the sender may be answered. */
    public boolean request() {
        return request;
    }

    /** Header fields read before (or despite) the problem. */
    public List<HeaderField> headers() {
        return headers;
    }

    public String reason() {
        return getMessage();
    }
}
