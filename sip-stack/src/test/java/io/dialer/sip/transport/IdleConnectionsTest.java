package io.dialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thousand idle TCP connections must not keep a real client's traffic out, and the
 * idle timeout must reclaim them. The count is lowered (and logged) when the process
 * file descriptor limit cannot hold two descriptors per connection plus headroom.
 * Also logs a rough heap cost per idle connection (both ends live in this JVM, so it
 * is an upper bound for the server side).
 */
class IdleConnectionsTest {

    private static final Logger log = LoggerFactory.getLogger(IdleConnectionsTest.class);
    private static final int WANTED = 1000;
    private static final String REQUEST = "OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nContent-Length: 0\r\n\r\n";
    private static final String RESPONSE = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n";

    @Test
    void idleConnectionsDoNotKeepAClientOutAndAreClosedWhenIdle() throws Exception {
        int count = affordableConnections();
        TransportSettings settings = TransportSettings.defaults()
                .withPort(Transport.UDP, TransportSettings.DISABLED)
                .withIdleTimeout(Duration.ofSeconds(5))
                .withMaxConnections(count + 10);
        PacketQueue serverPackets = new PacketQueue();
        PacketQueue clientPackets = new PacketQueue();
        List<Socket> idle = new ArrayList<>(count);
        try (TransportLayer server = TransportLayer.start(settings, serverPackets);
             TransportLayer client = TransportLayer.start(settings, clientPackets)) {
            long heapBefore = usedHeap();
            for (int i = 0; i < count; i++) {
                idle.add(TcpTransportTest.connect(server));
            }

            Endpoint toServer = Endpoint.of(Transport.TCP, server.localAddress(Transport.TCP));
            client.send(toServer, REQUEST.getBytes(StandardCharsets.US_ASCII)).get(5, TimeUnit.SECONDS);
            InboundPacket request = serverPackets.next();
            server.send(request.flow().replyEndpoint(), RESPONSE.getBytes(StandardCharsets.US_ASCII))
                    .get(5, TimeUnit.SECONDS);
            assertThat(PacketQueue.text(clientPackets.next())).isEqualTo(RESPONSE);

            // The backlog is accepted in order, so every idle socket was accepted before the client.
            assertThat(server.connectionCount(Transport.TCP)).isEqualTo(count + 1);
            long perConnection = (usedHeap() - heapBefore) / count;
            log.info("{} idle TCP connections open; about {} bytes of heap each (client and server ends)",
                    count, perConnection);

            for (Socket s : idle) {
                s.setSoTimeout(20_000);
                assertThat(s.getInputStream().read()).as("closed by the idle timeout").isEqualTo(-1);
            }
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    private static int affordableConnections() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            long spare = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - 200;
            int fits = (int) Math.max(10, Math.min(WANTED, spare / 2));
            if (fits < WANTED) {
                log.warn("file descriptor limit allows only {} idle connections instead of {}", fits, WANTED);
            }
            return fits;
        }
        return WANTED;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
