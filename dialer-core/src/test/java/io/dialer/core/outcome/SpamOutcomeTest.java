package io.dialer.core.outcome;

import static io.dialer.core.outcome.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.core.DisconnectionReason;
import org.junit.jupiter.api.Test;

/**
 * marked_as_spam (design.md §4):
 * - 607 (RFC 8197) and 608 (RFC 8688) whatever else they carry;
 * - spam / robocall / fraud, any case, in the phrase, Reason text or Warning text;
 * - spam evidence wins over Q.850 cause 21 and over the status code;
 * - a warn-agent host name alone is not evidence;
 * - 603 and cause 21 without such words stay user_declined.
 */
class SpamOutcomeTest {

    @Test
    void unwanted607NamesRfc8197() {
        Outcome outcome = call().ended(0.3).rejectedWith(SipText.response(607, "Unwanted"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.MARKED_AS_SPAM);
        assertThat(outcome.explanation()).contains("607 Unwanted").contains("RFC 8197");
    }

    @Test
    void rejected608NamesRfc8688() {
        Outcome outcome = call().ended(0.3).rejectedWith(SipText.response(608, "Rejected"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.MARKED_AS_SPAM);
        assertThat(outcome.explanation()).contains("608 Rejected").contains("RFC 8688");
    }

    @Test
    void declineWithSpamWarning() {
        Outcome outcome = call().ended(0.3).rejectedWith(SipText.response(603, "Decline",
                "Warning: 399 carrier.example \"Suspected SPAM\""));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.MARKED_AS_SPAM);
        assertThat(outcome.sipStatus()).isEqualTo(603);
        assertThat(outcome.explanation()).isEqualTo("The call was blocked as spam or unwanted (603 Decline) from udp"
                + " 127.0.0.1:5062 after 0.3 s without ringing; the Warning header says 399 carrier.example"
                + " \"Suspected SPAM\".");
    }

    @Test
    void reasonPhraseSaysRobocall() {
        Outcome outcome = call().ended(0.3).rejectedWith(SipText.response(403, "Robocall Blocked"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.MARKED_AS_SPAM);
        assertThat(outcome.explanation()).contains("the reason phrase \"Robocall Blocked\" says so");
    }

    @Test
    void spamTextBeatsQ850CauseCallRejected() {
        Outcome outcome = call().ended(0.3).rejectedWith(SipText.response(603, "Decline",
                "Reason: Q.850;cause=21;text=\"Fraudulent caller ID\""));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.MARKED_AS_SPAM);
        assertThat(outcome.q850Cause()).isEqualTo(21);
        assertThat(outcome.q850Text()).isEqualTo("Call rejected");
        assertThat(outcome.explanation()).contains("603 Decline; Q.850 cause 21 Call rejected")
                .contains("the Reason header says \"Fraudulent caller ID\"");
    }

    @Test
    void spamEvidenceBeatsANoAnswerCode() {
        Outcome outcome = call().rang(0.1).ended(9.0).rejectedWith(SipText.response(480, "Temporarily Unavailable",
                "Warning: 399 sbc.example \"call flagged: spam likely\""));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.MARKED_AS_SPAM);
        assertThat(outcome.voicemail().detected()).isFalse();
    }

    @Test
    void aWarnAgentHostNameIsNotEvidence() {
        Outcome outcome = call().ended(0.3).rejectedWith(SipText.response(603, "Decline",
                "Warning: 399 spam-filter.example \"Declined by user\""));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.USER_DECLINED);
    }

    @Test
    void plainDeclineAndCause21AreUserDeclined() {
        Outcome decline = call().rang(0.2).ended(3.2).rejectedWith(SipText.response(603, "Decline"));
        Outcome cause21 = call().ended(0.3).rejectedWith(SipText.response(480, "Temporarily Unavailable",
                "Reason: Q.850;cause=21"));

        assertThat(decline.reason()).isEqualTo(DisconnectionReason.USER_DECLINED);
        assertThat(decline.explanation()).isEqualTo("The callee declined the call (603 Decline) from udp 127.0.0.1:5062"
                + " after ringing 3.0 s.");
        assertThat(cause21.reason()).isEqualTo(DisconnectionReason.USER_DECLINED);
    }
}
