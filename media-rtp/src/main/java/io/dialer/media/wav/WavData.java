package io.dialer.media.wav;

import java.util.Objects;

/**
 * The audio of a WAV file decoded to signed 16-bit samples, channels still
 * interleaved, at the file's own rate.
 *
 * @param format  the file's format
 * @param samples interleaved samples; owned by this object, do not change
 */
public record WavData(WavFormat format, short[] samples) {

    public WavData {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(samples, "samples");
    }

    /** Sample frames (one sample of every channel). */
    public int frames() {
        return samples.length / format.channels();
    }

    /** The audio as 8 kHz mono, converted by {@link Resampler} when the file is anything else. */
    public short[] toTelephoneAudio() {
        short[] mono = Resampler.toMono(samples, format.channels());
        return Resampler.resample(mono, format.sampleRate(), 8000);
    }
}
