package io.dialer.sip.testpeers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Kamailio 5.6 as an authenticating SIP trunk on 127.0.0.1 (config in
 * {@code /kamailio/trunk.cfg}): INVITEs are challenged with 407, then
 * record-routed and relayed to the callee URI. Optionally with a TLS
 * listener using the given certificate and key (PEM files).
 */
public final class Kamailio extends PeerProcess {

    private final int udpPort;
    private final int tlsPort;

    private Kamailio(List<String> command, Path dir, int udpPort, int tlsPort) throws IOException {
        super("kamailio-" + udpPort, command, dir);
        this.udpPort = udpPort;
        this.tlsPort = tlsPort;
    }

    public int udpPort() {
        return udpPort;
    }

    /** The TCP port, equal to the UDP port. */
    public int tcpPort() {
        return udpPort;
    }

    public int tlsPort() {
        return tlsPort;
    }

    /**
     * Starts the trunk.
     *
     * @param callee   where authenticated INVITEs go, e.g. {@code sip:127.0.0.1:5080}
     * @param certPem  server certificate chain for TLS, or null for no TLS listener
     * @param keyPem   server private key for TLS
     */
    public static Kamailio trunk(Path dir, String realm, String username, String password, String callee,
                                 Path certPem, Path keyPem) throws IOException, InterruptedException {
        return trunk(dir, realm, username, password, callee, certPem, keyPem, false);
    }

    /** As {@link #trunk}, and with {@code challengeBye} the trunk also challenges BYE inside dialogs. */
    public static Kamailio trunk(Path dir, String realm, String username, String password, String callee,
                                 Path certPem, Path keyPem, boolean challengeBye)
            throws IOException, InterruptedException {
        return trunk(dir, realm, username, password, callee, certPem, keyPem, challengeBye, "MD5");
    }

    /**
     * As {@link #trunk}, challenging with a digest {@code algorithm} of Kamailio's
     * auth module: {@code MD5}, {@code SHA-256} or {@code SHA-512-256}.
     */
    public static Kamailio trunk(Path dir, String realm, String username, String password, String callee,
                                 Path certPem, Path keyPem, boolean challengeBye, String algorithm)
            throws IOException, InterruptedException {
        // A port found free can be taken by another process before Kamailio binds it: try again.
        for (int attempt = 1; ; attempt++) {
            try {
                return startTrunk(dir, realm, username, password, callee, certPem, keyPem, challengeBye, algorithm);
            } catch (IOException e) {
                if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static Kamailio startTrunk(Path dir, String realm, String username, String password, String callee,
                                       Path certPem, Path keyPem, boolean challengeBye, String algorithm)
            throws IOException, InterruptedException {
        int port = FreePort.pick();
        int tls = certPem == null ? -1 : FreePort.pick();
        StringBuilder listen = new StringBuilder()
                .append("listen=udp:127.0.0.1:").append(port).append('\n')
                .append("listen=tcp:127.0.0.1:").append(port).append('\n');
        String tlsModule = "";
        if (certPem != null) {
            listen.append("listen=tls:127.0.0.1:").append(tls).append('\n').append("enable_tls=yes\n");
            Path tlsCfg = dir.resolve("kamailio-tls.cfg");
            Files.writeString(tlsCfg, """
                    [server:default]
                    method = TLSv1.2+
                    verify_certificate = no
                    require_certificate = no
                    private_key = %s
                    certificate = %s

                    [client:default]
                    verify_certificate = no
                    require_certificate = no
                    """.formatted(keyPem.toAbsolutePath(), certPem.toAbsolutePath()));
            tlsModule = "loadmodule \"tls.so\"\nmodparam(\"tls\", \"config\", \"" + tlsCfg.toAbsolutePath() + "\")\n";
        }
        String cfg = template()
                .replace("@@LISTEN@@", listen)
                .replace("@@TLS_MODULE@@", tlsModule)
                .replace("@@IN_DIALOG_AUTH@@", challengeBye ? """
                        if (is_method("BYE")) {
                            if (!pv_proxy_authenticate("@@REALM@@", "@@PASSWORD@@", "0") || $au != "@@USERNAME@@") {
                                proxy_challenge("@@REALM@@", "1");
                                exit;
                            }
                            consume_credentials();
                            xlog("L_INFO", "authenticated $au for BYE\\n");
                        }
                        """ : "")
                .replace("@@ALGORITHM@@", algorithm)
                .replace("@@REALM@@", realm)
                .replace("@@USERNAME@@", username)
                .replace("@@PASSWORD@@", password)
                .replace("@@CALLEE@@", callee);
        Path cfgFile = dir.resolve("kamailio-" + port + ".cfg");
        Files.writeString(cfgFile, cfg);
        Kamailio k = new Kamailio(List.of(program("kamailio"), "-f", cfgFile.toString(), "-DD", "-E",
                "-m", "64", "-M", "8", "-Y", dir.toString()), dir, port, tls);
        k.awaitUdpBound();
        return k;
    }

    private void awaitUdpBound() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IOException("kamailio exited at start:\n" + output());
            }
            if (PortProbe.udpBound(udpPort) && PortProbe.tcpListening(udpPort)
                    && (tlsPort < 0 || PortProbe.tcpListening(tlsPort))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("kamailio did not bind 127.0.0.1:" + udpPort + ":\n" + output());
    }

    private static String template() throws IOException {
        try (InputStream in = Kamailio.class.getResourceAsStream("/kamailio/trunk.cfg")) {
            if (in == null) {
                throw new IOException("no /kamailio/trunk.cfg in test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
