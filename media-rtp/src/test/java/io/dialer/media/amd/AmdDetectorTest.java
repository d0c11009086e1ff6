package io.dialer.media.amd;

import static io.dialer.media.amd.Signals.concat;
import static io.dialer.media.amd.Signals.frames;
import static io.dialer.media.amd.Signals.silence;
import static io.dialer.media.amd.Signals.tone;
import static io.dialer.media.amd.Signals.voice;
import static io.dialer.media.amd.Signals.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialer.media.AudioFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each timing rule of {@link AmdDetector} on synthetic audio. */
class AmdDetectorTest {

    /** Every result the detector returned while fed the whole signal. */
    private static List<AmdResult> feed(AmdDetector detector, short[] audio) {
        List<AmdResult> results = new ArrayList<>();
        for (AudioFrame f : frames(audio)) {
            detector.accept(f).ifPresent(results::add);
        }
        return results;
    }

    private static AmdResult only(short[] audio) {
        List<AmdResult> results = feed(new AmdDetector(), audio);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void shortHelloThenSilenceIsHuman() {
        AmdResult r = only(concat(silence(300), voice(500, 140, 1), silence(3000)));
        assertThat(r.verdict()).isEqualTo(Verdict.HUMAN);
        assertThat(r.reason()).isEqualTo("short greeting then silence");
        // The word ends at 0.8 s; 800 ms of pause later the person is waiting.
        assertThat(r.decisionMillis()).isEqualTo(1600);
    }

    @Test
    void helloPauseHelloIsStillHuman() {
        AmdResult r = only(concat(voice(450, 140, 2), silence(600), voice(450, 150, 3), silence(2000)));
        assertThat(r.verdict()).isEqualTo(Verdict.HUMAN);
    }

    @Test
    void longGreetingIsMachine() {
        AmdResult r = only(concat(silence(200), voice(4000, 110, 4)));
        assertThat(r.verdict()).isEqualTo(Verdict.MACHINE);
        assertThat(r.reason()).isEqualTo("greeting of 1.5 s");
        assertThat(r.decisionMillis()).isEqualTo(1720);
    }

    @Test
    void manyWordsWithoutAPauseIsMachine() {
        AmdResult r = only(concat(words(6, 200, 160, 5), silence(2000)));
        assertThat(r.verdict()).isEqualTo(Verdict.MACHINE);
        assertThat(r.reason()).isEqualTo("4 words without a pause");
        // The fourth word starts at 3 × 360 ms and counts once it has lasted 100 ms.
        assertThat(r.decisionMillis()).isEqualTo(3 * 360 + 100);
    }

    @Test
    void initialSilenceIsMachine() {
        AmdResult r = only(silence(4000));
        assertThat(r.verdict()).isEqualTo(Verdict.MACHINE);
        assertThat(r.reason()).isEqualTo("initial silence of 2.5 s");
        assertThat(r.decisionMillis()).isEqualTo(2500);
    }

    @Test
    void aBeepDecidesMachineWhenItEnds() {
        AmdDetector detector = new AmdDetector();
        List<AmdResult> results = feed(detector, concat(voice(300, 140, 6), silence(200), tone(1000, 400, 0.3),
                silence(2000)));
        assertThat(results).hasSize(1);
        assertThat(results.get(0).verdict()).isEqualTo(Verdict.MACHINE);
        assertThat(results.get(0).reason()).isEqualTo("beep at 1000 Hz");
        assertThat(results.get(0).decisionMillis()).isEqualTo(920);
        assertThat(detector.beep()).hasValueSatisfying(b -> assertThat(b.endMillis()).isEqualTo(900));
    }

    @Test
    void undecidedAfterTheAnalysisTimeIsUnknown() {
        // Words never too many nor too long, pauses never long enough: no rule fires.
        AmdSettings lenient = new AmdSettings(2500, 10_000, 800, 5000, 100, 50, 100, 12, -45);
        short[] audio = concat(words(12, 300, 600, 7));
        List<AmdResult> results = feed(new AmdDetector(lenient), audio);
        assertThat(results).containsExactly(new AmdResult(Verdict.UNKNOWN, 5000, "no decision within 5.0 s"));
    }

    @Test
    void timeoutDecidesUnknownOnceAndNothingFollowsADecision() {
        AmdDetector detector = new AmdDetector();
        feed(detector, concat(silence(200), voice(600, 140, 8)));
        assertThat(detector.result()).isEmpty();
        assertThat(detector.timeout()).hasValue(
                new AmdResult(Verdict.UNKNOWN, 800, "analysis ended after 0.8 s with 1 words"));
        assertThat(detector.timeout()).isEmpty();
        assertThat(feed(detector, silence(3000))).isEmpty();
        assertThat(detector.result()).map(AmdResult::verdict).hasValue(Verdict.UNKNOWN);
    }

    @Test
    void settingsAreValidated() {
        assertThat(AmdSettings.defaults().greetingMillis()).isEqualTo(1500);
        assertThatThrownBy(() -> new AmdSettings(0, 1500, 800, 5000, 100, 50, 4, 12, -45))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmdSettings(2500, 1500, 800, 5000, 100, 900, 4, 12, -45))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmdSettings(2500, 1500, 800, 5000, 100, 50, 4, 12, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
