package io.dialer.sim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the simulated callee does with one dialed number; chosen by
 * {@link NumberPlan#behaviourFor(String)}.
 *
 * @param kind               the script the call follows
 * @param ring               how long to ring (or wait) before the final response, the 181 or the answer
 * @param ringingAtOnce      whether 180 Ringing goes out at once
 * @param finalStatus        the final response the script ends with: 200 for the answering kinds,
 *                           the rejection code otherwise; 0 for {@link Kind#RING_FOREVER}
 * @param finalPhrase        its reason phrase, null with status 0; for {@link Kind#EARLY_SIT} the Telcordia code
 *                           of the tone played (e.g. {@code VC})
 * @param provisionalHeaders extra headers of the scripted provisional (the 181's Diversion)
 * @param finalHeaders       extra headers of the final response (Reason, Warning, Retry-After,
 *                           Diversion, History-Info)
 * @param description        one line for people, e.g. "reject 486 Busy Here after 0 s"
 */
public record Behaviour(Kind kind, Duration ring, boolean ringingAtOnce, int finalStatus, String finalPhrase,
                        List<HeaderField> provisionalHeaders, List<HeaderField> finalHeaders, String description) {

    public Behaviour {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(description, "description");
        provisionalHeaders = List.copyOf(provisionalHeaders);
        finalHeaders = List.copyOf(finalHeaders);
    }

    /** The value of the first final-response header of that name (case-insensitive), or null. */
    public String finalHeader(String name) {
        return finalHeaders.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(HeaderField::value)
                .findFirst().orElse(null);
    }

    /** The scripts a simulated call can follow. */
    public enum Kind {
        /** Answer after the ring time; the callee sends BYE after the hold time (code 200). */
        ANSWER_THEN_HANG_UP,
        /** Answer after the ring time and wait for the caller's BYE (code 201). */
        ANSWER_THEN_WAIT,
        /** 180, then nothing until the caller's CANCEL (code 180). */
        RING_FOREVER,
        /** 180, a 181 with Diversion after the ring time, then 480 one second later (code 181). */
        FORWARD_THEN_UNAVAILABLE,
        /** 183 with SDP at once, answer after the ring time, BYE after the hold time (code 183). */
        EARLY_MEDIA_THEN_ANSWER,
        /**
         * 183 with SDP at once, a special information tone in the early media, then
         * nothing until the caller's CANCEL (codes 914: vacant code, 915: no circuit).
         */
        EARLY_SIT,
        /** Answer at once, say a short "hello?" and wait for the caller (code 918: a person). */
        ANSWER_HUMAN,
        /** Answer at once, play a long greeting and a beep, then wait (code 919: an answering machine). */
        ANSWER_MACHINE,
        /** A final non-2xx response after the ring time (codes 300-699, 666). */
        REJECT,
        /** The number does not fit the plan: 404 with a Warning explaining it. */
        NOT_IN_PLAN
    }
}
