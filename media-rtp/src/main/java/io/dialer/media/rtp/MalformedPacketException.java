package io.dialer.media.rtp;

/**
 * An RTP or RTCP datagram that does not follow RFC 3550; carries the byte offset
 * where parsing gave up. Receive handlers catch it, count the datagram and drop it,
 * so that bad input never travels down a Netty pipeline.
 */
public final class MalformedPacketException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    public MalformedPacketException(String reason, int offset) {
        super(reason + " (at byte " + offset + ")", null, false, false);
        this.offset = offset;
    }

    /** The byte offset in the datagram where the problem was found. */
    public int offset() {
        return offset;
    }
}
