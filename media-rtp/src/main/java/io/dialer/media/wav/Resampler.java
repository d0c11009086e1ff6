package io.dialer.media.wav;

/**
 * Channel mixing and sample-rate conversion for prompts, done once when a
 * file is loaded.
 *
 * <p>Downsampling first low-passes the input with a 63-tap windowed-sinc FIR
 * (Blackman window, cut-off at 90% of the target Nyquist, i.e. 3.6 kHz for
 * 8 kHz) so that content above the telephone band does not alias into it,
 * then reads the filtered signal at the output instants by linear
 * interpolation. Upsampling is linear interpolation alone. Not studio
 * quality; clean enough for speech prompts on a G.711 line.
 */
public final class Resampler {

    private static final int TAPS = 63;
    private static final double CUTOFF_FRACTION = 0.9;

    private Resampler() {
    }

    /** Interleaved channels averaged to one. */
    public static short[] toMono(short[] interleaved, int channels) {
        if (channels == 1) {
            return interleaved;
        }
        short[] mono = new short[interleaved.length / channels];
        for (int i = 0; i < mono.length; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[i * channels + c];
            }
            mono[i] = (short) (sum / channels);
        }
        return mono;
    }

    /** Mono samples converted from one rate to another; the same array when the rates match. */
    public static short[] resample(short[] in, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("rates must be positive");
        }
        if (fromRate == toRate || in.length == 0) {
            return in;
        }
        double[] kernel = fromRate > toRate ? lowPass(CUTOFF_FRACTION * toRate / 2 / fromRate) : null;
        int outLength = (int) ((long) in.length * toRate / fromRate);
        short[] out = new short[outLength];
        double step = (double) fromRate / toRate;
        for (int i = 0; i < outLength; i++) {
            double x = i * step;
            int i0 = (int) x;
            double frac = x - i0;
            double a = sample(in, i0, kernel);
            double b = i0 + 1 < in.length ? sample(in, i0 + 1, kernel) : a;
            out[i] = clamp(a + (b - a) * frac);
        }
        return out;
    }

    /** Input sample n, filtered by the kernel when there is one (zero outside the signal). */
    private static double sample(short[] in, int n, double[] kernel) {
        if (kernel == null) {
            return in[n];
        }
        int half = TAPS / 2;
        double acc = 0;
        for (int k = 0; k < TAPS; k++) {
            int j = n + k - half;
            if (j >= 0 && j < in.length) {
                acc += kernel[k] * in[j];
            }
        }
        return acc;
    }

    /** A unity-gain windowed-sinc low-pass with cut-off {@code fc} in cycles per input sample. */
    private static double[] lowPass(double fc) {
        double[] h = new double[TAPS];
        int half = TAPS / 2;
        double sum = 0;
        for (int k = 0; k < TAPS; k++) {
            int m = k - half;
            double sinc = m == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * m) / (Math.PI * m);
            double window = 0.42 - 0.5 * Math.cos(2 * Math.PI * k / (TAPS - 1)) + 0.08 * Math.cos(4 * Math.PI * k / (TAPS - 1));
            h[k] = sinc * window;
            sum += h[k];
        }
        for (int k = 0; k < TAPS; k++) {
            h[k] /= sum;
        }
        return h;
    }

    private static short clamp(double v) {
        long r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }
}
