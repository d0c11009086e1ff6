package io.dialer.media.rtp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The RTCP packets this engine sends and understands (RFC 3550 §6.4–§6.6); they
 * travel in compound packets, see {@link RtcpCompound}. Unknown packet types are
 * skipped by the parser and never appear here.
 */
public sealed interface RtcpPacket {

    /** Packet type SR (RFC 3550 §12.1). */
    int SR = 200;
    /** Packet type RR. */
    int RR = 201;
    /** Packet type SDES. */
    int SDES = 202;
    /** Packet type BYE. */
    int BYE = 203;

    /**
     * One reception report block (RFC 3550 §6.4.1).
     *
     * @param ssrc               the source this block reports on
     * @param fractionLost       lost fraction since the previous report, in 1/256 (0..255)
     * @param cumulativeLost     packets lost since reception began, signed 24-bit
     * @param extendedHighestSeq cycles in the upper 16 bits, highest sequence number in the lower
     * @param jitter             interarrival jitter in timestamp units
     * @param lastSr             LSR: middle 32 bits of the NTP timestamp of the last SR received, 0 if none
     * @param delaySinceLastSr   DLSR in units of 1/65536 s
     */
    record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSeq, long jitter,
                       long lastSr, long delaySinceLastSr) {

        public ReportBlock {
            if (fractionLost < 0 || fractionLost > 255) {
                throw new IllegalArgumentException("fraction lost is 8-bit: " + fractionLost);
            }
            if (cumulativeLost < -0x800000 || cumulativeLost > 0x7FFFFF) {
                throw new IllegalArgumentException("cumulative lost is signed 24-bit: " + cumulativeLost);
            }
        }
    }

    /**
     * Sender report (RFC 3550 §6.4.1).
     *
     * @param ntpTimestamp 64-bit NTP time when the report was sent
     * @param rtpTimestamp the same instant in the sender's RTP timestamp units
     */
    record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                        List<ReportBlock> reports) implements RtcpPacket {

        public SenderReport {
            reports = List.copyOf(reports);
            checkReportCount(reports);
        }
    }

    /** Receiver report (RFC 3550 §6.4.2). */
    record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {

        public ReceiverReport {
            reports = List.copyOf(reports);
            checkReportCount(reports);
        }
    }

    /**
     * Source description (RFC 3550 §6.5): one chunk per source; only CNAME
     * (§6.5.1), the item every compound packet must carry, is kept.
     */
    record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

        public SourceDescription {
            chunks = List.copyOf(chunks);
            if (chunks.size() > 31) {
                throw new IllegalArgumentException("at most 31 SDES chunks (5-bit SC)");
            }
        }

        /** One source's items; {@code cname} is empty when the chunk had none. */
        public record Chunk(long ssrc, Optional<String> cname) {
            public Chunk {
                Objects.requireNonNull(cname, "cname");
            }
        }
    }

    /** Goodbye (RFC 3550 §6.6): the sources leave, with an optional reason. */
    record Bye(List<Long> ssrcs, Optional<String> reason) implements RtcpPacket {

        public Bye {
            ssrcs = List.copyOf(ssrcs);
            Objects.requireNonNull(reason, "reason");
            if (ssrcs.size() > 31) {
                throw new IllegalArgumentException("at most 31 sources in a BYE (5-bit SC)");
            }
        }
    }

    private static void checkReportCount(List<ReportBlock> reports) {
        if (reports.size() > 31) {
            throw new IllegalArgumentException("at most 31 report blocks (5-bit RC)");
        }
    }
}
