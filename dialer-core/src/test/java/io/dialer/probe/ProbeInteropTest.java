package io.dialer.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sim.SimSettings;
import io.dialer.sim.Simulator;
import io.dialer.sip.auth.Credentials;
import io.dialer.sip.dns.Dnsmasq;
import io.dialer.sip.testpeers.Sipp;
import io.dialer.sip.transport.Transport;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dialer probe} against real peers (issue 6). Each test checks the
 * verdict line of the check that matters and the exit code. Requirements:
 * - Kamailio as an authenticating trunk: right credentials pass (0), over UDP
 *   and TCP, with --register registering after the 401 (ok); a wrong
 *   password is "credentials rejected (second challenge)" for the INVITE and for
 *   REGISTER (2); a caller ID the
 *   trunk refuses after auth is "403 after auth" (2);
 * - Kamailio over TLS with a test CA: fails without --ca, passes with it,
 *   fails for a hostname mismatch and for an expired certificate (2);
 * - a test call through Kamailio to the simulator is answered (ok) and the
 *   media line reports the codec and the RTP the simulator echoed back (ok, 0);
 * - a closed UDP port (ICMP unreachable), a closed TCP port (refused) and a
 *   name dnsmasq does not know each fail their check (2), with later checks skipped;
 * - a name dnsmasq knows (SRV) resolves to the simulator, the records found are
 *   listed, and the probe passes;
 * - with two SRV targets, a dead first one is a warning (failover works, at a
 *   cost per call) and the later checks use the live one (exit 1);
 * - the auth INVITE is canceled at the first ringing (SIPp behind Kamailio sees
 *   the CANCEL and its scenario passes), so a probe rings nobody for long;
 * - a trunk that answers a wrong password with 403 and says so (the simulator,
 *   RFC 3261 §22.3) is reported as rejected credentials, not a caller-ID refusal.
 */
class ProbeInteropTest {

    @TempDir
    Path dir;

    private static Simulator callee() {
        return Simulator.start(SimSettings.defaults());
    }

    private static String uri(Simulator sim) {
        return "sip:127.0.0.1:" + sim.localAddress(Transport.UDP).getPort();
    }

