package io.dialer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.transaction.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Concurrency and calls-per-second limits with a wait budget (issue 4 item 7), on a virtual clock. */
class TrunkLimiterTest {

    private final VirtualScheduler clock = new VirtualScheduler();
    private final List<String> log = new ArrayList<>();

    private TrunkLimiter.Ticket ask(TrunkLimiter limiter, String name, Duration budget) {
        return limiter.acquire(budget, new TrunkLimiter.Grant() {
            @Override
            public void granted(TrunkLimiter.Ticket ticket) {
                log.add(name + " granted at " + clock.now().toMillis());
            }

            @Override
            public void refused(String limit, Duration waited) {
                log.add(name + " refused by " + limit + " after " + waited.toMillis());
            }
        });
    }

    @Test
    void concurrencyLimitQueuesThenGrantsOnRelease() {
        TrunkLimiter limiter = new TrunkLimiter(clock, 2, 0);
        TrunkLimiter.Ticket a = ask(limiter, "a", Duration.ofSeconds(5));
        ask(limiter, "b", Duration.ofSeconds(5));
        ask(limiter, "c", Duration.ofSeconds(5));
        assertThat(log).containsExactly("a granted at 0", "b granted at 0");
        assertThat(limiter.waiting()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        a.release();
        a.release(); // idempotent: must not free a second place
        assertThat(log).containsExactly("a granted at 0", "b granted at 0", "c granted at 1000");
        assertThat(limiter.active()).isEqualTo(2);
    }

    @Test
    void waitBudgetRunsOutNamingTheLimit() {
        TrunkLimiter limiter = new TrunkLimiter(clock, 1, 0);
        ask(limiter, "a", Duration.ofSeconds(5));
        ask(limiter, "b", Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(3));
        assertThat(log).containsExactly("a granted at 0", "b refused by max concurrent calls (1) after 2000");
        assertThat(limiter.waiting()).isZero();
    }

    @Test
    void callsPerSecondArePacedEvenly() {
        TrunkLimiter limiter = new TrunkLimiter(clock, 0, 4);
        for (int i = 0; i < 4; i++) {
            ask(limiter, "c" + i, Duration.ofSeconds(10));
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(log).containsExactly("c0 granted at 0", "c1 granted at 250", "c2 granted at 500", "c3 granted at 750");
    }

    @Test
    void zeroBudgetRefusesAtOnceWhenFull() {
        TrunkLimiter limiter = new TrunkLimiter(clock, 1, 0);
        ask(limiter, "a", Duration.ZERO);
        ask(limiter, "b", Duration.ZERO);
        assertThat(log).containsExactly("a granted at 0", "b refused by max concurrent calls (1) after 0");
    }

    @Test
    void leavingTheQueueFreesNothingAndSkipsTheWaiter() {
        TrunkLimiter limiter = new TrunkLimiter(clock, 1, 0);
        TrunkLimiter.Ticket a = ask(limiter, "a", Duration.ofSeconds(5));
        TrunkLimiter.Ticket b = ask(limiter, "b", Duration.ofSeconds(5));
        ask(limiter, "c", Duration.ofSeconds(5));
        b.release();
        a.release();
        assertThat(log).containsExactly("a granted at 0", "c granted at 0");
        assertThat(limiter.active()).isEqualTo(1);
    }
}
