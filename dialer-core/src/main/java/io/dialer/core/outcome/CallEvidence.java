package io.dialer.core.outcome;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.ua.CallFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the lifecycle saw of one call that bears on how it ended: the
 * input of {@link OutcomeClassifier}. Immutable; built once the call is over.
 *
 * @param dialingAt              when the first INVITE went out (or the call was refused before it)
 * @param ringingAt              the first 18x, null if none came
 * @param answeredAt             the 2xx, null if not answered
 * @param endedAt                when the call reached its terminal status
 * @param provisionals           every 1xx above 100 in arrival order, with its offset from dialing
 * @param peer                   the trunk endpoint last tried, in words (e.g. {@code "udp 127.0.0.1:5062"}), null if none
 * @param credentialsConfigured  whether digest credentials were configured for the trunk
 * @param settings               the thresholds in force for this call
 * @param ending                 how it ended
 */
public record CallEvidence(Instant dialingAt, Instant ringingAt, Instant answeredAt, Instant endedAt,
                           List<TimedResponse> provisionals, String peer, boolean credentialsConfigured,
                           Settings settings, Ending ending) {

    public CallEvidence {
        Objects.requireNonNull(dialingAt, "dialingAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(ending, "ending");
        provisionals = provisionals == null ? List.of() : List.copyOf(provisionals);
    }

    /** How long the call rang: first 18x to answer or end; zero when it never rang. */
    public Duration ringDuration() {
        if (ringingAt == null) {
            return Duration.ZERO;
        }
        return Duration.between(ringingAt, answeredAt != null ? answeredAt : endedAt);
    }

    /** A response and when it arrived, counted from {@code dialingAt}. */
    public record TimedResponse(SIPResponse response, Duration at) {
        public TimedResponse {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Thresholds that change the classification.
     *
     * @param ringTimeout        the dialer's ring timeout (named in the dial_no_answer explanation)
     * @param preconnectMinRing  a 480/408 after ringing at least this long is voicemail_preconnect;
     *                           empty when that rule is turned off
     */
    public record Settings(Duration ringTimeout, Optional<Duration> preconnectMinRing) {
        public Settings {
            Objects.requireNonNull(ringTimeout, "ringTimeout");
            preconnectMinRing = preconnectMinRing == null ? Optional.empty() : preconnectMinRing;
        }

        /** 30 s ring timeout, 4 s pre-connect minimum ring (design.md §4 defaults). */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), Optional.of(Duration.ofSeconds(4)));
        }
    }

    /** How the call came to its end: exactly one of these per call. */
    public sealed interface Ending {
    }

    /** The destination failed validation; no INVITE was sent. */
    public record InvalidDestination(String input, String problem) implements Ending { }

    /** A final non-2xx response that we did not provoke with a CANCEL. */
    public record Rejected(SIPResponse response) implements Ending {
        public Rejected {
            Objects.requireNonNull(response, "response");
        }
    }

    /** Our ring timeout expired and we sent CANCEL; {@code finalResponse} is its 487 (or whatever came), null if none. */
    public record RingTimeout(SIPResponse finalResponse) implements Ending { }

    /** The application canceled before answer; {@code finalResponse} as for {@link RingTimeout}. */
    public record CanceledByApplication(SIPResponse finalResponse) implements Ending { }

    /**
     * A special information tone (ITU-T E.180, Telcordia GR-1162) in early media:
     * the network's own verdict, whatever final response follows. We canceled the
     * call on hearing it; {@code finalResponse} is the response that ended the INVITE.
     *
     * @param code     the tone's kind as named by Telcordia, e.g. {@code VC}
     * @param name     the kind in words, e.g. {@code vacant code}
     * @param category {@code invalid_destination}, {@code telephony_provider_unavailable} or {@code unknown}
     * @param at       when the tone ended, from dialing
     */
    public record SpecialInformationTone(String code, String name, String category, Duration at,
                                         SIPResponse finalResponse) implements Ending { }

    /** The stack could not get a usable final response (timeout, transport, DNS, auth). */
    public record Failed(CallFailure failure) implements Ending {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** A trunk limit (concurrency or calls per second) held the call past its wait budget. */
    public record LimitReached(String limit, Duration waited) implements Ending { }

    /** Something on our side went wrong; {@code what} says what. */
    public record LocalError(String what) implements Ending { }

    /**
     * An answered call ended.
     *
     * @param cause      who or what ended it
     * @param remoteBye  the far end's BYE for {@link HangupCause#REMOTE_BYE} (its Reason header may carry a Q.850 cause)
     * @param lost       why the dialog was lost, for {@link HangupCause#CONNECTION_LOST}; null otherwise
     * @param detail     extra words for the explanation (e.g. the limit that was reached), may be null
     */
    public record Hungup(HangupCause cause, SIPRequest remoteBye, String lost, String detail) implements Ending {
        public Hungup {
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** Why an answered call ended; each maps to one row of design.md §4. */
    public enum HangupCause {
        /** BYE from the far end: user_hangup. */
        REMOTE_BYE,
        /** The application, API or CLI hung up: agent_hangup. */
        AGENT,
        /** The application recognised an IVR: ivr_reached. */
        IVR_REACHED,
        /** Post-connect answering-machine detection and the policy hung up: voicemail_reached. */
        VOICEMAIL_REACHED,
        /** Silence timeout: inactivity. */
        INACTIVITY,
        /** Max call duration: max_duration_reached. */
        MAX_DURATION,
        /** A transfer completed and our leg left: call_transfer. */
        TRANSFER,
        /** No RTP within the media timeout: error_no_audio_received. */
        NO_AUDIO,
        /** An in-dialog request got 408/481 or the connection dropped: error_connection_lost. */
        CONNECTION_LOST
    }
}
