package io.dialer.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The timers of a call (design.md §3). A zero duration turns a timer off.
 *
 * @param ringTimeout    from the first INVITE to answer; on expiry CANCEL, then wait for the 487
 * @param maxDuration    longest a call may be up after answer ({@code max_duration_reached})
 * @param silenceTimeout no voice from the callee for this long after answer ({@code inactivity});
 *                       fed by media analysis, so it only runs on calls with media
 * @param mediaTimeout   no RTP at all for this long after answer ({@code error_no_audio_received});
 *                       only runs on calls with media
 */
public record CallTimers(Duration ringTimeout, Duration maxDuration, Duration silenceTimeout, Duration mediaTimeout) {

    public CallTimers {
        ringTimeout = nonNegative("ring timeout", ringTimeout);
        maxDuration = nonNegative("max duration", maxDuration);
        silenceTimeout = nonNegative("silence timeout", silenceTimeout);
        mediaTimeout = nonNegative("media timeout", mediaTimeout);
    }

    /** 30 s ring, 1 h max duration, 60 s silence, 10 s without RTP. */
    public static CallTimers defaults() {
        return new CallTimers(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(60),
                Duration.ofSeconds(10));
    }

    public CallTimers withRingTimeout(Duration d) {
        return new CallTimers(d, maxDuration, silenceTimeout, mediaTimeout);
    }

    public CallTimers withMaxDuration(Duration d) {
        return new CallTimers(ringTimeout, d, silenceTimeout, mediaTimeout);
    }

    public CallTimers withSilenceTimeout(Duration d) {
        return new CallTimers(ringTimeout, maxDuration, d, mediaTimeout);
    }

    public CallTimers withMediaTimeout(Duration d) {
        return new CallTimers(ringTimeout, maxDuration, silenceTimeout, d);
    }

    private static Duration nonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return d;
    }
}
