package io.dialer.sip.transaction;

import java.util.Objects;

/** What every transaction of one stack shares: its thread and clock, its way out, and its timer values. */
record TransactionContext(Scheduler scheduler, MessageChannel channel, TimerSettings settings) {

    TransactionContext {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(settings, "settings");
    }
}
