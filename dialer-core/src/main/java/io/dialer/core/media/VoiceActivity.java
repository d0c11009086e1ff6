package io.dialer.core.media;

import io.dialer.media.AudioFrame;

/**
 * A plain energy detector for the silence timeout (design.md §3): a frame
 * whose RMS level is above about -40 dBFS counts as the callee speaking. Line
 * noise and comfort noise stay below it; speech and tones do not. (Answering
 * machine detection uses its own, finer segmentation.)
 */
final class VoiceActivity {

    /** -40 dBFS of a 16-bit full scale (32768 * 10^(-40/20) ≈ 328). */
    static final double THRESHOLD_RMS = 328;

    private VoiceActivity() {
    }

    static boolean isVoice(AudioFrame frame) {
        short[] s = frame.samples();
        double sum = 0;
        for (short v : s) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / s.length) > THRESHOLD_RMS;
    }
}
