package io.dialer.sim;

/**
 * Speech-like audio for the simulator's answering behaviours (codes 918,
 * 919): voiced syllables (a 110-170 Hz fundamental with falling harmonics,
 * amplitude-modulated at syllable rate) grouped into words with short
 * pauses. Not intelligible, but it has the energy pattern that
 * answering-machine detection reads: a short "hello" then silence for a
 * person, a long unbroken greeting and a beep for a machine.
 */
final class SimVoice {

    private static final int RATE = 8000;

    private SimVoice() {
    }

    /** About 0.6 s of "hello?", then 5 s of silence. */
    static short[] human() {
        short[] out = new short[RATE * 56 / 10];
        word(out, 0, 600, 150);
        return out;
    }

    /** A 4.5 s greeting of 12 words with 60 ms gaps, 0.5 s pause, a 0.4 s 1 kHz beep, then 3 s of silence. */
    static short[] machine() {
        short[] out = new short[RATE * 85 / 10];
        int at = 0;
        for (int w = 0; w < 12; w++) {
            int ms = 310 + (w % 3) * 40;
            word(out, at, ms, 120 + (w % 4) * 12);
            at += (ms + 60) * RATE / 1000;
        }
        at += RATE / 2;
        for (int i = 0; i < RATE * 4 / 10 && at + i < out.length; i++) {
            out[at + i] = (short) (12000 * Math.sin(2 * Math.PI * 1000 * i / RATE));
        }
        return out;
    }

    private static void word(short[] out, int start, int millis, double f0) {
        int n = millis * RATE / 1000;
        double phase = 0;
        for (int i = 0; i < n && start + i < out.length; i++) {
            double t = (double) i / RATE;
            double pitch = f0 * (1 + 0.08 * Math.sin(2 * Math.PI * 3 * t));
            phase += 2 * Math.PI * pitch / RATE;
            double v = 0;
            for (int h = 1; h <= 12; h++) {
                v += Math.sin(h * phase) / h;
            }
            double envelope = Math.sin(Math.PI * i / n) * (0.6 + 0.4 * Math.abs(Math.sin(2 * Math.PI * 4 * t)));
            out[start + i] = (short) (6000 * envelope * v);
        }
    }
}
