package io.dialer.probe;

import io.dialer.core.TrunkAddress;
import io.dialer.sip.dns.SipResolutionException;
import io.dialer.sip.dns.SipResolver;
import io.dialer.sip.transport.Endpoint;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Check 2: where the trunk is, by the same RFC 3263 rules the dialer uses
 * (NAPTR, then SRV, then A/AAAA), and the order the targets will be tried in.
 */
final class DnsCheck {

    static final String NAME = "dns";

    /** The result and the targets in the order they will be tried (empty on failure). */
    record Outcome(CheckResult result, List<Endpoint> targets) {
    }

    Outcome run(TrunkAddress address, ProbeOptions options, EventLoop loop) {
        List<Endpoint> literal = address.literalEndpoints();
        if (!literal.isEmpty()) {
            // RFC 3263 §4.2: an IP address is used as is, with the URI's port or the default.
            return new Outcome(CheckResult.ok(NAME, address.host() + " is an IP address: no DNS lookup; target "
                    + describe(literal)), literal);
        }
        SipResolver.Builder builder = SipResolver.builder(loop);
        if (options.dnsServer() != null) {
            builder.nameServer(options.dnsServer());
        }
        long start = System.nanoTime();
        try (SipResolver resolver = builder.build()) {
            OptionalInt port = address.port() > 0 ? OptionalInt.of(address.port()) : OptionalInt.empty();
            Optional<io.dialer.sip.transport.Transport> transport = address.explicitTransport()
                    ? Optional.of(address.transport()) : Optional.empty();
            List<Endpoint> targets = resolver.resolve(address.host(), port, transport, false)
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            double ms = (System.nanoTime() - start) / 1e6;
            String how = port.isPresent() ? "A/AAAA (the URI has a port, so no SRV, RFC 3263 §4.2)"
                    : transport.isPresent() ? "SRV for " + address.transport().token().toLowerCase(java.util.Locale.ROOT)
                            + " then A/AAAA (RFC 3263 §4.2)"
                    : "NAPTR, SRV, then A/AAAA (RFC 3263 §4.1)";
            String found = port.isPresent() ? ""
                    : new DnsRecords(loop, options.dnsServer(), Duration.ofSeconds(3)).describe(address.host(), transport)
                    + "; ";
            CheckResult result = CheckResult.ok(NAME, address.host() + " via " + how + " in "
                    + String.format(java.util.Locale.ROOT, "%.0f ms", ms) + ": " + found + "will try in order: "
                    + describe(targets))
                    .with("lookup_ms", ms).with("targets", targets.size());
            return new Outcome(result, targets);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String evidence = cause instanceof SipResolutionException ? cause.getMessage()
                    : "resolving " + address.host() + " failed: " + cause.getMessage();
            return new Outcome(CheckResult.fail(NAME, evidence, "check the host name for typos and ask the provider "
                    + "for the SIP domain; 'dig SRV _sip._udp." + address.host() + "' and 'dig A " + address.host()
                    + "' show what DNS has; or put the IP address and port in the trunk URI"), List.of());
        } catch (TimeoutException e) {
            return new Outcome(CheckResult.fail(NAME, "no DNS answer for " + address.host() + " within 30 s",
                    "check that this machine can reach its DNS servers (/etc/resolv.conf)"), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(CheckResult.fail(NAME, "interrupted while resolving " + address.host(), null), List.of());
        }
    }

    static String describe(List<Endpoint> targets) {
        return targets.stream().map(Endpoint::toString).collect(Collectors.joining(", "));
    }
}
