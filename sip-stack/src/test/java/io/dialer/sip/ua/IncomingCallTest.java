package io.dialer.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.testpeers.Sipp;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The UAS side (RFC 3261 §13.3) and inbound requests. Requirements checked:
 * - SIPp's built-in caller over UDP and TCP: we ring and answer, its ACK
 *   confirms the call, its BYE ends it; SIPp's scenario passes;
 * - a caller's CANCEL while we ring: 200 to the CANCEL, 487 to the INVITE,
 *   the call ends as rejected (RFC 3261 §9.2);
 * - an OPTIONS ping is answered 200 with Allow (RFC 3261 §11.2);
 * - two of our stacks: a call from one to the other, hung up by the callee
 *   with BYE; a re-INVITE offer reaches the callee's offer/answer callback.
 */
class IncomingCallTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] SDP = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\n").getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void sippCallerIsRungAnsweredAndHangsUp(Transport transport) throws Exception {
        try (SipStack stack = SipStack.start(StackSettings.defaults())) {
            EventLog events = new EventLog();
            stack.userAgent().onIncomingCall(call -> {
                call.onEvent(events);
                call.ringing();
                call.answer(SDP);
            });
            try (Sipp caller = Sipp.client("builtin:uac", transport.toString(),
                    stack.localAddress(transport).getPort(), 1, dir)) {
                events.next(CallEvent.Answered.class, WAIT);
                assertThat(events.next(CallEvent.Ended.class, WAIT).cause()).isEqualTo(CallEvent.EndCause.REMOTE_BYE);
                assertThat(caller.waitFor(WAIT)).as("SIPp exit code\n%s", caller.output()).isZero();
            }
        }
    }

    @Test
    void callerCancelWhileRingingGets487() throws Exception {
        try (SipStack stack = SipStack.start(StackSettings.defaults())) {
            EventLog events = new EventLog();
            stack.userAgent().onIncomingCall(call -> {
                call.onEvent(events);
                call.ringing();
            });
            try (Sipp caller = Sipp.client("uac_cancel", "udp", stack.localAddress(Transport.UDP).getPort(), 1, dir)) {
                CallEvent.Rejected rejected = events.next(CallEvent.Rejected.class, WAIT);
                assertThat(rejected.response().getStatusCode()).isEqualTo(487);
                assertThat(caller.waitFor(WAIT)).as("SIPp exit code\n%s\n%s", caller.output(), caller.messages(dir))
                        .isZero();
            }
        }
    }

    @Test
    void optionsPingIsAnsweredWithAllow() throws Exception {
        try (SipStack stack = SipStack.start(StackSettings.defaults());
             Sipp pinger = Sipp.client("uac_options", "udp", stack.localAddress(Transport.UDP).getPort(), 1, dir)) {
            assertThat(pinger.waitFor(WAIT)).as("SIPp exit code\n%s\n%s", pinger.output(), pinger.messages(dir))
                    .isZero();
        }
    }

    @Test
    void callBetweenTwoStacksHungUpByTheCalleeAndReInvited() throws Exception {
        CompletableFuture<byte[]> offerSeen = new CompletableFuture<>();
        OfferAnswer callee = (callId, offer) -> {
            offerSeen.complete(offer);
            return Optional.of(SDP);
        };
        try (SipStack a = SipStack.start(StackSettings.defaults());
             SipStack b = SipStack.start(StackSettings.defaults().withOfferAnswer(callee))) {
            EventLog calleeEvents = new EventLog();
            AtomicReference<IncomingCall> incoming = new AtomicReference<>();
            b.userAgent().onIncomingCall(call -> {
                incoming.set(call);
                call.onEvent(calleeEvents);
                call.answer(SDP);
            });
            Endpoint target = Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1",
                    b.localAddress(Transport.UDP).getPort()));
            EventLog callerEvents = new EventLog();
            OutgoingCall call = a.userAgent().invite(
                    InviteRequest.to("sip:b@127.0.0.1:" + target.address().getPort(), "sip:a@127.0.0.1", target)
                            .withSdp(SDP), callerEvents);

            assertThat(callerEvents.next(CallEvent.Answered.class, WAIT).response().getRawContent()).isEqualTo(SDP);
            calleeEvents.next(CallEvent.Answered.class, WAIT);

            CompletableFuture<gov.nist.javax.sip.message.SIPResponse> reinvite = new CompletableFuture<>();
            byte[] newOffer = new String(SDP, StandardCharsets.US_ASCII).replace("40000", "40002")
                    .getBytes(StandardCharsets.US_ASCII);
            call.reinvite(newOffer, reinvite::complete);
            assertThat(reinvite.get(10, TimeUnit.SECONDS).getStatusCode()).isEqualTo(200);
            assertThat(offerSeen.get(1, TimeUnit.SECONDS)).isEqualTo(newOffer);

            incoming.get().hangup();
            assertThat(calleeEvents.next(CallEvent.Ended.class, WAIT).cause()).isEqualTo(CallEvent.EndCause.LOCAL_BYE);
            assertThat(callerEvents.next(CallEvent.Ended.class, WAIT).cause()).isEqualTo(CallEvent.EndCause.REMOTE_BYE);
            assertThat(a.userAgent().activeCalls()).isZero();
            assertThat(b.userAgent().activeCalls()).isZero();
        }
    }
}
