package io.dialer.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.media.AudioFrame;
import io.dialer.media.rtp.JitterBuffer.Offer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The jitter buffer on a virtual clock: ordering, duplicates, late packets, concealment
 * (faded repeats then silence), sequence wrap, reset on a new source, resync on a jump,
 * adaptive depth within bounds, trimming of excess delay.
 */
class JitterBufferTest {

    private static final long MS = 1_000_000L;

    @Test
    void playsInOrderPacketsOneFramePerPoll() {
        JitterBuffer jb = new JitterBuffer(JitterBufferSettings.DEFAULT);
        for (int i = 0; i < 5; i++) {
            assertThat(offer(jb, 100 + i, i * 20)).isEqualTo(Offer.QUEUED);
            assertThat(level(jb.poll(i * 20 * MS + MS))).isEqualTo(100 + i);
        }
        assertThat(jb.stats().played()).isEqualTo(5);
        assertThat(jb.stats().concealed()).isZero();
    }

    @Test
    void nothingIsPlayedBeforeTheFirstPacket() {
        JitterBuffer jb = new JitterBuffer(JitterBufferSettings.DEFAULT);
        assertThat(jb.poll(0)).isNull();
    }

    @Test
    void undoesReorderingWithinItsDepth() {
        JitterBuffer jb = new JitterBuffer(new JitterBufferSettings(60, 200, 3, 8000));
        offer(jb, 1, 0);
        offer(jb, 3, 20);
        assertThat(jb.poll(20 * MS)).isNull(); // two of three frames, 20 of 60 ms waited
        offer(jb, 2, 25);
        assertThat(levels(jb, 40, 3)).containsExactly(1, 2, 3);
    }

    @Test
    void dropsDuplicatesAndLatePackets() {
        JitterBuffer jb = new JitterBuffer(JitterBufferSettings.DEFAULT);
        offer(jb, 1, 0);
        assertThat(offer(jb, 1, 1)).isEqualTo(Offer.DUPLICATE);
        assertThat(level(jb.poll(MS))).isEqualTo(1);
        offer(jb, 2, 20);
        assertThat(level(jb.poll(21 * MS))).isEqualTo(2);
        assertThat(offer(jb, 1, 30)).isEqualTo(Offer.LATE);
        assertThat(jb.stats().duplicates()).isEqualTo(1);
        assertThat(jb.stats().late()).isEqualTo(1);
    }

    @Test
    void concealsALostPacketWithAFadedRepeat() {
        JitterBuffer jb = new JitterBuffer(new JitterBufferSettings(60, 200, 3, 8000));
        jb.offer(1, 160, frame(400), 0);
        jb.offer(2, 320, frame(800), 20 * MS);
        jb.offer(4, 640, frame(1600), 60 * MS); // 3 never comes
        jb.offer(5, 800, frame(2000), 80 * MS);
        assertThat(levels(jb, 80, 4)).containsExactly(400, 800, 600, 1600);
        assertThat(jb.stats().concealed()).isEqualTo(1);
    }

    @Test
    void concealmentFadesOutOverNFramesThenGoesSilent() {
        JitterBuffer jb = new JitterBuffer(new JitterBufferSettings(20, 200, 3, 8000));
        jb.offer(1, 160, frame(1000), 0);
        assertThat(level(jb.poll(MS))).isEqualTo(1000);
        // the buffer runs dry: gains 3/4, 2/4, 1/4, then silence
        assertThat(levels(jb, 20, 5)).containsExactly(750, 500, 250, 0, 0);
        assertThat(jb.stats().underruns()).isEqualTo(1);
        // the stream held its position: packet 2, just very late, still plays, after a refill
        // to the depth that its 100 ms of extra transit raised to 40 ms
        jb.offer(2, 320, frame(900), 120 * MS);
        assertThat(jb.depthMillis()).isEqualTo(40);
        assertThat(level(jb.poll(140 * MS))).isZero();
        assertThat(level(jb.poll(160 * MS))).isEqualTo(900);
    }

    @Test
    void sequenceWrapKeepsOrder() {
        JitterBuffer jb = new JitterBuffer(new JitterBufferSettings(80, 200, 3, 8000));
        offer(jb, 65535, 0);
        offer(jb, 0, 20);
        offer(jb, 65534, 21); // reordered before the wrap
        offer(jb, 1, 40);
        assertThat(levels(jb, 60, 4)).containsExactly(65534, 65535, 0, 1);
    }

