package io.dialer.media.rtp;

/**
 * The media above one {@link RtpSession}: what to send each tick and what to do with
 * what arrives. Every method runs on the session's event loop, must not block and
 * should not throw (an exception is logged and the packet or tick dropped).
 */
public interface RtpHandler {

    /**
     * Called every 20 ms once the peer's address is known: the payload for this tick, or
     * null to send nothing (silence). Also called, and the payload dropped, while an RFC
     * 4733 event is being sent, so that a live source stays in real time.
     */
    RtpPayload nextPayload();

    /** Called every 20 ms after sending: play out what the jitter buffer holds. */
    default void playout(long nowNanos) {
    }

    /** A valid packet from the current source (RFC 3550 A.1 checks passed). */
    void received(RtpPacket packet, long arrivalNanos);

    /**
     * The source changed: a new SSRC passed probation or the old one restarted its
     * sequence numbers (RFC 3550 §8.2, A.1). Reception state downstream must start over.
     */
    default void sourceChanged(long ssrc) {
    }
}
