package io.dialer.media.amd;

import io.dialer.media.AudioFrame;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Answering-machine detection for one call: fed the callee's 20 ms frames
 * from the moment of answer, it decides once whether a person or a machine
 * answered. The rules, checked after every frame in this order:
 * <ol>
 *   <li>a voicemail beep ({@link BeepDetector}) means machine;</li>
 *   <li>no word for {@link AmdSettings#initialSilenceMillis()} means machine;</li>
 *   <li>more voiced time than {@link AmdSettings#greetingMillis()} before the
 *       first long pause means machine (a recorded greeting);</li>
 *   <li>{@link AmdSettings#maximumWords()} words before a long pause means machine;</li>
 *   <li>a pause of {@link AmdSettings#afterGreetingSilenceMillis()} after a
 *       short greeting means human (someone said "Hello?" and waits);</li>
 *   <li>nothing decided after {@link AmdSettings#totalAnalysisMillis()} means unknown.</li>
 * </ol>
 * Words and pauses come from {@link SpeechSegmenter}.
 *
 * <p>Not thread-safe: one instance per call, fed from one thread.
 */
public final class AmdDetector {

    private final AmdSettings settings;
    private final SpeechSegmenter segmenter;
    private final BeepDetector beeps = new BeepDetector();
    private AmdResult result;
    private Beep beep;

    /** A detector with the given settings. */
    public AmdDetector(AmdSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.segmenter = new SpeechSegmenter(settings);
    }

    /** A detector with {@link AmdSettings#defaults()}. */
    public AmdDetector() {
        this(AmdSettings.defaults());
    }

    /**
     * Feeds the next 20 ms of the callee's audio.
     *
     * @return the decision, on the frame that makes it; empty before and after
     */
    public Optional<AmdResult> accept(AudioFrame frame) {
        if (result != null) {
            return Optional.empty();
        }
        segmenter.accept(frame);
        Optional<Beep> heard = beeps.accept(frame);
        long now = segmenter.elapsedMillis();
        if (heard.isPresent()) {
            beep = heard.get();
            return decide(Verdict.MACHINE, now, String.format(Locale.ROOT, "beep at %.0f Hz", beep.frequency()));
        }
        if (segmenter.words() == 0) {
            if (now >= settings.initialSilenceMillis()) {
                return decide(Verdict.MACHINE, now, "initial silence of " + seconds(now));
            }
        } else {
            long voiced = segmenter.voicedMillis();
            if (voiced > settings.greetingMillis()) {
                return decide(Verdict.MACHINE, now, "greeting of " + seconds(voiced));
            }
            if (segmenter.words() >= settings.maximumWords()) {
                return decide(Verdict.MACHINE, now, segmenter.words() + " words without a pause");
            }
            if (segmenter.silenceMillis() >= settings.afterGreetingSilenceMillis()) {
                return decide(Verdict.HUMAN, now, "short greeting then silence");
            }
        }
        if (now >= settings.totalAnalysisMillis()) {
            return decide(Verdict.UNKNOWN, now, "no decision within " + seconds(now));
        }
        return Optional.empty();
    }

    /**
     * Ends the analysis without more audio: the caller's analysis timer
     * fired, or the media stopped (far end hung up, RTP timeout). A beep
     * still sounding counts as heard; otherwise the result is
     * {@link Verdict#UNKNOWN} — hanging up before speaking is a call-level
     * rule the caller applies with its own timing.
     *
     * @return the decision, or empty if one was already made
     */
    public Optional<AmdResult> timeout() {
        if (result != null) {
            return Optional.empty();
        }
        long now = segmenter.elapsedMillis();
        Optional<Beep> heard = beeps.finish();
        if (heard.isPresent()) {
            beep = heard.get();
            return decide(Verdict.MACHINE, now, String.format(Locale.ROOT, "beep at %.0f Hz", beep.frequency()));
        }
        String state = segmenter.words() == 0 ? "no speech" : segmenter.words() + " words";
        return decide(Verdict.UNKNOWN, now, "analysis ended after " + seconds(now) + " with " + state);
    }

    /** The decision, once made. */
    public Optional<AmdResult> result() {
        return Optional.ofNullable(result);
    }

    /** The beep that decided, if a beep did. */
    public Optional<Beep> beep() {
        return Optional.ofNullable(beep);
    }

    private Optional<AmdResult> decide(Verdict verdict, long now, String reason) {
        result = new AmdResult(verdict, now, reason);
        return Optional.of(result);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
