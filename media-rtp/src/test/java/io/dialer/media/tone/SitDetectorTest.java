package io.dialer.media.tone;

import static io.dialer.media.tone.TestSignals.concat;
import static io.dialer.media.tone.TestSignals.frames;
import static io.dialer.media.tone.TestSignals.musicLike;
import static io.dialer.media.tone.TestSignals.silence;
import static io.dialer.media.tone.TestSignals.sit;
import static io.dialer.media.tone.TestSignals.speechLike;
import static io.dialer.media.tone.TestSignals.withNoise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialer.media.AudioFrame;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIT recognition on generated audio. Every Telcordia kind decodes, followed
 * by a spoken-like announcement or by silence, at any frame alignment, with
 * noise at 20 dB SNR, ±2 % frequency offsets, ±20 ms duration jitter and
 * 30 ms gaps. Nothing triggers on speech-like or music-like audio, DTMF,
 * ringback, busy, a 1 kHz beep or a SIT cut off after its second tone.
 */
class SitDetectorTest {

    private static final EnumSet<SitKind> ASSIGNED = EnumSet.complementOf(EnumSet.of(SitKind.UNKNOWN));

    private static List<SitTone> detect(short[] signal) {
        SitDetector detector = new SitDetector();
        List<SitTone> found = new ArrayList<>();
        for (AudioFrame f : frames(signal)) {
            detector.accept(f).ifPresent(found::add);
        }
        return found;
    }

    private static short[] announcement() {
        return concat(silence(250), speechLike(3000, 0.3, 7), silence(1000));
    }

