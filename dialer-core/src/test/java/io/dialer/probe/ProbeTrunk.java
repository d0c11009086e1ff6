package io.dialer.probe;

import io.dialer.sip.testpeers.FreePort;
import io.dialer.sip.testpeers.PeerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Kamailio 5.6 as the trunk the probe tests ({@code /kamailio-probe/trunk.cfg}):
 * OPTIONS answered, INVITEs challenged (407), one caller ID refused with 403
 * after authentication, then relayed to the callee; optionally a TLS listener
 * with the given certificate chain and key.
 */
final class ProbeTrunk extends PeerProcess {

    static final String REALM = "probe.test";
    static final String USER = "alice";
    static final String PASSWORD = "s3cret";
    static final String BLOCKED_CALLER = "+15550009999";

    private final int port;
    private final int tlsPort;

    private ProbeTrunk(List<String> command, Path dir, int port, int tlsPort) throws IOException {
        super("kamailio-probe-" + port, command, dir);
        this.port = port;
        this.tlsPort = tlsPort;
    }

    int port() {
        return port;
    }

    int tlsPort() {
        return tlsPort;
    }

    /** Starts the trunk relaying to {@code callee}; with {@code tls} = {chain, key} a TLS listener too. */
    static ProbeTrunk start(Path dir, String callee, Path[] tls) throws IOException, InterruptedException {
        // A port found free can be taken by another process before Kamailio binds it: try again.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(dir, callee, tls);
            } catch (IOException e) {
                if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static ProbeTrunk startOnce(Path dir, String callee, Path[] tls) throws IOException, InterruptedException {
        int port = FreePort.pick();
        int tlsPort = tls == null ? -1 : FreePort.pick();
        StringBuilder listen = new StringBuilder()
                .append("listen=udp:127.0.0.1:").append(port).append('\n')
                .append("listen=tcp:127.0.0.1:").append(port).append('\n');
        String tlsModule = "";
        if (tls != null) {
            listen.append("listen=tls:127.0.0.1:").append(tlsPort).append('\n').append("enable_tls=yes\n");
            Path tlsCfg = dir.resolve("kamailio-tls-" + tlsPort + ".cfg");
            Files.writeString(tlsCfg, """
                    [server:default]
                    method = TLSv1.2+
                    verify_certificate = no
                    require_certificate = no
                    private_key = %s
                    certificate = %s
                    """.formatted(tls[1].toAbsolutePath(), tls[0].toAbsolutePath()));
            tlsModule = "loadmodule \"tls.so\"\nmodparam(\"tls\", \"config\", \"" + tlsCfg.toAbsolutePath() + "\")\n";
        }
        String cfg;
        try (InputStream in = ProbeTrunk.class.getResourceAsStream("/kamailio-probe/trunk.cfg")) {
            cfg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        cfg = cfg.replace("@@LISTEN@@", listen).replace("@@TLS_MODULE@@", tlsModule)
                .replace("@@REALM@@", REALM).replace("@@USERNAME@@", USER).replace("@@PASSWORD@@", PASSWORD)
                .replace("@@BLOCKED_CALLER@@", BLOCKED_CALLER).replace("@@CALLEE@@", callee);
        Path cfgFile = dir.resolve("kamailio-probe-" + port + ".cfg");
        Files.writeString(cfgFile, cfg);
        ProbeTrunk trunk = new ProbeTrunk(List.of(program("kamailio"), "-f", cfgFile.toString(), "-DD", "-E",
                "-m", "64", "-M", "8", "-Y", dir.toString()), dir, port, tlsPort);
        trunk.awaitListening();
        return trunk;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IOException("kamailio exited at start:\n" + output());
            }
            if (udpTaken(port) && tcpListening(port) && (tlsPort < 0 || tcpListening(tlsPort))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("kamailio did not bind 127.0.0.1:" + port + ":\n" + output());
    }

    private static boolean udpTaken(int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return false;
        } catch (IOException taken) {
            return true;
        }
    }

    private static boolean tcpListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
