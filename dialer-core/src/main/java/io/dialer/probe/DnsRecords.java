package io.dialer.probe;

import io.dialer.sip.dns.DnsRdata;
import io.dialer.sip.transport.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The NAPTR and SRV records behind a SIP domain, for the DNS check's
 * evidence: what was found, next to the order {@code SipResolver} makes of it.
 * Only the lookups RFC 3263 §4.1/§4.2 would make for this URI are shown.
 */
final class DnsRecords {

    private final EventLoop loop;
    private final InetSocketAddress server;
    private final Duration timeout;

    DnsRecords(EventLoop loop, InetSocketAddress server, Duration timeout) {
        this.loop = loop;
        this.server = server;
        this.timeout = timeout;
    }

    /** E.g. "NAPTR none; SRV _sip._udp.trunk.test 10 60 5070 sip1.trunk.test". */
    String describe(String domain, Optional<Transport> transport) {
        DnsNameResolverBuilder b = new DnsNameResolverBuilder(loop).datagramChannelType(NioDatagramChannel.class)
                .queryTimeoutMillis(timeout.toMillis()).recursionDesired(true);
        if (server != null) {
            b.nameServerProvider(new SingletonDnsServerAddressStreamProvider(server))
                    .searchDomains(Collections.emptyList());
        }
        List<String> parts = new ArrayList<>();
        try (DnsNameResolver resolver = b.build()) {
            if (transport.isEmpty()) {
                parts.add("NAPTR " + join(lookup(resolver, domain, DnsRecordType.NAPTR, this::naptr)));
            }
            for (Transport t : transport.map(List::of).orElse(List.of(Transport.UDP, Transport.TCP, Transport.TLS))) {
                String name = (t == Transport.TLS ? "_sips._tcp." : t == Transport.TCP ? "_sip._tcp." : "_sip._udp.")
                        + domain;
                parts.add("SRV " + name + " " + join(lookup(resolver, name, DnsRecordType.SRV, this::srv)));
            }
        }
        return String.join("; ", parts);
    }

    private String naptr(DnsRawRecord r) {
        try {
            return DnsRdata.decodeNaptr(r.content()).toString();
        } catch (DnsRdata.MalformedRdataException e) {
            return "(malformed: " + e.getMessage() + ")";
        }
    }

    private String srv(DnsRawRecord r) {
        try {
            return DnsRdata.decodeSrv(r.content()).toString();
        } catch (DnsRdata.MalformedRdataException e) {
            return "(malformed: " + e.getMessage() + ")";
        }
    }

    private List<String> lookup(DnsNameResolver resolver, String name, DnsRecordType type,
                                Function<DnsRawRecord, String> decode) {
        List<String> out = new ArrayList<>();
        try {
            List<DnsRecord> records = resolver.resolveAll(new DefaultDnsQuestion(name, type))
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            for (DnsRecord r : records) {
                try {
                    if (r.type().equals(type) && r instanceof DnsRawRecord raw) {
                        out.add(decode.apply(raw));
                    }
                } finally {
                    ReferenceCountUtil.release(r);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // NXDOMAIN and "no such record" come back as failures: for the report that is "none".
        }
        return out;
    }

    private static String join(List<String> records) {
        return records.isEmpty() ? "none" : String.join(", ", records);
    }
}
