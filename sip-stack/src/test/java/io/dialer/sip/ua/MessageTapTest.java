package io.dialer.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.testpeers.Sipp;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The message tap against a SIPp callee. Requirements checked:
 * - it sees every message of a call in order, over UDP and TCP: INVITE, 180, 200,
 *   the ACK (sent outside any transaction), BYE and its 200, each with the call's
 *   Call-ID, the transport, both addresses and the first line;
 * - inbound bytes are exactly the bytes received;
 * - a request too broken to parse and the 400 sent for it are traced with the
 *   Call-ID read from the raw message;
 * - a tap that throws does not disturb the call.
 */
class MessageTapTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private static InviteRequest invite(Sipp sipp, Transport transport) {
        Endpoint target = Endpoint.of(transport, new InetSocketAddress("127.0.0.1", sipp.port()));
        return InviteRequest.to("sip:service@127.0.0.1:" + sipp.port(), "sip:+15551230000@127.0.0.1", target);
    }

    /** Places a call, waits for the answer, hangs up; returns its Call-ID once SIPp is done. */
    private String answerAndHangUp(SipStack stack, InviteRequest request, Sipp uas) throws Exception {
        EventLog events = new EventLog(uas, dir);
        OutgoingCall call = stack.userAgent().invite(request, events);
        events.next(CallEvent.Answered.class, WAIT);
        call.hangup();
        CallEvent.Ended ended = events.next(CallEvent.Ended.class, WAIT);
        assertThat(ended.byeResponse().getStatusCode()).isEqualTo(200);
        assertThat(uas.waitFor(WAIT)).as("SIPp exit code\n%s", uas.output()).isZero();
        return call.callId();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void tapSeesEveryMessageOfACall(Transport transport) throws Exception {
        Queue<TracedMessage> traced = new ConcurrentLinkedQueue<>();
        try (Sipp uas = Sipp.server("builtin:uas", transport.toString(), 1, dir);
             SipStack stack = SipStack.start(StackSettings.defaults().withMessageTap(traced::add))) {
            Instant before = Instant.now();
            String callId = answerAndHangUp(stack, invite(uas, transport), uas);
            Instant after = Instant.now();

            List<TracedMessage> messages = List.copyOf(traced);
            assertThat(messages).extracting(m -> m.direction() + " " + m.firstLine().split(" ")[0]
                    + (m.firstLine().startsWith("SIP/2.0") ? " " + m.firstLine().split(" ")[1] : ""))
                    .containsExactly("OUT INVITE", "IN SIP/2.0 180", "IN SIP/2.0 200", "OUT ACK", "OUT BYE",
                            "IN SIP/2.0 200");
            InetSocketAddress peer = new InetSocketAddress("127.0.0.1", uas.port());
            assertThat(messages).allSatisfy(m -> {
                assertThat(m.callId()).isEqualTo(callId);
                assertThat(m.transport()).isEqualTo(transport);
                assertThat(m.local().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
                assertThat(new String(m.bytes(), StandardCharsets.UTF_8)).startsWith(m.firstLine() + "\r\n")
                        .contains("Call-ID: " + callId);
                assertThat(m.size()).isEqualTo(m.bytes().length);
            });
            assertThat(messages).filteredOn(m -> m.direction() == TracedMessage.Direction.OUT)
                    .allSatisfy(m -> {
                        assertThat(m.remote()).isEqualTo(peer);
                        assertThat(m.local()).isEqualTo(stack.localAddress(transport));
                    });
            // Over TCP SIPp answers from its own ephemeral port, over UDP from its listener.
            assertThat(messages).filteredOn(m -> m.direction() == TracedMessage.Direction.IN)
                    .allSatisfy(m -> assertThat(m.remote().getAddress()).isEqualTo(peer.getAddress()));
            assertThat(messages.get(0).firstLine()).isEqualTo("INVITE sip:service@127.0.0.1:" + uas.port() + " SIP/2.0");
            assertThat(messages).extracting(TracedMessage::at).allSatisfy(at -> assertThat(at).isBetween(before, after));
        }
    }

    @Test
    void brokenRequestAndIts400AreTracedWithTheirCallId() throws Exception {
        Queue<TracedMessage> traced = new ConcurrentLinkedQueue<>();
        CountDownLatch both = new CountDownLatch(2);
        MessageTap tap = m -> {
            traced.add(m);
            both.countDown();
        };
        try (SipStack stack = SipStack.start(StackSettings.defaults().withMessageTap(tap));
             DatagramSocket peer = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            peer.setSoTimeout((int) WAIT.toMillis());
            // Two CSeq headers: the decoder must refuse it with 400 (RFC 4475 §3.1.2.19, multi01).
            String request = """
                    OPTIONS sip:probe@127.0.0.1 SIP/2.0\r
                    Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK-broken\r
                    Max-Forwards: 70\r
                    From: <sip:probe@127.0.0.1>;tag=1\r
                    To: <sip:probe@127.0.0.1>\r
                    i: broken-1@test\r
                    CSeq: 1 OPTIONS\r
                    CSeq: 2 OPTIONS\r
                    Content-Length: 0\r
                    \r
                    """.formatted(peer.getLocalPort());
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            InetSocketAddress stackAddress = stack.localAddress(Transport.UDP);
            peer.send(new DatagramPacket(bytes, bytes.length, stackAddress));
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            peer.receive(reply);
            assertThat(both.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("traced %s", traced).isTrue();

            List<TracedMessage> messages = List.copyOf(traced);
            assertThat(messages).extracting(TracedMessage::direction)
                    .containsExactly(TracedMessage.Direction.IN, TracedMessage.Direction.OUT);
            assertThat(messages).extracting(TracedMessage::callId).containsOnly("broken-1@test");
            assertThat(messages.get(0).bytes()).isEqualTo(bytes);
            assertThat(messages.get(0).remote().getPort()).isEqualTo(peer.getLocalPort());
            assertThat(messages.get(0).local()).isEqualTo(stackAddress);
            assertThat(messages.get(1).firstLine()).startsWith("SIP/2.0 400");
            assertThat(messages.get(1).bytes()).isEqualTo(Arrays.copyOf(reply.getData(), reply.getLength()));
        }
    }

    @Test
    void aTapThatThrowsDoesNotDisturbTheCall() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        MessageTap failing = m -> {
            calls.incrementAndGet();
            throw new IllegalStateException("tap failure for the test");
        };
        try (Sipp uas = Sipp.server("builtin:uas", "udp", 1, dir);
             SipStack stack = SipStack.start(StackSettings.defaults().withMessageTap(failing))) {
            answerAndHangUp(stack, invite(uas, Transport.UDP), uas);
            assertThat(calls).hasValue(6);
        }
    }

    @Test
    void firstLineAndCallIdAreReadFromRawBytes() {
        byte[] raw = "BYE sip:a@b SIP/2.0\r\nVia: x\r\nCALL-ID :  abc@def \r\n\r\nCall-ID: body"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(MessageTracer.firstLine(raw)).isEqualTo("BYE sip:a@b SIP/2.0");
        assertThat(MessageTracer.callIdOf(raw)).isEqualTo("abc@def");
        assertThat(MessageTracer.callIdOf("BYE sip:a@b SIP/2.0\r\n\r\ni: in-body".getBytes(StandardCharsets.US_ASCII)))
                .isNull();
        assertThat(MessageTracer.callIdOf("garbage".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(MessageTracer.firstLine(new byte[0])).isEmpty();
    }
}
