package io.dialer.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.auth.Credentials;
import io.dialer.sip.testpeers.Kamailio;
import io.dialer.sip.testpeers.Sipp;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.TestCertificates;
import io.dialer.sip.transport.TlsSettings;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.ua.CallEvent;
import io.dialer.sip.ua.InviteRequest;
import io.dialer.sip.ua.OutgoingCall;
import io.dialer.sip.ua.SipStack;
import io.dialer.sip.ua.StackSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real call traced by {@link CallTraces} and written as a pcap file, read
 * back with tshark. Requirements checked:
 * - over UDP to a SIPp callee, every message of the call is in the file, in
 *   order (INVITE, 180, 200, ACK, BYE, 200), all with the call's Call-ID, and
 *   the trace's entries say the same;
 * - over TLS through an authenticating Kamailio trunk, every message is in the
 *   file in clear (the 407 round included), with the TLS Via the trunk saw;
 * - sngrep opens both files and finds the call as one dialog with all its messages.
 */
class CallPcapTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** Places a call whose trace is open before its INVITE leaves, answers it, hangs up. */
    private static SipTrace tracedCall(SipStack stack, CallTraces traces, InviteRequest request) throws Exception {
        BlockingQueue<CallEvent> events = new LinkedBlockingQueue<>();
        CompletableFuture<OutgoingCall> placed = new CompletableFuture<>();
        // invite() queues the INVITE on the core thread: opening the trace in the same
        // core-thread task puts it ahead of the send.
        stack.scheduler().execute(() -> {
            OutgoingCall call = stack.userAgent().invite(request, events::add);
            traces.open(call.callId(), Instant.now());
            placed.complete(call);
        });
        OutgoingCall call = placed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        await(events, CallEvent.Answered.class);
        call.hangup();
        CallEvent.Ended ended = await(events, CallEvent.Ended.class);
        assertThat(ended.byeResponse().getStatusCode()).isEqualTo(200);
        return traces.close(call.callId()).orElseThrow();
    }

    private static <T extends CallEvent> T await(BlockingQueue<CallEvent> events, Class<T> type) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            CallEvent e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT);
            }
            if (type.isInstance(e)) {
                return type.cast(e);
            }
            if (e instanceof CallEvent.Failed || e instanceof CallEvent.Ended) {
                throw new AssertionError("expected " + type.getSimpleName() + " but got " + e);
            }
        }
    }

    /** "METHOD|" or "|status" for each entry, as tshark prints sip.Method and sip.Status-Code. */
    private static List<String> methodsAndStatuses(SipTrace trace) {
        return trace.entries().stream().map(e -> e.firstLine().startsWith("SIP/2.0 ")
                ? "|" + e.firstLine().split(" ")[1] : e.firstLine().split(" ")[0] + "|").toList();
    }

    /** sngrep finds the call as one dialog and keeps every message of it. */
    private static void assertSngrepSeesOneDialog(Path pcap, List<String> messages) throws Exception {
        Sngrep.Result sngrep = Sngrep.read(pcap);
        assertThat(sngrep.dialogs()).as("dialogs sngrep found").isEqualTo(1);
        assertThat(Tshark.fields(sngrep.kept(), "sip", "sip.Method", "sip.Status-Code"))
                .containsExactlyElementsOf(messages);
    }

    @Test
    void udpCallIsWholeInThePcap() throws Exception {
        CallTraces traces = new CallTraces();
        try (Sipp callee = Sipp.server("builtin:uas", "udp", 1, dir);
             SipStack stack = SipStack.start(StackSettings.defaults().withMessageTap(traces))) {
            Endpoint target = Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", callee.port()));
            SipTrace trace = tracedCall(stack, traces,
                    InviteRequest.to("sip:service@127.0.0.1:" + callee.port(), "sip:+15551230000@127.0.0.1", target));
            assertThat(callee.waitFor(WAIT)).as("SIPp exit code\n%s", callee.output()).isZero();
            Path pcap = dir.resolve("call.pcap");
            trace.writePcap(pcap);

            List<String> expected = List.of("INVITE|", "|180", "|200", "ACK|", "BYE|", "|200");
            assertThat(methodsAndStatuses(trace)).containsExactlyElementsOf(expected);
            assertThat(trace.entries()).extracting(TraceEntry::dir)
                    .containsExactly("out", "in", "in", "out", "out", "in");
            assertThat(Tshark.fields(pcap, "sip", "sip.Method", "sip.Status-Code"))
                    .containsExactlyElementsOf(expected);
            assertThat(Tshark.fields(pcap, "sip", "sip.Call-ID")).hasSize(6).containsOnly(trace.sipCallId());
            assertSngrepSeesOneDialog(pcap, expected);
            assertThat(traces.openCount()).isZero();
        }
    }

    @Test
    void tlsCallIsWholeInThePcapInClear() throws Exception {
        TestCertificates ca = TestCertificates.newCa("dialer test CA");
        TestCertificates.PemFiles pem = ca.issueServer("trunk.test", InetAddress.getLoopbackAddress())
                .writePem(dir, "trunk");
        Path caPem = ca.writeCaPem(dir);
        CallTraces traces = new CallTraces();
        StackSettings settings = StackSettings.defaults().withMessageTap(traces);
        settings = settings.withTransport(settings.transport()
                .withTls(TlsSettings.defaults().withTrunkCaFile("trunk.test", caPem)));
        try (Sipp callee = Sipp.server("uas_record_route", "udp", 1, dir);
             Kamailio trunk = Kamailio.trunk(dir, "trunk.test", "alice", "s3cret-pw",
                     "sip:127.0.0.1:" + callee.port(), pem.certificateChain(), pem.privateKey());
             SipStack stack = SipStack.start(settings)) {
            Endpoint endpoint = new Endpoint(Transport.TLS, new InetSocketAddress("127.0.0.1", trunk.tlsPort()),
                    "trunk.test");
            InviteRequest request = new InviteRequest("sip:+15557654321@trunk.test", "sip:+15551230000@dialer.test",
                    null, Transport.TLS, List.of(endpoint), null, Optional.of(Credentials.of("alice", "s3cret-pw")),
                    Map.of());
            SipTrace trace = tracedCall(stack, traces, request);
            assertThat(callee.waitFor(WAIT)).as("SIPp exit code\n%s", callee.output()).isZero();
            Path pcap = dir.resolve("tls-call.pcap");
            trace.writePcap(pcap);

            List<String> seen = methodsAndStatuses(trace);
            // Kamailio relays responses from several worker processes: its 180 can arrive after
            // the 200 (and our ACK), so the 180 is only required to be there.
            assertThat(seen).containsSubsequence("INVITE|", "|407", "ACK|", "INVITE|", "|200", "ACK|", "BYE|", "|200")
                    .contains("|180");
            assertThat(trace.messages()).allSatisfy(m -> assertThat(m.transport()).isEqualTo(Transport.TLS));
            assertThat(Tshark.fields(pcap, "sip", "sip.Method", "sip.Status-Code")).containsExactlyElementsOf(seen);
            // Our requests carry our TLS Via: INVITE, ACK to the 407, INVITE, ACK, BYE.
            assertThat(Tshark.fields(pcap, "sip.Method", "sip.Via.transport")).hasSize(5).containsOnly("TLS");
            assertThat(Tshark.fields(pcap, "sip", "sip.Call-ID")).hasSize(seen.size()).containsOnly(trace.sipCallId());
            assertSngrepSeesOneDialog(pcap, seen);
        }
    }
}
