package io.dialer.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.media.AudioFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MediaStream without sockets: frames encoded per tick, audio packets decoded through the
 * jitter buffer to the sink, telephone-event packets passed up raw, other payload types and
 * non-20 ms packets dropped, a new source resetting the jitter buffer.
 */
class MediaStreamTest {

    private static final long MS = 1_000_000L;
    private final MediaStream stream = new MediaStream(new Linear8Codec(96), 101, JitterBufferSettings.DEFAULT);
    private final List<AudioFrame> played = new ArrayList<>();
    private final List<RtpPacket> events = new ArrayList<>();

    MediaStreamTest() {
        stream.sink(played::add);
        stream.telephoneEvents(events::add);
    }

    @Test
    void encodesOneFramePerTickAndNothingWithoutAFrame() {
        assertThat(stream.nextPayload()).isNull(); // no source
        stream.source(() -> frame(0x1200));
        RtpPayload payload = stream.nextPayload();
        assertThat(payload.payloadType()).isEqualTo(96);
        assertThat(payload.data()).hasSize(160).containsOnly((byte) 0x12);
        stream.source(() -> null);
        assertThat(stream.nextPayload()).isNull();
    }

    @Test
    void decodesAudioThroughTheJitterBufferToTheSink() {
        stream.received(audio(10, 0x0500), 0);
        stream.playout(MS);
        assertThat(played).containsExactly(frame(0x0500));
    }

    @Test
    void passesTelephoneEventsUpRawAndDropsOtherTypes() {
        RtpPacket event = new RtpPacket(true, 101, 1, 0, 7, new byte[] {5, 10, 0, (byte) 160});
        stream.received(event, 0);
        stream.received(new RtpPacket(false, 13, 2, 0, 7, new byte[] {40}), 0); // comfort noise
        stream.playout(MS);
        assertThat(events).containsExactly(event);
        assertThat(played).isEmpty();
    }

    @Test
    void dropsPacketsThatAreNotTwentyMilliseconds() {
        stream.received(new RtpPacket(false, 96, 1, 0, 7, new byte[240]), 0); // 30 ms
        stream.playout(MS);
        assertThat(stream.unplayable()).isEqualTo(1);
        assertThat(played).isEmpty();
    }

    @Test
    void newSourceStartsTheJitterBufferOver() {
        stream.received(audio(30000, 0x0100), 0);
        stream.playout(MS);
        stream.sourceChanged(99);
        stream.received(audio(5, 0x0200), 20 * MS); // would be "late" against the old numbering
        stream.playout(21 * MS);
        assertThat(played).containsExactly(frame(0x0100), frame(0x0200));
    }

    private static RtpPacket audio(int seq, int level) {
        byte[] payload = new byte[160];
        Arrays.fill(payload, (byte) (level >> 8));
        return new RtpPacket(false, 96, seq, seq * 160L, 7, payload);
    }

    private static AudioFrame frame(int level) {
        short[] s = new short[AudioFrame.SAMPLES];
        Arrays.fill(s, (short) level);
        return new AudioFrame(s);
    }
}
