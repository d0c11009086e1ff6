package io.dialer.media.rtp;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * Wall-clock time as 64-bit NTP timestamps (RFC 3550 §4), taken from a monotonic
 * nanosecond clock anchored to the wall clock once, so that the SR timestamps and
 * the RTT arithmetic of §6.4.1 never jump when the system clock is stepped.
 */
public final class NtpClock {

    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01. */
    static final long UNIX_TO_NTP_SECONDS = 2_208_988_800L;

    private final long unixNanosAtBase;
    private final long monotonicBase;
    private final LongSupplier nanoTime;

    /** A clock reading {@code wall} once and {@code nanoTime} from then on. */
    public NtpClock(Clock wall, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.monotonicBase = nanoTime.getAsLong();
        java.time.Instant now = wall.instant();
        this.unixNanosAtBase = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The system clocks. */
    public static NtpClock system() {
        return new NtpClock(Clock.systemUTC(), System::nanoTime);
    }

    /** The monotonic time in nanoseconds this clock runs on. */
    public long nanoTime() {
        return nanoTime.getAsLong();
    }

    /** The NTP timestamp of a monotonic instant. */
    public long ntpAt(long monotonicNanos) {
        long unixNanos = unixNanosAtBase + (monotonicNanos - monotonicBase);
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L) + UNIX_TO_NTP_SECONDS;
        long remainder = Math.floorMod(unixNanos, 1_000_000_000L);
        return seconds << 32 | (remainder << 32) / 1_000_000_000L;
    }

    /** The middle 32 bits of an NTP timestamp, the compact form of LSR (RFC 3550 §6.4.1). */
    public static long middle32(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }

    /** Nanoseconds as the 1/65536 s units of DLSR (RFC 3550 §6.4.1). */
    public static long toCompactUnits(long nanos) {
        return nanos * 65_536L / 1_000_000_000L;
    }

    /** 1/65536 s units in milliseconds. */
    public static double compactUnitsToMillis(long units) {
        return units * 1000.0 / 65_536.0;
    }
}
