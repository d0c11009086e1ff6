package io.dialer.sip.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class TargetListTest {

    private static final Endpoint ONE = Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 5070));
    private static final Endpoint TWO = new Endpoint(Transport.TLS, new InetSocketAddress("127.0.0.2", 5061), "trunk.test");

    @Test
    void handsOutTargetsInOrderAndRemembersThem() {
        TargetList list = new TargetList("trunk.test", List.of(ONE, TWO));
        assertThat(list.describe()).isEqualTo("trunk.test: tried 0 of 2 targets");
        assertThat(list.next()).isEqualTo(ONE);
        assertThat(list.next()).isEqualTo(TWO);
        assertThat(list.hasNext()).isFalse();
        assertThat(list.tried()).containsExactly(ONE, TWO);
        assertThat(list.describe())
                .isEqualTo("trunk.test: tried 2 of 2 targets (udp:127.0.0.1:5070, tls:127.0.0.2:5061 (trunk.test))");
        assertThatThrownBy(list::next).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("all 2 targets for trunk.test were tried");
    }
}
