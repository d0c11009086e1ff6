package io.dialer.media.tone;

import io.dialer.media.AudioFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic telephone signals for the tone detector tests, 8 kHz PCM16, seeded so every run is the same. */
final class TestSignals {

    static final int RATE = 8000;

    private TestSignals() {
    }

    /** Concatenation. */
    static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] out = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static short[] silence(int millis) {
        return new short[millis * RATE / 1000];
    }

    /** Adds white Gaussian noise at {@code snrDb} below the signal's mean power (over its non-silent samples). */
    static short[] withNoise(short[] signal, double snrDb, long seed) {
        double power = 0;
        int active = 0;
        for (short v : signal) {
            if (v != 0) {
                power += (double) v * v;
                active++;
            }
        }
        double sigma = Math.sqrt(power / Math.max(1, active) / Math.pow(10, snrDb / 10));
        Random random = new Random(seed);
        short[] out = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            out[i] = clip(signal[i] + sigma * random.nextGaussian());
        }
        return out;
    }

    /**
     * A speech-like voice: harmonics of a pitch gliding between 100 and 200 Hz,
     * shaped by two moving formant resonances (vowel-like F1 300-800 Hz,
     * F2 900-2200 Hz) and a fixed F3 at 2600 Hz, under a 4 Hz syllable
     * envelope with short pauses between words.
     */
    static short[] speechLike(int millis, double peak, long seed) {
        Random random = new Random(seed);
        int n = millis * RATE / 1000;
        double[] out = new double[n];
        double[] phase = new double[40];
        double f1 = 500;
        double f2 = 1500;
        double targetF1 = 500;
        double targetF2 = 1500;
        double pitchPhase = random.nextDouble() * 6;
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            if (i % (RATE / 8) == 0) { // a new vowel target every 125 ms
                targetF1 = 300 + 500 * random.nextDouble();
                targetF2 = 900 + 1300 * random.nextDouble();
            }
            f1 += (targetF1 - f1) * 0.002;
            f2 += (targetF2 - f2) * 0.002;
            double f0 = 150 + 40 * Math.sin(2 * Math.PI * 0.7 * t + pitchPhase) + 10 * Math.sin(2 * Math.PI * 5.3 * t);
            double sum = 0;
            for (int h = 1; h < phase.length && h * f0 < 3600; h++) {
                double f = h * f0;
                phase[h] += 2 * Math.PI * f / RATE;
                double gain = resonance(f, f1, 90) + 0.6 * resonance(f, f2, 120) + 0.3 * resonance(f, 2600, 200);
                sum += gain * Math.sin(phase[h]) / Math.sqrt(h);
            }
            double syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * t));
            double word = ((int) (t / 0.9)) % 3 == 2 && (t % 0.9) > 0.6 ? 0 : 1; // pauses between words
            out[i] = sum * syllable * word;
        }
        return normalise(out, peak);
    }

    /**
     * Chords of three or four notes, a new chord every 250 ms, drawn from the
     * equal-tempered semitones A4 (440 Hz) to A#6 (1865 Hz), so every SIT band
     * holds notes (B5 987.8, F6 1396.9, A6 1760 Hz).
     */
    static short[] musicLike(int millis, double peak, long seed) {
        Random random = new Random(seed);
        double[] scale = new double[26];
        for (int k = 0; k < scale.length; k++) {
            scale[k] = 440 * Math.pow(2, k / 12.0);
        }
        int n = millis * RATE / 1000;
        double[] out = new double[n];
        int chordSamples = RATE / 4;
        for (int start = 0; start < n; start += chordSamples) {
            int notes = 3 + random.nextInt(2);
            for (int k = 0; k < notes; k++) {
                double f = scale[random.nextInt(scale.length)];
                double a = 0.6 + 0.4 * random.nextDouble();
                for (int i = start; i < Math.min(n, start + chordSamples); i++) {
                    double env = Math.exp(-3.0 * (i - start) / chordSamples); // plucked decay
                    out[i] += a * env * (Math.sin(2 * Math.PI * f * i / RATE) + 0.3 * Math.sin(4 * Math.PI * f * i / RATE));
                }
            }
        }
        return normalise(out, peak);
    }

    /**
     * The three segments of a SIT of {@code kind} at {@code amplitude}; each
     * frequency multiplied by {@code frequencyFactor}, each duration changed
     * by the matching entry of {@code jitterMillis}, and {@code gapMillis} of
     * silence between segments.
     */
    static short[] sit(SitKind kind, double amplitude, double frequencyFactor, int[] jitterMillis, int gapMillis) {
        List<Tone> tones = new ArrayList<>();
        for (int s = 1; s <= 3; s++) {
            tones.add(new Tone(kind.frequency(s) * frequencyFactor, 0, kind.millis(s) + jitterMillis[s - 1], amplitude));
            if (s < 3 && gapMillis > 0) {
                tones.add(Tone.silence(gapMillis));
            }
        }
        return ToneGenerator.telephone().render(tones);
    }

    static short[] sit(SitKind kind) {
        return sit(kind, 0.2, 1.0, new int[3], 0);
    }

    /** The signal cut into 20 ms frames, the last one padded with silence. */
    static List<AudioFrame> frames(short[] signal) {
        List<AudioFrame> frames = new ArrayList<>();
        for (int at = 0; at < signal.length; at += AudioFrame.SAMPLES) {
            short[] f = new short[AudioFrame.SAMPLES];
            System.arraycopy(signal, at, f, 0, Math.min(AudioFrame.SAMPLES, signal.length - at));
            frames.add(new AudioFrame(f));
        }
        return frames;
    }

    private static double resonance(double f, double centre, double bandwidth) {
        double x = (f - centre) / bandwidth;
        return 1 / (1 + x * x);
    }

    private static short[] normalise(double[] signal, double peak) {
        double max = 1e-9;
        for (double v : signal) {
            max = Math.max(max, Math.abs(v));
        }
        short[] out = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            out[i] = clip(signal[i] / max * peak * Short.MAX_VALUE);
        }
        return out;
    }

    private static short clip(double v) {
        return (short) Math.round(Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v)));
    }
}
