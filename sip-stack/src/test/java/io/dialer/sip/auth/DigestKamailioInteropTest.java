package io.dialer.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our digest answers checked by a real server: Kamailio 5.6's auth module on
 * 127.0.0.1, once with MD5 and once with SHA-256 (RFC 8760). Requirements checked:
 * a 407 to OPTIONS answered with Proxy-Authorization is accepted; a 401 to
 * REGISTER answered with Authorization is accepted; the cached nonce reused with
 * nc=00000002 on the next request is accepted (Kamailio checks nc); a wrong
 * password draws a second 407, which the session turns into a rejection instead of
 * a loop. Kamailio must be installed (Debian package kamailio); the test fails,
 * not skips, when it is missing.
 */
class DigestKamailioInteropTest {

    private static final String KAMAILIO = "/usr/sbin/kamailio";
    private static final String PASSWORD = "secret-pw";
    private static final String CONFIG = """
            #!KAMAILIO
            debug=2
            log_stderror=yes
            children=1
            mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
            loadmodule "sl.so"
            loadmodule "pv.so"
            loadmodule "textops.so"
            loadmodule "auth.so"
            modparam("auth", "algorithm", ALGORITHM)
            modparam("auth", "nonce_count", 1)
            request_route {
                if (is_method("REGISTER")) {
                    if (!pv_www_authenticate("$td", "%1$s", "0")) {
                        www_challenge("$td", "1");
                        exit;
                    }
                } else if (!pv_proxy_authenticate("$fd", "%1$s", "0")) {
                    proxy_challenge("$fd", "1");
                    exit;
                }
                if ($au != "alice") {
                    sl_send_reply("403", "Wrong user");
                    exit;
                }
                sl_send_reply("200", "Authenticated");
                exit;
            }
            """.formatted(PASSWORD);

    @TempDir
    Path dir;

    private final AtomicInteger branches = new AtomicInteger();

