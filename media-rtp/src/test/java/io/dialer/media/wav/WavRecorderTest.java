package io.dialer.media.wav;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.media.AudioFrame;
import io.dialer.media.wav.WavRecorder.Layout;
import io.dialer.media.wav.WavRecorder.Party;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording: stereo keeps caller left and callee right, aligned by time with
 * gaps as silence whatever the arrival order; mono sums with saturation; a
 * one-sided call is written as it goes; late frames and absurd jumps are
 * dropped; the header gets its sizes at close, and a file left by a crashed
 * process is readable and repairable.
 */
class WavRecorderTest {

    @TempDir
    Path dir;

    private static AudioFrame frame(int value) {
        short[] s = new short[AudioFrame.SAMPLES];
        Arrays.fill(s, (short) value);
        return new AudioFrame(s);
    }

    @Test
    void stereoAlignsBothPartiesByTimeWithGapsAsSilence() throws IOException {
        Path file = dir.resolve("call.wav");
        try (WavRecorder rec = WavRecorder.open(file, Layout.STEREO)) {
            for (int i = 0; i < 10; i++) {
                rec.write(Party.CALLER, i * 160L, frame(100 + i));
            }
            // The callee starts 40 ms later, skips one frame, and one frame arrives late.
            rec.write(Party.CALLEE, 320, frame(-1));
            rec.write(Party.CALLEE, 800, frame(-3));
            rec.write(Party.CALLEE, 480, frame(-2));
        }
        WavData data = WavReader.read(file);
        assertThat(data.format()).isEqualTo(new WavFormat(WavFormat.PCM, 2, 8000, 16));
        assertThat(data.frames()).isEqualTo(1600);
        short[] s = data.samples();
        assertThat(s[2 * 0]).isEqualTo((short) 100);
        assertThat(s[2 * 0 + 1]).isZero();
        assertThat(s[2 * 1599]).isEqualTo((short) 109);
        assertThat(s[2 * 320 + 1]).isEqualTo((short) -1);
        assertThat(s[2 * 480 + 1]).isEqualTo((short) -2);
        assertThat(s[2 * 640 + 1]).isZero();
        assertThat(s[2 * 800 + 1]).isEqualTo((short) -3);
        assertThat(s[2 * 960 + 1]).isZero();
        assertThat(header(file).getInt(4)).isEqualTo(36 + 1600 * 4);
        assertThat(header(file).getInt(40)).isEqualTo(1600 * 4);
    }

    @Test
    void monoMixSumsWithSaturation() throws IOException {
        Path file = dir.resolve("mono.wav");
        try (WavRecorder rec = WavRecorder.open(file, Layout.MONO_MIX)) {
            rec.write(Party.CALLER, 0, frame(1000));
            rec.write(Party.CALLEE, 0, frame(-300));
            rec.write(Party.CALLER, 160, frame(30000));
            rec.write(Party.CALLEE, 160, frame(30000));
        }
        short[] s = WavReader.read(file).samples();
        assertThat(s).hasSize(320);
        assertThat(s[0]).isEqualTo((short) 700);
        assertThat(s[200]).isEqualTo(Short.MAX_VALUE);
    }

    @Test
    void oneSidedAudioIsWrittenAsItGoesAndLateFramesAreDropped() throws IOException {
        Path file = dir.resolve("one-sided.wav");
        try (WavRecorder rec = WavRecorder.open(file, Layout.STEREO)) {
            for (int i = 0; i < 250; i++) {
                rec.write(Party.CALLEE, i * 160L, frame(7));
            }
            // 5 s of callee only: on disk already is all but the 2 s lag window, the
            // 200 ms reorder window and at most one 0.5 s write chunk.
            assertThat(rec.writtenMillis()).isGreaterThanOrEqualTo(2300);
            rec.write(Party.CALLER, 0, frame(1));
            assertThat(rec.droppedFrames()).isEqualTo(1);
            rec.write(Party.CALLER, 3_600L * 8000 * 2, frame(1));
            assertThat(rec.droppedFrames()).isEqualTo(2);
        }
        WavData data = WavReader.read(file);
        assertThat(data.frames()).isEqualTo(40_000);
        assertThat(data.samples()[1]).isEqualTo((short) 7);
        assertThat(data.samples()[0]).isZero();
    }

