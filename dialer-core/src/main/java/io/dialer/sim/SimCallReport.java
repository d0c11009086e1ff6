package io.dialer.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * What the simulator did with one inbound call, reported when it is over.
 *
 * @param callId      the SIP Call-ID
 * @param number      the user part of the Request-URI as dialed
 * @param behaviour   what the number plan chose
 * @param finalStatus the final response we sent to the INVITE (200 when answered, 487 when canceled)
 * @param finalPhrase its reason phrase
 * @param ending      how the call ended, e.g. "callee hung up", "caller canceled"
 * @param duration    from the INVITE to the end
 */
public record SimCallReport(String callId, String number, Behaviour behaviour, int finalStatus, String finalPhrase,
                            String ending, Duration duration) {

    public SimCallReport {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(behaviour, "behaviour");
        Objects.requireNonNull(ending, "ending");
        Objects.requireNonNull(duration, "duration");
    }

    /** One line for a log or a terminal: number, behaviour, final code, how it ended. */
    public String line() {
        return String.format("%-16s %-70s -> %d %s, %s after %.1f s", number.isEmpty() ? "(no number)" : number,
                behaviour.description(), finalStatus, finalPhrase, ending, duration.toMillis() / 1000.0);
    }
}
