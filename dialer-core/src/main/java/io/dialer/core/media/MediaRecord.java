package io.dialer.core.media;

/**
 * The {@code media} part of a call record: what was negotiated and what RTP
 * did (RFC 3550 statistics).
 *
 * @param codec           the negotiated codec (e.g. {@code PCMU}), null when no answer was negotiated
 * @param localPort       our RTP port
 * @param remote          where we sent RTP ({@code address:port}), null before the answer
 * @param packetsSent     RTP packets sent
 * @param packetsReceived RTP packets received from the callee
 * @param packetsLost     packets lost per RFC 3550 A.3
 * @param jitterMs        interarrival jitter per RFC 3550 A.8
 * @param rttMs           round-trip time from RTCP (§6.4.1), null when no report came back
 * @param problem         why media could not be set up (e.g. no common codec), null when it could
 */
public record MediaRecord(String codec, int localPort, String remote, long packetsSent, long packetsReceived,
                          long packetsLost, double jitterMs, Double rttMs, String problem) {
}
