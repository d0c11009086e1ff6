package io.dialer.media.amd;

import static io.dialer.media.amd.Signals.concat;
import static io.dialer.media.amd.Signals.frames;
import static io.dialer.media.amd.Signals.mix;
import static io.dialer.media.amd.Signals.noise;
import static io.dialer.media.amd.Signals.silence;
import static io.dialer.media.amd.Signals.tone;
import static io.dialer.media.amd.Signals.voice;
import static io.dialer.media.amd.Signals.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dialer.media.AudioFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Voicemail beeps after speech at the common frequencies; nothing on speech, noise or dual tones. */
class BeepDetectorTest {

    private static List<Beep> detect(short[] audio) {
        BeepDetector detector = new BeepDetector();
        List<Beep> beeps = new ArrayList<>();
        for (AudioFrame f : frames(audio)) {
            detector.accept(f).ifPresent(beeps::add);
        }
        return beeps;
    }

    @ParameterizedTest
    @ValueSource(ints = {440, 600, 850, 1000, 1400, 1800})
    void beepAfterAGreetingIsFoundWhenItEnds(int hz) {
        short[] greeting = words(5, 400, 150, hz);
        short[] audio = concat(greeting, silence(250), tone(hz, 500, 0.25), silence(1000));
        long end = (greeting.length + 2000 + 4000) * 1000L / Signals.RATE;
        List<Beep> beeps = detect(audio);
        assertThat(beeps).hasSize(1);
        assertThat(beeps.get(0).frequency()).isCloseTo(hz, within(4.0));
        assertThat(beeps.get(0).endMillis()).isBetween(end - 20, end);
        assertThat(beeps.get(0).durationMillis()).isBetween(460L, 500L);
    }

    @Test
    void beepRightAfterSpeechWithoutAGapAndInNoiseIsFound() {
        short[] audio = concat(voice(1500, 120, 1), tone(850, 200, 0.1), voice(500, 130, 2));
        List<Beep> beeps = detect(mix(audio, noise(2500, -45, 3)));
        assertThat(beeps).hasSize(1);
        assertThat(beeps.get(0).frequency()).isCloseTo(850, within(4.0));
    }

    @Test
    void tooShortATickIsNoBeep() {
        assertThat(detect(concat(silence(200), tone(1000, 70, 0.3), silence(500)))).isEmpty();
    }

    @Test
    void speechAtAnyPitchIsNoBeep() {
        for (int pitch = 90; pitch <= 260; pitch += 10) {
            assertThat(detect(concat(voice(3000, pitch, pitch), words(6, 300, 100, pitch))))
                    .as("pitch %d Hz", pitch).isEmpty();
        }
    }

    @Test
    void noiseAndDualTonesAreNoBeep() {
        assertThat(detect(noise(3000, -20, 4))).isEmpty();
        // Dial tone (350 + 440 Hz) and ringback (440 + 480 Hz): each tone holds half the energy.
        assertThat(detect(mix(tone(350, 2000, 0.2), tone(440, 2000, 0.2)))).isEmpty();
        assertThat(detect(mix(tone(440, 2000, 0.2), tone(480, 2000, 0.2)))).isEmpty();
    }

    @Test
    void aSteadyToneLongerThanABeepIsNotReported() {
        assertThat(detect(concat(tone(1000, 4000, 0.3), silence(200)))).isEmpty();
    }

    @Test
    void finishReportsABeepStillSounding() {
        BeepDetector detector = new BeepDetector();
        for (AudioFrame f : frames(concat(silence(100), tone(1400, 300, 0.3)))) {
            assertThat(detector.accept(f)).isEmpty();
        }
        assertThat(detector.finish()).hasValueSatisfying(b -> {
            assertThat(b.startMillis()).isEqualTo(100);
            assertThat(b.endMillis()).isEqualTo(400);
        });
        assertThat(detector.finish()).isEmpty();
    }
}
