package io.dialer.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.testpeers.Sipp;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interop with a real SIPp callee on 127.0.0.1. Requirements checked:
 * - a call over UDP and over TCP is answered, ACKed and hung up, and SIPp's
 *   own scenario check passes (exit code 0);
 * - a 200 retransmitted after our ACK is ACKed again, a 180 after the 200 is ignored;
 * - two 200s from two forks: both are ACKed, the second is hung up with BYE
 *   (RFC 3261 §13.2.2.4), the first stays up until we hang up;
 * - a BYE that races our ACK ends the call as a remote hangup;
 * - a 200 that crosses our CANCEL is ACKed and then hung up with BYE;
 * - a 481 to our CANCEL leaves the INVITE's own final response in charge;
 * - re-INVITE glare: we answer the peer's INVITE with 491 and retry ours
 *   after 2.1-4 s (RFC 3261 §14.1).
 */
class SippCallTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static InviteRequest invite(Sipp sipp, Transport transport) {
        Endpoint target = Endpoint.of(transport, new InetSocketAddress("127.0.0.1", sipp.port()));
        return InviteRequest.to("sip:service@127.0.0.1:" + sipp.port(), "sip:+15551230000@127.0.0.1", target);
    }

    private void assertSippPassed(Sipp sipp) throws InterruptedException {
        int code = sipp.waitFor(WAIT);
        assertThat(code).as("SIPp exit code (0 = scenario passed)\n%s\n%s", sipp.output(), sipp.messages(dir))
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void callIsAnsweredAckedAndHungUp(Transport transport) throws Exception {
        try (Sipp uas = Sipp.server("builtin:uas", transport.toString(), 1, dir);
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            EventLog events = new EventLog(uas, dir);
            OutgoingCall call = stack.userAgent().invite(invite(uas, transport), events);

            CallEvent.Answered answered = events.next(CallEvent.Answered.class, WAIT);
            assertThat(answered.response().getStatusCode()).isEqualTo(200);
            assertThat(events.seen()).first().isInstanceOfSatisfying(CallEvent.Provisional.class,
                    p -> assertThat(p.response().getStatusCode()).isEqualTo(180));

            call.hangup();
            CallEvent.Ended ended = events.next(CallEvent.Ended.class, WAIT);
            assertThat(ended.cause()).isEqualTo(CallEvent.EndCause.LOCAL_BYE);
            assertThat(ended.byeResponse().getStatusCode()).isEqualTo(200);
            assertSippPassed(uas);
        }
    }

    @Test
    void retransmitted200IsAckedAgainAndLate180Ignored() throws Exception {
        // -nr: SIPp would otherwise take our second, identical ACK for a retransmission of the
        // first and answer it with the 200 again, forever.
        try (Sipp uas = Sipp.server("uas_retransmit_200", "udp", 1, dir, "-nr");
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            EventLog events = new EventLog(uas, dir);
            OutgoingCall call = stack.userAgent().invite(invite(uas, Transport.UDP), events);
            events.next(CallEvent.Answered.class, WAIT);
            // SIPp sends the 200 again and expects a second ACK before its late 180;
            // it only waits for our BYE after both.
            waitForMessages(uas, "180 Ringing");
            call.hangup();
            assertThat(events.next(CallEvent.Ended.class, WAIT).cause()).isEqualTo(CallEvent.EndCause.LOCAL_BYE);
            assertThat(events.seen()).noneMatch(e -> e instanceof CallEvent.Provisional);
            assertSippPassed(uas);
        }
    }

    @Test
    void forked2xxIsAckedAndHungUpWhileTheFirstDialogStays() throws Exception {
        try (Sipp uas = Sipp.server("uas_forked_2xx", "udp", 1, dir);
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            EventLog events = new EventLog(uas, dir);
            OutgoingCall call = stack.userAgent().invite(invite(uas, Transport.UDP), events);
            CallEvent.Answered answered = events.next(CallEvent.Answered.class, WAIT);
            assertThat(answered.response().getToTag()).isEqualTo("fork-one");
            // SIPp checks: ACK for each fork, BYE for the second; once it has answered that BYE,
            // our hangup ends the first (earlier, our BYE could cross its 200 and confuse SIPp).
            awaitPeerSent(uas, "CSeq: 2 BYE");
            call.hangup();
            CallEvent.Ended ended = events.next(CallEvent.Ended.class, WAIT);
            assertThat(ended.byeResponse().getStatusCode()).isEqualTo(200);
            assertSippPassed(uas);
        }
    }

    @Test
    void byeBeforeOurAckEndsTheCallAsRemoteHangup() throws Exception {
        try (Sipp uas = Sipp.server("uas_bye_before_ack", "udp", 1, dir);
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            EventLog events = new EventLog(uas, dir);
            stack.userAgent().invite(invite(uas, Transport.UDP), events);
            // Hold our core thread (behind the INVITE it is about to send) until SIPp has sent
            // its BYE: the 200 and the BYE then wait in our queue, and our ACK goes out after
            // SIPp's BYE. Without this, the ACK could land between SIPp's two sends, which
            // SIPp itself treats as unexpected.
            stack.scheduler().execute(() -> awaitPeerSent(uas, "BYE sip:"));
            events.next(CallEvent.Answered.class, WAIT);
            CallEvent.Ended ended = events.next(CallEvent.Ended.class, WAIT);
            assertThat(ended.cause()).isEqualTo(CallEvent.EndCause.REMOTE_BYE);
            assertSippPassed(uas);
        }
    }

    @Test
    void twoHundredCrossingCancelIsAckedThenHungUp() throws Exception {
        try (Sipp uas = Sipp.server("uas_cancel_crossing", "udp", 1, dir);
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            java.util.concurrent.atomic.AtomicReference<OutgoingCall> ref = new java.util.concurrent.atomic.AtomicReference<>();
            // Cancel on the core thread when the 180 arrives, but only once SIPp has sent its 200
            // (SIPp aborts on a CANCEL that reaches it between its two sends). The 200 then waits
            // in our queue behind the CANCEL: the two cross.
            EventLog events = new EventLog(uas, dir).onEvent(e -> {
                if (e instanceof CallEvent.Provisional) {
                    awaitPeerSent(uas, "SIP/2.0 200 OK");
                    ref.get().cancel();
                }
            });
            ref.set(stack.userAgent().invite(invite(uas, Transport.UDP), events));
            events.next(CallEvent.Answered.class, WAIT);
            CallEvent.Ended ended = events.next(CallEvent.Ended.class, WAIT);
            assertThat(ended.cause()).isEqualTo(CallEvent.EndCause.LOCAL_BYE);
            assertThat(ended.byeResponse().getStatusCode()).isEqualTo(200);
            assertSippPassed(uas);
        }
    }

    @Test
    void a481ToCancelLeavesTheInviteFinalInCharge() throws Exception {
        try (Sipp uas = Sipp.server("uas_cancel_481", "udp", 1, dir);
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            java.util.concurrent.atomic.AtomicReference<OutgoingCall> ref = new java.util.concurrent.atomic.AtomicReference<>();
            EventLog events = new EventLog(uas, dir).onEvent(e -> {
                if (e instanceof CallEvent.Provisional) {
                    ref.get().cancel();
                }
            });
            ref.set(stack.userAgent().invite(invite(uas, Transport.UDP), events));
            CallEvent.Rejected rejected = events.next(CallEvent.Rejected.class, WAIT);
            assertThat(rejected.response().getStatusCode()).isEqualTo(486);
            assertSippPassed(uas);
            assertThat(stack.userAgent().activeCalls()).isZero();
        }
    }

    @Test
    void reInviteGlareIsAnswered491AndRetriedInTheRfcWindow() throws Exception {
        try (Sipp uas = Sipp.server("uas_reinvite_glare", "udp", 1, dir);
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            EventLog events = new EventLog(uas, dir);
            OutgoingCall call = stack.userAgent().invite(invite(uas, Transport.UDP), events);
            events.next(CallEvent.Answered.class, WAIT);

            java.util.concurrent.CompletableFuture<gov.nist.javax.sip.message.SIPResponse> result =
                    new java.util.concurrent.CompletableFuture<>();
            long start = System.nanoTime();
            call.reinvite("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII), result::complete);
            gov.nist.javax.sip.message.SIPResponse ok = result.get(15, java.util.concurrent.TimeUnit.SECONDS);
            double waited = (System.nanoTime() - start) / 1e9;
            assertThat(ok).isNotNull();
            assertThat(ok.getStatusCode()).isEqualTo(200);
            // RFC 3261 §14.1: the Call-ID owner retries no sooner than 2.1 s after the 491.
            assertThat(waited).isGreaterThanOrEqualTo(2.1);

            call.hangup();
            assertThat(events.next(CallEvent.Ended.class, WAIT).cause()).isEqualTo(CallEvent.EndCause.LOCAL_BYE);
            assertSippPassed(uas);
        }
    }

    /** Waits until SIPp has logged sending a message that contains the text. */
    private void awaitPeerSent(Sipp sipp, String text) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String block : sipp.messages(dir).split("-{20,}")) {
                if (block.contains("message sent") && block.contains(text)) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }

    private void waitForMessages(Sipp sipp, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !sipp.messages(dir).contains(text)) {
            Thread.sleep(20);
        }
        assertThat(sipp.messages(dir)).contains(text);
    }
}
