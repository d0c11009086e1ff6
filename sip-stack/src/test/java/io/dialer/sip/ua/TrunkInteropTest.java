package io.dialer.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.auth.Credentials;
import io.dialer.sip.dns.Dnsmasq;
import io.dialer.sip.testpeers.FreePort;
import io.dialer.sip.testpeers.Kamailio;
import io.dialer.sip.testpeers.Sipp;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.TestCertificates;
import io.dialer.sip.transport.TlsSettings;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.transaction.TimerSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same call through a trunk: Kamailio on 127.0.0.1 challenging INVITEs
 * with 407 and relaying to a SIPp callee. Requirements checked:
 * - over UDP and TCP the INVITE is answered after one digest retry, the ACK and
 *   BYE follow the Record-Route through Kamailio, and SIPp's scenario passes;
 * - a wrong password ends the call as an auth rejection after the second 407 (no loop);
 * - a BYE the trunk challenges is resent with credentials (and none are sent unasked);
 * - over TLS to Kamailio's TLS listener, with the certificate chain and host
 *   name verified against a CA generated for the test;
 * - a trunk host name resolved through SRV records served by dnsmasq, the
 *   first target down (ICMP port unreachable), the call failing over to the second;
 *   and over three targets: silence (Timer B), then 503, then an answer.
 */
class TrunkInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String REALM = "trunk.test";
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret-pw";

    @TempDir
    Path dir;

    private static InviteRequest viaTrunk(Endpoint trunk, String password) {
        return new InviteRequest("sip:+15557654321@trunk.test", "sip:+15551230000@dialer.test", null,
                trunk.transport(), List.of(trunk), null, Optional.of(Credentials.of(USER, password)), Map.of());
    }

    private void assertSippPassed(Sipp sipp) throws InterruptedException {
        assertThat(sipp.waitFor(WAIT)).as("SIPp exit code (0 = scenario passed)\n%s\n%s", sipp.output(),
                sipp.messages(dir)).isZero();
    }

    private static void answerAndHangUp(SipStack stack, InviteRequest request, EventLog events) throws Exception {
        OutgoingCall call = stack.userAgent().invite(request, events);
        CallEvent.Answered answered = events.next(CallEvent.Answered.class, WAIT);
        assertThat(answered.response().getStatusCode()).isEqualTo(200);
        // Kamailio's UDP workers may hand a BYE sent right after the ACK to the callee
        // first, and SIPp then aborts; hang up once the callee has the ACK.
        events.awaitPeerLogged("ACK sip:", WAIT);
        call.hangup();
        CallEvent.Ended ended = events.next(CallEvent.Ended.class, WAIT);
        assertThat(ended.cause()).isEqualTo(CallEvent.EndCause.LOCAL_BYE);
        assertThat(ended.failure()).as("BYE failure").isNull();
        assertThat(ended.byeResponse().getStatusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void authenticatedCallThroughKamailio(Transport transport) throws Exception {
        try (Sipp callee = Sipp.server("uas_record_route", "udp", 1, dir);
             Kamailio trunk = Kamailio.trunk(dir, REALM, USER, PASSWORD, "sip:127.0.0.1:" + callee.port(), null, null);
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            Endpoint endpoint = Endpoint.of(transport, new InetSocketAddress("127.0.0.1", trunk.udpPort()));
            EventLog events = new EventLog(callee, dir);
            answerAndHangUp(stack, viaTrunk(endpoint, PASSWORD), events);
            assertThat(events.seen()).noneMatch(e -> e instanceof CallEvent.Rejected);
            assertSippPassed(callee);
            assertThat(trunk.output()).contains("authenticated alice");
            // Credentials go only where asked for (and on the ACK, which RFC 3261 §13.2.2.4
            // says must carry the INVITE's): the BYE reaches the callee without them.
            assertThat(callee.messages(dir).split("-{20,}"))
                    .filteredOn(m -> m.contains("BYE sip:")).singleElement().asString()
                    .doesNotContain("Proxy-Authorization");
        }
    }

    @Test
    void trunkChallengingWithSha256IsAnswered() throws Exception {
        // RFC 8760: SIP digest with SHA-256, checked by Kamailio's auth module (its 5.6 build
        // offers MD5 and SHA-256 only, so SHA-512-256 is covered by AuthSessionTest alone).
        String algorithm = "SHA-256";
        try (Sipp callee = Sipp.server("uas_record_route", "udp", 1, dir);
             Kamailio trunk = Kamailio.trunk(dir, REALM, USER, PASSWORD, "sip:127.0.0.1:" + callee.port(), null, null,
                     false, algorithm);
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            Endpoint endpoint = Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", trunk.udpPort()));
            answerAndHangUp(stack, viaTrunk(endpoint, PASSWORD), new EventLog(callee, dir));
            assertSippPassed(callee);
            assertThat(trunk.output()).contains("authenticated alice for");
            assertThat(callee.messages(dir)).contains("algorithm=SHA-256");
        }
    }

    @Test
    void byeChallengedByTheTrunkIsAnsweredWithCredentials() throws Exception {
        try (Sipp callee = Sipp.server("uas_record_route", "udp", 1, dir);
             Kamailio trunk = Kamailio.trunk(dir, REALM, USER, PASSWORD, "sip:127.0.0.1:" + callee.port(), null, null,
                     true);
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            Endpoint endpoint = Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", trunk.udpPort()));
            answerAndHangUp(stack, viaTrunk(endpoint, PASSWORD), new EventLog(callee, dir));
            assertSippPassed(callee);
            assertThat(trunk.output()).contains("authenticated alice for BYE");
        }
    }

    @Test
    void wrongPasswordIsRejectedAfterTheSecondChallenge() throws Exception {
        try (Kamailio trunk = Kamailio.trunk(dir, REALM, USER, PASSWORD, "sip:127.0.0.1:9", null, null);
             SipStack stack = SipStack.start(StackSettings.defaults())) {
            Endpoint endpoint = Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", trunk.udpPort()));
            EventLog events = new EventLog();
            stack.userAgent().invite(viaTrunk(endpoint, "wrong"), events);
            CallEvent.Failed failed = events.next(CallEvent.Failed.class, WAIT);
            assertThat(failed.failure()).isInstanceOfSatisfying(CallFailure.AuthRejected.class, a -> {
                assertThat(a.challenge().getStatusCode()).isEqualTo(407);
                assertThat(a.reason()).contains("trunk.test").doesNotContain("wrong");
            });
        }
    }

    @Test
    void tlsCallThroughKamailioWithVerifiedCertificate() throws Exception {
        TestCertificates ca = TestCertificates.newCa("dialer test CA");
        TestCertificates.PemFiles pem = ca.issueServer("trunk.test", InetAddress.getLoopbackAddress())
                .writePem(dir, "trunk");
        Path caPem = ca.writeCaPem(dir);
        try (Sipp callee = Sipp.server("uas_record_route", "udp", 1, dir);
             Kamailio trunk = Kamailio.trunk(dir, REALM, USER, PASSWORD, "sip:127.0.0.1:" + callee.port(),
                     pem.certificateChain(), pem.privateKey());
             SipStack stack = SipStack.start(StackSettings.defaults().withTransport(StackSettings.defaults()
                     .transport().withTls(TlsSettings.defaults().withTrunkCaFile("trunk.test", caPem))))) {
            Endpoint endpoint = new Endpoint(Transport.TLS, new InetSocketAddress("127.0.0.1", trunk.tlsPort()),
                    "trunk.test");
            answerAndHangUp(stack, viaTrunk(endpoint, PASSWORD), new EventLog(callee, dir));
            assertSippPassed(callee);
        }
    }

    @Test
    void tlsToATrunkWhoseCertificateNamesAnotherHostFails() throws Exception {
        TestCertificates ca = TestCertificates.newCa("dialer test CA");
        TestCertificates.PemFiles pem = ca.issueServer("other.test", InetAddress.getLoopbackAddress())
                .writePem(dir, "other");
        Path caPem = ca.writeCaPem(dir);
        try (Kamailio trunk = Kamailio.trunk(dir, REALM, USER, PASSWORD, "sip:127.0.0.1:9",
                pem.certificateChain(), pem.privateKey());
             SipStack stack = SipStack.start(StackSettings.defaults().withTransport(StackSettings.defaults()
                     .transport().withTls(TlsSettings.defaults().withTrunkCaFile("trunk.test", caPem))))) {
            Endpoint endpoint = new Endpoint(Transport.TLS, new InetSocketAddress("127.0.0.1", trunk.tlsPort()),
                    "trunk.test");
            EventLog events = new EventLog();
            stack.userAgent().invite(viaTrunk(endpoint, PASSWORD), events);
            CallEvent.Failed failed = events.next(CallEvent.Failed.class, WAIT);
            assertThat(failed.failure().describe()).contains("does not match host name");
        }
    }

    @Test
    void srvResolvedTrunkFailsOverWhenTheFirstTargetIsDown() throws Exception {
        int deadPort = FreePort.pick();
        try (Sipp callee = Sipp.server("builtin:uas", "udp", 1, dir);
             Dnsmasq dns = Dnsmasq.start(
                     "--srv-host=_sip._udp.trunk.test,sip1.trunk.test," + deadPort + ",10,60",
                     "--srv-host=_sip._udp.trunk.test,sip2.trunk.test," + callee.port() + ",20,60",
                     "--host-record=sip1.trunk.test,127.0.0.1",
                     "--host-record=sip2.trunk.test,127.0.0.1");
             SipStack stack = SipStack.start(StackSettings.defaults().withDnsServer(dns.address()))) {
            InviteRequest request = new InviteRequest("sip:+15557654321@trunk.test", "sip:+15551230000@dialer.test",
                    null, Transport.UDP, List.of(), null, Optional.empty(), Map.of());
            answerAndHangUp(stack, request, new EventLog(callee, dir));
            assertSippPassed(callee);
        }
    }

    @Test
    void srvResolvedTrunkFailsOverOn503AndOnSilence() throws Exception {
        // RFC 3263 §4.3: a 503 before any provisional, or no answer at all, sends the
        // request to the next target. T1 = 10 ms makes Timer B (64*T1) 640 ms.
        TimerSettings fast = new TimerSettings(Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMillis(50),
                Duration.ofMillis(200));
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
             Sipp unavailable = Sipp.server("uas_503", "udp", 1, dir);
             Sipp callee = Sipp.server("builtin:uas", "udp", 1, dir);
             Dnsmasq dns = Dnsmasq.start(
                     "--srv-host=_sip._udp.trunk.test,sip1.trunk.test," + silent.getLocalPort() + ",10,60",
                     "--srv-host=_sip._udp.trunk.test,sip2.trunk.test," + unavailable.port() + ",20,60",
                     "--srv-host=_sip._udp.trunk.test,sip3.trunk.test," + callee.port() + ",30,60",
                     "--host-record=sip1.trunk.test,127.0.0.1",
                     "--host-record=sip2.trunk.test,127.0.0.1",
                     "--host-record=sip3.trunk.test,127.0.0.1");
             SipStack stack = SipStack.start(StackSettings.defaults().withDnsServer(dns.address()).withTimers(fast))) {
            InviteRequest request = new InviteRequest("sip:+15557654321@trunk.test", "sip:+15551230000@dialer.test",
                    null, Transport.UDP, List.of(), null, Optional.empty(), Map.of());
            answerAndHangUp(stack, request, new EventLog(callee, dir));
            assertThat(unavailable.waitFor(WAIT)).as("the 503 node saw our INVITE and ACK\n%s", unavailable.output())
                    .isZero();
            assertSippPassed(callee);
        }
    }

    @Test
    void aTargetThatTimedOutIsTriedLastByTheNextCalls() throws Exception {
        TimerSettings fast = new TimerSettings(Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMillis(50),
                Duration.ofMillis(200));
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
             Sipp callee = Sipp.server("builtin:uas", "udp", 2, dir);
             Dnsmasq dns = Dnsmasq.start(
                     "--srv-host=_sip._udp.trunk.test,sip1.trunk.test," + silent.getLocalPort() + ",10,60",
                     "--srv-host=_sip._udp.trunk.test,sip2.trunk.test," + callee.port() + ",20,60",
                     "--host-record=sip1.trunk.test,127.0.0.1",
                     "--host-record=sip2.trunk.test,127.0.0.1");
             SipStack stack = SipStack.start(StackSettings.defaults().withDnsServer(dns.address()).withTimers(fast))) {
            InviteRequest request = new InviteRequest("sip:+15557654321@trunk.test", "sip:+15551230000@dialer.test",
                    null, Transport.UDP, List.of(), null, Optional.empty(), Map.of());
            EventLog events = new EventLog(callee, dir);
            answerAndHangUp(stack, request, events);
            silent.setSoTimeout(300);
            int first = drain(silent);
            assertThat(first).as("the first call tried the silent server first").isPositive();
            answerAndHangUp(stack, request, new EventLog(callee, dir));
            assertThat(drain(silent)).as("the second call went straight to the live server").isZero();
            assertSippPassed(callee);
        }
    }

    private static int drain(java.net.DatagramSocket socket) throws java.io.IOException {
        int n = 0;
        byte[] buf = new byte[65535];
        while (true) {
            try {
                socket.receive(new java.net.DatagramPacket(buf, buf.length));
                n++;
            } catch (java.net.SocketTimeoutException e) {
                return n;
            }
        }
    }

    @Test
    void unresolvableTrunkFailsWithTheLookupsNamed() throws Exception {
        try (Dnsmasq dns = Dnsmasq.start("--host-record=other.test,127.0.0.1");
             SipStack stack = SipStack.start(StackSettings.defaults().withDnsServer(dns.address()))) {
            InviteRequest request = new InviteRequest("sip:+15557654321@missing.test", "sip:+15551230000@dialer.test",
                    null, Transport.UDP, List.of(), null, Optional.empty(), Map.of());
            EventLog events = new EventLog();
            stack.userAgent().invite(request, events);
            CallEvent.Failed failed = events.next(CallEvent.Failed.class, WAIT);
            assertThat(failed.failure()).isInstanceOf(CallFailure.ResolutionFailed.class);
            assertThat(failed.failure().describe()).contains("missing.test").contains("_sip._udp.missing.test");
        }
    }
}
