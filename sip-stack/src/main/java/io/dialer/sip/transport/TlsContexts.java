package io.dialer.sip.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Builds the TLS contexts of one layer from {@link TlsSettings}: the server context
 * for our listener, and client contexts per trust source (the default trust, or a
 * trunk's own CA file), each built once.
 */
final class TlsContexts {

    /** RFC 5922 §7.2 asks for the RFC 2818 (HTTPS) rules: SAN dNSName or iPAddress. */
    private static final String HOSTNAME_VERIFICATION = "HTTPS";

    private final TlsSettings settings;
    private final SslContext server;
    private final ConcurrentMap<Optional<Path>, SslContext> clients = new ConcurrentHashMap<>();

    TlsContexts(TlsSettings settings) throws SSLException {
        this.settings = settings;
        this.server = settings.server() == null ? null : buildServer(settings);
    }

    SslHandler serverHandler(ByteBufAllocator alloc) {
        return server.newHandler(alloc);
    }

    /**
     * A client handler that verifies the chain against the trust for this destination
     * and, unless disabled, that the certificate names {@code serverName} (or the IP
     * address when there is none), and sends that name as SNI.
     */
    SslHandler clientHandler(SslContext client, ByteBufAllocator alloc, Endpoint destination) {
        String serverName = destination.serverName();
        String peerHost = serverName != null ? serverName : destination.address().getAddress().getHostAddress();
        SslHandler handler = client.newHandler(alloc, peerHost, destination.address().getPort());
        SSLEngine engine = handler.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm(settings.verifyHostname() ? HOSTNAME_VERIFICATION : null);
        if (serverName != null) {
            params.setServerNames(List.of(new SNIHostName(serverName)));
        }
        engine.setSSLParameters(params);
        return handler;
    }

    /**
     * The client context trusting what this destination calls for: its trunk CA file when
     * one is named for its server name, else the configured CA file, else the system trust.
     *
     * @throws SSLException or IllegalArgumentException when a CA file cannot be loaded
     */
    SslContext clientContext(Endpoint destination) throws SSLException {
        String serverName = destination.serverName();
        Path ca = serverName == null ? null
                : settings.trunkCaFiles().get(serverName.toLowerCase(Locale.ROOT));
        if (ca == null) {
            ca = settings.trustedCaFile();
        }
        return client(Optional.ofNullable(ca));
    }

    private SslContext client(Optional<Path> ca) throws SSLException {
        SslContext existing = clients.get(ca);
        if (existing != null) {
            return existing;
        }
        SslContextBuilder b = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols(settings.protocols())
                .endpointIdentificationAlgorithm(settings.verifyHostname() ? HOSTNAME_VERIFICATION : null);
        // No trust manager set means the JVM's default trust store.
        ca.ifPresent(path -> b.trustManager(path.toFile()));
        SslContext built = b.build();
        SslContext raced = clients.putIfAbsent(ca, built);
        return raced != null ? raced : built;
    }

    private static SslContext buildServer(TlsSettings settings) throws SSLException {
        SslContextBuilder b;
        TlsSettings.ServerCredentials credentials = settings.server();
        if (credentials instanceof TlsSettings.ServerCredentials.PemFiles pem) {
            b = SslContextBuilder.forServer(pem.certificateChain().toFile(), pem.privateKey().toFile());
        } else if (credentials instanceof TlsSettings.ServerCredentials.KeyManagers km) {
            b = SslContextBuilder.forServer(km.factory());
        } else {
            TlsSettings.ServerCredentials.KeyAndChain kc = (TlsSettings.ServerCredentials.KeyAndChain) credentials;
            b = SslContextBuilder.forServer(kc.key(), kc.chain());
        }
        return b.sslProvider(SslProvider.JDK).protocols(settings.protocols()).build();
    }
}
