package io.dialer.core.outcome;

import static io.dialer.core.outcome.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.core.CallStatus;
import io.dialer.core.DisconnectionReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The status-code column of design.md §4 for final responses that carry no
 * Q.850 cause, no spam sign and no diversion sign:
 * - each listed code maps to its row's reason, status not_connected;
 * - sip_status and sip_reason_phrase are the response's, q850 fields null;
 * - the explanation names the code, the phrase, the peer, the ring time;
 * - unknown codes fall to dial_failed and name the code.
 */
class StatusCodeOutcomeTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "404, Not Found, INVALID_DESTINATION",
            "410, Gone, INVALID_DESTINATION",
            "484, Address Incomplete, INVALID_DESTINATION",
            "485, Ambiguous, INVALID_DESTINATION",
            "604, Does Not Exist Anywhere, INVALID_DESTINATION",
            "486, Busy Here, DIAL_BUSY",
            "600, Busy Everywhere, DIAL_BUSY",
            "408, Request Timeout, DIAL_NO_ANSWER",
            "480, Temporarily Unavailable, DIAL_NO_ANSWER",
            "603, Decline, USER_DECLINED",
            "607, Unwanted, MARKED_AS_SPAM",
            "608, Rejected, MARKED_AS_SPAM",
            "403, Forbidden, TELEPHONY_PROVIDER_PERMISSION_DENIED",
            "401, Unauthorized, TELEPHONY_PROVIDER_PERMISSION_DENIED",
            "407, Proxy Authentication Required, TELEPHONY_PROVIDER_PERMISSION_DENIED",
            "500, Server Internal Error, TELEPHONY_PROVIDER_UNAVAILABLE",
            "502, Bad Gateway, TELEPHONY_PROVIDER_UNAVAILABLE",
            "503, Service Unavailable, TELEPHONY_PROVIDER_UNAVAILABLE",
            "504, Server Time-out, TELEPHONY_PROVIDER_UNAVAILABLE",
            "482, Loop Detected, SIP_ROUTING_ERROR",
            "483, Too Many Hops, SIP_ROUTING_ERROR",
            "488, Not Acceptable Here, DIAL_FAILED",
            "606, Not Acceptable, DIAL_FAILED",
            "302, Moved Temporarily, DIAL_FAILED",
            "420, Bad Extension, DIAL_FAILED",
            "499, Custom Carrier Thing, DIAL_FAILED",
            "580, Precondition Failure, DIAL_FAILED",
            "699, Weird, DIAL_FAILED",
    })
    void eachCodeMapsToItsRow(int code, String phrase, DisconnectionReason expected) {
        // Short ring: below voicemail.preconnect_min_ring, so 408/480 stay dial_no_answer.
        Outcome outcome = call().rang(0.5).ended(1.5).rejectedWith(SipText.response(code, phrase));

        assertThat(outcome.reason()).isEqualTo(expected);
        assertThat(outcome.status()).isEqualTo(CallStatus.NOT_CONNECTED);
        assertThat(outcome.sipStatus()).isEqualTo(code);
        assertThat(outcome.sipReasonPhrase()).isEqualTo(phrase);
        assertThat(outcome.q850Cause()).isNull();
        assertThat(outcome.q850Text()).isNull();
        assertThat(outcome.explanation()).contains(code + " " + phrase).contains("from udp 127.0.0.1:5062")
                .contains("after ringing 1.0 s");
        assertThat(outcome.voicemail()).isEqualTo(Voicemail.none());
    }

    @Test
    void busyExplanationReadsAsTheDesignExample() {
        Outcome outcome = call().rang(0.2).ended(1.2)
                .rejectedWith(SipText.response(486, "Busy Here", "Reason: Q.850;cause=17;text=\"User busy\"",
                        "Server: Kamailio (5.7.4 (x86_64/linux))"));

        assertThat(outcome.explanation()).isEqualTo("The callee's line was busy (486 Busy Here; Q.850 cause 17 User"
                + " busy) from udp 127.0.0.1:5062 (Server: Kamailio (5.7.4 (x86_64/linux))) after ringing 1.0 s.");
    }

    @Test
    void unknownCodeIsDialFailedAndNamedEvenWithoutAPhrase() {
        Outcome outcome = call().ended(0.2).rejectedWith(SipText.response(499, ""));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_FAILED);
        assertThat(outcome.sipStatus()).isEqualTo(499);
        assertThat(outcome.sipReasonPhrase()).isNull();
        assertThat(outcome.explanation()).isEqualTo("The call failed (499) from udp 127.0.0.1:5062 after 0.2 s"
                + " without ringing; the dialer has no more specific reason for status 499.");
    }

    @Test
    void redirectNamesTheContactItDidNotFollow() {
        Outcome outcome = call().ended(0.1).rejectedWith(SipText.response(302, "Moved Temporarily",
                "Contact: <sip:+15550001111@127.0.0.1:5070>"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_FAILED);
        assertThat(outcome.explanation()).contains("302 Moved Temporarily; Contact <sip:+15550001111@127.0.0.1:5070>")
                .contains("does not follow redirects");
    }

    @Test
    void redirectBackToTheDialedNumberIsALoop() {
        Outcome outcome = call().ended(0.1).rejectedWith(SipText.response(302, "Moved Temporarily",
                "Contact: <sip:+15557654321@127.0.0.1:5062;transport=udp>"));
        Outcome elsewhere = call().ended(0.1).rejectedWith(SipText.response(302, "Moved Temporarily",
                "Contact: <sip:+15557654321@127.0.0.1:5070>"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.SIP_ROUTING_ERROR);
        assertThat(outcome.explanation()).isEqualTo("The call was redirected back to the number it was sent to (302"
                + " Moved Temporarily; Contact <sip:+15557654321@127.0.0.1:5062;transport=udp>) from udp"
                + " 127.0.0.1:5062 after 0.1 s without ringing; that is a redirect loop.");
        assertThat(elsewhere.reason()).isEqualTo(DisconnectionReason.DIAL_FAILED);
    }

    @Test
    void redirectWithoutContactSaysSo() {
        Outcome outcome = call().ended(0.1).rejectedWith(SipText.response(301, "Moved Permanently"));

        assertThat(outcome.explanation()).contains("301 Moved Permanently; no Contact");
    }

    @Test
    void mediaRefusalPointsAtTheOffer() {
        Outcome outcome = call().ended(0.1).rejectedWith(SipText.response(488, "Not Acceptable Here"));

        assertThat(outcome.explanation()).contains("did not accept the call's media offer (488 Not Acceptable Here)");
    }

    @Test
    void unavailableNamesRetryAfter() {
        Outcome outcome = call().ended(0.1).rejectedWith(SipText.response(503, "Service Unavailable",
                "Retry-After: 120 (maintenance);duration=3600"));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE);
        assertThat(outcome.explanation()).isEqualTo("The telephony provider could not take the call (503 Service"
                + " Unavailable) from udp 127.0.0.1:5062 after 0.1 s without ringing; it asked to retry after 120 s"
                + " (Retry-After).");
    }

    @Test
    void forbiddenSaysWhetherCredentialsAreConfigured() {
        Outcome without = call().ended(0.1).credentials(false).rejectedWith(SipText.response(403, "Forbidden"));
        Outcome with = call().ended(0.1).credentials(true).rejectedWith(SipText.response(403, "Forbidden"));

        assertThat(without.explanation()).contains("403 Forbidden").contains("no credentials are configured");
        assertThat(with.explanation()).contains("403 Forbidden").contains("credentials are configured for this trunk")
                .doesNotContain("no credentials");
    }

    @Test
    void routingErrorNamesTheLoop() {
        Outcome outcome = call().ended(0.1).rejectedWith(SipText.response(482, "Loop Detected"));

        assertThat(outcome.explanation()).startsWith("The request looped or ran out of hops")
                .contains("482 Loop Detected");
    }

    @Test
    void senderFallsBackToUserAgentAndOmitsAnUnknownPeer() {
        Outcome outcome = call().peer(null).ended(0.1)
                .rejectedWith(SipText.response(404, "Not Found", "User-Agent: FreeSWITCH-mod_sofia"));
        Outcome bare = call().peer(null).ended(0.1).rejectedWith(SipText.response(404, "Not Found"));

        assertThat(outcome.explanation()).contains("(404 Not Found) from the far end (User-Agent: FreeSWITCH-mod_sofia)");
        assertThat(bare.explanation()).contains("(404 Not Found) after 0.1 s without ringing");
    }
}
