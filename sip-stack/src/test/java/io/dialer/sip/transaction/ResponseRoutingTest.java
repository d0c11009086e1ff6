package io.dialer.sip.transaction;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Flow;
import io.dialer.sip.transport.Transport;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Response routing, RFC 3261 §18.2.1/§18.2.2 and RFC 3581. Requirements checked:
 * <ol>
 * <li>{@code received} is added when the sent-by host is not the source IP (host names included),
 *     and not when it is.</li>
 * <li>An empty {@code rport} is filled with the source port; UDP responses then go to source IP and port.</li>
 * <li>Without rport UDP responses go to the source IP at the sent-by port, 5060 when absent.</li>
 * <li>TCP and TLS responses go back over the flow.</li>
 * </ol>
 */
class ResponseRoutingTest {

    private static final InetSocketAddress NATTED_SOURCE = new InetSocketAddress("127.0.0.1", 40_123);

    private static Via via(Transport transport, String sentBy, String params) {
        SIPRequest request = TestMessages.request("INVITE", "z9hG4bKroute", transport, sentBy, params);
        return request.getTopmostVia();
    }

    private static Flow flow(Transport transport) {
        return new Flow(transport, NATTED_SOURCE, TestMessages.LOCAL);
    }

    @Test
    void rportIsFilledAndReceivedAddedForAHostName() {
        Via via = via(Transport.UDP, "pc33.example.com:5062", ";rport");

        ResponseRouting.stampVia(via, flow(Transport.UDP));

        assertThat(via.getReceived()).isEqualTo("127.0.0.1");
        assertThat(via.getRPort()).isEqualTo(40_123);
        assertThat(via.encode()).contains("rport=40123").contains("received=127.0.0.1");
        assertThat(ResponseRouting.responseDestination(via, flow(Transport.UDP)))
                .isEqualTo(Endpoint.of(Transport.UDP, NATTED_SOURCE));
    }

    @Test
    void noReceivedWhenSentByIsTheSourceAddressAndNoRportWhenNotAsked() {
        Via via = via(Transport.UDP, "127.0.0.1:5062", "");

        ResponseRouting.stampVia(via, flow(Transport.UDP));

        assertThat(via.getReceived()).isNull();
        assertThat(via.hasParameter("rport")).isFalse();
        assertThat(ResponseRouting.responseDestination(via, flow(Transport.UDP)))
                .isEqualTo(Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 5062)));
    }

    @Test
    void udpWithoutRportOrPortGoesToTheSourceIpAt5060() {
        Via via = via(Transport.UDP, "pc33.example.com", "");
        ResponseRouting.stampVia(via, flow(Transport.UDP));

        assertThat(via.getReceived()).isEqualTo("127.0.0.1");
        assertThat(ResponseRouting.responseDestination(via, flow(Transport.UDP)))
                .isEqualTo(Endpoint.of(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060)));
    }

    @Test
    void ipv6LiteralSentByIsComparedAsAnAddress() {
        Via via = via(Transport.UDP, "[0:0:0:0:0:0:0:1]:5062", "");
        Flow flow = new Flow(Transport.UDP, new InetSocketAddress("::1", 5062), TestMessages.LOCAL);

        ResponseRouting.stampVia(via, flow);

        assertThat(via.getReceived()).isNull();
    }

    @Test
    void ipv6SourceIsWrittenAsReceived() {
        Via via = via(Transport.UDP, "pc33.example.com", ";rport");
        Flow flow = new Flow(Transport.UDP, new InetSocketAddress("::1", 40_000), TestMessages.LOCAL);

        ResponseRouting.stampVia(via, flow);

        assertThat(via.getReceived()).contains("::1");
        assertThat(ResponseRouting.responseDestination(via, flow))
                .isEqualTo(Endpoint.of(Transport.UDP, new InetSocketAddress("::1", 40_000)));
    }

    @Test
    void reliableTransportsAnswerOverTheFlow() {
        for (Transport transport : new Transport[] {Transport.TCP, Transport.TLS}) {
            Via via = via(transport, "pc33.example.com:5062", "");
            assertThat(ResponseRouting.responseDestination(via, flow(transport)))
                    .isEqualTo(Endpoint.of(transport, NATTED_SOURCE));
        }
    }
}
