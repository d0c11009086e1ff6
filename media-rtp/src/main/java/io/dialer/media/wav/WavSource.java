package io.dialer.media.wav;

import io.dialer.media.AudioFrame;
import io.dialer.media.AudioSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Plays audio held in memory as 20 ms frames: a WAV file loaded and
 * converted to 8 kHz mono when opened (the I/O happens in {@link #open},
 * never on the media thread), or samples given directly. Either loops
 * forever or ends, returning null once everything was played; the last
 * partial frame is padded with silence.
 *
 * <p>Not thread-safe: read by one call's paced sender.
 */
public final class WavSource implements AudioSource {

    private final short[] samples;
    private final boolean loop;
    private int position;

    private WavSource(short[] samples, boolean loop) {
        this.samples = samples;
        this.loop = loop;
    }

    /**
     * Loads a WAV file (see {@link WavReader} for the formats and
     * {@link Resampler} for the conversion).
     */
    public static WavSource open(Path path, boolean loop) throws IOException {
        return new WavSource(WavReader.read(path).toTelephoneAudio(), loop);
    }

    /** Plays 8 kHz mono samples (copied). */
    public static WavSource of(short[] samples8kMono, boolean loop) {
        Objects.requireNonNull(samples8kMono, "samples8kMono");
        return new WavSource(samples8kMono.clone(), loop);
    }

    @Override
    public AudioFrame read() {
        if (samples.length == 0 || (!loop && position >= samples.length)) {
            return null;
        }
        short[] frame = new short[AudioFrame.SAMPLES];
        int filled = 0;
        while (filled < frame.length) {
            if (position >= samples.length) {
                if (!loop) {
                    break;
                }
                position = 0;
            }
            int n = Math.min(frame.length - filled, samples.length - position);
            System.arraycopy(samples, position, frame, filled, n);
            filled += n;
            position += n;
        }
        return new AudioFrame(frame);
    }

    /** Whether a non-looping source has played everything. */
    public boolean finished() {
        return !loop && position >= samples.length;
    }

    /** Starts again from the beginning. */
    public void rewind() {
        position = 0;
    }

    /** Length of the audio in milliseconds. */
    public long durationMillis() {
        return samples.length / 8L;
    }

    @Override
    public String toString() {
        return "WavSource[" + durationMillis() + " ms" + (loop ? ", looping" : "") + "]";
    }
}
