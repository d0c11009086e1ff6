package io.dialer.sip.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 3263 server location against a real dnsmasq on 127.0.0.1. Requirements checked:
 * SRV ordering by priority with RFC 2782 weighted choice inside a priority (seeded,
 * over many picks); A records from host-record; transport-specific SRV
 * (_sip._udp, _sip._tcp, _sips._tcp with the SIP domain as TLS server name);
 * NAPTR → SRV → A in NAPTR order; SRV for each transport when there is no NAPTR;
 * A/AAAA on the default port when there is neither; numeric IPv4/IPv6 hosts without
 * DNS; an explicit port skipping SRV; NXDOMAIN failing with every lookup named, and
 * a silent server reported as a timeout rather than as missing records.
 */
class SipResolverTest {

    private static final long TIMEOUT_SECONDS = 10;

    private static Dnsmasq dns;
    private static EventLoopGroup group;

    @BeforeAll
    static void startDns() throws Exception {
        dns = Dnsmasq.start(
                // trunk.test: NAPTR prefers TCP (order 10) over UDP (order 20).
                "--naptr-record=trunk.test,10,50,s,SIP+D2T,,_sip._tcp.trunk.test",
                "--naptr-record=trunk.test,20,50,s,SIP+D2U,,_sip._udp.trunk.test",
                "--naptr-record=trunk.test,5,50,u,E2U+sip,!^.*$!sip:x@trunk.test!,",
                // UDP: two priorities; weights 60/20/20 inside priority 10.
                "--srv-host=_sip._udp.trunk.test,a.trunk.test,5070,10,60",
                "--srv-host=_sip._udp.trunk.test,b.trunk.test,5071,10,20",
                "--srv-host=_sip._udp.trunk.test,c.trunk.test,5072,10,20",
                "--srv-host=_sip._udp.trunk.test,d.trunk.test,5080,20,0",
                "--srv-host=_sip._tcp.trunk.test,tcp.trunk.test,5090,10,10",
                "--srv-host=_sips._tcp.trunk.test,tls.trunk.test,5091,10,10",
                "--host-record=a.trunk.test,127.0.0.1",
                "--host-record=b.trunk.test,127.0.0.2",
                "--host-record=c.trunk.test,127.0.0.3",
                "--host-record=d.trunk.test,127.0.0.4",
                "--host-record=tcp.trunk.test,127.0.0.5",
                "--host-record=tls.trunk.test,127.0.0.6,::1",
                "--host-record=trunk.test,127.0.0.9",
                // srvonly.test: no NAPTR, SRV for TCP only.
                "--srv-host=_sip._tcp.srvonly.test,tcp.trunk.test,5095,10,10",
                // plain.test: only an A record.
                "--host-record=plain.test,127.0.0.7");
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopDns() throws Exception {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private static SipResolver resolver(long seed) {
        return SipResolver.builder(group.next()).nameServer(dns.address()).random(new Random(seed)).build();
    }

    private static List<Endpoint> resolve(SipResolver r, String host, OptionalInt port, Optional<Transport> t,
                                          boolean sips) {
        try {
            return r.resolve(host, port, t, sips).toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            return fail("resolving " + host + " failed: " + e + "; dnsmasq said " + dns.output(), e);
        }
    }

    private static Throwable failure(SipResolver r, String host, OptionalInt port, Optional<Transport> t, boolean sips) {
        try {
            r.resolve(host, port, t, sips).toCompletableFuture().join();
            return fail("expected resolving " + host + " to fail");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    private static Endpoint ep(Transport t, String ip, int port, String serverName) {
        return new Endpoint(t, new InetSocketAddress(ip, port), serverName);
    }

    @Test
    void srvWithTwoPrioritiesIsOrderedByPriorityThenWeight() {
        Map<Integer, Integer> firstPorts = new HashMap<>();
        int runs = 400;
        try (SipResolver r = resolver(42)) {
            for (int i = 0; i < runs; i++) {
                List<Endpoint> targets = resolve(r, "trunk.test", OptionalInt.empty(), Optional.of(Transport.UDP), false);
                assertThat(targets).hasSize(4);
                assertThat(targets).allSatisfy(e -> {
                    assertThat(e.transport()).isEqualTo(Transport.UDP);
                    assertThat(e.serverName()).isNull();
                });
                assertThat(targets.subList(0, 3)).extracting(e -> e.address().getPort())
                        .containsExactlyInAnyOrder(5070, 5071, 5072);
                assertThat(targets.get(3)).isEqualTo(ep(Transport.UDP, "127.0.0.4", 5080, null));
                firstPorts.merge(targets.get(0).address().getPort(), 1, Integer::sum);
            }
        }
        // RFC 2782 weights 60/20/20: a is picked first about 60 % of the time.
        assertThat(firstPorts.get(5070)).isBetween(runs * 50 / 100, runs * 70 / 100);
        assertThat(firstPorts.get(5071)).isBetween(runs * 12 / 100, runs * 28 / 100);
        assertThat(firstPorts.get(5072)).isBetween(runs * 12 / 100, runs * 28 / 100);
    }

    @Test
    void sameSeedGivesTheSameOrder() {
        try (SipResolver one = resolver(7); SipResolver two = resolver(7)) {
            for (int i = 0; i < 5; i++) {
                assertThat(resolve(one, "trunk.test", OptionalInt.empty(), Optional.of(Transport.UDP), false))
                        .isEqualTo(resolve(two, "trunk.test", OptionalInt.empty(), Optional.of(Transport.UDP), false));
            }
        }
    }

    @Test
    void transportSpecificSrvAndTlsServerName() {
        try (SipResolver r = resolver(1)) {
            assertThat(resolve(r, "trunk.test", OptionalInt.empty(), Optional.of(Transport.TCP), false))
                    .containsExactly(ep(Transport.TCP, "127.0.0.5", 5090, null));
            // RFC 5922 §4.1: the certificate is checked against the SIP domain, not the SRV target.
            assertThat(resolve(r, "trunk.test", OptionalInt.empty(), Optional.of(Transport.TLS), false))
                    .containsExactly(ep(Transport.TLS, "127.0.0.6", 5091, "trunk.test"),
                            ep(Transport.TLS, "::1", 5091, "trunk.test"));
            // sips with transport=tcp means TLS over TCP.
            assertThat(resolve(r, "trunk.test", OptionalInt.empty(), Optional.of(Transport.TCP), true))
                    .first().isEqualTo(ep(Transport.TLS, "127.0.0.6", 5091, "trunk.test"));
        }
    }

    @Test
    void naptrThenSrvThenAddressesInNaptrOrder() {
        try (SipResolver r = resolver(3)) {
            List<Endpoint> targets = resolve(r, "trunk.test", OptionalInt.empty(), Optional.empty(), false);
            // order 10 (SIP+D2T) before order 20 (SIP+D2U); the E2U record is not for us.
            assertThat(targets.get(0)).isEqualTo(ep(Transport.TCP, "127.0.0.5", 5090, null));
            assertThat(targets.subList(1, targets.size())).hasSize(4)
                    .allSatisfy(e -> assertThat(e.transport()).isEqualTo(Transport.UDP));

            // A sips URI keeps only SIPS+D2T: none here, so SRV _sips._tcp is used.
            assertThat(resolve(r, "trunk.test", OptionalInt.empty(), Optional.empty(), true))
                    .first().isEqualTo(ep(Transport.TLS, "127.0.0.6", 5091, "trunk.test"));
        }
    }

    @Test
    void withoutNaptrEverySupportedTransportsSrvIsTried() {
        try (SipResolver r = resolver(3)) {
            assertThat(resolve(r, "srvonly.test", OptionalInt.empty(), Optional.empty(), false))
                    .containsExactly(ep(Transport.TCP, "127.0.0.5", 5095, null));
        }
    }

    @Test
    void withoutNaptrAndSrvTheAddressRecordIsUsedOnTheDefaultPort() {
        try (SipResolver r = resolver(3)) {
            assertThat(resolve(r, "plain.test", OptionalInt.empty(), Optional.empty(), false))
                    .containsExactly(ep(Transport.UDP, "127.0.0.7", 5060, null));
            assertThat(resolve(r, "plain.test", OptionalInt.empty(), Optional.of(Transport.TCP), false))
                    .containsExactly(ep(Transport.TCP, "127.0.0.7", 5060, null));
            assertThat(resolve(r, "PLAIN.test.", OptionalInt.empty(), Optional.empty(), true))
                    .containsExactly(ep(Transport.TLS, "127.0.0.7", 5061, "plain.test"));
        }
    }

    @Test
    void explicitPortUsesOnlyAddressRecords() {
        try (SipResolver r = resolver(3)) {
            // trunk.test has NAPTR and SRV, but RFC 3263 §4.2: a port means A/AAAA only.
            assertThat(resolve(r, "trunk.test", OptionalInt.of(5099), Optional.empty(), false))
                    .containsExactly(ep(Transport.UDP, "127.0.0.9", 5099, null));
            assertThat(resolve(r, "trunk.test", OptionalInt.of(5099), Optional.empty(), true))
                    .containsExactly(ep(Transport.TLS, "127.0.0.9", 5099, "trunk.test"));
        }
    }

    @Test
    void hostRecordWithPortAndTransport() {
        try (SipResolver r = resolver(3)) {
            assertThat(resolve(r, "a.trunk.test", OptionalInt.of(5070), Optional.of(Transport.TCP), false))
                    .containsExactly(ep(Transport.TCP, "127.0.0.1", 5070, null));
        }
    }

    @Test
    void numericHostsNeedNoDns() {
        try (SipResolver r = resolver(3)) {
            assertThat(resolve(r, "127.0.0.1", OptionalInt.empty(), Optional.empty(), false))
                    .containsExactly(ep(Transport.UDP, "127.0.0.1", 5060, null));
            assertThat(resolve(r, "[::1]", OptionalInt.empty(), Optional.of(Transport.TLS), false))
                    .containsExactly(ep(Transport.TLS, "::1", 5061, null));
            assertThat(resolve(r, "127.0.0.1", OptionalInt.of(5080), Optional.of(Transport.TCP), false))
                    .containsExactly(ep(Transport.TCP, "127.0.0.1", 5080, null));
            assertThat(resolve(r, "127.0.0.1", OptionalInt.empty(), Optional.empty(), true))
                    .containsExactly(ep(Transport.TLS, "127.0.0.1", 5061, null));
        }
    }

    @Test
    void nxdomainNamesEveryLookup() {
        try (SipResolver r = resolver(3)) {
            Throwable noTransport = failure(r, "nope.test", OptionalInt.empty(), Optional.empty(), false);
            assertThat(noTransport).isInstanceOf(SipResolutionException.class).hasMessage(
                    "no DNS records for nope.test: no NAPTR nope.test, no SRV _sip._udp.nope.test, "
                            + "no SRV _sip._tcp.nope.test, no SRV _sips._tcp.nope.test, no A/AAAA nope.test");
            assertThat(((SipResolutionException) noTransport).host()).isEqualTo("nope.test");

            assertThat(failure(r, "nope.test", OptionalInt.empty(), Optional.of(Transport.TCP), false))
                    .hasMessage("no DNS records for nope.test: no SRV _sip._tcp.nope.test, no A/AAAA nope.test");
            assertThat(failure(r, "nope.test", OptionalInt.of(5060), Optional.empty(), false))
                    .hasMessage("no DNS records for nope.test: no A/AAAA nope.test");
        }
    }

    @Test
    void aSilentServerIsReportedAsTimeoutNotAsMissingRecords() throws Exception {
        // A bound socket that never answers: every query runs into its timeout.
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(
                new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
             SipResolver r = SipResolver.builder(group.next())
                     .nameServer((InetSocketAddress) silent.getLocalSocketAddress())
                     .queryTimeout(java.time.Duration.ofMillis(200)).build()) {
            Throwable t = failure(r, "slow.test", OptionalInt.empty(), Optional.of(Transport.UDP), false);
            assertThat(t).isInstanceOf(SipResolutionException.class).hasMessage(
                    "could not resolve slow.test: SRV _sip._udp.slow.test timed out, A/AAAA slow.test timed out");
        }
    }

    @Test
    void impossibleCombinationsFailWithoutQuerying() {
        try (SipResolver r = resolver(3)) {
            assertThat(failure(r, "trunk.test", OptionalInt.empty(), Optional.of(Transport.UDP), true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transport=udp");
            assertThat(failure(r, " ", OptionalInt.empty(), Optional.empty(), false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no host");
        }
    }

    @Test
    void targetListWalksTheOrderAndDescribesIt() throws Exception {
        try (SipResolver r = resolver(3)) {
            TargetList list = r.resolveTargets("trunk.test", OptionalInt.empty(), Optional.of(Transport.UDP), false)
                    .toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(list.all()).hasSize(4);
            Endpoint first = list.next();
            Endpoint second = list.next();
            assertThat(list.hasNext()).isTrue();
            assertThat(list.tried()).containsExactly(first, second);
            assertThat(list.describe()).isEqualTo("trunk.test: tried 2 of 4 targets (" + first + ", " + second + ")");
        }
    }
}
