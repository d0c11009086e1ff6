package io.dialer.media.wav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialer.media.AudioFrame;
import io.dialer.media.codec.ALaw;
import io.dialer.media.codec.MuLaw;
import io.dialer.media.tone.Goertzel;
import io.dialer.media.tone.Tone;
import io.dialer.media.tone.ToneGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WAV reading, with files generated here: 8 kHz mono 16-bit played frame by
 * frame (padding, end, loop); μ-law and A-law files; 8/24-bit PCM, float and
 * WAVE_FORMAT_EXTENSIBLE; 44.1 kHz stereo and 6 kHz converted to 8 kHz mono
 * keeping a 1 kHz tone and filtering out what would alias; cut-off data
 * chunks read to the end; broken files refused with a reason.
 */
class WavReaderTest {

    @TempDir
    Path dir;

    /** A WAV file with any fmt fields and raw data bytes. */
    static byte[] wav(int code, int channels, int rate, int bits, byte[] data, int dataSizeField, boolean extensible) {
        int fmtSize = extensible ? 40 : 16;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtSize + 8 + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(fmtSize).putShort((short) (extensible ? 0xFFFE : code)).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        if (extensible) {
            b.putShort((short) 22).putShort((short) bits).putInt(0).putShort((short) code).put(new byte[14]);
        }
        // An unknown chunk before the data, as editors write (LIST/INFO).
        b.put("LIST".getBytes()).putInt(0);
        b.put("data".getBytes()).putInt(dataSizeField).put(data);
        return b.array();
    }

    private static byte[] pcm16(short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }

