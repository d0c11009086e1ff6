package io.dialer.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * RFC 3261 §17.1.1.1 and Table 4 timer values. T1 is the round-trip estimate
 * (500 ms), T2 the cap on non-INVITE and INVITE-response retransmit intervals
 * (4 s), T4 the time a message stays in the network (5 s). Trying100 is how
 * long a server INVITE transaction waits for the TU before sending 100 Trying
 * itself (RFC 3261 §17.2.1: "more than 200 ms").
 */
public record TimerSettings(Duration t1, Duration t2, Duration t4, Duration trying100) {

    public static final TimerSettings DEFAULT = new TimerSettings(
            Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofMillis(200));

    public TimerSettings {
        Objects.requireNonNull(t1, "t1");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(t4, "t4");
        Objects.requireNonNull(trying100, "trying100");
        if (t1.isNegative() || t1.isZero()) {
            throw new IllegalArgumentException("T1 must be positive, got " + t1);
        }
        if (t2.compareTo(t1) < 0) {
            throw new IllegalArgumentException("T2 (" + t2 + ") must not be shorter than T1 (" + t1 + ")");
        }
    }

    /** 64*T1: Timers B, F, H, J, L and M (RFC 3261 §17, RFC 6026 §8). */
    public Duration timeout64() {
        return t1.multipliedBy(64);
    }
}
