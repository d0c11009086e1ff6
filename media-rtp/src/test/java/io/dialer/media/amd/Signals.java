package io.dialer.media.amd;

import io.dialer.media.AudioFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Synthetic 8 kHz PCM16 signals for the AMD unit tests; seeded, so every run is the same. */
final class Signals {

    static final int RATE = 8000;

    private Signals() {
    }

    static short[] silence(int millis) {
        return new short[millis * RATE / 1000];
    }

    /** A pure tone of {@code amplitude} (fraction of full scale). */
    static short[] tone(double hz, int millis, double amplitude) {
        short[] out = new short[millis * RATE / 1000];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return out;
    }

    /**
     * A steadily voiced vowel-like sound: harmonics of a pitch gliding around
     * {@code pitchHz}, weighted by two formant bumps that move every 100 ms,
     * at about -20 dBFS. No pauses inside.
     */
    static short[] voice(int millis, double pitchHz, long seed) {
        Random random = new Random(seed);
        double[] out = new double[millis * RATE / 1000];
        double[] phase = new double[30];
        double f1 = 500;
        double f2 = 1500;
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            if (i % (RATE / 10) == 0) {
                f1 = 300 + 500 * random.nextDouble();
                f2 = 900 + 1300 * random.nextDouble();
            }
            double f0 = pitchHz * (1 + 0.15 * Math.sin(2 * Math.PI * 1.3 * t));
            double sum = 0;
            for (int h = 1; h < phase.length && h * f0 < 3500; h++) {
                phase[h] += 2 * Math.PI * h * f0 / RATE;
                double gain = bump(h * f0, f1, 150) + 0.6 * bump(h * f0, f2, 250) + 0.05;
                sum += gain * Math.sin(phase[h]);
            }
            out[i] = sum;
        }
        return scale(out, 0.1);
    }

    /** {@code count} words of {@code wordMillis} separated by {@code gapMillis} of silence. */
    static short[] words(int count, int wordMillis, int gapMillis, long seed) {
        short[][] parts = new short[2 * count][];
        for (int k = 0; k < count; k++) {
            parts[2 * k] = voice(wordMillis, 120 + 20 * k, seed + k);
            parts[2 * k + 1] = silence(k < count - 1 ? gapMillis : 0);
        }
        return concat(parts);
    }

    /** White Gaussian noise at {@code dbfs} RMS. */
    static short[] noise(int millis, double dbfs, long seed) {
        Random random = new Random(seed);
        double sigma = 32768 * Math.pow(10, dbfs / 20);
        short[] out = new short[millis * RATE / 1000];
        for (int i = 0; i < out.length; i++) {
            out[i] = clip(sigma * random.nextGaussian());
        }
        return out;
    }

    /** Sample-wise sum; the result is as long as the longer input. */
    static short[] mix(short[] a, short[] b) {
        short[] out = new short[Math.max(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = clip((i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0));
        }
        return out;
    }

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

    /** Whole 20 ms frames; a trailing partial frame is dropped. */
    static List<AudioFrame> frames(short[] audio) {
        List<AudioFrame> out = new ArrayList<>();
        for (int at = 0; at + AudioFrame.SAMPLES <= audio.length; at += AudioFrame.SAMPLES) {
            out.add(new AudioFrame(Arrays.copyOfRange(audio, at, at + AudioFrame.SAMPLES)));
        }
        return out;
    }

    private static double bump(double f, double centre, double width) {
        double x = (f - centre) / width;
        return 1 / (1 + x * x);
    }

    private static short[] scale(double[] signal, double rms) {
        double energy = 0;
        for (double v : signal) {
            energy += v * v;
        }
        double gain = signal.length == 0 || energy == 0 ? 0 : rms * 32767 / Math.sqrt(energy / signal.length);
        short[] out = new short[signal.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = clip(signal[i] * gain);
        }
        return out;
    }

    private static short clip(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
}
