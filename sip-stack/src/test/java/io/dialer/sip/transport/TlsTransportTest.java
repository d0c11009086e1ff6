package io.dialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.StandardConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over TLS (RFC 3261 §26.3.1, RFC 5922 §7). Checks:
 * <ul>
 *   <li>a round trip with the server certificate verified by chain and host name,
 *       addressed by DNS name (sent as SNI) and by IP address, with a global or per-trunk CA;</li>
 *   <li>the server certificate may come from PEM files, a KeyManagerFactory or memory;</li>
 *   <li>a host name the certificate does not name, and a CA we do not trust, fail the
 *       send with a TransportException saying so;</li>
 *   <li>a connection verified for one server name is never reused for another name on
 *       the same address;</li>
 *   <li>the server refuses a TLS 1.1 ClientHello with a protocol_version alert (RFC 8996).</li>
 * </ul>
 */
class TlsTransportTest {

    private static final String HOST = "sip.example.test";
    private static final String REQUEST = "OPTIONS sip:b@sip.example.test SIP/2.0\r\nContent-Length: 0\r\n\r\n";
    private static final String RESPONSE = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n";

    @TempDir
    static Path dir;
    private static Path caPem;
    private static TransportLayer server;
    private static final PacketQueue serverPackets = new PacketQueue();

