package io.dialer.sip.transport;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of one {@link TransportLayer}. Start from {@link #defaults()}
 * and change what differs with the {@code with...} methods.
 *
 * <p>The idle timeout defaults to 180 s: RFC 5626 §4.4.1 has clients on
 * connection-oriented transports send CRLF keep-alives every 95 to 120 s, so a flow
 * kept alive that way must survive a 120 s gap plus jitter and round trip, while
 * truly idle connections (a scanner, a peer that vanished) are reclaimed within a few
 * minutes. The cap on open connections bounds what idle peers can cost.
 *
 * @param bindAddress      the local address all listeners bind to
 * @param udpPort          UDP listen port; 0 picks an ephemeral port, {@link #DISABLED} turns UDP off
 * @param tcpPort          TCP listen port; 0 ephemeral, {@link #DISABLED} off
 * @param tlsPort          TLS listen port; 0 ephemeral, {@link #DISABLED} off; a TLS listener needs
 *                         {@link TlsSettings#server()} (checked when the layer starts)
 * @param connectTimeout   limit for a TCP connect (the TLS handshake gets the same again)
 * @param idleTimeout      a connection or UDP flow with no traffic either way for this long is closed
 * @param maxMessageBytes  largest message accepted on a stream or datagram (64 KiB; a UDP datagram carries at most 65507)
 * @param maxConnections   open TCP+TLS connections allowed at once, inbound and outbound together
 * @param ioThreads        Netty I/O threads shared by all transports of this layer
 * @param nativeTransport  use Linux epoll when available; false forces Java NIO
 * @param tls              TLS client trust and server credentials
 */
public record TransportSettings(InetAddress bindAddress, int udpPort, int tcpPort, int tlsPort,
                                Duration connectTimeout, Duration idleTimeout, int maxMessageBytes,
                                int maxConnections, int ioThreads, boolean nativeTransport, TlsSettings tls) {

    /** Port value that turns a listener off. */
    public static final int DISABLED = -1;

    public TransportSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        checkPort("udpPort", udpPort);
        checkPort("tcpPort", tcpPort);
        checkPort("tlsPort", tlsPort);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("idleTimeout", idleTimeout);
        if (maxMessageBytes < 1024 || maxMessageBytes > 1 << 20) {
            // below 1 KiB not even a small INVITE fits; the upper bound keeps per-connection memory bounded
            throw new IllegalArgumentException("maxMessageBytes must be within 1024..1048576: " + maxMessageBytes);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
        }
        if (ioThreads < 1 || ioThreads > 64) {
            throw new IllegalArgumentException("ioThreads must be within 1..64: " + ioThreads);
        }
        Objects.requireNonNull(tls, "tls");
    }

    /**
     * 127.0.0.1, ephemeral UDP and TCP ports, TLS off (it needs a certificate), 5 s connect
     * timeout, 180 s idle timeout, 64 KiB messages, 4096 connections, 2 I/O threads.
     */
    public static TransportSettings defaults() {
        return new TransportSettings(InetAddress.getLoopbackAddress(), 0, 0, DISABLED,
                Duration.ofSeconds(5), Duration.ofSeconds(180), 65_536, 4096,
                Math.min(2, Runtime.getRuntime().availableProcessors()), true, TlsSettings.defaults());
    }

    /** The configured listen port for a transport: 0 for ephemeral, {@link #DISABLED} when off. */
    public int port(Transport transport) {
        return switch (transport) {
            case UDP -> udpPort;
            case TCP -> tcpPort;
            case TLS -> tlsPort;
        };
    }

    public boolean listens(Transport transport) {
        return port(transport) != DISABLED;
    }

    public TransportSettings withBindAddress(InetAddress address) {
        return new TransportSettings(address, udpPort, tcpPort, tlsPort, connectTimeout, idleTimeout,
                maxMessageBytes, maxConnections, ioThreads, nativeTransport, tls);
    }

    /** Sets the listen port of one transport: 0 for ephemeral, {@link #DISABLED} to turn it off. */
    public TransportSettings withPort(Transport transport, int port) {
        return new TransportSettings(bindAddress,
                transport == Transport.UDP ? port : udpPort,
                transport == Transport.TCP ? port : tcpPort,
                transport == Transport.TLS ? port : tlsPort,
                connectTimeout, idleTimeout, maxMessageBytes, maxConnections, ioThreads, nativeTransport, tls);
    }

    public TransportSettings withConnectTimeout(Duration timeout) {
        return new TransportSettings(bindAddress, udpPort, tcpPort, tlsPort, timeout, idleTimeout,
                maxMessageBytes, maxConnections, ioThreads, nativeTransport, tls);
    }

    public TransportSettings withIdleTimeout(Duration timeout) {
        return new TransportSettings(bindAddress, udpPort, tcpPort, tlsPort, connectTimeout, timeout,
                maxMessageBytes, maxConnections, ioThreads, nativeTransport, tls);
    }

    public TransportSettings withMaxMessageBytes(int bytes) {
        return new TransportSettings(bindAddress, udpPort, tcpPort, tlsPort, connectTimeout, idleTimeout,
                bytes, maxConnections, ioThreads, nativeTransport, tls);
    }

    public TransportSettings withMaxConnections(int connections) {
        return new TransportSettings(bindAddress, udpPort, tcpPort, tlsPort, connectTimeout, idleTimeout,
                maxMessageBytes, connections, ioThreads, nativeTransport, tls);
    }

    public TransportSettings withIoThreads(int threads) {
        return new TransportSettings(bindAddress, udpPort, tcpPort, tlsPort, connectTimeout, idleTimeout,
                maxMessageBytes, maxConnections, threads, nativeTransport, tls);
    }

    public TransportSettings withNativeTransport(boolean useNative) {
        return new TransportSettings(bindAddress, udpPort, tcpPort, tlsPort, connectTimeout, idleTimeout,
                maxMessageBytes, maxConnections, ioThreads, useNative, tls);
    }

    public TransportSettings withTls(TlsSettings settings) {
        return new TransportSettings(bindAddress, udpPort, tcpPort, tlsPort, connectTimeout, idleTimeout,
                maxMessageBytes, maxConnections, ioThreads, nativeTransport, settings);
    }

    private static void checkPort(String name, int port) {
        if (port != DISABLED && (port < 0 || port > 65_535)) {
            throw new IllegalArgumentException(name + " must be 0..65535 or DISABLED: " + port);
        }
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
