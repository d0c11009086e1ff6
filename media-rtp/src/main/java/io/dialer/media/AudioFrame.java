package io.dialer.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * 20 ms of telephone audio: 160 samples of 8 kHz mono signed 16-bit PCM, the
 * unit every audio API of the engine exchanges (G.711 at ptime 20).
 *
 * @param samples exactly {@link #SAMPLES} samples; the array is owned by the frame, do not change it
 */
public record AudioFrame(short[] samples) {

    /** Samples per frame: 8,000 Hz x 20 ms. */
    public static final int SAMPLES = 160;

    /** Frame duration in milliseconds. */
    public static final int MILLIS = 20;

    public AudioFrame {
        Objects.requireNonNull(samples, "samples");
        if (samples.length != SAMPLES) {
            throw new IllegalArgumentException("an audio frame has " + SAMPLES + " samples, got " + samples.length);
        }
    }

    /** 20 ms of silence. */
    public static AudioFrame silence() {
        return new AudioFrame(new short[SAMPLES]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioFrame f && Arrays.equals(samples, f.samples);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "AudioFrame[160 samples]";
    }
}
