package io.dialer.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.media.rtp.RtpSource.Verdict;
import org.junit.jupiter.api.Test;

/**
 * RFC 3550 A.1 (probation, wrap, restart), A.3 (cumulative and fraction lost) and
 * A.8 (interarrival jitter, with timestamp jumps and repeated event timestamps).
 */
class RtpSourceTest {

    private static final long MS = 1_000_000L;

    @Test
    void newSourceIsOnProbationForOnePacket() {
        RtpSource s = new RtpSource(1, 100, 8000);
        assertThat(s.update(100)).isEqualTo(Verdict.INVALID);
        assertThat(s.update(101)).isEqualTo(Verdict.VALID);
        assertThat(s.received()).isEqualTo(1);
        assertThat(s.expected()).isEqualTo(1);
    }

    @Test
    void nonSequentialPacketsRestartProbation() {
        RtpSource s = new RtpSource(1, 100, 8000);
        assertThat(s.update(100)).isEqualTo(Verdict.INVALID);
        assertThat(s.update(500)).isEqualTo(Verdict.INVALID);
        assertThat(s.update(501)).isEqualTo(Verdict.VALID);
    }

    @Test
    void sequenceWrapsIntoTheExtendedNumber() {
        RtpSource s = validated(65533);
        for (int seq : new int[] {65535, 0, 1}) {
            assertThat(s.update(seq)).isEqualTo(Verdict.VALID);
        }
        assertThat(s.extendedMax()).isEqualTo(65536 + 1);
        assertThat(s.expected()).isEqualTo(4);
        assertThat(s.cumulativeLost()).isZero();
        assertThat(s.reportBlock(0).extendedHighestSeq()).isEqualTo(0x1_0001L);
    }

    @Test
    void countsLossAndFractionPerInterval() {
        RtpSource s = validated(9); // seq 10 received
        for (int seq = 11; seq < 110; seq++) {
            if (seq % 4 != 0) { // drop every fourth
                s.update(seq);
            }
        }
        // expected 100 (10..109), lost 25 (12, 16, ..., 108)
        assertThat(s.cumulativeLost()).isEqualTo(25);
        RtcpPacket.ReportBlock block = s.reportBlock(0);
        assertThat(block.fractionLost()).isEqualTo(25 * 256 / 100);
        for (int seq = 110; seq < 120; seq++) {
            s.update(seq);
        }
        assertThat(s.reportBlock(0).fractionLost()).isZero(); // the new interval lost nothing
        assertThat(s.lastFractionLost()).isZero();
    }

    @Test
    void duplicatesAndReorderingAreCountedAsReceived() {
        RtpSource s = validated(9);
        s.update(12);
        s.update(11); // reordered
        s.update(12); // duplicate
        assertThat(s.extendedMax()).isEqualTo(12);
        assertThat(s.cumulativeLost()).isEqualTo(-1); // A.3: duplicates can make it negative
    }

    @Test
    void largeJumpIsARestartOnlyAfterTwoSequentialPackets() {
        RtpSource s = validated(9);
        assertThat(s.update(30000)).isEqualTo(Verdict.INVALID);
        assertThat(s.update(11)).isEqualTo(Verdict.VALID);
        assertThat(s.update(40000)).isEqualTo(Verdict.INVALID);
        assertThat(s.update(40001)).isEqualTo(Verdict.RESTARTED);
        assertThat(s.expected()).isEqualTo(1);
        assertThat(s.cumulativeLost()).isZero();
    }

    @Test
    void jitterIsZeroForPerfectPacingAndGrowsWithVariation() {
        RtpSource steady = validated(0);
        RtpSource shaky = validated(0);
        for (int i = 0; i < 200; i++) {
            steady.updateJitter(i * 160L, 1000 * MS + i * 20 * MS);
            shaky.updateJitter(i * 160L, 1000 * MS + i * 20 * MS + (i % 2 == 0 ? 0 : 4 * MS));
        }
        assertThat(steady.jitterMillis()).isZero();
        // alternating 4 ms transit change converges to J = 4 ms
        assertThat(shaky.jitterMillis()).isBetween(3.9, 4.0);
    }

    @Test
    void timestampJumpAndRepeatedEventTimestampsLeaveJitterAlone() {
        RtpSource s = validated(0);
        s.updateJitter(0, 0);
        s.updateJitter(160, 20 * MS);
        s.updateJitter(160, 40 * MS); // RFC 4733 event packets repeat the start timestamp
        s.updateJitter(160, 60 * MS);
        s.updateJitter(640, 80 * MS); // audio resumes on the wall clock
        assertThat(s.jitterMillis()).isZero();
        s.updateJitter(640 + 8000 * 3600, 100 * MS); // an hour jump: re-anchored, not counted
        s.updateJitter(640 + 8000 * 3600 + 160, 120 * MS);
        assertThat(s.jitterMillis()).isZero();
    }

    private static RtpSource validated(int firstSeq) {
        RtpSource s = new RtpSource(1, firstSeq, 8000);
        s.update(firstSeq);
        s.update((firstSeq + 1) & 0xFFFF);
        return s;
    }
}
