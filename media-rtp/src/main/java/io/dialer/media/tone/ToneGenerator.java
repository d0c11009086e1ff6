package io.dialer.media.tone;

import java.util.List;

/**
 * Renders {@link Tone} sequences to 16-bit PCM: test signals now, prompts
 * and beeps later. Each segment starts at phase zero and is rendered
 * independently. Immutable and thread-safe.
 */
public final class ToneGenerator {

    private final int sampleRate;

    /** @param sampleRate samples per second, 8000 for telephone audio */
    public ToneGenerator(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive");
        }
        this.sampleRate = sampleRate;
    }

    /** An 8 kHz generator. */
    public static ToneGenerator telephone() {
        return new ToneGenerator(8000);
    }

    /** The segments one after another. */
    public short[] render(Tone... tones) {
        return render(List.of(tones));
    }

    /** The segments one after another. */
    public short[] render(List<Tone> tones) {
        int total = 0;
        for (Tone t : tones) {
            total += samples(t);
        }
        short[] out = new short[total];
        int at = 0;
        for (Tone t : tones) {
            int n = samples(t);
            if (!t.isSilence()) {
                double peak = t.amplitude() * Short.MAX_VALUE;
                double w1 = 2 * Math.PI * t.frequency1() / sampleRate;
                double w2 = 2 * Math.PI * t.frequency2() / sampleRate;
                for (int i = 0; i < n; i++) {
                    double v = Math.sin(w1 * i) + (t.frequency2() > 0 ? Math.sin(w2 * i) : 0);
                    out[at + i] = (short) Math.round(Math.max(-Short.MAX_VALUE, Math.min(Short.MAX_VALUE, peak * v)));
                }
            }
            at += n;
        }
        return out;
    }

    private int samples(Tone t) {
        return (int) ((long) t.millis() * sampleRate / 1000);
    }
}
