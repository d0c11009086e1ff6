package io.dialer.media.tone;

import io.dialer.media.AudioFrame;

/**
 * Decides for one 20 ms frame whether it is a pure tone in one of the three
 * SIT bands, and at what frequency and level.
 *
 * <p>A 160-sample block resolves only about 50 Hz, so a Goertzel filter
 * fixed on a nominal frequency loses several dB for a tone 2-3 % away; a
 * grid of filters every 10 Hz across each band keeps the loss under
 * 0.2 dB and, with parabolic interpolation between the strongest filter and
 * its neighbours, estimates the frequency to a few Hz. A frame is a tone
 * only when the strongest filter holds {@link #MIN_PURITY} of the frame's
 * energy: speech, chords, noise and dual tones (DTMF, ringback, busy: at
 * most half each) spread their energy and fail that test.
 *
 * <p>Immutable and thread-safe.
 */
final class SitFrameAnalyzer {

    /** Share of the frame energy the tone must hold: above the 0.5 of an equal dual tone. */
    static final double MIN_PURITY = 0.7;
    /** Quietest frame considered, dB relative to a full-scale sine. */
    static final double LEVEL_FLOOR_DBFS = -45;
    /** Band tolerance around the nominal frequencies, a fraction. */
    static final double TOLERANCE = 0.03;

    private static final int SAMPLE_RATE = 8000;
    private static final double GRID_STEP_HZ = 10;
    private static final double FULL_SCALE_SINE_POWER = (double) Short.MAX_VALUE * Short.MAX_VALUE / 2;

    /** What the frame holds. */
    record Result(int band, double frequency, double levelDbfs) {
        static final Result NONE = new Result(0, 0, Double.NEGATIVE_INFINITY);

        boolean isTone() {
            return band != 0;
        }
    }

    private final double[][] bandEdges = {
        {SitFrequencies.FIRST_LOW * (1 - TOLERANCE), SitFrequencies.FIRST_HIGH * (1 + TOLERANCE)},
        {SitFrequencies.SECOND_LOW * (1 - TOLERANCE), SitFrequencies.SECOND_HIGH * (1 + TOLERANCE)},
        {SitFrequencies.THIRD * (1 - TOLERANCE), SitFrequencies.THIRD * (1 + TOLERANCE)},
    };
    /** Per band, filters from one step below the lower edge to one step above the upper. */
    private final Goertzel[][] grids = new Goertzel[3][];

    SitFrameAnalyzer() {
        for (int b = 0; b < 3; b++) {
            double from = bandEdges[b][0] - GRID_STEP_HZ;
            int n = (int) Math.ceil((bandEdges[b][1] + GRID_STEP_HZ - from) / GRID_STEP_HZ) + 1;
            grids[b] = new Goertzel[n];
            for (int i = 0; i < n; i++) {
                grids[b][i] = new Goertzel(from + i * GRID_STEP_HZ, SAMPLE_RATE);
            }
        }
    }

    Result analyze(AudioFrame frame) {
        short[] s = frame.samples();
        int n = s.length;
        double energy = 0;
        for (short v : s) {
            energy += (double) v * v;
        }
        double level = 10 * Math.log10(energy / n / FULL_SCALE_SINE_POWER);
        if (energy == 0 || level < LEVEL_FLOOR_DBFS) {
            return Result.NONE;
        }
        int bestBand = -1;
        int bestIndex = -1;
        double best = -1;
        double[][] powers = new double[3][];
        for (int b = 0; b < 3; b++) {
            powers[b] = new double[grids[b].length];
            for (int i = 0; i < grids[b].length; i++) {
                double p = grids[b][i].power(s, 0, n);
                powers[b][i] = p;
                if (p > best) {
                    best = p;
                    bestBand = b;
                    bestIndex = i;
                }
            }
        }
        // Share of the energy at the peak: Parseval, a sine of amplitude A over N samples has
        // energy A²N/2 and Goertzel power (AN/2)², so the ratio power / (energy·N/2) is 1.
        double purity = best / (energy * n / 2);
        if (purity < MIN_PURITY) {
            return Result.NONE;
        }
        double[] p = powers[bestBand];
        if (bestIndex == 0 || bestIndex == p.length - 1) {
            return Result.NONE; // the peak lies outside the band, past the outer filters
        }
        double a = Math.sqrt(p[bestIndex - 1]);
        double b = Math.sqrt(p[bestIndex]);
        double c = Math.sqrt(p[bestIndex + 1]);
        double denominator = a - 2 * b + c;
        double delta = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
        double frequency = grids[bestBand][bestIndex].frequency() + delta * GRID_STEP_HZ;
        if (frequency < bandEdges[bestBand][0] || frequency > bandEdges[bestBand][1]) {
            return Result.NONE;
        }
        return new Result(bestBand + 1, frequency, level);
    }
}
