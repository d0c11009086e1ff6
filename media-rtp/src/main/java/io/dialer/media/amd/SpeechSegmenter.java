package io.dialer.media.amd;

import io.dialer.media.AudioFrame;

/**
 * Energy voice-activity segmentation of 20 ms frames into words and pauses.
 *
 * <p>A frame is voiced when its level exceeds the noise floor by
 * {@link AmdSettings#speechMarginDb()} and is above
 * {@link AmdSettings#minSpeechDbfs()}. The noise floor is the quietest frame
 * of the last second (minimum statistics): speech always dips between
 * syllables within a second, steady line noise never rises above itself, so
 * the floor follows the noise without following the voice. It is capped at
 * {@value #MAX_NOISE_FLOOR_DBFS} dBFS so that a greeting starting at the very
 * first frame (no noise seen yet) still reads as voice.
 *
 * <p>A burst of voiced frames becomes a word once it has lasted
 * {@link AmdSettings#minWordMillis()}; pauses shorter than
 * {@link AmdSettings#betweenWordsSilenceMillis()} are bridged (hangover), a
 * longer one ends the word. Bursts too short to be words (clicks) are
 * ignored and do not interrupt silence.
 *
 * <p>Not thread-safe: one instance per call, fed from one thread.
 */
public final class SpeechSegmenter {

    /** What a frame changed. */
    public enum Transition {
        /** Nothing new. */
        NONE,
        /** A burst has just become long enough to be a word. */
        WORD_START,
        /** A word has just been followed by enough silence to end it. */
        WORD_END
    }

    /** The noise floor never rises above this (dBFS): louder steady sound is taken as voice. */
    public static final double MAX_NOISE_FLOOR_DBFS = -40;

    /** The level of digital silence, dBFS. */
    static final double SILENCE_DBFS = -120;

    /** Frames in the noise-floor window: one second. */
    static final int FLOOR_WINDOW_FRAMES = 50;

    private final AmdSettings settings;
    private final double[] recentLevels = new double[FLOOR_WINDOW_FRAMES];
    private long frames;
    private long burstStart = -1;
    private long lastVoiced = -1;
    private boolean burstIsWord;
    private int words;
    private long lastWordEnd = -1;
    private long completedVoicedFrames;
    private double noiseFloor = SILENCE_DBFS;

    /** A segmenter with the given thresholds. */
    public SpeechSegmenter(AmdSettings settings) {
        this.settings = settings;
    }

    /**
     * Feeds the next 20 ms of audio.
     *
     * @return whether a word started or ended with this frame
     */
    public Transition accept(AudioFrame frame) {
        long index = frames++;
        double level = levelDbfs(frame.samples());
        recentLevels[(int) (index % FLOOR_WINDOW_FRAMES)] = level;
        noiseFloor = Math.min(MAX_NOISE_FLOOR_DBFS, minimumRecentLevel(index));
        boolean voiced = level > noiseFloor + settings.speechMarginDb() && level > settings.minSpeechDbfs();
        if (voiced) {
            if (burstStart < 0) {
                burstStart = index;
            }
            lastVoiced = index;
            if (!burstIsWord && (index - burstStart + 1) * AudioFrame.MILLIS >= settings.minWordMillis()) {
                burstIsWord = true;
                words++;
                return Transition.WORD_START;
            }
            return Transition.NONE;
        }
        if (burstStart >= 0 && (index - lastVoiced) * AudioFrame.MILLIS >= settings.betweenWordsSilenceMillis()) {
            boolean wasWord = burstIsWord;
            if (wasWord) {
                completedVoicedFrames += lastVoiced - burstStart + 1;
                lastWordEnd = lastVoiced;
            }
            burstStart = -1;
            burstIsWord = false;
            return wasWord ? Transition.WORD_END : Transition.NONE;
        }
        return Transition.NONE;
    }

    /** Audio fed so far, ms. */
    public long elapsedMillis() {
        return frames * AudioFrame.MILLIS;
    }

    /** Words heard so far, counting one in progress once it is long enough. */
    public int words() {
        return words;
    }

    /** Whether a word is in progress (including a bridged pause inside it). */
    public boolean inWord() {
        return burstIsWord;
    }

    /** Total length of all words so far, including the one in progress, ms. */
    public long voicedMillis() {
        long current = burstIsWord ? lastVoiced - burstStart + 1 : 0;
        return (completedVoicedFrames + current) * AudioFrame.MILLIS;
    }

    /**
     * Silence since the last word's last voiced frame, or since the start when
     * there has been no word yet, ms; 0 inside a word.
     */
    public long silenceMillis() {
        if (burstIsWord) {
            return 0;
        }
        return (frames - 1 - lastWordEnd) * AudioFrame.MILLIS;
    }

    /** The current noise floor estimate, dBFS. */
    public double noiseFloorDbfs() {
        return noiseFloor;
    }

    /** Mean power of a block relative to a full-scale square wave, dBFS; {@value #SILENCE_DBFS} for zeros. */
    static double levelDbfs(short[] samples) {
        double energy = 0;
        for (short s : samples) {
            energy += (double) s * s;
        }
        double mean = energy / samples.length / (32768.0 * 32768.0);
        return mean == 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 10 * Math.log10(mean));
    }

    private double minimumRecentLevel(long index) {
        int filled = (int) Math.min(index + 1, FLOOR_WINDOW_FRAMES);
        double min = Double.MAX_VALUE;
        for (int i = 0; i < filled; i++) {
            min = Math.min(min, recentLevels[i]);
        }
        return min;
    }
}