    @Test
    void playsA8kMonoFileFrameByFrame() throws IOException {
        short[] samples = new short[400];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i * 10);
        }
        Path file = dir.resolve("prompt.wav");
        WavWriter.write(file, 8000, 1, samples);

        WavSource source = WavSource.open(file, false);
        assertThat(source.durationMillis()).isEqualTo(50);
        AudioFrame f1 = source.read();
        AudioFrame f2 = source.read();
        AudioFrame f3 = source.read();
        assertThat(f1.samples()[0]).isEqualTo((short) 0);
        assertThat(f2.samples()[0]).isEqualTo((short) 1600);
        assertThat(f3.samples()[79]).isEqualTo((short) 3990);
        assertThat(f3.samples()[80]).isZero();
        assertThat(source.finished()).isTrue();
        assertThat(source.read()).isNull();
        source.rewind();
        assertThat(source.read()).isEqualTo(f1);
    }

    @Test
    void loopsWithoutAGap() {
        short[] samples = new short[100];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (i + 1);
        }
        WavSource source = WavSource.of(samples, true);
        AudioFrame f = source.read();
        assertThat(f.samples()[99]).isEqualTo((short) 100);
        assertThat(f.samples()[100]).isEqualTo((short) 1);
        for (int i = 0; i < 10; i++) {
            assertThat(source.read()).isNotNull();
        }
        assertThat(source.finished()).isFalse();
        assertThat(WavSource.of(new short[0], true).read()).isNull();
    }

    @Test
    void readsMuLawAndALaw() throws IOException {
        byte[] codes = {(byte) 0xFF, 0x00, (byte) 0x80, 0x7F, 0x12};
        short[] mu = WavReader.parse(wav(WavFormat.MULAW, 1, 8000, 8, codes, codes.length, false)).samples();
        short[] a = WavReader.read(new ByteArrayInputStream(wav(WavFormat.ALAW, 1, 8000, 8, codes, codes.length, false)))
                .samples();
        for (int i = 0; i < codes.length; i++) {
            assertThat(mu[i]).isEqualTo(MuLaw.decode(codes[i]));
            assertThat(a[i]).isEqualTo(ALaw.decode(codes[i]));
        }
    }

    @Test
    void readsOtherPcmWidthsFloatAndExtensible() throws WavFormatException {
        byte[] eight = {(byte) 128, (byte) 255, 0};
        assertThat(WavReader.parse(wav(WavFormat.PCM, 1, 8000, 8, eight, 3, false)).samples())
                .containsExactly((short) 0, (short) 32512, (short) -32768);
        byte[] twentyFour = {0x00, 0x34, 0x12, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThat(WavReader.parse(wav(WavFormat.PCM, 1, 8000, 24, twentyFour, 6, true)).samples())
                .containsExactly((short) 0x1234, (short) -1);
        ByteBuffer floats = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-1f).putFloat(2f);
        assertThat(WavReader.parse(wav(WavFormat.IEEE_FLOAT, 1, 8000, 32, floats.array(), 12, false)).samples())
                .containsExactly((short) 16384, (short) -32767, (short) 32767);
        WavData extensible = WavReader.parse(wav(WavFormat.MULAW, 1, 8000, 8, new byte[] {(byte) 0xFF}, 1, true));
        assertThat(extensible.format()).isEqualTo(new WavFormat(WavFormat.MULAW, 1, 8000, 8));
    }

    @Test
    void converts44kStereoTo8kMonoKeepingTheToneAndDroppingWhatWouldAlias() throws IOException {
        ToneGenerator hifi = new ToneGenerator(44_100);
        short[] tone = hifi.render(Tone.sine(1000, 1000));
        short[] high = hifi.render(Tone.sine(6000, 1000));
        short[] stereo = new short[tone.length * 2];
        for (int i = 0; i < tone.length; i++) {
            stereo[2 * i] = tone[i];
            stereo[2 * i + 1] = tone[i];
        }
        Path file = dir.resolve("hifi.wav");
        WavWriter.write(file, 44_100, 2, stereo);
        WavData data = WavReader.read(file);
        assertThat(data.format()).isEqualTo(new WavFormat(WavFormat.PCM, 2, 44_100, 16));
        short[] converted = data.toTelephoneAudio();
        assertThat(converted).hasSize(8000);
        assertThat(new Goertzel(1000, 8000).relativePower(converted, 4000, 400)).isGreaterThan(0.95);
        assertThat(rms(converted, 1000, 6000)).isBetween(0.9 * rms(tone, 5000, 30000), 1.05 * rms(tone, 5000, 30000));

        // 6 kHz is above the 4 kHz Nyquist of 8 kHz: without the low-pass it would come back at 2 kHz.
        short[] aliased = Resampler.resample(high, 44_100, 8000);
        assertThat(rms(aliased, 1000, 6000)).isLessThan(0.01 * rms(high, 5000, 30000));
    }

    @Test
    void upsamplesLowRates() {
        short[] low = new ToneGenerator(6000).render(Tone.sine(1000, 500));
        short[] up = Resampler.resample(low, 6000, 8000);
        assertThat(up).hasSize(4000);
        assertThat(new Goertzel(1000, 8000).relativePower(up, 1000, 400)).isGreaterThan(0.95);
    }

    @Test
    void readsACutOffDataChunkToTheEnd() throws WavFormatException {
        short[] samples = {1, 2, 3, 4};
        byte[] file = wav(WavFormat.PCM, 1, 8000, 16, pcm16(samples), 0xFFFFFFFF, false);
        assertThat(WavReader.parse(file).samples()).containsExactly(samples);
        byte[] torn = wav(WavFormat.PCM, 1, 8000, 16, new byte[] {1, 0, 2}, 3, false);
        assertThat(WavReader.parse(torn).samples()).containsExactly((short) 1);
    }

    @Test
    void refusesWhatItCannotRead() throws IOException {
        assertThatThrownBy(() -> WavReader.parse("not a wav at all".getBytes())).isInstanceOf(WavFormatException.class)
                .hasMessageContaining("not a RIFF WAVE");
        assertThatThrownBy(() -> WavReader.parse(wav(2, 1, 8000, 4, new byte[4], 4, false)))
                .isInstanceOf(WavFormatException.class).hasMessageContaining("format 2");
        assertThatThrownBy(() -> WavReader.parse(wav(WavFormat.PCM, 0, 8000, 16, new byte[4], 4, false)))
                .isInstanceOf(WavFormatException.class).hasMessageContaining("channels");
        byte[] noData = java.util.Arrays.copyOf(wav(WavFormat.PCM, 1, 8000, 16, new byte[0], 0, false), 44);
        assertThatThrownBy(() -> WavReader.parse(noData)).isInstanceOf(WavFormatException.class)
                .hasMessageContaining("no data chunk");
        Path missing = dir.resolve("missing.wav");
        assertThatThrownBy(() -> WavSource.open(missing, false)).isInstanceOf(IOException.class);
        Path empty = dir.resolve("empty.wav");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> WavSource.open(empty, false)).isInstanceOf(WavFormatException.class);
    }

    static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / (to - from));
    }
}
