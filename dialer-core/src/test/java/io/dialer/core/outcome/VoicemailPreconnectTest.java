package io.dialer.core.outcome;

import static io.dialer.core.outcome.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.core.DisconnectionReason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * voicemail_preconnect (design.md §4):
 * - a 181, a Diversion (RFC 5806 reason no-answer / user-busy / unavailable) or a
 *   History-Info entry (RFC 7044, cause 408/480/486 as URI parameter or escaped
 *   Reason) on a provisional or the final response, followed by a failure;
 * - a 480/408 after ringing at least voicemail.preconnect_min_ring, and not when
 *   the rule is off or the ring was shorter;
 * - failures with their own cause (invalid, permission, unavailable, media) keep
 *   it, the signs kept as not detected; ring timeout and answered calls too;
 * - each sign is one plain evidence item naming the message and its time.
 */
class VoicemailPreconnectTest {

    @Test
    void forwarded181ThenFailure() {
        Outcome outcome = call().rang(1.0).provisional(SipText.response(181, "Call Is Being Forwarded"), 2.1)
                .ended(2.5).rejectedWith(SipText.response(480, "Temporarily Unavailable"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.VOICEMAIL_PRECONNECT);
        assertThat(outcome.voicemail()).isEqualTo(Voicemail.preconnect(
                List.of("181 Call Is Being Forwarded at 2.1 s")));
        assertThat(outcome.sipStatus()).isEqualTo(480);
        assertThat(outcome.explanation()).isEqualTo("The carrier diverted the call to voicemail before answer (181 Call"
                + " Is Being Forwarded at 2.1 s); it ended with 480 Temporarily Unavailable from udp 127.0.0.1:5062"
                + " after ringing 1.5 s.");
    }

    @Test
    void diversionOnRingingThenBusy() {
        // Diversion(user-busy) then 486: the carrier said it was taking the busy call to a mailbox.
        Outcome outcome = call()
                .provisional(SipText.response(180, "Ringing",
                        "Diversion: <sip:+15557654321@carrier.example>;reason=user-busy;counter=1"), 1.0)
                .ended(1.4).rejectedWith(SipText.response(486, "Busy Here"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.VOICEMAIL_PRECONNECT);
        assertThat(outcome.voicemail().detected()).isTrue();
        assertThat(outcome.voicemail().phase()).isEqualTo("preconnect");
        assertThat(outcome.voicemail().evidence()).containsExactly("Diversion: reason=user-busy on 180 at 1.0 s");
    }

    @Test
    void diversionListOnTheFinalResponseWithQuotedNamesAndRepeats() {
        Outcome outcome = call()
                .provisional(SipText.response(183, "Session Progress",
                        "Diversion: <sip:+15557654321@carrier.example>;reason=no-answer"), 1.0)
                .provisional(SipText.response(180, "Ringing",
                        "Diversion: <sip:+15557654321@carrier.example>;reason=no-answer"), 1.5)
                .ended(5.0).rejectedWith(SipText.response(603, "Decline",
                        "Diversion: \"Bob, Jr\" <sip:bob@carrier.example>;reason=\"unavailable\","
                                + " <sip:x@carrier.example>;reason=deflection"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.VOICEMAIL_PRECONNECT);
        assertThat(outcome.voicemail().evidence()).containsExactly(
                "Diversion: reason=no-answer on 183 at 1.0 s",
                "Diversion: reason=unavailable on 603 at 5.0 s");
    }

    @Test
    void historyInfoCauseParameterOnTheFinalResponse() {
        Outcome outcome = call().rang(0.5).ended(3.0).rejectedWith(SipText.response(480, "Temporarily Unavailable",
                "History-Info: <sip:+15557654321@carrier.example>;index=1,"
                        + " <sip:vm-15557654321@carrier.example;cause=480>;index=1.1"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.VOICEMAIL_PRECONNECT);
        assertThat(outcome.voicemail().evidence()).containsExactly("History-Info: cause=480 on 480 at 3.0 s");
    }

    @Test
    void historyInfoEscapedReasonOnAProvisional() {
        Outcome outcome = call()
                .provisional(SipText.response(183, "Session Progress",
                        "History-Info: <sip:+15557654321@carrier.example?Reason=SIP%3Bcause%3D408>;index=1,"
                                + " <sip:vm@carrier.example>;index=1.1"), 1.2)
                .ended(2.0).rejectedWith(SipText.response(487, "Request Terminated"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.VOICEMAIL_PRECONNECT);
        assertThat(outcome.voicemail().evidence()).containsExactly("History-Info: cause=408 on 183 at 1.2 s");
    }

    @Test
    void signsThatDoNotMeanVoicemailAreIgnored() {
        Outcome outcome = call()
                .provisional(SipText.response(180, "Ringing",
                        "Diversion: <sip:a@carrier.example>;reason=unconditional",
                        "History-Info: <sip:b@carrier.example;cause=302>;index=1.1, garbage, <sip:c@x;cause=4x0>",
                        "History-Info: <sip:d@carrier.example?Reason=Q.850%3Bcause%3D480>;index=1.2"), 1.0)
                .ended(2.0).rejectedWith(SipText.response(480, "Temporarily Unavailable"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_NO_ANSWER);
        assertThat(outcome.voicemail()).isEqualTo(Voicemail.none());
    }

    @Test
    void failuresWithTheirOwnCauseKeepIt() {
        for (int code : new int[] {404, 403, 503, 482, 488}) {
            Outcome outcome = call().provisional(SipText.response(181, "Call Is Being Forwarded"), 1.0)
                    .ended(1.5).rejectedWith(SipText.response(code, "X"));

            assertThat(outcome.reason()).as("code %d", code).isNotEqualTo(DisconnectionReason.VOICEMAIL_PRECONNECT);
            assertThat(outcome.voicemail()).isEqualTo(Voicemail.notDetected(
                    List.of("181 Call Is Being Forwarded at 1.0 s")));
        }
    }

    @Test
    void longRingThen480IsVoicemail() {
        Outcome outcome = call().rang(1.0).ended(7.0).rejectedWith(SipText.response(480, "Temporarily Unavailable"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.VOICEMAIL_PRECONNECT);
        assertThat(outcome.voicemail().evidence()).containsExactly(
                "480 Temporarily Unavailable after ringing 6.0 s (voicemail.preconnect_min_ring 4 s)");
        assertThat(outcome.explanation()).isEqualTo("The call ended with 480 Temporarily Unavailable from udp"
                + " 127.0.0.1:5062 after ringing 6.0 s, at least voicemail.preconnect_min_ring (4 s), so a carrier"
                + " mailbox most likely took it before answer.");
    }

    @Test
    void diversionAndLongRingAreBothListed() {
        Outcome outcome = call().provisional(SipText.response(181, "Call Is Being Forwarded"), 0.5).ended(6.5)
                .rejectedWith(SipText.response(480, "Temporarily Unavailable"));

        assertThat(outcome.voicemail().evidence()).containsExactly("181 Call Is Being Forwarded at 0.5 s",
                "480 Temporarily Unavailable after ringing 6.0 s (voicemail.preconnect_min_ring 4 s)");
        assertThat(outcome.explanation()).startsWith("The carrier diverted the call to voicemail before answer (181"
                + " Call Is Being Forwarded at 0.5 s; 480 Temporarily Unavailable after ringing 6.0 s");
    }

    @Test
    void longRingThen408WithNoAnswerCauseIsVoicemail() {
        Outcome outcome = call().rang(0.5).ended(4.5).rejectedWith(SipText.response(408, "Request Timeout",
                "Reason: Q.850;cause=19"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.VOICEMAIL_PRECONNECT);
        assertThat(outcome.q850Cause()).isEqualTo(19);
    }

    @Test
    void minRingRuleDoesNotTurnABusyCauseIntoVoicemail() {
        Outcome outcome = call().rang(0.5).ended(8.5).rejectedWith(SipText.response(480, "Temporarily Unavailable",
                "Reason: Q.850;cause=17"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_BUSY);
        assertThat(outcome.voicemail()).isEqualTo(Voicemail.none());
    }

    @Test
    void shortRingThen480IsNoAnswer() {
        Outcome outcome = call().rang(1.0).ended(4.9).rejectedWith(SipText.response(480, "Temporarily Unavailable"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_NO_ANSWER);
        assertThat(outcome.explanation()).isEqualTo("The callee did not answer (480 Temporarily Unavailable) from udp"
                + " 127.0.0.1:5062 after ringing 3.9 s.");
    }

    @Test
    void minRingRuleOff() {
        Outcome outcome = call().minRing(Optional.empty()).rang(1.0).ended(20.0)
                .rejectedWith(SipText.response(480, "Temporarily Unavailable"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_NO_ANSWER);
        assertThat(outcome.voicemail()).isEqualTo(Voicemail.none());
    }

    @Test
    void minRingRuleWithAConfiguredThreshold() {
        Outcome outcome = call().minRing(Optional.of(Duration.ofMillis(2500))).rang(1.0).ended(3.5)
                .rejectedWith(SipText.response(408, "Request Timeout"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.VOICEMAIL_PRECONNECT);
        assertThat(outcome.voicemail().evidence()).containsExactly(
                "408 Request Timeout after ringing 2.5 s (voicemail.preconnect_min_ring 2.5 s)");
    }

    @Test
    void ringTimeoutAfterASignStaysNoAnswer() {
        Outcome outcome = call().provisional(SipText.response(181, "Call Is Being Forwarded"), 2.0).ended(30.1)
                .classify(new CallEvidence.RingTimeout(SipText.response(487, "Request Terminated")));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_NO_ANSWER);
        assertThat(outcome.voicemail()).isEqualTo(Voicemail.notDetected(
                List.of("181 Call Is Being Forwarded at 2.0 s")));
    }

    @Test
    void answeredAfterASignIsNotVoicemailPreconnect() {
        Outcome outcome = call()
                .provisional(SipText.response(180, "Ringing", "Diversion: <sip:a@carrier.example>;reason=no-answer"), 1.0)
                .answered(12.0).ended(20.0)
                .classify(new CallEvidence.Hungup(CallEvidence.HangupCause.REMOTE_BYE, SipText.bye(), null, null));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.USER_HANGUP);
        assertThat(outcome.voicemail()).isEqualTo(Voicemail.notDetected(
                List.of("Diversion: reason=no-answer on 180 at 1.0 s")));
    }
}
