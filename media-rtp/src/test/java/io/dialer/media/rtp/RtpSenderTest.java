package io.dialer.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 3550 §5.1 numbering: sequence +1 per packet with wrap, timestamp +160 per 20 ms tick across silence. */
class RtpSenderTest {

    @Test
    void sequenceGrowsByOneAndWraps() {
        RtpSender s = new RtpSender(5, 65534, 0, 8000, 160);
        s.tick(0, 0);
        assertThat(s.packet(true, 0, 0, new byte[160]).sequenceNumber()).isEqualTo(65534);
        assertThat(s.packet(false, 0, 160, new byte[160]).sequenceNumber()).isEqualTo(65535);
        assertThat(s.packet(false, 0, 320, new byte[160]).sequenceNumber()).isEqualTo(0);
        assertThat(s.packets()).isEqualTo(3);
        assertThat(s.octets()).isEqualTo(480);
    }

    @Test
    void timestampFollowsTheClockAcrossSilenceAndWraps() {
        RtpSender s = new RtpSender(5, 0, 0xFFFF_FF00L, 8000, 160);
        s.tick(1000, 0);
        assertThat(s.timestampAt(1000)).isEqualTo(0xFFFF_FF00L);
        assertThat(s.timestampAt(1001)).isEqualTo(0xFFFF_FF00L + 160);
        // 50 silent ticks send nothing but the timestamp still moves 50 x 160
        assertThat(s.timestampAt(1052)).isEqualTo((0xFFFF_FF00L + 52 * 160) & 0xFFFF_FFFFL);
    }

    @Test
    void firstTickAnchorsAndLaterTicksDoNot() {
        RtpSender s = new RtpSender(5, 0, 1000, 8000, 160);
        s.tick(7, 140_000_000L);
        s.tick(8, 160_000_000L);
        assertThat(s.timestampAt(8)).isEqualTo(1160);
        assertThat(s.timestampAtNanos(140_000_000L + 5_000_000L)).isEqualTo(1040); // 5 ms = 40 samples
    }

    @Test
    void reportKindFollowsWhetherWeSent() {
        RtpSender s = new RtpSender(5, 0, 0, 8000, 160);
        assertThat(s.sentSinceLastReport()).isFalse();
        s.tick(0, 0);
        s.packet(true, 0, 0, new byte[1]);
        assertThat(s.sentSinceLastReport()).isTrue();
        assertThat(s.sentSinceLastReport()).isFalse();
    }
}