    @BeforeAll
    static void startServer() {
        TestCertificates ca = TestCertificates.newCa("Test SIP CA");
        caPem = ca.writeCaPem(dir);
        TestCertificates.PemFiles pem = ca.issueServer(HOST, InetAddress.getLoopbackAddress()).writePem(dir, "server");
        TransportSettings settings = TransportSettings.defaults()
                .withPort(Transport.UDP, TransportSettings.DISABLED)
                .withPort(Transport.TCP, TransportSettings.DISABLED)
                .withPort(Transport.TLS, 0)
                .withTls(TlsSettings.defaults().withServer(pem.credentials()));
        server = TransportLayer.start(settings, serverPackets);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static TransportLayer client(TlsSettings tls) {
        return TransportLayer.start(TransportSettings.defaults()
                .withPort(Transport.UDP, TransportSettings.DISABLED)
                .withPort(Transport.TCP, TransportSettings.DISABLED)
                .withTls(tls), new PacketQueue());
    }

    private static Endpoint serverAs(String serverName) {
        return new Endpoint(Transport.TLS, server.localAddress(Transport.TLS), serverName);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void roundTripWithVerifiedCertificateAndHostName() throws Exception {
        PacketQueue clientPackets = new PacketQueue();
        try (TransportLayer client = TransportLayer.start(TransportSettings.defaults()
                .withPort(Transport.UDP, TransportSettings.DISABLED)
                .withPort(Transport.TCP, TransportSettings.DISABLED)
                .withTls(TlsSettings.defaults().withTrustedCaFile(caPem)), clientPackets)) {
            client.send(serverAs(HOST), ascii(REQUEST)).get(5, TimeUnit.SECONDS);
            InboundPacket request = serverPackets.next();
            assertThat(PacketQueue.text(request)).isEqualTo(REQUEST);
            assertThat(request.flow().transport()).isEqualTo(Transport.TLS);

            server.send(request.flow().replyEndpoint(), ascii(RESPONSE)).get(5, TimeUnit.SECONDS);
            InboundPacket response = clientPackets.next();
            assertThat(PacketQueue.text(response)).isEqualTo(RESPONSE);
            assertThat(client.connectionCount(Transport.TLS)).isEqualTo(1);
        }
    }

    @Test
    void ipAddressIsVerifiedAgainstTheIpSubjectAltName() throws Exception {
        try (TransportLayer client = client(TlsSettings.defaults().withTrustedCaFile(caPem))) {
            client.send(serverAs(null), ascii(REQUEST)).get(5, TimeUnit.SECONDS);
            assertThat(PacketQueue.text(serverPackets.next())).isEqualTo(REQUEST);
        }
    }

    @Test
    void trunkCaFileIsUsedForItsServerName() throws Exception {
        try (TransportLayer client = client(TlsSettings.defaults().withTrunkCaFile(HOST, caPem))) {
            client.send(serverAs(HOST), ascii(REQUEST)).get(5, TimeUnit.SECONDS);
            assertThat(PacketQueue.text(serverPackets.next())).isEqualTo(REQUEST);
        }
    }

    @Test
    void clientSendsTheServerNameAsSni() throws Exception {
        TestCertificates ca = TestCertificates.newCa("SNI CA");
        TestCertificates.Server cert = ca.issueServer(HOST, null);
        List<String> requested = new CopyOnWriteArrayList<>();
        try (SSLServerSocket jdkServer = jdkServer(cert, requested);
             TransportLayer client = client(TlsSettings.defaults().withTrustedCaFile(ca.writeCaPem(dir)))) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = jdkServer.accept()) {
                    return new String(s.getInputStream().readNBytes(REQUEST.length()), StandardCharsets.US_ASCII);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Endpoint to = new Endpoint(Transport.TLS, (InetSocketAddress) jdkServer.getLocalSocketAddress(), HOST);

            client.send(to, ascii(REQUEST)).get(5, TimeUnit.SECONDS);

            assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo(REQUEST);
            assertThat(requested).containsExactly(HOST);
        }
    }

    @Test
    void serverCertificateFromKeyManagerFactoryOrMemory() throws Exception {
        TestCertificates ca = TestCertificates.newCa("Memory CA");
        TestCertificates.Server cert = ca.issueServer(HOST, null);
        Path caFile = ca.writeCaPem(dir);
        for (TlsSettings.ServerCredentials credentials : List.of(cert.credentials(),
                new TlsSettings.ServerCredentials.KeyManagers(keyManagers(cert)))) {
            PacketQueue packets = new PacketQueue();
            try (TransportLayer other = TransportLayer.start(TransportSettings.defaults()
                    .withPort(Transport.UDP, TransportSettings.DISABLED)
                    .withPort(Transport.TCP, TransportSettings.DISABLED)
                    .withTls(TlsSettings.defaults().withServer(credentials))
                    .withPort(Transport.TLS, 0), packets);
                 TransportLayer client = client(TlsSettings.defaults().withTrustedCaFile(caFile))) {
                client.send(new Endpoint(Transport.TLS, other.localAddress(Transport.TLS), HOST), ascii(REQUEST))
                        .get(5, TimeUnit.SECONDS);
                assertThat(PacketQueue.text(packets.next())).as(credentials.getClass().getSimpleName())
                        .isEqualTo(REQUEST);
            }
        }
    }

    private static KeyManagerFactory keyManagers(TestCertificates.Server cert) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", cert.key(), password, cert.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        return kmf;
    }