    @Test
    void aCrashedRecordingIsReadableAndRepairable() throws IOException {
        Path file = dir.resolve("crash.wav");
        Path copy = dir.resolve("crash-copy.wav");
        WavRecorder rec = WavRecorder.open(file, Layout.STEREO);
        for (int i = 0; i < 150; i++) {
            rec.write(Party.CALLER, i * 160L, frame(5));
            rec.write(Party.CALLEE, i * 160L, frame(6));
        }
        // The process "dies" here: what is on disk now is all a restart would find.
        Files.copy(file, copy);
        rec.close();

        assertThat(header(copy).getInt(40)).isEqualTo(0xFFFFFFFF);
        long onDisk = Files.size(copy) - WavWriter.HEADER_BYTES;
        // 3 s recorded, written in 0.5 s chunks behind a 200 ms reorder window: at least 2 s survived.
        assertThat(onDisk).isGreaterThanOrEqualTo(16_000 * 4);
        assertThat(WavReader.read(copy).frames()).isEqualTo((int) (onDisk / 4));

        WavWriter.repairSizes(copy);
        assertThat(header(copy).getInt(40)).isEqualTo((int) onDisk);
        assertThat(header(copy).getInt(4)).isEqualTo((int) onDisk + 36);
        assertThat(WavReader.read(file).frames()).isEqualTo(150 * 160);
    }

    @Test
    void longCallWithJitteredArrivalKeepsEverySampleInPlace() throws IOException {
        Path file = dir.resolve("long.wav");
        java.util.Random random = new java.util.Random(3550);
        int frames = 1500; // 30 s
        try (WavRecorder rec = WavRecorder.open(file, Layout.STEREO)) {
            int[] order = new int[frames];
            for (int i = 0; i < frames; i++) {
                order[i] = i;
            }
            for (int i = 0; i + 1 < frames; i++) {
                if (random.nextInt(4) == 0) {
                    int t = order[i];
                    order[i] = order[i + 1];
                    order[i + 1] = t;
                }
            }
            for (int i = 0; i < frames; i++) {
                rec.write(Party.CALLER, order[i] * 160L, frame(order[i] % 1000));
                // The callee's frames run half a second behind the caller's.
                if (i >= 25) {
                    rec.write(Party.CALLEE, order[i - 25] * 160L, frame(-(order[i - 25] % 1000)));
                }
            }
            for (int i = frames - 25; i < frames; i++) {
                rec.write(Party.CALLEE, order[i] * 160L, frame(-(order[i] % 1000)));
            }
            assertThat(rec.droppedFrames()).isZero();
        }
        short[] s = WavReader.read(file).samples();
        assertThat(s).hasSize(frames * 160 * 2);
        for (int f = 0; f < frames; f++) {
            assertThat(s[2 * (f * 160 + 17)]).isEqualTo((short) (f % 1000));
            assertThat(s[2 * (f * 160 + 17) + 1]).isEqualTo((short) -(f % 1000));
        }
    }

    @Test
    void writesAfterCloseAreIgnoredAndCloseIsIdempotent() throws IOException {
        Path file = dir.resolve("closed.wav");
        WavRecorder rec = WavRecorder.open(file, Layout.MONO_MIX);
        rec.write(Party.CALLER, 0, frame(1));
        rec.close();
        rec.write(Party.CALLER, 160, frame(1));
        rec.close();
        assertThat(WavReader.read(file).samples()).hasSize(160);
    }

    private static ByteBuffer header(Path file) throws IOException {
        byte[] bytes = Arrays.copyOf(Files.readAllBytes(file), WavWriter.HEADER_BYTES);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
