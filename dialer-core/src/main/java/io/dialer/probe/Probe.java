package io.dialer.probe;

import io.dialer.core.TrunkAddress;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.TlsSettings;
import io.dialer.sip.transport.Transport;
import io.dialer.sip.ua.SipStack;
import io.dialer.sip.ua.StackSettings;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code dialer probe}: runs the checks of issue 6 in order — URI, DNS,
 * transport (and TLS), OPTIONS, auth, an optional test call — and collects
 * one {@link CheckResult} each. A check that cannot run because an earlier
 * one failed is reported as skipped, naming that check.
 *
 * <pre>{@code
 * ProbeReport report = new Probe().run(ProbeOptions.of("sip:127.0.0.1:5062"));
 * System.out.println(report.summary());
 * }</pre>
 */
public final class Probe {

    /** Runs every check once; never throws for anything the trunk does. */
    public ProbeReport run(ProbeOptions options) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<CheckResult> results = new ArrayList<>();

        UriCheck.Outcome uri = new UriCheck().run(options);
        results.add(uri.result());
        if (uri.address() == null) {
            skipRest(results, options, UriCheck.NAME, false);
            return report(options, started, t0, results);
        }
        TrunkAddress address = uri.address();
        MultiThreadIoEventLoopGroup dnsLoop = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("probe-dns", true), NioIoHandler.newFactory());
        DnsCheck.Outcome dns;
        try {
            dns = new DnsCheck().run(address, options, dnsLoop.next());
        } finally {
            dnsLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        results.add(dns.result());
        if (dns.targets().isEmpty()) {
            skipRest(results, options, DnsCheck.NAME, address.transport() == Transport.TLS);
            return report(options, started, t0, results);
        }
        TransportCheck.Outcome transport = new TransportCheck().run(dns.targets(), options);
        results.addAll(transport.results());
        Endpoint first = transport.reachable();
        boolean tls = dns.targets().get(0).transport() == Transport.TLS;
        if (first == null) {
            skipRest(results, options, TransportCheck.NAME, tls);
            return report(options, started, t0, results);
        }
        var failed = transport.results().stream().filter(r -> r.verdict() == Verdict.FAIL).findFirst();
        if (failed.isPresent()) {
            skipRest(results, options, failed.get().name(), tls);
            return report(options, started, t0, results);
        }

        ProbeTap tap = new ProbeTap();
        boolean placeCall;
        try (SipStack stack = SipStack.start(stackSettings(options, tap))) {
            CheckResult optionsResult = new OptionsCheck().run(stack, tap, address, first, options);
            results.add(optionsResult);
            if (options.register()) {
                results.add(new RegisterCheck().run(stack, address, first, options));
            }
            CheckResult auth = new AuthCheck().run(stack, tap, address, dns.targets(), options);
            results.add(auth);
            placeCall = options.to() != null && auth.verdict() != Verdict.FAIL;
            if (options.to() == null) {
                results.add(CheckResult.skip(TestCallCheck.NAME, "no --to: no test call placed"));
            } else if (!placeCall) {
                results.add(CheckResult.skip(TestCallCheck.NAME, "the auth check failed"));
            }
        }
        if (placeCall) {
            results.addAll(new TestCallCheck().run(address, options));
        }
        return report(options, started, t0, results);
    }

    private static StackSettings stackSettings(ProbeOptions options, ProbeTap tap) {
        StackSettings s = StackSettings.defaults().withMessageTap(tap);
        if (options.dnsServer() != null) {
            s = s.withDnsServer(options.dnsServer());
        }
        if (options.caFile() != null) {
            s = s.withTransport(s.transport().withTls(TlsSettings.defaults().withTrustedCaFile(options.caFile())));
        }
        return s;
    }

    /** Every check not run yet, in order, skipped because {@code failed} failed. */
    private static void skipRest(List<CheckResult> results, ProbeOptions options, String failed, boolean tls) {
        List<String> order = new ArrayList<>(List.of(DnsCheck.NAME, TransportCheck.NAME));
        if (tls) {
            order.add(TlsInspector.NAME);
        }
        order.add(OptionsCheck.NAME);
        if (options.register()) {
            order.add("register");
        }
        order.add(AuthCheck.NAME);
        order.add(TestCallCheck.NAME);
        java.util.Set<String> done = new java.util.HashSet<>();
        results.forEach(r -> done.add(r.name()));
        for (String name : order) {
            if (!done.contains(name)) {
                results.add(CheckResult.skip(name, name.equals(TestCallCheck.NAME) && options.to() == null
                        ? "no --to: no test call placed" : "the " + failed + " check failed"));
            }
        }
    }

    private static ProbeReport report(ProbeOptions options, Instant started, long t0, List<CheckResult> results) {
        return new ProbeReport(options.trunk(), started, (System.nanoTime() - t0) / 1_000_000, results);
    }
}
