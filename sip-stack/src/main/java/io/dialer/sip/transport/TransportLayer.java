package io.dialer.sip.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bottom of the SIP stack (RFC 3261 §18): listens on UDP, TCP and TLS, delivers
 * every whole message it reads to a {@link PacketListener} and sends encoded
 * messages to an {@link Endpoint}. It knows bytes, not SIP.
 *
 * <p>One instance owns its event loop group and everything else; two layers in one
 * JVM share nothing. {@link #close()} releases all sockets and threads.
 */
public final class TransportLayer implements PacketSender, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransportLayer.class);

    private final TransportSettings settings;
    private final EventLoopGroup group;
    private final TransportCounters counters;
    private final UdpTransport udp;
    private final Map<Transport, StreamTransport> streams;

    private TransportLayer(TransportSettings settings, EventLoopGroup group, TransportCounters counters,
                           UdpTransport udp, Map<Transport, StreamTransport> streams) {
        this.settings = settings;
        this.group = group;
        this.counters = counters;
        this.udp = udp;
        this.streams = streams;
    }

    /** Starts without a transport error listener; errors then surface only through send futures. */
    public static TransportLayer start(TransportSettings settings, PacketListener listener) {
        return start(settings, listener, TransportErrorListener.IGNORE);
    }

    /**
     * Binds every enabled listener and returns once all are bound.
     *
     * @param errors hears transport errors that arrive after a send succeeded (ICMP
     *               port unreachable on UDP)
     * @throws IllegalArgumentException when TLS should listen but no server certificate is configured
     * @throws IllegalStateException naming the address when a bind or TLS setup fails
     */
    public static TransportLayer start(TransportSettings settings, PacketListener listener,
                                       TransportErrorListener errors) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(errors, "errors");
        if (settings.listens(Transport.TLS) && settings.tls().server() == null) {
            throw new IllegalArgumentException("a TLS listener needs server credentials (TlsSettings.withServer) "
                    + "or the TLS port set to DISABLED");
        }
        NativeIo io = NativeIo.select(settings.nativeTransport());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(settings.ioThreads(),
                new DefaultThreadFactory("sip-transport", true), io.handlerFactory());
        TransportCounters counters = new TransportCounters();
        UdpTransport udp = null;
        Map<Transport, StreamTransport> streams = new EnumMap<>(Transport.class);
        try {
            if (settings.listens(Transport.UDP)) {
                udp = new UdpTransport(io, group, settings,
                        () -> new DatagramHandler(listener, errors, settings.maxMessageBytes(), counters));
                udp.bind();
            }
            ConnectionLimit limit = new ConnectionLimit(settings.maxConnections());
            for (Transport t : new Transport[] {Transport.TCP, Transport.TLS}) {
                StreamTransport stream = new StreamTransport(t, io, group, settings, listener, counters, limit);
                streams.put(t, stream);
                if (settings.listens(t)) {
                    stream.bind();
                }
            }
        } catch (Exception e) {
            if (udp != null) {
                udp.close();
            }
            streams.values().forEach(StreamTransport::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("could not start SIP transports on "
                    + settings.bindAddress().getHostAddress() + ": " + e.getMessage(), e);
        }
        TransportLayer layer = new TransportLayer(settings, group, counters, udp, streams);
        log.info("SIP transport started ({}): udp={} tcp={} tls={}", io.name(),
                layer.describe(Transport.UDP), layer.describe(Transport.TCP), layer.describe(Transport.TLS));
        return layer;
    }

    @Override
    public CompletableFuture<Void> send(Endpoint destination, byte[] bytes) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length > settings.maxMessageBytes()) {
            return CompletableFuture.failedFuture(new TransportException(destination, "message of "
                    + bytes.length + " bytes exceeds the " + settings.maxMessageBytes() + "-byte limit", null));
        }
        if (destination.transport() == Transport.UDP) {
            if (udp == null) {
                return CompletableFuture.failedFuture(
                        new TransportException(destination, "udp is disabled in this stack", null));
            }
            return udp.send(destination, bytes);
        }
        return streams.get(destination.transport()).send(destination, bytes);
    }

    /**
     * The bound address of a listener (with the real port when 0 was configured).
     *
     * @throws IllegalStateException when that transport does not listen
     */
    @Override
    public InetSocketAddress localAddress(Transport transport) {
        InetSocketAddress address = transport == Transport.UDP
                ? (udp == null ? null : udp.localAddress())
                : streams.get(transport).localAddress();
        if (address == null) {
            throw new IllegalStateException(transport + " does not listen in this stack");
        }
        return address;
    }

    /**
     * Open connections of a stream transport (inbound and outbound), or connected UDP
     * flows for UDP.
     */
    public int connectionCount(Transport transport) {
        if (transport == Transport.UDP) {
            return udp == null ? 0 : udp.flowCount();
        }
        return streams.get(transport).connectionCount();
    }

    /** Completes when the stream connection now open for {@code remote} closes; at once if none is. */
    CompletableFuture<Void> whenConnectionClosed(Endpoint remote) {
        return streams.get(remote.transport()).whenClosed(remote);
    }

    /** What this layer dropped or refused, for metrics and diagnosis. */
    public TransportCounters counters() {
        return counters;
    }

    public TransportSettings settings() {
        return settings;
    }

    private String describe(Transport transport) {
        return settings.listens(transport) ? String.valueOf(localAddress(transport)) : "off";
    }

    /** Closes every listener and connection and stops the I/O threads; waits up to a few seconds. */
    @Override
    public void close() {
        if (udp != null) {
            udp.close();
        }
        streams.values().forEach(StreamTransport::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
