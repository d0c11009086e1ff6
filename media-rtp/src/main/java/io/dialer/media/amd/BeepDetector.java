package io.dialer.media.amd;

import io.dialer.media.AudioFrame;
import io.dialer.media.tone.Goertzel;
import java.util.Optional;

/**
 * Finds the voicemail beep: one steady pure tone between {@value #LOW_HZ} and
 * {@value #HIGH_HZ} Hz (440, 850, 1000 and 1400 Hz are common) lasting at
 * least {@value #MIN_FRAMES} full frames ({@value #MIN_FRAMES}×20 ms, so
 * beeps of about 120 ms and longer), reported when it ends so a message can
 * follow it.
 *
 * <p>Each frame is scanned by a bank of Goertzel filters every
 * {@value #COARSE_STEP_HZ} Hz, then refined in {@value #FINE_STEP_HZ} Hz
 * steps around the strongest. A frame is a tone frame when that one
 * frequency holds at least {@value #MIN_PURITY} of the frame's energy and the
 * frame is louder than {@value #MIN_LEVEL_DBFS} dBFS. Voice never qualifies
 * for long: its energy spreads over several harmonics and formants and its
 * pitch glides; dual tones (dial tone, ringback) hold about half each. A run
 * of tone frames whose frequency stays within {@value #MAX_DRIFT_HZ} Hz of
 * the run's first is one tone; runs longer than {@value #MAX_FRAMES} frames
 * are steady tones of some other kind and not reported.
 *
 * <p>Not thread-safe: one instance per call, fed from one thread.
 */
public final class BeepDetector {

    static final double LOW_HZ = 400;
    static final double HIGH_HZ = 2000;
    static final double COARSE_STEP_HZ = 20;
    static final double FINE_STEP_HZ = 2;
    static final double MIN_PURITY = 0.8;
    static final double MIN_LEVEL_DBFS = -40;
    static final double MAX_DRIFT_HZ = 15;
    static final int MIN_FRAMES = 5;
    static final int MAX_FRAMES = 150;

    private static final int RATE = 8000;

    private final Goertzel[] coarse;
    private long frames;
    private long runStart = -1;
    private int runFrames;
    private double runFirstHz;
    private double runSumHz;

    /** A detector for the common beep band. */
    public BeepDetector() {
        int n = (int) ((HIGH_HZ - LOW_HZ) / COARSE_STEP_HZ) + 1;
        coarse = new Goertzel[n];
        for (int i = 0; i < n; i++) {
            coarse[i] = new Goertzel(LOW_HZ + i * COARSE_STEP_HZ, RATE);
        }
    }

    /**
     * Feeds the next 20 ms of audio.
     *
     * @return the beep that ended just before this frame, if any
     */
    public Optional<Beep> accept(AudioFrame frame) {
        long index = frames++;
        double hz = toneFrequency(frame.samples());
        if (hz > 0 && runStart >= 0 && Math.abs(hz - runFirstHz) <= MAX_DRIFT_HZ) {
            runFrames++;
            runSumHz += hz;
            return Optional.empty();
        }
        Optional<Beep> ended = closeRun(index);
        if (hz > 0) {
            runStart = index;
            runFrames = 1;
            runFirstHz = hz;
            runSumHz = hz;
        }
        return ended;
    }

    /**
     * Ends the analysis, e.g. when the audio stops: a beep still sounding
     * counts as ended now.
     */
    public Optional<Beep> finish() {
        return closeRun(frames);
    }

    private Optional<Beep> closeRun(long index) {
        if (runStart < 0) {
            return Optional.empty();
        }
        Optional<Beep> beep = runFrames >= MIN_FRAMES && runFrames <= MAX_FRAMES
                ? Optional.of(new Beep(runSumHz / runFrames, runStart * AudioFrame.MILLIS, index * AudioFrame.MILLIS))
                : Optional.empty();
        runStart = -1;
        return beep;
    }

    /** The frequency of the frame's single dominant tone in the beep band, or 0 if it has none. */
    double toneFrequency(short[] samples) {
        if (SpeechSegmenter.levelDbfs(samples) < MIN_LEVEL_DBFS) {
            return 0;
        }
        int best = 0;
        double bestPower = -1;
        for (int i = 0; i < coarse.length; i++) {
            double p = coarse[i].power(samples, 0, samples.length);
            if (p > bestPower) {
                bestPower = p;
                best = i;
            }
        }
        double centre = coarse[best].frequency();
        double bestHz = centre;
        double bestShare = coarse[best].relativePower(samples, 0, samples.length);
        for (double f = centre - COARSE_STEP_HZ / 2; f <= centre + COARSE_STEP_HZ / 2; f += FINE_STEP_HZ) {
            double share = new Goertzel(f, RATE).relativePower(samples, 0, samples.length);
            if (share > bestShare) {
                bestShare = share;
                bestHz = f;
            }
        }
        return bestShare >= MIN_PURITY ? bestHz : 0;
    }
}
