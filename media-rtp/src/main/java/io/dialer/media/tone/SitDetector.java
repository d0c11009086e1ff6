package io.dialer.media.tone;

import io.dialer.media.AudioFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises special information tones (ITU-T E.180 §6, Telcordia GR-1162)
 * in a stream of 20 ms frames: three pure-tone segments rising through
 * ~914/985 Hz, ~1371/1429 Hz and 1776.7 Hz, each 274 or 380 ms long, with at
 * most ~30 ms of silence between them. The pitch and length of the first two
 * segments name the {@link SitKind}.
 *
 * <p>Each frame is classified by {@link SitFrameAnalyzer} (tone in band 1, 2
 * or 3, or not a tone); runs of frames in one band become segments. Measured
 * durations, counted in whole frames, read about 10 ms short (a frame counts
 * only when the tone fills most of it) and jitter by one frame:
 * <ul>
 *   <li>a segment lasts 11-22 frames (220-440 ms): E.180's 330 ±70 ms plus a
 *       frame of measuring error on each side, which also covers Telcordia's
 *       short and long values ±40 ms;</li>
 *   <li>up to 16 frames (320 ms) is short, from 17 long: the midpoint of
 *       274 and 380 ms less the measuring bias;</li>
 *   <li>up to 3 non-tone frames (60 ms) may separate or interrupt segments:
 *       30 ms of silence plus a partly filled frame at each edge;</li>
 *   <li>the segment levels may differ by at most 6 dB (E.180 asks under
 *       3 dB at the source; line and codec add the rest);</li>
 *   <li>the pitch of segments 1 and 2 is the nominal value nearer to the
 *       segment's mean frequency, so ±2 % offsets decode correctly.</li>
 * </ul>
 * The decision comes when the third segment ends: 3 frames of something
 * else after it, or at once if another SIT band starts. The detector then
 * starts afresh, so a repeated SIT is reported again.
 *
 * <p>Not thread-safe: one instance per call, fed from one thread.
 */
public final class SitDetector {

    static final int MIN_SEGMENT_FRAMES = 11;
    static final int MAX_SEGMENT_FRAMES = 22;
    static final int MAX_SHORT_FRAMES = 16;
    static final int MAX_GAP_FRAMES = 3;
    static final double MAX_LEVEL_SPREAD_DB = 6;

    /** A run of tone frames in one band. */
    private static final class Segment {
        final int band;
        final long firstFrame;
        long lastFrame;
        int toneFrames;
        double frequencySum;
        double levelSum;

        Segment(int band, long frame) {
            this.band = band;
            this.firstFrame = frame;
        }

        void add(long frame, SitFrameAnalyzer.Result r) {
            lastFrame = frame;
            toneFrames++;
            frequencySum += r.frequency();
            levelSum += r.levelDbfs();
        }

        long frames() {
            return lastFrame - firstFrame + 1;
        }

        double frequency() {
            return frequencySum / toneFrames;
        }

        double level() {
            return levelSum / toneFrames;
        }

        SitKind.Length length() {
            return frames() <= MAX_SHORT_FRAMES ? SitKind.Length.SHORT : SitKind.Length.LONG;
        }

        SitKind.Pitch pitch(double low, double high) {
            // Nearer on a log scale: the boundary is the geometric mean of the two nominals.
            return frequency() < Math.sqrt(low * high) ? SitKind.Pitch.LOW : SitKind.Pitch.HIGH;
        }
    }

    private final SitFrameAnalyzer analyzer = new SitFrameAnalyzer();
    /** Completed segments of the sequence in progress, in band order 1, 2. */
    private final List<Segment> sequence = new ArrayList<>(3);
    private Segment run;
    private long frameIndex;

    /**
     * Feeds the next 20 ms of audio.
     *
     * @return the SIT completed by this frame, if any
     */
    public Optional<SitTone> accept(AudioFrame frame) {
        long index = frameIndex++;
        SitFrameAnalyzer.Result r = analyzer.analyze(frame);
        Optional<SitTone> found = Optional.empty();
        if (run != null && r.isTone() && r.band() == run.band) {
            run.add(index, r);
            return found;
        }
        if (run != null && (r.isTone() || index - run.lastFrame > MAX_GAP_FRAMES)) {
            found = close(run, index);
            run = null;
        }
        if (r.isTone()) {
            run = new Segment(r.band(), index);
            run.add(index, r);
        } else if (run == null && !sequence.isEmpty()
                && index - sequence.get(sequence.size() - 1).lastFrame > MAX_GAP_FRAMES) {
            sequence.clear();
        }
        return found;
    }

    /** Forgets any partial sequence, e.g. when the audio source changes. */
    public void reset() {
        sequence.clear();
        run = null;
    }

    private Optional<SitTone> close(Segment segment, long index) {
        boolean fits = segment.frames() >= MIN_SEGMENT_FRAMES && segment.frames() <= MAX_SEGMENT_FRAMES;
        if (fits && !sequence.isEmpty()) {
            Segment previous = sequence.get(sequence.size() - 1);
            fits = segment.band == previous.band + 1
                    && segment.firstFrame - previous.lastFrame - 1 <= MAX_GAP_FRAMES
                    && Math.abs(segment.level() - previous.level()) <= MAX_LEVEL_SPREAD_DB
                    && Math.abs(segment.level() - sequence.get(0).level()) <= MAX_LEVEL_SPREAD_DB;
        }
        if (!fits) {
            sequence.clear();
            // A failed sequence may still be followed by a real one starting with this segment.
            if (segment.band == 1 && segment.frames() >= MIN_SEGMENT_FRAMES
                    && segment.frames() <= MAX_SEGMENT_FRAMES) {
                sequence.add(segment);
            }
            return Optional.empty();
        }
        if (sequence.isEmpty() && segment.band != 1) {
            return Optional.empty();
        }
        sequence.add(segment);
        if (sequence.size() < 3) {
            return Optional.empty();
        }
        Segment first = sequence.get(0);
        Segment second = sequence.get(1);
        SitKind kind = SitKind.of(
                first.pitch(SitFrequencies.FIRST_LOW, SitFrequencies.FIRST_HIGH), first.length(),
                second.pitch(SitFrequencies.SECOND_LOW, SitFrequencies.SECOND_HIGH), second.length());
        sequence.clear();
        return Optional.of(new SitTone(kind, (index + 1) * AudioFrame.MILLIS));
    }
}
