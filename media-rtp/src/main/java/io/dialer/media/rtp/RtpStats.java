package io.dialer.media.rtp;

import java.util.OptionalDouble;

/**
 * A snapshot of one session's RTP statistics.
 *
 * @param packetsSent       RTP packets sent
 * @param octetsSent        payload octets sent (RFC 3550 §6.4.1 sender's octet count)
 * @param packetsReceived   valid RTP packets received from the current source
 * @param octetsReceived    payload octets received
 * @param cumulativeLost    packets lost per RFC 3550 A.3 (expected minus received; duplicates can make it negative)
 * @param fractionLost      lost fraction of the last report interval, 0..1 (A.3)
 * @param jitterMillis      interarrival jitter per A.8, in milliseconds
 * @param roundTripMillis   RTT from the peer's last report block on us (LSR/DLSR, §6.4.1), when known
 * @param malformed         datagrams dropped as not RTP/RTCP
 * @param sourceChanges     sources accepted: the first one, then every SSRC change or restart (RFC 3550 §8.2, A.1)
 */
public record RtpStats(long packetsSent, long octetsSent, long packetsReceived, long octetsReceived,
                       long cumulativeLost, double fractionLost, double jitterMillis,
                       OptionalDouble roundTripMillis, long malformed, long sourceChanges) {

    /** Before anything happened. */
    public static final RtpStats EMPTY = new RtpStats(0, 0, 0, 0, 0, 0, 0, OptionalDouble.empty(), 0, 0);
}