    @Test
    void rightCredentialsPass() throws Exception {
        try (Simulator sim = callee(); ProbeTrunk trunk = ProbeTrunk.start(dir, uri(sim), null)) {
            ProbeRun r = ProbeRun.of("--trunk", "sip:127.0.0.1:" + trunk.port(),
                    "--username", ProbeTrunk.USER, "--password", ProbeTrunk.PASSWORD);
            assertThat(r.line("auth")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("  ok    auth").contains("credentials accepted").contains("407"));
            assertThat(r.line("options")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("  ok    options").contains("200 OK").contains("Allow: INVITE"));
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("summary: ok");

            ProbeRun tcp = ProbeRun.of("--trunk", "sip:127.0.0.1:" + trunk.port(), "--transport", "tcp", "--register",
                    "--username", ProbeTrunk.USER, "--password", ProbeTrunk.PASSWORD);
            assertThat(tcp.line("transport")).as(tcp.out()).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("  ok    transport").contains("TCP connected in"));
            assertThat(tcp.line("register")).as(tcp.out()).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("  ok    register").contains("registered sip:" + ProbeTrunk.USER + "@127.0.0.1")
                    .contains("200 OK").contains("binding kept for 60 s").contains("credentials accepted"));
            assertThat(tcp.verdict("auth")).as(tcp.out()).isEqualTo("ok");
            assertThat(tcp.exit()).as(tcp.out()).isZero();
        }
    }

    @Test
    void wrongPasswordIsRejectedBySecondChallenge() throws Exception {
        try (Simulator sim = callee(); ProbeTrunk trunk = ProbeTrunk.start(dir, uri(sim), null)) {
            ProbeRun r = ProbeRun.of("--trunk", "sip:127.0.0.1:" + trunk.port(), "--register",
                    "--username", ProbeTrunk.USER, "--password", "wrong");
            assertThat(r.line("auth")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("  fail  auth").contains("credentials rejected (second challenge)"));
            assertThat(r.line("register")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("  fail  register").contains("credentials rejected (second challenge)")
                    .contains("401"));
            assertThat(r.out()).contains("next: check --username and --password").doesNotContain("wrong");
            assertThat(r.exit()).isEqualTo(2);
        }
    }

    @Test
    void refusedCallerIdIs403AfterAuth() throws Exception {
        try (Simulator sim = callee(); ProbeTrunk trunk = ProbeTrunk.start(dir, uri(sim), null)) {
            ProbeRun r = ProbeRun.of("--trunk", "sip:127.0.0.1:" + trunk.port(), "--from", ProbeTrunk.BLOCKED_CALLER,
                    "--username", ProbeTrunk.USER, "--password", ProbeTrunk.PASSWORD);
            assertThat(r.line("auth")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("  fail  auth").contains("403 after auth: credentials accepted")
                    .contains("caller ID not allowed"));
            assertThat(r.exit()).isEqualTo(2);
        }
    }

    @Test
    void testCallIsAnsweredAndItsMediaChecked() throws Exception {
        try (Simulator sim = callee(); ProbeTrunk trunk = ProbeTrunk.start(dir, uri(sim), null)) {
            ProbeRun r = ProbeRun.of("--trunk", "sip:127.0.0.1:" + trunk.port(), "--to", "+12025550201",
                    "--username", ProbeTrunk.USER, "--password", ProbeTrunk.PASSWORD);
            assertThat(r.line("call")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("  ok    call").contains("answered").contains("agent_hangup"));
            // The simulator echoes our RTP: the codec and the packets that came back are reported.
            assertThat(r.line("media")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("  ok    media").contains("PCMU").containsPattern("received [1-9]"));
            assertThat(r.exit()).isZero();
        }
    }

    @Test
    void tlsNeedsTheCaAndChecksNameAndDates() throws Exception {
        ProbePki pki = new ProbePki("Probe Test CA");
        Path ca = pki.writeCa(dir);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Instant now = Instant.now();
        Path[] good = pki.issue(dir, "good", null, loopback, now.minus(1, ChronoUnit.HOURS), now.plus(90, ChronoUnit.DAYS));
        Path[] wrongName = pki.issue(dir, "wrong-name", "other.test", null, now.minus(1, ChronoUnit.HOURS),
                now.plus(90, ChronoUnit.DAYS));
        Path[] expired = pki.issue(dir, "expired", null, loopback, now.minus(40, ChronoUnit.DAYS),
                now.minus(10, ChronoUnit.DAYS));
        try (Simulator sim = callee()) {
            try (ProbeTrunk trunk = ProbeTrunk.start(dir, uri(sim), good)) {
                String tlsUri = "sip:127.0.0.1:" + trunk.tlsPort() + ";transport=tls";
                ProbeRun untrusted = ProbeRun.of("--trunk", tlsUri, "--username", ProbeTrunk.USER,
                        "--password", ProbeTrunk.PASSWORD);
                assertThat(untrusted.line("tls")).as(untrusted.out()).hasValueSatisfying(l -> assertThat(l)
                        .startsWith("  fail  tls").contains("does not lead to a trusted CA"));
                assertThat(untrusted.out()).contains("--ca FILE");
                assertThat(untrusted.exit()).isEqualTo(2);

                ProbeRun trusted = ProbeRun.of("--trunk", tlsUri, "--ca", ca.toString(), "--username", ProbeTrunk.USER,
                        "--password", ProbeTrunk.PASSWORD);
                assertThat(trusted.line("tls")).as(trusted.out()).hasValueSatisfying(l -> assertThat(l)
                        .startsWith("  ok    tls").contains("TLSv1.").contains("chain trusted")
                        .contains("name 127.0.0.1 matches").containsPattern("(89|90) days to expiry"));
                assertThat(trusted.line("auth")).as(trusted.out()).hasValueSatisfying(l -> assertThat(l)
                        .startsWith("  ok    auth").contains("credentials accepted"));
                assertThat(trusted.exit()).as(trusted.out()).isZero();
            }
            try (ProbeTrunk trunk = ProbeTrunk.start(dir, uri(sim), wrongName)) {
                ProbeRun r = ProbeRun.of("--trunk", "sip:127.0.0.1:" + trunk.tlsPort() + ";transport=tls",
                        "--ca", ca.toString());
                assertThat(r.line("tls")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                        .startsWith("  fail  tls").contains("does not name 127.0.0.1").contains("other.test"));
                assertThat(r.exit()).isEqualTo(2);
            }
            try (ProbeTrunk trunk = ProbeTrunk.start(dir, uri(sim), expired)) {
                ProbeRun r = ProbeRun.of("--trunk", "sip:127.0.0.1:" + trunk.tlsPort() + ";transport=tls",
                        "--ca", ca.toString());
                assertThat(r.line("tls")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                        .startsWith("  fail  tls").contains("EXPIRED 10 days ago"));
                assertThat(r.exit()).isEqualTo(2);
            }
        }
    }

    @Test
    void closedUdpPortIsIcmpUnreachable() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProbeRun r = ProbeRun.of("--trunk", "sip:127.0.0.1:" + port);
        assertThat(r.line("transport")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                .startsWith("  fail  transport").contains("ICMP port unreachable"));
        assertThat(r.verdict("options")).isEqualTo("skip");
        assertThat(r.verdict("auth")).isEqualTo("skip");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void closedTcpPortIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProbeRun r = ProbeRun.of("--trunk", "sip:127.0.0.1:" + port + ";transport=tcp");
        assertThat(r.line("transport")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                .startsWith("  fail  transport").contains("TCP connection refused"));
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void unknownNameFailsDns() throws Exception {
        try (Dnsmasq dns = Dnsmasq.start("--host-record=known.test,127.0.0.1")) {
            ProbeRun r = ProbeRun.of("--trunk", "sip:nowhere.test", "--dns-server",
                    "127.0.0.1:" + dns.address().getPort());
            assertThat(r.line("dns")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("  fail  dns").contains("no DNS records for nowhere.test")
                    .contains("NAPTR nowhere.test"));
            assertThat(r.verdict("transport")).isEqualTo("skip");
            assertThat(r.exit()).isEqualTo(2);
        }
    }

    @Test
    void srvNameResolvesToTheSimulatorAndPasses() throws Exception {
        try (Simulator sim = Simulator.start(SimSettings.defaults().withCredentials(Credentials.of("bob", "pw")))) {
            int port = sim.localAddress(Transport.UDP).getPort();
            try (Dnsmasq dns = Dnsmasq.start("--srv-host=_sip._udp.trunk.test,sip1.trunk.test," + port + ",10,60",
                    "--host-record=sip1.trunk.test,127.0.0.1")) {
                ProbeRun r = ProbeRun.of("--trunk", "sip:trunk.test", "--dns-server",
                        "127.0.0.1:" + dns.address().getPort(), "--username", "bob", "--password", "pw");
                assertThat(r.line("dns")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                        .startsWith("  ok    dns").contains("NAPTR none")
                        .contains("SRV _sip._udp.trunk.test 10 60 " + port + " sip1.trunk.test")
                        .contains("SRV _sip._tcp.trunk.test none")
                        .contains("will try in order: udp:127.0.0.1:" + port));
                assertThat(r.line("auth")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                        .startsWith("  ok    auth").contains("credentials accepted"));
                assertThat(r.exit()).as(r.out()).isZero();
            }
        }
    }

    @Test
    void forbiddenThatBlamesTheCredentialsIsRejectedCredentials() throws Exception {
        try (Simulator sim = Simulator.start(SimSettings.defaults().withCredentials(Credentials.of("bob", "pw")))) {
            ProbeRun r = ProbeRun.of("--trunk", uri(sim), "--username", "bob", "--password", "nope");
            assertThat(r.line("auth")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("  fail  auth").contains("credentials rejected (403 after auth")
                    .contains("wrong username or password"));
            assertThat(r.exit()).isEqualTo(2);
        }
    }

    @Test
    void authInviteIsCanceledAtTheFirstRing() throws Exception {
        try (Sipp callee = Sipp.server("uas_ring_forever", "udp", 1, dir);
             ProbeTrunk trunk = ProbeTrunk.start(dir, "sip:127.0.0.1:" + callee.port(), null)) {
            ProbeRun r = ProbeRun.of("--trunk", "sip:127.0.0.1:" + trunk.port(),
                    "--username", ProbeTrunk.USER, "--password", ProbeTrunk.PASSWORD);
            assertThat(r.line("auth")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                    .startsWith("  ok    auth").contains("credentials accepted")
                    .contains("180 Ringing").contains("canceled before answer"));
            assertThat(r.exit()).as(r.out()).isZero();
            // SIPp's scenario passes only if CANCEL came (200, 487) and the 487 was acknowledged.
            assertThat(callee.waitFor(Duration.ofSeconds(10))).as("SIPp exit\n%s", callee.output()).isZero();
        }
    }

    @Test
    void deadFirstSrvTargetIsAWarningWhenFailoverWorks() throws Exception {
        int closed;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (Simulator sim = callee()) {
            int port = sim.localAddress(Transport.UDP).getPort();
            try (Dnsmasq dns = Dnsmasq.start(
                    "--srv-host=_sip._udp.trunk.test,dead.trunk.test," + closed + ",10,60",
                    "--srv-host=_sip._udp.trunk.test,live.trunk.test," + port + ",20,60",
                    "--host-record=dead.trunk.test,127.0.0.1", "--host-record=live.trunk.test,127.0.0.1")) {
                ProbeRun r = ProbeRun.of("--trunk", "sip:trunk.test;transport=udp", "--dns-server",
                        "127.0.0.1:" + dns.address().getPort());
                assertThat(r.line("dns")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                        .contains("will try in order: udp:127.0.0.1:" + closed + ", udp:127.0.0.1:" + port));
                assertThat(r.line("transport")).as(r.out()).hasValueSatisfying(l -> assertThat(l)
                        .startsWith("  warn  transport").contains("udp:127.0.0.1:" + closed + ": ICMP port unreachable")
                        .contains("udp:127.0.0.1:" + port + " answered"));
                assertThat(r.out()).contains("udp:127.0.0.1:" + closed + " is unreachable: calls sent there fail over");
                assertThat(r.verdict("options")).as(r.out()).isEqualTo("ok");
                assertThat(r.verdict("auth")).as(r.out()).isEqualTo("ok");
                assertThat(r.exit()).isEqualTo(1);
            }
        }
    }
}
