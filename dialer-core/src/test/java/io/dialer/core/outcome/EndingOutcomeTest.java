package io.dialer.core.outcome;

import static io.dialer.core.outcome.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.core.CallStatus;
import io.dialer.core.DisconnectionReason;
import io.dialer.core.outcome.CallEvidence.HangupCause;
import io.dialer.sip.transaction.TransactionFailure;
import io.dialer.sip.transport.TransportException;
import io.dialer.sip.ua.CallFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Endings other than a plain rejection (design.md §3, §4):
 * - ring timeout: dial_no_answer naming the ring time, the timeout and the 487;
 * - application cancel (before and after the INVITE): canceled/canceled;
 * - no response, transport failure, DNS failure: telephony_provider_unavailable;
 * - auth rejected: permission denied with the challenge's code, saying whether
 *   credentials were configured;
 * - invalid destination, limit reached, local error;
 * - every hangup cause of an answered call, with its talk time.
 */
class EndingOutcomeTest {

    @Test
    void ringTimeoutAfterRinging() {
        Outcome outcome = call().rang(0.0).ended(30.0)
                .classify(new CallEvidence.RingTimeout(SipText.response(487, "Request Terminated")));

        assertThat(outcome.status()).isEqualTo(CallStatus.NOT_CONNECTED);
        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_NO_ANSWER);
        assertThat(outcome.sipStatus()).isEqualTo(487);
        assertThat(outcome.sipReasonPhrase()).isEqualTo("Request Terminated");
        assertThat(outcome.explanation()).isEqualTo("Rang for 30.0 s with no answer; the dialer's ring timeout (30 s)"
                + " expired and the call was canceled (487 Request Terminated from udp 127.0.0.1:5062).");
    }

    @Test
    void ringTimeoutWithoutRinging() {
        Outcome outcome = call().ringTimeout(Duration.ofSeconds(20)).ended(20.1)
                .classify(new CallEvidence.RingTimeout(SipText.response(487, "Request Terminated")));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_NO_ANSWER);
        assertThat(outcome.explanation()).startsWith("No answer within the dialer's ring timeout (20 s) and no ringing"
                + " was reported; the call was canceled (487 Request Terminated");
    }

    @Test
    void ringTimeoutWithoutAFinalResponse() {
        Outcome outcome = call().rang(1.0).ended(62.0).classify(new CallEvidence.RingTimeout(null));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.DIAL_NO_ANSWER);
        assertThat(outcome.sipStatus()).isNull();
        assertThat(outcome.sipReasonPhrase()).isNull();
        assertThat(outcome.explanation()).contains("CANCEL sent; no final response to the INVITE arrived");
    }

    @Test
    void applicationCanceledWhileRinging() {
        Outcome outcome = call().rang(0.5).ended(3.7)
                .classify(new CallEvidence.CanceledByApplication(SipText.response(487, "Request Terminated")));

        assertThat(outcome.status()).isEqualTo(CallStatus.CANCELED);
        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.CANCELED);
        assertThat(outcome.sipStatus()).isEqualTo(487);
        assertThat(outcome.explanation()).isEqualTo("The application canceled the call after ringing 3.2 s, before it"
                + " was answered (487 Request Terminated from udp 127.0.0.1:5062).");
    }

    @Test
    void applicationCanceledBeforeRingingAndBeforeTheInvite() {
        Outcome early = call().ended(0.4).classify(new CallEvidence.CanceledByApplication(null));
        Outcome beforeInvite = call().ended(0.0).classify(new CallEvidence.Failed(new CallFailure.Canceled()));

        assertThat(early.reason()).isEqualTo(DisconnectionReason.CANCELED);
        assertThat(early.explanation()).contains("0.4 s after dialing, before any ringing");
        assertThat(beforeInvite.status()).isEqualTo(CallStatus.CANCELED);
        assertThat(beforeInvite.reason()).isEqualTo(DisconnectionReason.CANCELED);
        assertThat(beforeInvite.explanation()).isEqualTo("The application canceled the call before the INVITE was sent.");
    }

    @Test
    void noResponseIsProviderUnavailableNamingTimerB() {
        Outcome outcome = call().ended(32.0).classify(new CallEvidence.Failed(new CallFailure.NoResponse(
                new TransactionFailure.Timeout("B"), "udp:127.0.0.1:5062")));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE);
        assertThat(outcome.sipStatus()).isNull();
        assertThat(outcome.explanation()).isEqualTo("No response to the INVITE from udp:127.0.0.1:5062 within 32.0 s"
                + " (Timer B); the telephony provider did not answer.");
    }

    @Test
    void noFinalResponseAfterCancelNamesRfc3261Section9() {
        Outcome outcome = call().rang(1.0).ended(40.0).classify(new CallEvidence.Failed(new CallFailure.NoResponse(
                new TransactionFailure.Timeout("CANCEL_GUARD"), "udp:127.0.0.1:5062")));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE);
        assertThat(outcome.explanation()).contains("(no final response after CANCEL, RFC 3261 §9.1)");
    }

    @Test
    void transportFailureNamesTheError() {
        TransportException refused = new TransportException(null, "connection refused by 127.0.0.1:5099 over tcp",
                null);
        Outcome outcome = call().ended(0.0).classify(new CallEvidence.Failed(new CallFailure.NoResponse(
                new TransactionFailure.TransportFailure(refused), "tcp:127.0.0.1:5099")));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE);
        assertThat(outcome.explanation()).isEqualTo("The INVITE could not be delivered to tcp:127.0.0.1:5099:"
                + " connection refused by 127.0.0.1:5099 over tcp.");
    }

    @Test
    void resolutionFailureNamesTheLookup() {
        Outcome outcome = call().peer(null).ended(0.1).classify(new CallEvidence.Failed(
                new CallFailure.ResolutionFailed("no SRV or A records for trunk.invalid")));
        Outcome noReason = call().peer(null).ended(0.1).classify(new CallEvidence.Failed(
                new CallFailure.ResolutionFailed(null)));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE);
        assertThat(outcome.explanation()).isEqualTo("The trunk's address could not be resolved: no SRV or A records"
                + " for trunk.invalid; no INVITE was sent.");
        assertThat(noReason.explanation()).contains("the DNS lookup failed");
    }

    @Test
    void authRejectedAfterCredentialsWereSent() {
        CallFailure failure = new CallFailure.AuthRejected(
                "the trunk rejected our credentials for realm 'trunk' (second 407 after sending them)",
                SipText.response(407, "Proxy Authentication Required", "Server: Kamailio"));
        Outcome outcome = call().credentials(true).ended(0.2).classify(new CallEvidence.Failed(failure));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.TELEPHONY_PROVIDER_PERMISSION_DENIED);
        assertThat(outcome.sipStatus()).isEqualTo(407);
        assertThat(outcome.sipReasonPhrase()).isEqualTo("Proxy Authentication Required");
        assertThat(outcome.explanation()).isEqualTo("Authentication with the trunk failed (407 Proxy Authentication"
                + " Required from udp 127.0.0.1:5062 (Server: Kamailio)): the trunk rejected our credentials for realm"
                + " 'trunk' (second 407 after sending them); credentials are configured for this trunk and were sent.");
    }

    @Test
    void authChallengeWithoutCredentials() {
        CallFailure failure = new CallFailure.AuthRejected("no credentials for realm 'trunk'",
                SipText.response(401, "Unauthorized"));
        Outcome outcome = call().credentials(false).ended(0.2).classify(new CallEvidence.Failed(failure));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.TELEPHONY_PROVIDER_PERMISSION_DENIED);
        assertThat(outcome.sipStatus()).isEqualTo(401);
        assertThat(outcome.explanation()).contains("401 Unauthorized").endsWith("no credentials are configured for this trunk.");
    }

    @Test
    void authRejectedWithoutAChallengeKept() {
        Outcome outcome = call().credentials(true).ended(0.2).classify(new CallEvidence.Failed(
                new CallFailure.AuthRejected(null, null)));

        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.TELEPHONY_PROVIDER_PERMISSION_DENIED);
        assertThat(outcome.sipStatus()).isNull();
        assertThat(outcome.explanation()).isEqualTo("Authentication with the trunk failed (no challenge response kept):"
                + " the challenge could not be answered; credentials are configured for this trunk and were sent.");
    }

    @Test
    void invalidDestinationBeforeDialing() {
        Outcome outcome = call().peer(null).ended(0.0).classify(new CallEvidence.InvalidDestination("+1555",
                "too short for an E.164 number"));

        assertThat(outcome.status()).isEqualTo(CallStatus.NOT_CONNECTED);
        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.INVALID_DESTINATION);
        assertThat(outcome.sipStatus()).isNull();
        assertThat(outcome.explanation()).isEqualTo("The destination \"+1555\" is not a valid number: too short for an"
                + " E.164 number; no INVITE was sent.");
    }

    @Test
    void limitReached() {
        Outcome outcome = call().peer(null).ended(10.0).classify(new CallEvidence.LimitReached(
                "concurrency (10 calls)", Duration.ofSeconds(10)));

        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.CONCURRENCY_LIMIT_REACHED);
        assertThat(outcome.explanation()).isEqualTo("The trunk's concurrency (10 calls) limit was reached and no slot"
                + " freed up within 10.0 s; the call was not placed.");
    }

    @Test
    void localErrorNamesWhatFailed() {
        Outcome outcome = call().ended(0.0).classify(new CallEvidence.LocalError("no free RTP port in 10000-10100"));
        Outcome blank = call().ended(0.0).classify(new CallEvidence.LocalError(null));

        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.ERROR_UNKNOWN);
        assertThat(outcome.explanation()).isEqualTo("The call failed on the dialer's side: no free RTP port in"
                + " 10000-10100.");
        assertThat(blank.explanation()).isEqualTo("The call failed on the dialer's side: no detail was given.");
    }

    @Test
    void remoteByeWithQ850Cause() {
        Outcome outcome = call().rang(0.5).answered(2.0).ended(14.3)
                .classify(new CallEvidence.Hungup(HangupCause.REMOTE_BYE,
                        SipText.bye("Reason: Q.850;cause=16;text=\"Normal call clearing\"", "User-Agent: baresip"),
                        null, null));

        assertThat(outcome.status()).isEqualTo(CallStatus.ENDED);
        assertThat(outcome.reason()).isEqualTo(DisconnectionReason.USER_HANGUP);
        assertThat(outcome.sipStatus()).isNull();
        assertThat(outcome.q850Cause()).isEqualTo(16);
        assertThat(outcome.q850Text()).isEqualTo("Normal call clearing");
        assertThat(outcome.explanation()).isEqualTo("The callee hung up (BYE with Q.850 cause 16 Normal call clearing)"
                + " from udp 127.0.0.1:5062 (User-Agent: baresip) after 12.3 s of conversation.");
    }

    @Test
    void remoteByeWithoutTheRequest() {
        Outcome outcome = call().answered(1.0).ended(13.3)
                .classify(new CallEvidence.Hungup(HangupCause.REMOTE_BYE, null, null, null));

        assertThat(outcome.explanation()).isEqualTo("The callee hung up (BYE) after 12.3 s of conversation.");
        assertThat(outcome.q850Cause()).isNull();
    }

    @Test
    void everyHangupCauseHasItsRow() {
        assertHangup(HangupCause.AGENT, DisconnectionReason.AGENT_HANGUP, "The application hung up");
        assertHangup(HangupCause.IVR_REACHED, DisconnectionReason.IVR_REACHED, "recognised an IVR menu");
        assertHangup(HangupCause.VOICEMAIL_REACHED, DisconnectionReason.VOICEMAIL_REACHED,
                "Answering-machine detection found a machine");
        assertHangup(HangupCause.INACTIVITY, DisconnectionReason.INACTIVITY, "silence timeout");
        assertHangup(HangupCause.MAX_DURATION, DisconnectionReason.MAX_DURATION_REACHED, "maximum duration");
        assertHangup(HangupCause.TRANSFER, DisconnectionReason.CALL_TRANSFER, "transferred");
        assertHangup(HangupCause.NO_AUDIO, DisconnectionReason.ERROR_NO_AUDIO_RECEIVED, "no audio (RTP) arrived");
        assertHangup(HangupCause.CONNECTION_LOST, DisconnectionReason.ERROR_CONNECTION_LOST, "The call was lost");
    }

    @Test
    void hangupDetailAndLostCauseAreNamed() {
        Outcome max = call().answered(1.0).ended(3601.0).classify(new CallEvidence.Hungup(HangupCause.MAX_DURATION,
                null, null, "max duration 3600 s."));
        Outcome lost = call().answered(1.0).ended(61.0).classify(new CallEvidence.Hungup(HangupCause.CONNECTION_LOST,
                null, "re-INVITE got 481 Call/Transaction Does Not Exist", null));

        assertThat(max.explanation()).isEqualTo("The call reached its maximum duration and was ended after 3600.0 s of"
                + " conversation (max duration 3600 s).");
        assertThat(lost.status()).isEqualTo(CallStatus.ERROR);
        assertThat(lost.explanation()).isEqualTo("The call was lost after 60.0 s of conversation: re-INVITE got 481"
                + " Call/Transaction Does Not Exist.");
    }

    private static void assertHangup(HangupCause cause, DisconnectionReason expected, String words) {
        Outcome outcome = call().rang(0.5).answered(2.0).ended(14.3)
                .classify(new CallEvidence.Hungup(cause, null, null, null));

        assertThat(outcome.reason()).as("%s", cause).isEqualTo(expected);
        assertThat(outcome.status()).isEqualTo(expected.status());
        assertThat(outcome.sipStatus()).isNull();
        assertThat(outcome.explanation()).as("%s", cause).contains(words).contains("12.3 s");
    }
}