    @ParameterizedTest
    @ValueSource(strings = {"MD5", "SHA-256"})
    void kamailioAcceptsOurCredentials(String algorithm) throws Exception {
        try (Server server = Server.start(dir, algorithm); DatagramSocket socket = socket()) {
            DigestClient client = new DigestClient(List.of(Credentials.forRealm("alice", PASSWORD, "trunk.test")),
                    () -> "z9hG4bK" + branches.incrementAndGet());
            AuthSession session = client.newSession();

            SIPRequest options = request("OPTIONS", "sip:bob@trunk.test", 1, socket);
            SIPResponse challenge = exchange(socket, server, options, true);
            assertThat(challenge.getStatusCode()).isEqualTo(407);
            AuthOutcome outcome = session.onChallenge(options, challenge);
            assertThat(outcome).isInstanceOf(AuthOutcome.Retry.class);
            SIPRequest retry = ((AuthOutcome.Retry) outcome).authorized();
            assertThat(((AuthenticationHeader) retry.getHeader("Proxy-Authorization")).getAlgorithm()).isEqualTo(algorithm);
            assertThat(exchange(socket, server, retry, false).getStatusCode()).isEqualTo(200);

            // The next request of the same call reuses the nonce with nc=00000002.
            SIPRequest next = request("OPTIONS", "sip:bob@trunk.test", 3, socket);
            assertThat(session.authorize(next)).isEmpty();
            assertThat(((AuthenticationHeader) next.getHeader("Proxy-Authorization")).getParameter("nc")).isEqualTo("00000002");
            assertThat(exchange(socket, server, next, false).getStatusCode()).isEqualTo(200);

            SIPRequest register = request("REGISTER", "sip:trunk.test", 1, socket);
            SIPResponse unauthorized = exchange(socket, server, register, false);
            assertThat(unauthorized.getStatusCode()).isEqualTo(401);
            AuthOutcome registerOutcome = client.newSession().onChallenge(register, unauthorized);
            assertThat(registerOutcome).isInstanceOf(AuthOutcome.Retry.class);
            assertThat(exchange(socket, server, ((AuthOutcome.Retry) registerOutcome).authorized(), false)
                    .getStatusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA-256"})
    void aWrongPasswordEndsInARejectionNotALoop(String algorithm) throws Exception {
        try (Server server = Server.start(dir, algorithm); DatagramSocket socket = socket()) {
            AuthSession session = new DigestClient(List.of(Credentials.of("alice", "not-the-password")),
                    () -> "z9hG4bK" + branches.incrementAndGet()).newSession();
            SIPRequest options = request("OPTIONS", "sip:bob@trunk.test", 1, socket);
            AuthOutcome first = session.onChallenge(options, exchange(socket, server, options, true));
            SIPRequest retry = ((AuthOutcome.Retry) first).authorized();
            SIPResponse again = exchange(socket, server, retry, false);
            assertThat(again.getStatusCode()).isEqualTo(407);

            AuthOutcome second = session.onChallenge(retry, again);

            assertThat(second).isInstanceOfSatisfying(AuthOutcome.Rejected.class, r -> {
                assertThat(r.kind()).isEqualTo(AuthOutcome.Kind.CREDENTIALS_REJECTED);
                assertThat(r.reason()).isEqualTo("the trunk rejected our credentials for realm 'trunk.test' "
                        + "(user 'alice', second 407 after sending them)");
            });
        }
    }

    private static DatagramSocket socket() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(250);
        return socket;
    }

    private SIPRequest request(String method, String uri, long cseq, DatagramSocket socket) throws Exception {
        String text = method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK" + branches.incrementAndGet() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@trunk.test>;tag=interop\r\n"
                + "To: <" + (method.equals("REGISTER") ? "sip:alice@trunk.test" : uri) + ">\r\n"
                + "Call-ID: interop-" + method + "-" + cseq + "@127.0.0.1\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        return (SIPRequest) parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends and waits for the final response, retransmitting every 250 ms like RFC 3261
     * Timer E; {@code startup} allows Kamailio up to 15 s to start listening.
     */
    private static SIPResponse exchange(DatagramSocket socket, Server server, SIPRequest request, boolean startup)
            throws Exception {
        byte[] bytes = request.encode().getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startup ? 15 : 5);
        byte[] buffer = new byte[65535];
        while (System.nanoTime() < deadline) {
            socket.send(new DatagramPacket(bytes, bytes.length, server.address()));
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                SIPMessage message = parse(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                if (message instanceof SIPResponse response && response.getStatusCode() >= 200
                        && response.getCSeq().getSeqNumber() == request.getCSeq().getSeqNumber()) {
                    return response;
                }
            } catch (SocketTimeoutException e) {
                if (!server.alive()) {
                    throw new IllegalStateException("kamailio exited: " + server.log());
                }
            }
        }
        throw new IllegalStateException("no final response to " + request.getMethod() + " from kamailio: " + server.log());
    }

    private static SIPMessage parse(byte[] bytes) throws Exception {
        return new StringMsgParser().parseSIPMessage(bytes, true, false, null);
    }

    /** One Kamailio process on a free loopback port; close() stops it and the workers it forked. */
    private record Server(Process process, InetSocketAddress address, Path logFile) implements AutoCloseable {

        static Server start(Path dir, String algorithm) throws IOException {
            if (!new File(KAMAILIO).canExecute()) {
                throw new IllegalStateException("kamailio is not installed at " + KAMAILIO
                        + "; this interop test needs it: apt-get install kamailio");
            }
            Path config = dir.resolve("kamailio.cfg");
            Files.writeString(config, CONFIG.replace("ALGORITHM", "\"" + algorithm + "\""));
            int port;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                port = probe.getLocalPort();
            }
            Path log = dir.resolve("kamailio.log");
            Process process = new ProcessBuilder(KAMAILIO, "-f", config.toString(), "-DD", "-E",
                    "-l", "udp:127.0.0.1:" + port, "-Y", dir.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Server(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), log);
        }

        boolean alive() {
            return process.isAlive();
        }

        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() {
            List<ProcessHandle> workers = process.descendants().toList();
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }
}
