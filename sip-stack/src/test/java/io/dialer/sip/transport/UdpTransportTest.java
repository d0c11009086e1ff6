package io.dialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIP over UDP (RFC 3261 §18). Checks:
 * <ul>
 *   <li>a datagram is delivered whole with the right Flow, and the reply over
 *       {@link Flow#replyEndpoint()} comes back from our listening port;</li>
 *   <li>an ICMP port unreachable for a destination reaches the
 *       {@link TransportErrorListener} within a second (RFC 3261 §18.4), on epoll and NIO;</li>
 *   <li>datagrams from a third party still arrive while connected per-destination
 *       sockets share the port;</li>
 *   <li>datagrams over the size limit are dropped and counted.</li>
 * </ul>
 */
class UdpTransportTest {

    private static final byte[] OPTIONS = ("OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private static TransportSettings udpOnly(boolean nativeTransport) {
        return TransportSettings.defaults().withPort(Transport.TCP, TransportSettings.DISABLED)
                .withNativeTransport(nativeTransport);
    }

    @Test
    void datagramArrivesWithItsFlowAndReplyTravelsBack() throws Exception {
        PacketQueue aPackets = new PacketQueue();
        PacketQueue bPackets = new PacketQueue();
        try (TransportLayer a = TransportLayer.start(udpOnly(true), aPackets);
             TransportLayer b = TransportLayer.start(udpOnly(true), bPackets)) {
            InetSocketAddress aAddress = a.localAddress(Transport.UDP);
            InetSocketAddress bAddress = b.localAddress(Transport.UDP);

            a.send(Endpoint.of(Transport.UDP, bAddress), OPTIONS).get(5, TimeUnit.SECONDS);
            InboundPacket request = bPackets.next();

            assertThat(request.bytes()).isEqualTo(OPTIONS);
            // The source is our listening port, as Via sent-by says (RFC 3261 §18.1.1).
            assertThat(request.flow()).isEqualTo(new Flow(Transport.UDP, aAddress, bAddress));

            byte[] response = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            b.send(request.flow().replyEndpoint(), response).get(5, TimeUnit.SECONDS);
            InboundPacket reply = aPackets.next();

            assertThat(reply.bytes()).isEqualTo(response);
            assertThat(reply.flow().remote()).isEqualTo(bAddress);
            assertThat(reply.flow().transport()).isEqualTo(Transport.UDP);
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void icmpPortUnreachableIsReportedAtOnce(boolean nativeTransport) throws Exception {
        InetSocketAddress closedPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        CompletableFuture<TransportException> reported = new CompletableFuture<>();
        Endpoint destination = Endpoint.of(Transport.UDP, closedPort);
        try (TransportLayer a = TransportLayer.start(udpOnly(nativeTransport), new PacketQueue(),
                (where, error) -> reported.complete(error))) {
            a.send(destination, OPTIONS).get(5, TimeUnit.SECONDS);

            TransportException error = reported.get(1, TimeUnit.SECONDS);

            assertThat(error.destination()).isEqualTo(destination);
            assertThat(error.getMessage()).isEqualTo("ICMP port unreachable from 127.0.0.1:"
                    + closedPort.getPort() + " over udp");
            assertThat(a.counters().icmpUnreachable()).isEqualTo(1);
        }
    }

    @Test
    void repliesArriveOnEveryFlowWhenSeveralAreConnected() throws Exception {
        PacketQueue aPackets = new PacketQueue();
        try (TransportLayer a = TransportLayer.start(udpOnly(true), aPackets);
             DatagramSocket b = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket c = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            b.setSoTimeout(5000);
            c.setSoTimeout(5000);
            InetSocketAddress aAddress = a.localAddress(Transport.UDP);
            for (DatagramSocket peer : List.of(b, c)) {
                a.send(Endpoint.of(Transport.UDP, (InetSocketAddress) peer.getLocalSocketAddress()), OPTIONS)
                        .get(5, TimeUnit.SECONDS);
                DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
                peer.receive(in);
                assertThat(in.getSocketAddress()).isEqualTo(aAddress);
                peer.send(new DatagramPacket(OPTIONS, OPTIONS.length, aAddress));
                assertThat(aPackets.next().flow().remote()).isEqualTo(peer.getLocalSocketAddress());
            }
            assertThat(a.connectionCount(Transport.UDP)).isEqualTo(2);
        }
    }

    @Test
    void thirdPartyDatagramsStillArriveWhileAFlowIsConnected() throws Exception {
        PacketQueue aPackets = new PacketQueue();
        PacketQueue bPackets = new PacketQueue();
        try (TransportLayer a = TransportLayer.start(udpOnly(true), aPackets);
             TransportLayer b = TransportLayer.start(udpOnly(true), bPackets);
             DatagramSocket third = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            a.send(Endpoint.of(Transport.UDP, b.localAddress(Transport.UDP)), OPTIONS).get(5, TimeUnit.SECONDS);
            bPackets.next();
            assertThat(a.connectionCount(Transport.UDP)).isEqualTo(1);

            third.send(new DatagramPacket(OPTIONS, OPTIONS.length, a.localAddress(Transport.UDP)));
            InboundPacket fromThird = aPackets.next();

            assertThat(fromThird.flow().remote()).isEqualTo(third.getLocalSocketAddress());
            assertThat(fromThird.bytes()).isEqualTo(OPTIONS);
        }
    }

    @Test
    void datagramsOverTheLimitAreDroppedAndCounted() throws Exception {
        PacketQueue packets = new PacketQueue();
        try (TransportLayer a = TransportLayer.start(udpOnly(true).withMaxMessageBytes(1024), packets);
             DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] big = new byte[2000];
            peer.send(new DatagramPacket(big, big.length, a.localAddress(Transport.UDP)));
            peer.send(new DatagramPacket(OPTIONS, OPTIONS.length, a.localAddress(Transport.UDP)));

            // Loopback keeps order: the small one arriving first means the big one was dropped.
            assertThat(packets.next().bytes()).isEqualTo(OPTIONS);
            assertThat(a.counters().oversizedDatagrams()).isEqualTo(1);
        }
    }
}
