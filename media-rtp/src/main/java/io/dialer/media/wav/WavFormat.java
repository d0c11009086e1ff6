package io.dialer.media.wav;

/**
 * The {@code fmt } chunk of a WAV file: how its samples are coded.
 *
 * @param formatCode    1 PCM, 3 IEEE float, 6 A-law, 7 μ-law (WAVE_FORMAT_EXTENSIBLE resolved to its sub-format)
 * @param channels      interleaved channels, at least 1
 * @param sampleRate    samples per second per channel
 * @param bitsPerSample bits of one sample of one channel
 */
public record WavFormat(int formatCode, int channels, int sampleRate, int bitsPerSample) {

    public static final int PCM = 1;
    public static final int IEEE_FLOAT = 3;
    public static final int ALAW = 6;
    public static final int MULAW = 7;
    public static final int EXTENSIBLE = 0xFFFE;

    /** 8 kHz mono 16-bit PCM, what the engine plays and records natively. */
    public static final WavFormat TELEPHONE = new WavFormat(PCM, 1, 8000, 16);

    public WavFormat {
        if (channels < 1 || sampleRate < 1 || bitsPerSample < 1) {
            throw new IllegalArgumentException("channels, sample rate and bits must be positive");
        }
    }

    /** Bytes of one sample frame (all channels). */
    public int blockAlign() {
        return channels * ((bitsPerSample + 7) / 8);
    }

    /** Bytes per second. */
    public int byteRate() {
        return blockAlign() * sampleRate;
    }
}
