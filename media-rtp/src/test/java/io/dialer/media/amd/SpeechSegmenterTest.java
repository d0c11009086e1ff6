package io.dialer.media.amd;

import static io.dialer.media.amd.Signals.concat;
import static io.dialer.media.amd.Signals.frames;
import static io.dialer.media.amd.Signals.mix;
import static io.dialer.media.amd.Signals.noise;
import static io.dialer.media.amd.Signals.silence;
import static io.dialer.media.amd.Signals.voice;
import static io.dialer.media.amd.Signals.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dialer.media.AudioFrame;
import io.dialer.media.amd.SpeechSegmenter.Transition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Word and pause segmentation on synthetic voice, silence and noise. */
class SpeechSegmenterTest {

    /** Frame times (ms, end of frame) of each transition. */
    private record Run(SpeechSegmenter segmenter, List<Long> starts, List<Long> ends) {
    }

    private static Run run(short[] audio) {
        SpeechSegmenter s = new SpeechSegmenter(AmdSettings.defaults());
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        for (AudioFrame f : frames(audio)) {
            Transition t = s.accept(f);
            if (t == Transition.WORD_START) {
                starts.add(s.elapsedMillis());
            } else if (t == Transition.WORD_END) {
                ends.add(s.elapsedMillis());
            }
        }
        return new Run(s, starts, ends);
    }

    @Test
    void silenceHasNoWords() {
        Run r = run(silence(3000));
        assertThat(r.segmenter().words()).isZero();
        assertThat(r.segmenter().silenceMillis()).isEqualTo(3000);
        assertThat(r.starts()).isEmpty();
    }

    @Test
    void wordsSeparatedByPausesAreCountedWithTheirLengths() {
        Run r = run(concat(silence(400), words(3, 300, 200, 1), silence(1000)));
        assertThat(r.segmenter().words()).isEqualTo(3);
        // Each word becomes one once it has lasted the minimum word length (100 ms).
        assertThat(r.starts()).containsExactly(500L, 1000L, 1500L);
        // ...and ends after 60 ms of silence (the first whole-frame count ≥ 50 ms).
        assertThat(r.ends()).containsExactly(760L, 1260L, 1760L);
        assertThat(r.segmenter().voicedMillis()).isEqualTo(900);
        assertThat(r.segmenter().silenceMillis()).isEqualTo(1000);
        assertThat(r.segmenter().inWord()).isFalse();
    }

    @Test
    void shortPausesInsideAWordAreBridged() {
        Run r = run(concat(voice(300, 130, 2), silence(40), voice(300, 130, 3), silence(500)));
        assertThat(r.segmenter().words()).isEqualTo(1);
        assertThat(r.segmenter().voicedMillis()).isEqualTo(640);
    }

    @Test
    void clicksShorterThanAWordAreIgnoredAndDoNotBreakTheSilence() {
        Run r = run(concat(silence(500), voice(60, 130, 4), silence(1000)));
        assertThat(r.segmenter().words()).isZero();
        assertThat(r.segmenter().silenceMillis()).isEqualTo(1560);
    }

    @Test
    void steadyNoiseIsNotSpeechAndTheFloorFollowsIt() {
        Run r = run(noise(3000, -40, 5));
        assertThat(r.segmenter().words()).isZero();
        assertThat(r.segmenter().noiseFloorDbfs()).isCloseTo(-41, within(1.5));
    }

    @Test
    void wordsAreFoundOverBackgroundNoise() {
        short[] speech = concat(silence(1000), words(2, 300, 300, 6), silence(1000));
        Run r = run(mix(speech, noise(3000, -42, 7)));
        assertThat(r.segmenter().words()).isEqualTo(2);
        assertThat(r.starts()).containsExactly(1100L, 1700L);
    }

    @Test
    void speechFromTheFirstFrameIsVoice() {
        Run r = run(concat(voice(2000, 110, 8), silence(200)));
        assertThat(r.starts()).containsExactly(100L);
        assertThat(r.segmenter().words()).isEqualTo(1);
        assertThat(r.segmenter().voicedMillis()).isEqualTo(2000);
    }
}
