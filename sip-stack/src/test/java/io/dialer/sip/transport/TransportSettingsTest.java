package io.dialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link TransportSettings} and {@link TlsSettings}: the defaults, the "with" copies and
 * the validation, in particular that only TLS 1.2 and 1.3 can be enabled (RFC 8996) and
 * that hostname verification is on unless turned off.
 */
class TransportSettingsTest {

    @Test
    void defaultsAreSafe() {
        TransportSettings d = TransportSettings.defaults();
        assertThat(d.bindAddress().isLoopbackAddress()).isTrue();
        assertThat(d.listens(Transport.UDP)).isTrue();
        assertThat(d.listens(Transport.TCP)).isTrue();
        assertThat(d.listens(Transport.TLS)).as("no certificate by default").isFalse();
        assertThat(d.maxMessageBytes()).isEqualTo(64 * 1024);
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(d.tls().verifyHostname()).isTrue();
        assertThat(d.tls().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(d.tls().trustedCaFile()).as("system trust store").isNull();
    }

    @Test
    void withMethodsChangeOneThing() {
        TransportSettings s = TransportSettings.defaults().withPort(Transport.TCP, 5070)
                .withPort(Transport.UDP, TransportSettings.DISABLED).withMaxConnections(10);
        assertThat(s.port(Transport.TCP)).isEqualTo(5070);
        assertThat(s.listens(Transport.UDP)).isFalse();
        assertThat(s.maxConnections()).isEqualTo(10);
        assertThat(s.idleTimeout()).isEqualTo(TransportSettings.defaults().idleTimeout());
    }

    @Test
    void badValuesAreRejected() {
        TransportSettings d = TransportSettings.defaults();
        assertThatThrownBy(() -> d.withPort(Transport.UDP, 70_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withIdleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxMessageBytes(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxConnections(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTls12And13CanBeEnabled() {
        assertThatThrownBy(() -> TlsSettings.defaults().withProtocols("TLSv1.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLSv1.1");
        assertThat(TlsSettings.defaults().withProtocols("TLSv1.3").protocols()).containsExactly("TLSv1.3");
    }

    @Test
    void trunkCaFilesAreKeyedByLowerCaseServerName() {
        TlsSettings tls = TlsSettings.defaults().withTrunkCaFile("SIP.Example.TEST", Path.of("ca.pem"));
        assertThat(tls.trunkCaFiles()).containsKey("sip.example.test");
    }

    @Test
    void tlsListenerWithoutCertificateDoesNotStart() {
        TransportSettings s = TransportSettings.defaults().withPort(Transport.TLS, 0);
        assertThatThrownBy(() -> TransportLayer.start(s, packet -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server credentials");
    }
}
