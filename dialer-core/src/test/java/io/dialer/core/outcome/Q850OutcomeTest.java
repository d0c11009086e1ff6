package io.dialer.core.outcome;

import static io.dialer.core.outcome.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.core.DisconnectionReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Q.850 causes in Reason headers (RFC 3326), design.md §4:
 * - causes 1, 28, 17, 18, 19, 21 decide the reason over the status code;
 * - other causes leave the decision to the code but are still reported;
 * - a 403 with cause 21 (the mapping of RFC 3398 §8.2.6.1) stays permission denied;
 * - q850_text is the Q.850 name, else the header's text;
 * - several Reason headers: the Q.850 one counts, a SIP one is ignored;
 * - malformed Reason values are ignored, never thrown.
 */
class Q850OutcomeTest {

    @ParameterizedTest(name = "{0} with cause {2} -> {3}")
    @CsvSource({
            "480, Temporarily Unavailable, 17, DIAL_BUSY",
            "480, Temporarily Unavailable, 1, INVALID_DESTINATION",
            "404, Not Found, 28, INVALID_DESTINATION",
            "486, Busy Here, 18, DIAL_NO_ANSWER",
            "503, Service Unavailable, 19, DIAL_NO_ANSWER",
            "403, Forbidden, 21, TELEPHONY_PROVIDER_PERMISSION_DENIED",
            "403, Forbidden, 17, DIAL_BUSY",
            "603, Decline, 21, USER_DECLINED",
    })
    void decisiveCauseWinsOverTheCode(int code, String phrase, int cause, DisconnectionReason expected) {
        Outcome outcome = call().rang(0.5).ended(1.5)
                .rejectedWith(SipText.response(code, phrase, "Reason: Q.850;cause=" + cause));

        assertThat(outcome.reason()).isEqualTo(expected);
        assertThat(outcome.sipStatus()).isEqualTo(code);
        assertThat(outcome.q850Cause()).isEqualTo(cause);
        assertThat(outcome.q850Text()).isEqualTo(Q850.name(cause).orElseThrow());
        assertThat(outcome.explanation()).contains(code + " " + phrase + "; Q.850 cause " + cause + " ");
    }

    @Test
    void busyCauseOn480() {
        Outcome outcome = call().rang(0.5).ended(1.5).rejectedWith(SipText.response(480, "Temporarily Unavailable",
                "Reason: Q.850;cause=17;text=\"User busy\""));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_BUSY);
        assertThat(outcome.explanation()).isEqualTo("The callee's line was busy (480 Temporarily Unavailable; Q.850"
                + " cause 17 User busy) from udp 127.0.0.1:5062 after ringing 1.0 s.");
    }

    @Test
    void nonDecisiveCauseIsReportedButTheCodeDecides() {
        Outcome outcome = call().ended(0.2).rejectedWith(SipText.response(503, "Service Unavailable",
                "Reason: Q.850;cause=34;text=\"no circuit\""));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE);
        assertThat(outcome.q850Cause()).isEqualTo(34);
        assertThat(outcome.q850Text()).isEqualTo("No circuit/channel available");
        assertThat(outcome.explanation()).contains("503 Service Unavailable; Q.850 cause 34 No circuit/channel available");
    }

    @Test
    void standardNameReplacesTheHeaderTextAndUnknownCausesKeepIt() {
        Outcome named = call().ended(0.2).rejectedWith(SipText.response(480, "Temporarily Unavailable",
                "Reason: Q.850;cause=18;text=\"NO_USER_RESPONSE\""));
        Outcome unnamed = call().ended(0.2).rejectedWith(SipText.response(500, "Server Internal Error",
                "Reason: Q.850;cause=126;text=\"vendor thing\""));
        Outcome bare = call().ended(0.2).rejectedWith(SipText.response(500, "Server Internal Error",
                "Reason: Q.850;cause=126"));

        assertThat(named.q850Text()).isEqualTo("No user responding");
        assertThat(unnamed.q850Cause()).isEqualTo(126);
        assertThat(unnamed.q850Text()).isEqualTo("vendor thing");
        assertThat(bare.q850Cause()).isEqualTo(126);
        assertThat(bare.q850Text()).isNull();
        assertThat(bare.explanation()).contains("500 Server Internal Error; Q.850 cause 126)");
    }

    @Test
    void theQ850ReasonIsFoundAmongSeveral() {
        Outcome outcome = call().ended(0.2).rejectedWith(SipText.response(480, "Temporarily Unavailable",
                "Reason: SIP;cause=486;text=\"Busy Here\"",
                "Reason: Q.850 ;cause=28"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.INVALID_DESTINATION);
        assertThat(outcome.q850Cause()).isEqualTo(28);
        assertThat(outcome.q850Text()).isEqualTo("Invalid number format (address incomplete)");
    }

    @Test
    void aSipReasonAloneIsNotAQ850Cause() {
        Outcome outcome = call().ended(0.2).rejectedWith(SipText.response(480, "Temporarily Unavailable",
                "Reason: SIP;cause=486;text=\"Busy Here\""));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_NO_ANSWER);
        assertThat(outcome.q850Cause()).isNull();
    }

    @Test
    void malformedCausesAreIgnored() {
        Outcome outcome = call().ended(0.2).rejectedWith(SipText.response(486, "Busy Here",
                "Reason: Q.850;cause=seventeen",
                "Reason: Q.850;cause=4000;text=\"out of range\""));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_BUSY);
        assertThat(outcome.q850Cause()).isNull();
        assertThat(outcome.q850Text()).isNull();
    }
}
