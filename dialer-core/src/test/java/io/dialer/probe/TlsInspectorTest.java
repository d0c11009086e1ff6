package io.dialer.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The name rules of the TLS check (RFC 2818 §3.1 via RFC 5922 §7.2).
 * Requirements checked: an IP matches only an iPAddress entry (in any
 * spelling); a wildcard covers exactly one left-most label; names compare
 * case-insensitively.
 */
class TlsInspectorTest {

    @TempDir
    Path dir;

    private X509Certificate leaf(String dns, InetAddress ip) throws Exception {
        Path[] files = new ProbePki("Names CA").issue(dir, "n" + System.nanoTime(), dns, ip,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400));
        try (InputStream in = Files.newInputStream(files[0])) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificates(in).iterator().next();
        }
    }

    @Test
    void ipMatchesOnlyAnIpAddressEntry() throws Exception {
        X509Certificate cert = leaf(null, InetAddress.getByName("::1"));
        assertThat(TlsInspector.matches(cert, List.of("0:0:0:0:0:0:0:1"), "::1")).isTrue();
        assertThat(TlsInspector.matches(cert, List.of("0:0:0:0:0:0:0:1"), "127.0.0.1")).isFalse();
        assertThat(TlsInspector.matches(cert, List.of("127.0.0.1.example"), "127.0.0.1")).isFalse();
    }

    @Test
    void wildcardCoversOneLabel() throws Exception {
        X509Certificate cert = leaf("*.trunk.test", null);
        List<String> names = List.of("*.trunk.test");
        assertThat(TlsInspector.matches(cert, names, "sip.trunk.test")).isTrue();
        assertThat(TlsInspector.matches(cert, names, "SIP.Trunk.Test")).isTrue();
        assertThat(TlsInspector.matches(cert, names, "a.b.trunk.test")).isFalse();
        assertThat(TlsInspector.matches(cert, names, "trunk.test")).isFalse();
        assertThat(TlsInspector.matches(cert, names, "other.test")).isFalse();
    }
}