    @ParameterizedTest
    @EnumSource(value = SitKind.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyKindFollowedByAnnouncementIsDecodedOnceSoonAfterTheThirdTone(SitKind kind) {
        short[] tone = sit(kind);
        List<SitTone> found = detect(concat(silence(500), tone, announcement()));

        assertThat(found).extracting(SitTone::kind).containsExactly(kind);
        long toneEnd = 500 + tone.length * 1000L / TestSignals.RATE;
        assertThat(found.get(0).detectedAtMillis()).isBetween(toneEnd, toneEnd + 100);
    }

    @ParameterizedTest
    @EnumSource(value = SitKind.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void everyKindFollowedBySilenceIsDecodedAtEveryFrameAlignment(SitKind kind) {
        for (int lead = 0; lead < 20; lead += 3) {
            assertThat(detect(concat(silence(lead), sit(kind), silence(1000))))
                    .as("lead-in %d ms", lead)
                    .extracting(SitTone::kind).containsExactly(kind);
        }
    }

    @Test
    void kindsMapToTheDialersCategories() {
        assertThat(SitKind.VACANT_CODE.category()).isEqualTo("invalid_destination");
        assertThat(SitKind.INTERCEPT.category()).isEqualTo("invalid_destination");
        assertThat(SitKind.NO_CIRCUIT.category()).isEqualTo("telephony_provider_unavailable");
        assertThat(SitKind.NO_CIRCUIT_INTERLATA.category()).isEqualTo("telephony_provider_unavailable");
        assertThat(SitKind.REORDER.category()).isEqualTo("telephony_provider_unavailable");
        assertThat(SitKind.REORDER_INTERLATA.category()).isEqualTo("telephony_provider_unavailable");
        assertThat(SitKind.INEFFECTIVE_OTHER.category()).isEqualTo("unknown");
        assertThat(SitKind.UNKNOWN.category()).isEqualTo("unknown");
    }

    @Test
    void telcordiaTableEncodesEachKindByItsFirstTwoSegments() {
        assertThat(SitKind.INTERCEPT.frequency(1)).isEqualTo(913.8);
        assertThat(SitKind.INTERCEPT.millis(1)).isEqualTo(274);
        assertThat(SitKind.INTERCEPT.frequency(2)).isEqualTo(1370.6);
        assertThat(SitKind.INTERCEPT.millis(2)).isEqualTo(274);
        assertThat(SitKind.VACANT_CODE.frequency(1)).isEqualTo(985.2);
        assertThat(SitKind.VACANT_CODE.millis(1)).isEqualTo(380);
        assertThat(SitKind.VACANT_CODE.frequency(2)).isEqualTo(1370.6);
        assertThat(SitKind.VACANT_CODE.millis(2)).isEqualTo(274);
        assertThat(SitKind.NO_CIRCUIT.frequency(2)).isEqualTo(1428.5);
        assertThat(SitKind.REORDER.frequency(1)).isEqualTo(913.8);
        assertThat(SitKind.REORDER.millis(2)).isEqualTo(380);
        assertThat(SitKind.of(SitKind.Pitch.HIGH, SitKind.Length.SHORT, SitKind.Pitch.HIGH, SitKind.Length.SHORT))
                .isEqualTo(SitKind.UNKNOWN);
    }

    @Test
    void theUnknownKindHasNoSegmentPattern() {
        assertThatThrownBy(() -> SitKind.UNKNOWN.frequency(1)).isInstanceOf(IllegalStateException.class);
        assertThat(SitKind.UNKNOWN.frequency(3)).isEqualTo(1776.7);
    }

    @Test
    void theGenericItuSitIsRecognised() {
        // ITU-T E.180 §6: 950, 1400, 1800 Hz, 330 ms each; its first two segments fall on the
        // Telcordia boundaries, so only the detection, not the kind, is meaningful.
        short[] itu = ToneGenerator.telephone().render(
                new Tone(950, 0, 330, 0.2), new Tone(1400, 0, 330, 0.2), new Tone(1800, 0, 330, 0.2));

        assertThat(detect(concat(itu, announcement()))).hasSize(1);
    }

    @Test
    void aSitSixPercentSharpIsNotRecognised() {
        // The third segment lands at 1883 Hz, outside 1776.7 Hz ±3 %.
        assertThat(detect(concat(sit(SitKind.VACANT_CODE, 0.2, 1.06, new int[3], 0), silence(500)))).isEmpty();
    }

    @Test
    void aReservedCodeIsAnUnknownSit() {
        // Reserved code: short high, short high, long low.
        short[] reserved = ToneGenerator.telephone().render(
                new Tone(985.2, 0, 274, 0.2), new Tone(1428.5, 0, 274, 0.2), new Tone(1776.7, 0, 380, 0.2));

        assertThat(detect(concat(reserved, announcement()))).extracting(SitTone::kind).containsExactly(SitKind.UNKNOWN);
    }

    @Test
    void toleratesNoiseFrequencyOffsetJitterAndGaps() {
        int[][] jitters = {{20, -20, 20}, {-20, 20, -20}, {-20, -20, -20}, {20, 20, 20}};
        double[] factors = {0.98, 1.0, 1.02};
        int[] gaps = {0, 30};
        long seed = 1;
        for (SitKind kind : ASSIGNED) {
            for (double factor : factors) {
                for (int[] jitter : jitters) {
                    for (int gap : gaps) {
                        short[] signal = concat(silence((int) (seed % 20)),
                                sit(kind, 0.1, factor, jitter, gap), announcement());
                        assertThat(detect(withNoise(signal, 20, seed++)))
                                .as("%s x%.2f jitter %d/%d/%d gap %d", kind, factor, jitter[0], jitter[1], jitter[2], gap)
                                .extracting(SitTone::kind).containsExactly(kind);
                    }
                }
            }
        }
    }

    @Test
    void quietSitAtMinus30DbfsIsFound() {
        // -24 dBm0, E.180's nominal sending level, is about -27 dBFS in G.711; lose 3 dB more on the way.
        short[] quiet = sit(SitKind.VACANT_CODE, Math.pow(10, -30 / 20.0), 1.0, new int[3], 0);

        assertThat(detect(concat(quiet, silence(500)))).extracting(SitTone::kind).containsExactly(SitKind.VACANT_CODE);
    }

    @Test
    void sitAfterRingbackIsFound() {
        // A carrier may ring first and then play the SIT in the same early media.
        ToneGenerator g = ToneGenerator.telephone();
        short[] ringback = g.render(Tone.dual(440, 480, 2000), Tone.silence(1000));

        assertThat(detect(concat(ringback, sit(SitKind.NO_CIRCUIT), announcement())))
                .extracting(SitTone::kind).containsExactly(SitKind.NO_CIRCUIT);
    }

    @Test
    void aRepeatedSitIsReportedEachTime() {
        short[] twice = concat(sit(SitKind.INTERCEPT), announcement(), sit(SitKind.INTERCEPT), announcement());

        assertThat(detect(twice)).extracting(SitTone::kind).containsExactly(SitKind.INTERCEPT, SitKind.INTERCEPT);
    }

    @Test
    void speechLikeAudioDoesNotTrigger() {
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(detect(withNoise(speechLike(20_000, 0.5, seed), 30, seed))).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void musicLikeChordsDoNotTrigger() {
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(detect(musicLike(20_000, 0.5, seed))).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void dtmfDigitsDoNotTrigger() {
        ToneGenerator g = ToneGenerator.telephone();
        List<Tone> tones = new ArrayList<>();
        for (char d : "0123456789*#ABCD0*#".toCharArray()) {
            tones.add(Tone.dtmf(d, 300)); // as long as a SIT segment, the worst case
            tones.add(Tone.silence(20));
        }

        assertThat(detect(g.render(tones))).isEmpty();
    }

    @Test
    void ringbackAndBusyCadencesDoNotTrigger() {
        ToneGenerator g = ToneGenerator.telephone();
        List<Tone> ringback = new ArrayList<>();
        List<Tone> busy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ringback.add(Tone.dual(440, 480, 2000)); // North American ringback, 2 s on 4 s off
            ringback.add(Tone.silence(4000));
        }
        for (int i = 0; i < 10; i++) {
            busy.add(Tone.dual(480, 620, 500)); // busy, 0.5 s on 0.5 s off
            busy.add(Tone.silence(500));
        }

        assertThat(detect(g.render(ringback))).isEmpty();
        assertThat(detect(g.render(busy))).isEmpty();
    }

    @Test
    void aOneKilohertzBeepDoesNotTrigger() {
        ToneGenerator g = ToneGenerator.telephone();

        assertThat(detect(concat(speechLike(2000, 0.3, 3), g.render(Tone.sine(1000, 300)), silence(2000)))).isEmpty();
        assertThat(detect(concat(speechLike(2000, 0.3, 3), g.render(Tone.sine(1000, 1000)), silence(2000)))).isEmpty();
    }

    @Test
    void aSitCutOffAfterTheSecondToneDoesNotTrigger() {
        ToneGenerator g = ToneGenerator.telephone();
        short[] partial = g.render(new Tone(985.2, 0, 380, 0.2), new Tone(1370.6, 0, 274, 0.2));

        assertThat(detect(concat(partial, silence(1000)))).isEmpty();
        assertThat(detect(concat(partial, announcement()))).isEmpty();
    }

    @Test
    void segmentsOutOfOrderOrTooFarApartDoNotTrigger() {
        ToneGenerator g = ToneGenerator.telephone();
        short[] descending = g.render(new Tone(1776.7, 0, 380, 0.2), new Tone(1370.6, 0, 274, 0.2), new Tone(913.8, 0, 274, 0.2));
        short[] spread = g.render(new Tone(913.8, 0, 274, 0.2), Tone.silence(200),
                new Tone(1370.6, 0, 274, 0.2), Tone.silence(200), new Tone(1776.7, 0, 380, 0.2));

        assertThat(detect(concat(descending, silence(500)))).isEmpty();
        assertThat(detect(concat(spread, silence(500)))).isEmpty();
    }

    @Test
    void throughputIsFarAboveRealTime(TestReporter reporter) {
        List<AudioFrame> frames = frames(concat(withNoise(concat(sit(SitKind.REORDER), announcement()), 20, 5),
                musicLike(5000, 0.5, 5)));
        SitDetector detector = new SitDetector();
        for (int i = 0; i < 3; i++) { // warm up the JIT
            frames.forEach(detector::accept);
        }
        int rounds = 20;
        long start = System.nanoTime();
        int detections = 0;
        for (int i = 0; i < rounds; i++) {
            for (AudioFrame f : frames) {
                if (detector.accept(f).isPresent()) {
                    detections++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double framesPerSecond = rounds * frames.size() / seconds;
        reporter.publishEntry("sit.framesPerSecond", String.format("%.0f", framesPerSecond));

        assertThat(detections).isEqualTo(rounds);
        // One call needs 50 frames per second; a hundred calls per core is the floor.
        assertThat(framesPerSecond).isGreaterThan(5_000);
    }
}
