package io.dialer.sip.transaction;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The virtual clock other tests rely on. Requirements checked: timers run in due-time order (ties in
 * scheduling order) with the clock at their due time; executed tasks wait for runPending/advance;
 * timers scheduled by a running timer still fire within the same advance; canceled timers never run.
 */
class VirtualSchedulerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final List<String> log = new ArrayList<>();

    private void note(String what) {
        log.add(what + "@" + scheduler.now().toMillis());
    }

    @Test
    void runsTimersInTimeOrderAtTheirDueTime() {
        scheduler.schedule(() -> note("b"), Duration.ofMillis(200));
        scheduler.schedule(() -> note("a"), Duration.ofMillis(100));
        scheduler.schedule(() -> note("b2"), Duration.ofMillis(200));
        scheduler.schedule(() -> {
            note("chain");
            scheduler.schedule(() -> note("chained"), Duration.ofMillis(50));
        }, Duration.ofMillis(150));

        scheduler.advance(Duration.ofMillis(250));

        assertThat(log).containsExactly("a@100", "chain@150", "b@200", "b2@200", "chained@200");
        assertThat(scheduler.now()).isEqualTo(Duration.ofMillis(250));
        assertThat(scheduler.nanoTime()).isEqualTo(250_000_000L);
    }

    @Test
    void executedTasksWaitForRunPendingAndCanceledTimersNeverRun() {
        scheduler.execute(() -> note("queued"));
        Scheduler.Cancellable timer = scheduler.schedule(() -> note("canceled"), Duration.ofMillis(10));
        assertThat(log).isEmpty();

        scheduler.runPending();
        timer.cancel();
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(log).containsExactly("queued@0");
        assertThat(scheduler.scheduledTimers()).isZero();
        assertThat(scheduler.inThread()).isTrue();
    }
}
