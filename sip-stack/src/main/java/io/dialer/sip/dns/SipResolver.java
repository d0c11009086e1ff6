package io.dialer.sip.dns;

import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locates SIP servers as RFC 3263 §4 describes: from a host, an optional port and
 * transport, and whether the URI is sips, to an ordered list of endpoints to try.
 *
 * <ul>
 * <li>numeric host: that address; the transport as given, else UDP (TLS for sips);
 *     the transport's default port unless one is given (§4.1, §4.2);</li>
 * <li>explicit port: A/AAAA only, no SRV (§4.2);</li>
 * <li>transport, no port: SRV for that transport, else A/AAAA on the default port (§4.2);</li>
 * <li>neither: NAPTR (SIP+D2U, SIP+D2T, SIPS+D2T), else SRV for every transport
 *     we support, else A/AAAA with UDP (TLS for sips) (§4.1).</li>
 * </ul>
 * SRV answers are ordered per RFC 2782 and each target's A/AAAA records (IPv4
 * first) become endpoints. For TLS the endpoint's server name is the SIP domain
 * the lookup started from, not the SRV target (RFC 5922 §4.1).
 *
 * <p>Thread-safe; the returned stages complete on the resolver's event loop, so
 * callers must not block in their callbacks.
 */
public final class SipResolver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipResolver.class);

    private final DnsNameResolver resolver;
    private final Random random;

    private SipResolver(Builder builder) {
        DnsNameResolverBuilder b = new DnsNameResolverBuilder(builder.eventLoop)
                .datagramChannelType(builder.datagramChannelType)
                // Large SRV/NAPTR answers arrive truncated over UDP; retry them over TCP.
                .socketChannelType(builder.socketChannelType)
                .resolvedAddressTypes(ResolvedAddressTypes.IPV4_PREFERRED)
                .queryTimeoutMillis(builder.queryTimeout.toMillis())
                .recursionDesired(true);
        if (builder.nameServer != null) {
            b.nameServerProvider(new SingletonDnsServerAddressStreamProvider(builder.nameServer))
                    // A fixed server is a private test DNS: the host's search list must not leak in.
                    .searchDomains(Collections.emptyList());
        }
        this.resolver = b.build();
        this.random = builder.random;
    }

    /** Starts a builder for a resolver whose queries run on {@code eventLoop}. */
    public static Builder builder(EventLoop eventLoop) {
        return new Builder(eventLoop);
    }

    /**
     * The ordered endpoints for a SIP or SIPS URI's host part.
     *
     * @param host      a domain name, IPv4 address, or IPv6 address with or without brackets
     * @param port      the URI's port, if it had one
     * @param transport the URI's transport parameter, if it had one
     * @param sips      true for a sips URI (only TLS may be used)
     * @return a stage completing with at least one endpoint, or failing with a
     *         {@link SipResolutionException} naming every lookup that came back empty,
     *         or an {@link IllegalArgumentException} for an impossible combination
     */
    public CompletionStage<List<Endpoint>> resolve(String host, OptionalInt port, Optional<Transport> transport,
                                                   boolean sips) {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(transport, "transport");
        Optional<Transport> wanted;
        String name;
        try {
            wanted = effectiveTransport(transport, sips);
            name = normalize(host);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        Trail trail = new Trail();
        CompletableFuture<List<Endpoint>> result;
        InetAddress literal = literal(name);
        if (literal != null) {
            Transport t = wanted.orElse(sips ? Transport.TLS : Transport.UDP);
            InetSocketAddress address = new InetSocketAddress(literal, port.orElse(t.defaultPort()));
            result = CompletableFuture.completedFuture(List.of(Endpoint.of(t, address)));
        } else if (port.isPresent()) {
            Transport t = wanted.orElse(sips ? Transport.TLS : Transport.UDP);
            result = addresses(name, t, port.getAsInt(), name, trail, "");
        } else if (wanted.isPresent()) {
            Transport t = wanted.get();
            result = srv(name, t, trail).thenCompose(found -> found.isEmpty()
                    ? addresses(name, t, t.defaultPort(), name, trail, "") : completed(found));
        } else {
            Transport fallback = sips ? Transport.TLS : Transport.UDP;
            // RFC 3263 §4.1 names the SRV fallback for "no NAPTR records"; we also take it
            // when NAPTRs exist but none leads anywhere, which is kinder to broken zones.
            result = naptr(name, sips, trail)
                    .thenCompose(found -> found.isEmpty() ? srvForEachTransport(name, sips, trail) : completed(found))
                    .thenCompose(found -> found.isEmpty()
                            ? addresses(name, fallback, fallback.defaultPort(), name, trail, "") : completed(found));
        }
        return result.thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.failedFuture(new SipResolutionException(name, trail.entries()));
            }
            List<Endpoint> unique = List.copyOf(new LinkedHashSet<>(found));
            log.debug("{} resolved to {}", name, unique);
            return completed(unique);
        });
    }

    /** As {@link #resolve}, wrapped in a {@link TargetList} for failover. */
    public CompletionStage<TargetList> resolveTargets(String host, OptionalInt port, Optional<Transport> transport,
                                                      boolean sips) {
        return resolve(host, port, transport, sips).thenApply(endpoints -> new TargetList(host, endpoints));
    }

    /** Closes the resolver's sockets; the event loop belongs to the caller and stays up. */
    @Override
    public void close() {
        resolver.close();
    }

    /** RFC 3263 §4.1: NAPTR, keeping the services we support, in order then preference. */
    private CompletableFuture<List<Endpoint>> naptr(String domain, boolean sips, Trail trail) {
        return records(domain, DnsRecordType.NAPTR, DnsRdata::decodeNaptr, "NAPTR " + domain, trail).thenCompose(naptrs -> {
            List<NaptrRecord> usable = naptrs.stream()
                    .filter(n -> n.terminalSrv() && !n.replacement().isEmpty() && transportOf(n, sips).isPresent())
                    .sorted(Comparator.comparingInt(NaptrRecord::order).thenComparingInt(NaptrRecord::preference))
                    .toList();
            if (!naptrs.isEmpty() && usable.isEmpty()) {
                trail.add("no usable NAPTR " + domain + " (services " + naptrs.stream().map(NaptrRecord::services).toList() + ")");
            }
            List<CompletableFuture<List<Endpoint>>> lookups = new ArrayList<>();
            for (NaptrRecord n : usable) {
                Transport t = transportOf(n, sips).orElseThrow();
                lookups.add(srvNamed(n.replacement(), domain, t, trail));
            }
            return concat(lookups);
        });
    }

    /** RFC 3263 §4.1: without NAPTR, SRV for each transport we support (only TLS for sips). */
    private CompletableFuture<List<Endpoint>> srvForEachTransport(String domain, boolean sips, Trail trail) {
        List<Transport> transports = sips ? List.of(Transport.TLS) : List.of(Transport.UDP, Transport.TCP, Transport.TLS);
        List<CompletableFuture<List<Endpoint>>> lookups = new ArrayList<>();
        for (Transport t : transports) {
            lookups.add(srv(domain, t, trail));
        }
        return concat(lookups);
    }

    private CompletableFuture<List<Endpoint>> srv(String domain, Transport transport, Trail trail) {
        return srvNamed(srvPrefix(transport) + domain, domain, transport, trail);
    }

    /** One SRV lookup, ordered per RFC 2782, each target expanded to its addresses. */
    private CompletableFuture<List<Endpoint>> srvNamed(String srvName, String domain, Transport transport, Trail trail) {
        return records(srvName, DnsRecordType.SRV, DnsRdata::decodeSrv, "SRV " + srvName, trail).thenCompose(srvs -> {
            List<SrvRecord> ordered = SrvOrdering.order(srvs, random);
            if (!srvs.isEmpty() && ordered.isEmpty()) {
                trail.add("SRV " + srvName + " says the service is not offered (target \".\")");
            }
            List<CompletableFuture<List<Endpoint>>> lookups = new ArrayList<>();
            for (SrvRecord r : ordered) {
                lookups.add(addresses(r.target(), transport, r.port(), domain, trail, " (SRV target of " + srvName + ")"));
            }
            return concat(lookups);
        });
    }

    /** A/AAAA for {@code name}; IPv4 first. */
    private CompletableFuture<List<Endpoint>> addresses(String name, Transport transport, int port, String sipDomain,
                                                        Trail trail, String why) {
        CompletableFuture<List<Endpoint>> out = new CompletableFuture<>();
        resolver.resolveAll(name).addListener((io.netty.util.concurrent.Future<List<InetAddress>> f) -> {
            if (!f.isSuccess() || f.getNow().isEmpty()) {
                trail.add(failure("A/AAAA " + name + why, f.isSuccess() ? null : f.cause()));
                out.complete(List.of());
                return;
            }
            // RFC 5922 §4.1: the certificate must match the SIP domain, not the SRV target.
            String serverName = transport.secure() ? sipDomain : null;
            List<Endpoint> endpoints = new ArrayList<>();
            for (InetAddress a : f.getNow()) {
                endpoints.add(new Endpoint(transport, new InetSocketAddress(a, port), serverName));
            }
            out.complete(endpoints);
        });
        return out;
    }

    /** Queries one raw record type and decodes every answer; malformed answers are skipped and noted. */
    private <T> CompletableFuture<List<T>> records(String name, DnsRecordType type, RdataDecoder<T> decoder,
                                                   String what, Trail trail) {
        CompletableFuture<List<T>> out = new CompletableFuture<>();
        resolver.resolveAll(new DefaultDnsQuestion(name, type)).addListener(
                (io.netty.util.concurrent.Future<List<DnsRecord>> f) -> {
                    if (!f.isSuccess()) {
                        trail.add(failure(what, f.cause()));
                        out.complete(List.of());
                        return;
                    }
                    List<T> decoded = new ArrayList<>();
                    for (DnsRecord r : f.getNow()) {
                        try {
                            if (r.type().equals(type) && r instanceof DnsRawRecord raw) {
                                decoded.add(decoder.decode(raw.content()));
                            }
                        } catch (DnsRdata.MalformedRdataException | RuntimeException e) {
                            // A bad answer costs that record only; the stage must still complete.
                            log.debug("skipping malformed {} answer: {}", what, e.toString());
                        } finally {
                            ReferenceCountUtil.release(r);
                        }
                    }
                    if (decoded.isEmpty()) {
                        trail.add("no " + what);
                    }
                    out.complete(decoded);
                });
        return out;
    }

    /**
     * One trail entry for a failed query. Netty reports NXDOMAIN, empty answers and
     * exhausted retries all as {@link UnknownHostException}; a timeout shows up as a
     * {@link DnsNameResolverTimeoutException} somewhere in the cause chain.
     */
    private static String failure(String what, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DnsNameResolverTimeoutException) {
                return what + " timed out";
            }
        }
        if (cause == null || cause instanceof UnknownHostException) {
            return "no " + what;
        }
        return what + " failed (" + cause.getMessage() + ")";
    }

    private static CompletableFuture<List<Endpoint>> concat(List<CompletableFuture<List<Endpoint>>> parts) {
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Endpoint> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(p.join()));
            return all;
        });
    }

    private static CompletableFuture<List<Endpoint>> completed(List<Endpoint> endpoints) {
        return CompletableFuture.completedFuture(endpoints);
    }

    /** RFC 3263 §4.1: the NAPTR services for SIP; a sips URI accepts only SIPS+D2T. */
    private static Optional<Transport> transportOf(NaptrRecord n, boolean sips) {
        String service = n.services().toUpperCase(Locale.ROOT);
        if (service.equals("SIPS+D2T")) {
            return Optional.of(Transport.TLS);
        }
        if (sips) {
            return Optional.empty();
        }
        if (service.equals("SIP+D2U")) {
            return Optional.of(Transport.UDP);
        }
        if (service.equals("SIP+D2T")) {
            return Optional.of(Transport.TCP);
        }
        return Optional.empty();
    }

    /** RFC 3263 §4.2 (and RFC 2782 naming): the SRV owner name prefix for a transport. */
    private static String srvPrefix(Transport transport) {
        return switch (transport) {
            case UDP -> "_sip._udp.";
            case TCP -> "_sip._tcp.";
            case TLS -> "_sips._tcp.";
        };
    }

    /**
     * RFC 3261 §26.2.2 / RFC 3263 §4.1: a sips URI must use TLS; transport=tcp on a
     * sips URI means TLS over TCP, and transport=udp is an error.
     */
    private static Optional<Transport> effectiveTransport(Optional<Transport> transport, boolean sips) {
        if (!sips || transport.isEmpty()) {
            return transport;
        }
        return switch (transport.get()) {
            case UDP -> throw new IllegalArgumentException("a sips URI cannot use transport=udp (RFC 3261 §26.2.2)");
            case TCP, TLS -> Optional.of(Transport.TLS);
        };
    }

    private static String normalize(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no host to resolve");
        }
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".") && h.length() > 1) {
            h = h.substring(0, h.length() - 1);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    private static InetAddress literal(String host) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @FunctionalInterface
    private interface RdataDecoder<T> {
        T decode(io.netty.buffer.ByteBuf rdata) throws DnsRdata.MalformedRdataException;
    }

    /** What each lookup of one resolution found missing; callbacks may run on different threads. */
    private static final class Trail {
        private final List<String> entries = Collections.synchronizedList(new ArrayList<>());

        void add(String entry) {
            entries.add(entry);
        }

        List<String> entries() {
            synchronized (entries) {
                return List.copyOf(entries);
            }
        }
    }

    /** Settings for a {@link SipResolver}; only the event loop is required. */
    public static final class Builder {
        private final EventLoop eventLoop;
        private InetSocketAddress nameServer;
        private Random random = new Random();
        private Duration queryTimeout = Duration.ofSeconds(3);
        private Class<? extends DatagramChannel> datagramChannelType = NioDatagramChannel.class;
        private Class<? extends SocketChannel> socketChannelType = NioSocketChannel.class;

        private Builder(EventLoop eventLoop) {
            this.eventLoop = Objects.requireNonNull(eventLoop, "eventLoop");
        }

        /** Ask only this server (tests: a dnsmasq on loopback); default: the system's name servers. */
        public Builder nameServer(InetSocketAddress nameServer) {
            this.nameServer = Objects.requireNonNull(nameServer, "nameServer");
            return this;
        }

        /** The source for RFC 2782 weighted selection; seed it for a reproducible order. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** How long one DNS query may take (default 3 s). */
        public Builder queryTimeout(Duration queryTimeout) {
            this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout");
            return this;
        }

        /**
         * The channel classes matching the event loop's I/O type (default NIO); an
         * epoll event loop needs {@code EpollDatagramChannel} and {@code EpollSocketChannel}.
         */
        public Builder channelTypes(Class<? extends DatagramChannel> datagram, Class<? extends SocketChannel> socket) {
            this.datagramChannelType = Objects.requireNonNull(datagram, "datagram");
            this.socketChannelType = Objects.requireNonNull(socket, "socket");
            return this;
        }

        public SipResolver build() {
            return new SipResolver(this);
        }
    }
}
