package io.dialer.sip.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Sends whole encoded messages. The future fails with a {@link TransportException}
 * when the message could not be delivered to the network: connection refused,
 * TLS handshake failure, ICMP port unreachable on UDP (RFC 3261 §18.4: a
 * transport error the transaction layer must see at once).
 */
public interface PacketSender {

    CompletableFuture<Void> send(Endpoint destination, byte[] bytes);

    /** The address this stack listens on for a transport, used in Via and Contact. */
    InetSocketAddress localAddress(Transport transport);
}