    private static SSLServerSocket jdkServer(TestCertificates.Server cert, List<String> sniNames) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(cert).getKeyManagers(), null, null);
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(5000);
        SSLParameters params = socket.getSSLParameters();
        params.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
            @Override
            public boolean matches(SNIServerName name) {
                sniNames.add(new String(name.getEncoded(), StandardCharsets.US_ASCII));
                return true;
            }
        }));
        socket.setSSLParameters(params);
        return socket;
    }

    @Test
    void hostNameMismatchFailsTheSend() {
        try (TransportLayer client = client(TlsSettings.defaults().withTrustedCaFile(caPem))) {
            assertThatThrownBy(() -> client.send(serverAs("other.example.test"), ascii(REQUEST))
                    .get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("TLS handshake with " + hostPort() + " failed: "
                            + "certificate does not match host name");
        }
    }

    @Test
    void connectionVerifiedForOneNameIsNotReusedForAnother() throws Exception {
        try (TransportLayer client = client(TlsSettings.defaults().withTrustedCaFile(caPem))) {
            client.send(serverAs(HOST), ascii(REQUEST)).get(5, TimeUnit.SECONDS);
            Flow verifiedForHost = serverPackets.next().flow();

            // Same address, a name the certificate does not cover: a new handshake must
            // fail rather than ride on the connection verified for HOST (RFC 5922 §7.2).
            assertThatThrownBy(() -> client.send(serverAs("other.example.test"), ascii(REQUEST))
                    .get(5, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(TransportException.class)
                    .hasMessageStartingWith("TLS handshake with " + hostPort() + " failed: "
                            + "certificate does not match host name");

            // DNS names compare case-insensitively, so this reuses the HOST connection.
            client.send(serverAs(HOST.toUpperCase(Locale.ROOT)), ascii(REQUEST)).get(5, TimeUnit.SECONDS);
            assertThat(serverPackets.next().flow()).isEqualTo(verifiedForHost);
            assertThat(client.connectionCount(Transport.TLS)).isEqualTo(1);
        }
    }

    @Test
    void unknownCaFailsTheSend() {
        Path otherCa = TestCertificates.newCa("Some Other CA").writeCaPem(dir);
        try (TransportLayer client = client(TlsSettings.defaults().withTrustedCaFile(otherCa))) {
            assertThatThrownBy(() -> client.send(serverAs(HOST), ascii(REQUEST)).get(5, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(TransportException.class)
                    .hasMessage("TLS handshake with " + hostPort() + " failed: "
                            + "certificate is not trusted: unknown CA or incomplete chain");
        }
    }

    @Test
    void systemTrustStoreDoesNotTrustATestCa() {
        try (TransportLayer client = client(TlsSettings.defaults())) {
            assertThatThrownBy(() -> client.send(serverAs(HOST), ascii(REQUEST)).get(5, TimeUnit.SECONDS))
                    .cause()
                    .hasMessageContaining("certificate is not trusted");
        }
    }

    @Test
    void tls11ClientHelloIsRefusedWithProtocolVersionAlert() throws Exception {
        try (Socket raw = new Socket()) {
            raw.connect(server.localAddress(Transport.TLS), 5000);
            raw.setSoTimeout(5000);
            raw.getOutputStream().write(tls11ClientHello());

            InputStream in = raw.getInputStream();
            byte[] record = in.readNBytes(7);
            assertThat(record[0]).as("content type alert").isEqualTo((byte) 21);
            assertThat(record[5]).as("level fatal").isEqualTo((byte) 2);
            assertThat(record[6]).as("protocol_version").isEqualTo((byte) 70);
            assertThat(in.read()).as("connection closed").isEqualTo(-1);
        }
    }

    private static String hostPort() {
        InetSocketAddress a = server.localAddress(Transport.TLS);
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** A minimal ClientHello offering only TLS 1.1 (0x0302) with ECDHE-ECDSA and RSA CBC suites. */
    private static byte[] tls11ClientHello() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        b.writeShort(0x0302);              // client_version TLS 1.1
        b.write(new byte[32]);             // random
        b.writeByte(0);                    // empty session id
        b.writeShort(4);                   // two cipher suites
        b.writeShort(0xC009);              // TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
        b.writeShort(0x002F);              // TLS_RSA_WITH_AES_128_CBC_SHA
        b.writeByte(1);
        b.writeByte(0);                    // null compression
        byte[] extensions = {
            0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17,   // supported_groups: secp256r1
            0x00, 0x0b, 0x00, 0x02, 0x01, 0x00                // ec_point_formats: uncompressed
        };
        b.writeShort(extensions.length);
        b.write(extensions);
        byte[] hello = body.toByteArray();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.writeByte(22);                   // handshake record
        o.writeShort(0x0302);
        o.writeShort(hello.length + 4);
        o.writeByte(1);                    // ClientHello
        o.writeByte(0);
        o.writeShort(hello.length);
        o.write(hello);
        return out.toByteArray();
    }
}
