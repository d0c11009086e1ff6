package io.dialer.media.rtp;

/**
 * Reception state of one synchronisation source: the sequence number checks of
 * RFC 3550 A.1 (probation of new sources, wrap into extended sequence numbers,
 * restart after a large jump), the loss counts of A.3 and the interarrival jitter
 * of A.8. Not thread-safe: a session touches it on its event loop only.
 */
final class RtpSource {

    /** Verdict on one packet's sequence number (RFC 3550 A.1 update_seq). */
    enum Verdict {
        /** Deliver the packet. */
        VALID,
        /** Still on probation or a lone jump: drop it. */
        INVALID,
        /** Two sequential packets after a large jump: the sender restarted; deliver and reset downstream state. */
        RESTARTED
    }

    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;
    static final int MIN_SEQUENTIAL = 2;
    private static final int SEQ_MOD = 1 << 16;

    private final long ssrc;
    private final int clockRate;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private int lastFractionLost;

    private double jitter;
    private long lastTransit;
    private long lastTimestamp = -1;

    private long lastSrMiddle;
    private long lastSrArrivalNanos;

    /** A new source seen with {@code seq}: on probation (A.1). */
    RtpSource(long ssrc, int seq, int clockRate) {
        this.ssrc = ssrc;
        this.clockRate = clockRate;
        initSeq(seq);
        maxSeq = (seq - 1) & 0xFFFF;
        probation = MIN_SEQUENTIAL;
    }

    long ssrc() {
        return ssrc;
    }

    private void initSeq(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1; // so that seq == badSeq is false
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /** RFC 3550 A.1 update_seq. */
    Verdict update(int seq) {
        int delta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSeq(seq);
                    received++;
                    return Verdict.VALID;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return Verdict.INVALID;
        } else if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD; // wrapped
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                // two sequential packets after a jump: the source restarted without telling us
                initSeq(seq);
                received++;
                lastTimestamp = -1;
                return Verdict.RESTARTED;
            }
            badSeq = (seq + 1) & 0xFFFF;
            return Verdict.INVALID;
        }
        // else a duplicate or reordered packet within MAX_MISORDER: counted, delivered
        received++;
        return Verdict.VALID;
    }

    /**
     * RFC 3550 A.8 interarrival jitter. Only a timestamp different from the last one
     * updates it: RFC 4733 event packets repeat the event's start timestamp (§2.5.1.2)
     * and would otherwise read as 20 ms of transit change each. A jump of more than
     * three seconds of transit (a sender restart, a timestamp discontinuity) only
     * re-anchors the transit time instead of polluting the estimate.
     */
    void updateJitter(long rtpTimestamp, long arrivalNanos) {
        if (rtpTimestamp == lastTimestamp) {
            return;
        }
        long arrival = Math.floorDiv(arrivalNanos, 1_000_000_000L / clockRate);
        long transit = arrival - rtpTimestamp;
        if (lastTimestamp >= 0) {
            long d = Math.abs(transit - lastTransit);
            if (d <= 3L * clockRate) {
                jitter += (d - jitter) / 16.0;
            }
        }
        lastTransit = transit;
        lastTimestamp = rtpTimestamp;
    }

    void senderReportReceived(long ntpTimestamp, long arrivalNanos) {
        lastSrMiddle = NtpClock.middle32(ntpTimestamp);
        lastSrArrivalNanos = arrivalNanos;
    }

    long extendedMax() {
        return cycles + maxSeq;
    }

    long expected() {
        return probation > 0 ? 0 : extendedMax() - baseSeq + 1;
    }

    long received() {
        return received;
    }

    /** Cumulative packets lost (A.3), clamped to the signed 24 bits of a report block. */
    int cumulativeLost() {
        long lost = expected() - received;
        return (int) Math.max(-0x800000, Math.min(0x7FFFFF, lost));
    }

    /** The fraction lost of the last report interval, 0..255 (A.3). */
    int lastFractionLost() {
        return lastFractionLost;
    }

    double jitterMillis() {
        return jitter * 1000.0 / clockRate;
    }

    /** A report block for an SR or RR sent now; starts a new A.3 interval. */
    RtcpPacket.ReportBlock reportBlock(long nowNanos) {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        lastFractionLost = expectedInterval == 0 || lostInterval <= 0
                ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        long dlsr = lastSrMiddle == 0 ? 0 : NtpClock.toCompactUnits(nowNanos - lastSrArrivalNanos);
        return new RtcpPacket.ReportBlock(ssrc, lastFractionLost, cumulativeLost(),
                extendedMax() & 0xFFFF_FFFFL, (long) jitter, lastSrMiddle, dlsr);
    }
}
