package io.dialer.media.tone;

/**
 * The Goertzel algorithm: the power of one frequency in a block of samples,
 * in O(N) without an FFT. The frequency need not fall on a DFT bin (the
 * generalised form with coefficient 2·cos(2πf/fs)); the block length sets
 * the resolution, about fs/N Hz (205 samples at 8 kHz ≈ 39 Hz, the classic
 * DTMF block).
 *
 * <p>Immutable and thread-safe.
 */
public final class Goertzel {

    private final double frequency;
    private final double omega;
    private final double coefficient;

    /**
     * @param frequency  the frequency to measure, Hz, below sampleRate / 2
     * @param sampleRate samples per second
     */
    public Goertzel(double frequency, int sampleRate) {
        if (sampleRate <= 0 || frequency <= 0 || frequency >= sampleRate / 2.0) {
            throw new IllegalArgumentException("need 0 < frequency < sampleRate/2, got " + frequency + " at " + sampleRate);
        }
        this.frequency = frequency;
        this.omega = 2 * Math.PI * frequency / sampleRate;
        this.coefficient = 2 * Math.cos(omega);
    }

    /** The frequency measured, Hz. */
    public double frequency() {
        return frequency;
    }

    /**
     * The squared magnitude of the frequency's DFT term over the block; a
     * sine of amplitude A filling the block gives about (A·N/2)².
     */
    public double power(short[] samples, int offset, int length) {
        double s1 = 0;
        double s2 = 0;
        for (int i = offset; i < offset + length; i++) {
            double s0 = samples[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        // |X|² for a non-integer bin: the real and imaginary parts of the last step.
        double re = s1 - s2 * Math.cos(omega);
        double im = s2 * Math.sin(omega);
        return re * re + im * im;
    }

    /**
     * The share of the block's energy at this frequency, 0 to about 1: about
     * 1 for a pure tone at it, about 0.5 for each tone of an equal-level
     * pair, near 2/N for white noise. Silence gives 0.
     */
    public double relativePower(short[] samples, int offset, int length) {
        double energy = 0;
        for (int i = offset; i < offset + length; i++) {
            energy += (double) samples[i] * samples[i];
        }
        if (energy == 0) {
            return 0;
        }
        return power(samples, offset, length) / (energy * length / 2);
    }
}
