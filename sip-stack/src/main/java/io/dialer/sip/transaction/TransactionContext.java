package io.dialer.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/** What every transaction of one stack shares: its thread and clock, its way out, and its timer values. */
record TransactionContext(Scheduler scheduler, MessageChannel channel, TimerSettings settings, Duration timeout64) {

    TransactionContext {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(timeout64, "timeout64");
    }

    /**
     * 64*T1 is computed once here: {@link TimerSettings#timeout64()} multiplies
     * a Duration (through BigDecimal), and every transaction needs it.
     */
    TransactionContext(Scheduler scheduler, MessageChannel channel, TimerSettings settings) {
        this(scheduler, channel, settings, settings.timeout64());
    }
}
