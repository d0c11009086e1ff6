package io.dialer.sip.transaction;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The wheel on an explicit clock: timers never run early, at most a tick late, and cancel cleanly. */
class TimerWheelTest {

    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int BUCKETS = 64;
    private static final long TURN = TICK * BUCKETS;

    private final List<String> ran = new ArrayList<>();
    private final List<Long> ranAt = new ArrayList<>();
    private long now = 1_000_000_123L;
    private final TimerWheel wheel = new TimerWheel(TICK, BUCKETS, now);

    @Test
    void timersRunInTheirTickNeverEarlyAndAtMostOneTickLate() {
        long[] delays = {0, 1, TICK - 1, TICK, 3 * TICK + 7, TURN - 1, TURN, TURN + 5 * TICK, 3 * TURN + 1};
        List<Long> deadlines = new ArrayList<>();
        for (long delay : delays) {
            long deadline = now + delay;
            deadlines.add(deadline);
            wheel.add(deadline, () -> ran.add("t" + deadline));
        }
        long step = TimeUnit.MILLISECONDS.toNanos(3);
        for (long end = now + 4 * TURN; now < end; now += step) {
            int before = ran.size();
            wheel.advance(now);
            for (int i = before; i < ran.size(); i++) {
                ranAt.add(now);
            }
        }
        assertThat(ran).hasSize(delays.length);
        for (int i = 0; i < ran.size(); i++) {
            long deadline = Long.parseLong(ran.get(i).substring(1));
            assertThat(ranAt.get(i)).as(ran.get(i)).isGreaterThanOrEqualTo(deadline)
                    .isLessThan(deadline + TICK + step + TICK);
        }
        assertThat(wheel.size()).isZero();
    }

    @Test
    void aCanceledTimerNeverRuns() {
        TimerWheel.Entry kept = wheel.add(now + 5 * TICK, () -> ran.add("kept"));
        TimerWheel.Entry canceled = wheel.add(now + 5 * TICK, () -> ran.add("canceled"));
        wheel.cancel(canceled);
        wheel.cancel(canceled);
        assertThat(wheel.size()).isEqualTo(1);
        wheel.advance(now + 7 * TICK);
        assertThat(ran).containsExactly("kept");
        wheel.cancel(kept);
        assertThat(wheel.size()).isZero();
    }

    @Test
    void aTaskCancelingAnotherDueInTheSameTickStopsIt() {
        List<TimerWheel.Entry> other = new ArrayList<>();
        wheel.add(now + TICK + 1, () -> {
            ran.add("first");
            other.forEach(wheel::cancel);
        });
        other.add(wheel.add(now + TICK + 2, () -> ran.add("second")));
        wheel.add(now + TICK + 3, () -> {
            ran.add("third");
            other.forEach(wheel::cancel);
        });
        wheel.advance(now + 3 * TICK);
        // Order within a tick is not defined: whichever canceler runs first stops "second" if it had not run.
        assertThat(ran).contains("first", "third").hasSizeBetween(2, 3);
        assertThat(wheel.size()).isZero();
    }

    @Test
    void aTimerAddedAlreadyDueByARunningTaskRunsAtTheNextAdvanceNotATurnLater() {
        wheel.add(now + TICK, () -> wheel.add(now, () -> ran.add("late")));
        now += 2 * TICK;
        wheel.advance(now);
        now += TICK;
        wheel.advance(now);
        assertThat(ran).containsExactly("late");
    }

    @Test
    void afterAStallLongerThanATurnEveryDueTimerRuns() {
        for (int i = 0; i < 3 * BUCKETS; i++) {
            int n = i;
            wheel.add(now + i * TICK / 2, () -> ran.add("t" + n));
        }
        wheel.advance(now + 10 * TURN);
        assertThat(ran).hasSize(3 * BUCKETS);
        assertThat(wheel.size()).isZero();
    }

    @Test
    void nextAdvanceIsTheEndOfTheFirstUnvisitedTick() {
        wheel.add(now + 10 * TICK, () -> ran.add("x"));
        long next = wheel.nextAdvanceNanos();
        assertThat(next).isGreaterThan(now).isLessThanOrEqualTo(now + TICK);
        wheel.advance(next);
        assertThat(ran).isEmpty();
        assertThat(wheel.nextAdvanceNanos()).isEqualTo(next + TICK);
    }
}
