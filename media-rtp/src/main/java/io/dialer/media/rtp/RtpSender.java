package io.dialer.media.rtp;

/**
 * The sending side's numbering (RFC 3550 §5.1): a random initial sequence number
 * that grows by one per packet, and a random initial timestamp that grows with the
 * sampling clock — one tick of the media clock is {@code samplesPerTick} — whether
 * or not a packet was sent in that tick, so silence gaps show up as timestamp jumps
 * of exactly their length. Also counts what the SR reports (§6.4.1). Not thread-safe.
 */
final class RtpSender {

    private final long ssrc;
    private final long initialTimestamp;
    private final int samplesPerTick;
    private final int clockRate;
    private int nextSeq;
    private long firstTick = Long.MIN_VALUE;
    private long firstTickNanos;
    private long packets;
    private long octets;
    private long packetsAtLastReport;

    RtpSender(long ssrc, int initialSeq, long initialTimestamp, int clockRate, int samplesPerTick) {
        this.ssrc = ssrc;
        this.nextSeq = initialSeq & 0xFFFF;
        this.initialTimestamp = initialTimestamp & 0xFFFF_FFFFL;
        this.clockRate = clockRate;
        this.samplesPerTick = samplesPerTick;
    }

    long ssrc() {
        return ssrc;
    }

    /** Anchors the timestamp to the first tick the session sees; later ticks only advance it. */
    void tick(long tick, long tickNanos) {
        if (firstTick == Long.MIN_VALUE) {
            firstTick = tick;
            firstTickNanos = tickNanos;
        }
    }

    /** The RTP timestamp of the start of {@code tick}. */
    long timestampAt(long tick) {
        return (initialTimestamp + (tick - firstTick) * samplesPerTick) & 0xFFFF_FFFFL;
    }

    /** The RTP timestamp of a monotonic instant, for the SR (§6.4.1: same instant as the NTP timestamp). */
    long timestampAtNanos(long nanos) {
        long samples = Math.floorDiv((nanos - firstTickNanos) * clockRate, 1_000_000_000L);
        return (initialTimestamp + samples) & 0xFFFF_FFFFL;
    }

    boolean started() {
        return firstTick != Long.MIN_VALUE;
    }

    /** The next packet with the next sequence number. */
    RtpPacket packet(boolean marker, int payloadType, long timestamp, byte[] payload) {
        RtpPacket p = new RtpPacket(marker, payloadType, nextSeq, timestamp, ssrc, payload);
        nextSeq = (nextSeq + 1) & 0xFFFF;
        packets++;
        octets += payload.length;
        return p;
    }

    long packets() {
        return packets;
    }

    long octets() {
        return octets;
    }

    /** True when packets went out since the last call: the next report is an SR (§6.4). */
    boolean sentSinceLastReport() {
        boolean sent = packets != packetsAtLastReport;
        packetsAtLastReport = packets;
        return sent;
    }
}
