package io.dialer.media.tone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Goertzel detection on generated signals: a 1000 Hz tone is found in every
 * block, and never in white noise, in a speech-like signal (harmonics of a
 * gliding voice pitch with syllable envelopes) or in a 1100 Hz tone; DTMF
 * pairs show their two frequencies; sequences render with the right lengths.
 */
class GoertzelTest {

    private static final int BLOCK = 200; // 25 ms at 8 kHz, 40 Hz resolution
    private static final double DETECT = 0.5;
    private final ToneGenerator generator = ToneGenerator.telephone();
    private final Goertzel at1000 = new Goertzel(1000, 8000);

    private int detectedBlocks(short[] signal, Goertzel g) {
        int hits = 0;
        for (int off = 0; off + BLOCK <= signal.length; off += BLOCK) {
            if (g.relativePower(signal, off, BLOCK) > DETECT) {
                hits++;
            }
        }
        return hits;
    }

    @Test
    void findsA1000HzToneInEveryBlock() {
        short[] tone = generator.render(Tone.sine(1000, 1000));
        assertThat(tone).hasSize(8000);
        assertThat(detectedBlocks(tone, at1000)).isEqualTo(40);
        assertThat(at1000.relativePower(tone, 0, BLOCK)).isGreaterThan(0.95);
        // Amplitude 0.5 of full scale: power ≈ (A·N/2)².
        double expected = Math.pow(0.5 * 32767 * BLOCK / 2, 2);
        assertThat(at1000.power(tone, 0, BLOCK)).isBetween(expected * 0.9, expected * 1.1);
    }

    @Test
    void findsTheToneInNoiseAtModerateLevels() {
        Random random = new Random(1);
        short[] tone = generator.render(Tone.sine(1000, 1000));
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (tone[i] + random.nextGaussian() * 2000);
        }
        assertThat(detectedBlocks(tone, at1000)).isEqualTo(40);
    }

    @Test
    void doesNotFindItInNoiseSpeechOrANeighbouringTone() {
        Random random = new Random(7);
        short[] noise = new short[8000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (random.nextGaussian() * 6000);
        }
        assertThat(detectedBlocks(noise, at1000)).isZero();
        assertThat(detectedBlocks(speechLike(8000, random), at1000)).isZero();
        assertThat(detectedBlocks(generator.render(Tone.sine(1100, 1000)), at1000)).isZero();
        assertThat(at1000.relativePower(new short[BLOCK], 0, BLOCK)).isZero();
    }

    @Test
    void dtmfPairsShowBothFrequencies() {
        short[] five = generator.render(Tone.dtmf('5', 100));
        assertThat(new Goertzel(770, 8000).relativePower(five, 0, 205)).isBetween(0.4, 0.6);
        assertThat(new Goertzel(1336, 8000).relativePower(five, 0, 205)).isBetween(0.4, 0.6);
        assertThat(new Goertzel(697, 8000).relativePower(five, 0, 205)).isLessThan(0.05);
        assertThat(new Goertzel(1477, 8000).relativePower(five, 0, 205)).isLessThan(0.05);
        assertThatThrownBy(() -> Tone.dtmf('x', 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequencesRenderInOrderWithSilence() {
        // A special-information-tone-like sequence: three 274 ms tones after 100 ms of silence.
        short[] sit = generator.render(Tone.silence(100), Tone.sine(913.8, 274), Tone.sine(1370.6, 274),
                Tone.sine(1776.7, 380));
        assertThat(sit).hasSize(800 + 2192 + 2192 + 3040);
        assertThat(sit).startsWith(new short[800]);
        assertThat(new Goertzel(913.8, 8000).relativePower(sit, 900, BLOCK)).isGreaterThan(0.9);
        assertThat(new Goertzel(1370.6, 8000).relativePower(sit, 800 + 2192 + 100, BLOCK)).isGreaterThan(0.9);
        assertThat(new Goertzel(1776.7, 8000).relativePower(sit, 800 + 4384 + 100, BLOCK)).isGreaterThan(0.9);
    }

    @Test
    void rejectsFrequenciesOutsideTheBand() {
        assertThatThrownBy(() -> new Goertzel(4000, 8000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Goertzel(0, 8000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tone(1000, 0, 10, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Voiced speech stand-in: 20 harmonics of a pitch gliding 110-190 Hz,
     * shaped by two formant-like peaks, 4 Hz syllable envelope, some noise.
     */
    static short[] speechLike(int n, Random random) {
        short[] out = new short[n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = i / 8000.0;
            double pitch = 150 + 40 * Math.sin(2 * Math.PI * 1.3 * t);
            phase += 2 * Math.PI * pitch / 8000;
            double v = 0;
            for (int h = 1; h <= 20; h++) {
                double f = h * pitch;
                double formants = 1 / (1 + Math.pow((f - 500) / 150, 2)) + 0.6 / (1 + Math.pow((f - 1500) / 200, 2));
                v += formants * Math.sin(h * phase) / Math.sqrt(h);
            }
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
            out[i] = (short) (envelope * 6000 * v + random.nextGaussian() * 300);
        }
        return out;
    }
}
