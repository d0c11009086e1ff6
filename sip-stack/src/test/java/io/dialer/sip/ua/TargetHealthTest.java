package io.dialer.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.transaction.VirtualScheduler;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recently failed targets go last for a while, then regain their place; a response clears them at once. */
class TargetHealthTest {

    private final VirtualScheduler clock = new VirtualScheduler();
    private final TargetHealth health = new TargetHealth(clock);
    private final Endpoint a = Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 5061));
    private final Endpoint b = Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 5062));
    private final Endpoint c = Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 5063));

    @Test
    void failedTargetsAreTriedLastUntilTheHoldRunsOut() {
        health.failed(a);
        assertThat(health.order(List.of(a, b, c))).containsExactly(b, c, a);
        clock.advance(TargetHealth.HOLD.minusSeconds(1));
        assertThat(health.order(List.of(a, b, c))).containsExactly(b, c, a);
        clock.advance(Duration.ofSeconds(2));
        assertThat(health.order(List.of(a, b, c))).containsExactly(a, b, c);
    }

    @Test
    void aResponseClearsATargetAndASingleTargetIsKept() {
        health.failed(a);
        health.failed(b);
        assertThat(health.order(List.of(a, b, c))).containsExactly(c, a, b);
        health.responded(a);
        assertThat(health.order(List.of(a, b, c))).containsExactly(a, c, b);
        assertThat(health.order(List.of(b))).containsExactly(b);
    }
}