    @Test
    void resetStartsOverForANewSource() {
        JitterBuffer jb = new JitterBuffer(JitterBufferSettings.DEFAULT);
        offer(jb, 30000, 0);
        jb.poll(MS);
        jb.reset();
        assertThat(offer(jb, 7, 20)).isEqualTo(Offer.QUEUED); // would be "late" without the reset
        assertThat(level(jb.poll(21 * MS))).isEqualTo(7);
        assertThat(jb.stats().resyncs()).isZero();
    }

    @Test
    void farJumpResynchronises() {
        JitterBuffer jb = new JitterBuffer(JitterBufferSettings.DEFAULT);
        offer(jb, 10, 0);
        jb.poll(MS);
        offer(jb, 5000, 20);
        assertThat(level(jb.poll(21 * MS))).isEqualTo(5000);
        assertThat(jb.stats().resyncs()).isEqualTo(1);
    }

    @Test
    void shortTalkspurtPlaysAfterWaitingTheDepth() {
        JitterBuffer jb = new JitterBuffer(new JitterBufferSettings(60, 200, 3, 8000));
        offer(jb, 1, 0);
        assertThat(jb.poll(20 * MS)).isNull();
        assertThat(jb.poll(40 * MS)).isNull();
        assertThat(level(jb.poll(60 * MS))).isEqualTo(1);
    }

    @Test
    void depthAdaptsToJitterWithinBounds() {
        JitterBuffer jb = new JitterBuffer(new JitterBufferSettings(20, 100, 3, 8000));
        assertThat(jb.depthMillis()).isEqualTo(20);
        for (int i = 0; i < 100; i++) {
            offer(jb, i, i * 20 + (i % 2 == 0 ? 0 : 15)); // 15 ms of jitter
            jb.poll(i * 20 * MS);
        }
        assertThat(jb.depthMillis()).isBetween(60, 80);
        JitterBuffer capped = new JitterBuffer(new JitterBufferSettings(20, 100, 3, 8000));
        for (int i = 0; i < 100; i++) {
            offer(capped, i, i * 20 + (i % 2 == 0 ? 0 : 60));
        }
        assertThat(capped.depthMillis()).isEqualTo(100);
    }

    @Test
    void excessDelayIsTrimmed() {
        JitterBuffer jb = new JitterBuffer(JitterBufferSettings.DEFAULT);
        for (int seq = 1; seq <= 8; seq++) {
            offer(jb, seq, seq * 20); // no jitter, but nobody played them out yet
        }
        assertThat(jb.depthMillis()).isEqualTo(20);
        assertThat(level(jb.poll(161 * MS))).isEqualTo(1);
        // 7 left, more than target + 2: the oldest are dropped down to 3
        assertThat(jb.stats().discarded()).isEqualTo(4);
        assertThat(levels(jb, 180, 3)).containsExactly(6, 7, 8);
    }

    @Test
    void longLossIsSkippedOnceABacklogBuildsUp() {
        JitterBuffer jb = new JitterBuffer(JitterBufferSettings.DEFAULT);
        offer(jb, 1, 0);
        assertThat(level(jb.poll(MS))).isEqualTo(1);
        // 2..39 lost; 40.. arrive on time, one per 20 ms
        int[] played = new int[6];
        for (int i = 0; i < 6; i++) {
            offer(jb, 40 + i, 780 + 20L * i);
            played[i] = level(jb.poll((781 + 20L * i) * MS));
        }
        // concealment while the backlog is small (frame 1 faded: 3/4, 2/4, 1/4 of level 1 round to 1, 1, 0),
        // then straight on to the packets behind the gap
        assertThat(played).containsExactly(1, 1, 0, 40, 41, 42);
        assertThat(jb.stats().discarded()).isZero();
    }

    private static Offer offer(JitterBuffer jb, int seq, long arrivalMs) {
        return jb.offer(seq, seq * 160L, frame(seq), arrivalMs * MS);
    }

    private static AudioFrame frame(int level) {
        short[] s = new short[AudioFrame.SAMPLES];
        Arrays.fill(s, (short) level);
        return new AudioFrame(s);
    }

    private static int level(AudioFrame f) {
        return f.samples()[0] & 0xFFFF;
    }

    private static int[] levels(JitterBuffer jb, long fromMs, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = level(jb.poll((fromMs + 20L * i) * MS));
        }
        return out;
    }
}
