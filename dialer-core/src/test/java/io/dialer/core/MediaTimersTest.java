package io.dialer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.transaction.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Media and silence timeouts (design.md §3), on a virtual clock: activity pushes them back, silence lets them fire. */
class MediaTimersTest {

    private final VirtualScheduler clock = new VirtualScheduler();
    private final List<String> fired = new ArrayList<>();
    private final CallTimers timers = CallTimers.defaults().withMediaTimeout(Duration.ofSeconds(10))
            .withSilenceTimeout(Duration.ofSeconds(30));

    private MediaTimers started() {
        MediaTimers t = new MediaTimers(clock, timers, () -> fired.add("no media at " + clock.now().toSeconds()),
                () -> fired.add("silence at " + clock.now().toSeconds()));
        t.start();
        return t;
    }

    @Test
    void noPacketsAtAllFiresTheMediaTimeout() {
        started();
        clock.advance(Duration.ofSeconds(60));
        assertThat(fired).containsExactly("no media at 10");
    }

    @Test
    void packetsWithoutVoiceFireTheSilenceTimeout() {
        MediaTimers t = started();
        for (int s = 1; s <= 60; s++) {
            clock.advance(Duration.ofSeconds(1));
            t.packetReceived();
        }
        assertThat(fired).containsExactly("silence at 30");
    }

    @Test
    void voicePushesBothBack() {
        MediaTimers t = started();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(8));
            t.voiceHeard();
        }
        clock.advance(Duration.ofSeconds(9));
        assertThat(fired).isEmpty(); // 49 s in: past both timeouts counted from the start
        clock.advance(Duration.ofSeconds(2));
        assertThat(fired).containsExactly("no media at 50");
    }

    @Test
    void stoppedTimersNeverFireAndZeroMeansOff() {
        started().stop();
        clock.advance(Duration.ofMinutes(5));
        assertThat(fired).isEmpty();
        MediaTimers off = new MediaTimers(clock, timers.withMediaTimeout(Duration.ZERO).withSilenceTimeout(Duration.ZERO),
                () -> fired.add("x"), () -> fired.add("y"));
        off.start();
        clock.advance(Duration.ofMinutes(5));
        assertThat(fired).isEmpty();
        assertThat(clock.scheduledTimers()).isZero();
    }
}
