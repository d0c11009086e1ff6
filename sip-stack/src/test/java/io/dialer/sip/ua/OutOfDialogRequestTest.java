package io.dialer.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Transport;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link UserAgent#request}: one request outside any dialog. Requirements checked:
 * - an OPTIONS to another stack completes with its 200, which lists Allow and
 *   Server (RFC 3261 §11.2), and our Via carries rport (RFC 3581);
 * - extra headers replace the defaults (Max-Forwards);
 * - a closed UDP port (ICMP port unreachable) fails the stage with a
 *   RequestFailedException carrying the transport failure;
 * - INVITE is refused (it has its own path).
 */
class OutOfDialogRequestTest {

    @Test
    void optionsGetsTheFinalResponse() throws Exception {
        try (SipStack peer = SipStack.start(StackSettings.defaults());
             SipStack us = SipStack.start(StackSettings.defaults())) {
            InetSocketAddress address = peer.localAddress(Transport.UDP);
            SIPResponse ok = us.userAgent().request("OPTIONS", "sip:127.0.0.1:" + address.getPort(),
                            Endpoint.of(Transport.UDP, address), Map.of("Max-Forwards", "0"))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(ok.getStatusCode()).isEqualTo(200);
            assertThat(ok.getHeader("Allow").toString()).contains("INVITE");
            assertThat(ok.getHeader("Server").toString()).contains("dialer");
            assertThat(ok.getTopmostVia().getRPort()).isEqualTo(us.localAddress(Transport.UDP).getPort());
            assertThat(ok.getCSeq().getMethod()).isEqualTo("OPTIONS");
        }
    }

    @Test
    void closedUdpPortFailsWithTheTransportFailure() throws Exception {
        int closed;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (SipStack us = SipStack.start(StackSettings.defaults())) {
            var stage = us.userAgent().request("OPTIONS", "sip:127.0.0.1:" + closed,
                    Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", closed)), Map.of());
            assertThatThrownBy(() -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(UserAgent.RequestFailedException.class)
                    .satisfies(e -> assertThat(((UserAgent.RequestFailedException) e).failure())
                            .isInstanceOf(io.dialer.sip.transaction.TransactionFailure.TransportFailure.class));
        }
    }

    @Test
    void inviteIsRefused() throws Exception {
        try (SipStack us = SipStack.start(StackSettings.defaults())) {
            var stage = us.userAgent().request("INVITE", "sip:127.0.0.1:5060",
                    Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060)), Map.of());
            assertThatThrownBy(() -> stage.toCompletableFuture().get(1, TimeUnit.SECONDS))
                    .cause().isInstanceOf(IllegalArgumentException.class);
        }
    }
}
