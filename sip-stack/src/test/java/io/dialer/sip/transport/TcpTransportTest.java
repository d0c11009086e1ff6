package io.dialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIP over TCP (RFC 3261 §18). Checks:
 * <ul>
 *   <li>messages travel both ways; the response goes back on the inbound connection
 *       (§18.2.2) and a second request reuses it, so each side has one connection;</li>
 *   <li>after the peer closes the connection the next send connects again; a response
 *       to the flow of a closed inbound connection opens a new connection to the flow's
 *       address (§18.2.2), which an ephemeral client port refuses;</li>
 *   <li>a refused connect fails the send future with a TransportException in words;</li>
 *   <li>sends to a peer that stops reading fail once 1 MiB is queued, saying so;</li>
 *   <li>the connection limit, unframeable input and the idle timeout close connections.</li>
 * </ul>
 */
class TcpTransportTest {

    private static final String REQUEST = "OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n";
    private static final String RESPONSE = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n";

    private static TransportSettings tcpOnly() {
        return TransportSettings.defaults().withPort(Transport.UDP, TransportSettings.DISABLED);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void responseReturnsOverTheInboundConnectionAndRequestsReuseIt() throws Exception {
        PacketQueue aPackets = new PacketQueue();
        PacketQueue bPackets = new PacketQueue();
        try (TransportLayer a = TransportLayer.start(tcpOnly(), aPackets);
             TransportLayer b = TransportLayer.start(tcpOnly(), bPackets)) {
            Endpoint toB = Endpoint.of(Transport.TCP, b.localAddress(Transport.TCP));

            a.send(toB, ascii(REQUEST)).get(5, TimeUnit.SECONDS);
            InboundPacket request = bPackets.next();
            assertThat(PacketQueue.text(request)).isEqualTo(REQUEST);
            assertThat(request.flow().transport()).isEqualTo(Transport.TCP);
            assertThat(request.flow().local()).isEqualTo(b.localAddress(Transport.TCP));

            b.send(request.flow().replyEndpoint(), ascii(RESPONSE)).get(5, TimeUnit.SECONDS);
            InboundPacket response = aPackets.next();
            assertThat(PacketQueue.text(response)).isEqualTo(RESPONSE);
            assertThat(response.flow().remote()).isEqualTo(b.localAddress(Transport.TCP));

            a.send(toB, ascii(REQUEST)).get(5, TimeUnit.SECONDS);
            assertThat(bPackets.next().flow()).isEqualTo(request.flow());

            assertThat(a.connectionCount(Transport.TCP)).isEqualTo(1);
            assertThat(b.connectionCount(Transport.TCP)).isEqualTo(1);
        }
    }

    @Test
    void nextSendReconnectsAfterThePeerClosed() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             TransportLayer a = TransportLayer.start(tcpOnly(), new PacketQueue())) {
            peer.setSoTimeout(5000);
            Endpoint toPeer = Endpoint.of(Transport.TCP, (InetSocketAddress) peer.getLocalSocketAddress());

            a.send(toPeer, ascii(REQUEST)).get(5, TimeUnit.SECONDS);
            try (Socket first = peer.accept()) {
                assertThat(readExactly(first, REQUEST.length())).isEqualTo(REQUEST);
            }
            a.whenConnectionClosed(toPeer).get(5, TimeUnit.SECONDS);
            assertThat(a.connectionCount(Transport.TCP)).isZero();

            a.send(toPeer, ascii(REQUEST)).get(5, TimeUnit.SECONDS);
            try (Socket second = peer.accept()) {
                assertThat(readExactly(second, REQUEST.length())).isEqualTo(REQUEST);
            }
        }
    }

    @Test
    void responseAfterTheInboundConnectionClosedOpensANewConnectionToTheFlowAddress() throws Exception {
        PacketQueue bPackets = new PacketQueue();
        // A client that listens on the port it connects from, as a UA whose Via sent-by
        // names its source port does. SO_REUSEPORT lets both sockets hold that port.
        try (ServerSocket clientListener = new ServerSocket();
             Socket inbound = new Socket();
             TransportLayer b = TransportLayer.start(tcpOnly(), bPackets)) {
            clientListener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            clientListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            clientListener.setSoTimeout(5000);
            InetSocketAddress clientAddress = (InetSocketAddress) clientListener.getLocalSocketAddress();
            inbound.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            inbound.bind(clientAddress);
            inbound.connect(b.localAddress(Transport.TCP), 5000);
            inbound.getOutputStream().write(ascii(REQUEST));
            InboundPacket request = bPackets.next();
            assertThat(request.flow().remote()).isEqualTo(clientAddress);

            inbound.close();
            b.whenConnectionClosed(request.flow().replyEndpoint()).get(5, TimeUnit.SECONDS);
            assertThat(b.connectionCount(Transport.TCP)).isZero();

            // RFC 3261 §18.2.2: the connection is gone, so the transport connects anew.
            b.send(request.flow().replyEndpoint(), ascii(RESPONSE)).get(5, TimeUnit.SECONDS);

            try (Socket reconnected = clientListener.accept()) {
                assertThat(readExactly(reconnected, RESPONSE.length())).isEqualTo(RESPONSE);
                assertThat(reconnected.getRemoteSocketAddress())
                        .as("from an ephemeral port of b, not b's listener")
                        .isNotEqualTo(b.localAddress(Transport.TCP));
                assertThat(b.connectionCount(Transport.TCP)).isEqualTo(1);
            }
        }
    }

    @Test
    void responseCannotReachAnEphemeralClientPortOnceItsConnectionClosed() throws Exception {
        PacketQueue bPackets = new PacketQueue();
        try (TransportLayer b = TransportLayer.start(tcpOnly(), bPackets)) {
            InboundPacket request;
            try (TransportLayer a = TransportLayer.start(tcpOnly(), new PacketQueue())) {
                a.send(Endpoint.of(Transport.TCP, b.localAddress(Transport.TCP)), ascii(REQUEST))
                        .get(5, TimeUnit.SECONDS);
                request = bPackets.next();
            }
            Endpoint replyTo = request.flow().replyEndpoint();
            b.whenConnectionClosed(replyTo).get(5, TimeUnit.SECONDS);

            // Nobody listens on the client's ephemeral source port: reaching it needs the
            // Via sent-by (§18.2.2), which only the transaction layer knows.
            assertThatThrownBy(() -> b.send(replyTo, ascii(RESPONSE)).get(5, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(TransportException.class)
                    .hasMessage("connection refused by " + TransportErrors.hostPort(replyTo) + " over tcp");
        }
    }

    @Test
    void refusedConnectFailsTheSendInWords() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (TransportLayer a = TransportLayer.start(tcpOnly(), new PacketQueue())) {
            Endpoint nobody = Endpoint.of(Transport.TCP, new InetSocketAddress("127.0.0.1", closedPort));

            assertThatThrownBy(() -> a.send(nobody, ascii(REQUEST)).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TransportException.class)
                    .hasMessage("connection refused by 127.0.0.1:" + closedPort + " over tcp");
            assertThat(a.connectionCount(Transport.TCP)).isZero();
        }
    }

    @Test
    void sendsFailOnceTheQueueToAPeerThatDoesNotReadIsFull() throws Exception {
        byte[] chunk = new byte[60_000];
        // Kernel buffers on loopback absorb a few MiB before Netty queues anything; past
        // that the 1 MiB queue fills. 64 MiB is far beyond both, so the loop always ends.
        int maxSends = 64 * 1024 * 1024 / chunk.length;
        try (ServerSocket peer = new ServerSocket()) {
            peer.setReceiveBufferSize(64 * 1024);
            peer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            peer.setSoTimeout(5000);
            try (TransportLayer a = TransportLayer.start(tcpOnly(), new PacketQueue())) {
                Endpoint toPeer = Endpoint.of(Transport.TCP, (InetSocketAddress) peer.getLocalSocketAddress());
                a.send(toPeer, ascii(REQUEST)).get(5, TimeUnit.SECONDS);
                try (Socket neverReads = peer.accept()) {
                    // The connection is up, so a full queue fails the send before it returns.
                    CompletableFuture<Void> last = null;
                    int sends = 0;
                    while (sends < maxSends && (last == null || !last.isCompletedExceptionally())) {
                        last = a.send(toPeer, chunk);
                        sends++;
                    }
                    CompletableFuture<Void> failed = last;

                    assertThat(failed.isCompletedExceptionally()).as("failed within %d sends", sends).isTrue();
                    assertThat((long) (sends - 1) * chunk.length).as("bytes accepted before the failure")
                            .isGreaterThan(1024 * 1024);
                    assertThatThrownBy(failed::join)
                            .cause()
                            .isInstanceOf(TransportException.class)
                            .hasMessage("send queue to " + TransportErrors.hostPort(toPeer)
                                    + " over tcp is full (1 MiB waiting): the peer is not reading");
                }
            }
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() throws Exception {
        try (TransportLayer b = TransportLayer.start(tcpOnly().withMaxConnections(2), new PacketQueue());
             Socket one = connect(b);
             Socket two = connect(b);
             Socket three = connect(b)) {
            three.setSoTimeout(5000);
            assertThat(three.getInputStream().read()).isEqualTo(-1);
            assertThat(one.isClosed() || two.isClosed()).isFalse();
            assertThat(b.counters().refusedConnections()).isEqualTo(1);
            assertThat(b.connectionCount(Transport.TCP)).isEqualTo(2);
        }
    }

    @Test
    void unframeableInputClosesTheConnection() throws Exception {
        try (TransportLayer b = TransportLayer.start(tcpOnly(), new PacketQueue());
             Socket raw = connect(b)) {
            raw.setSoTimeout(5000);
            raw.getOutputStream().write(ascii("OPTIONS sip:b SIP/2.0\r\nContent-Length: lots\r\n\r\n"));
            assertThat(raw.getInputStream().read()).isEqualTo(-1);
            assertThat(b.counters().framingErrors(FramingError.INVALID_CONTENT_LENGTH)).isEqualTo(1);
        }
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        try (TransportLayer b = TransportLayer.start(tcpOnly().withIdleTimeout(Duration.ofMillis(200)),
                new PacketQueue());
             Socket raw = connect(b)) {
            raw.setSoTimeout(5000);
            raw.getOutputStream().write(ascii("\r\n\r\n"));
            assertThat(raw.getInputStream().read()).as("CRLF pong").isEqualTo('\r');
            assertThat(raw.getInputStream().read()).isEqualTo('\n');
            assertThat(raw.getInputStream().read()).as("closed when idle").isEqualTo(-1);
        }
    }

    static Socket connect(TransportLayer layer) throws Exception {
        Socket s = new Socket();
        s.connect(layer.localAddress(Transport.TCP), 5000);
        return s;
    }

    private static String readExactly(Socket s, int length) throws Exception {
        InputStream in = s.getInputStream();
        byte[] buf = in.readNBytes(length);
        return new String(buf, StandardCharsets.US_ASCII);
    }
}
