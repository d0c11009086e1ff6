package io.dialer.sip.transport;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * What a stream connection can be reused for: the remote address, and for TLS also the
 * server name its certificate was verified against.
 *
 * <p>A TLS connection proves only the identity it was verified for (RFC 5922 §7.2), so
 * one opened for {@code a.example} must not carry a request for {@code b.example} even
 * when both names resolve to the same address. TCP verifies nothing, so its key is the
 * address alone. Inbound connections, and the flow replies that go back on them
 * (RFC 3261 §18.2.2), have no server name.
 *
 * @param address    the remote socket address
 * @param serverName the verified name in lower case (DNS names compare case-insensitively),
 *                   or null for TCP, inbound connections and TLS addressed by IP
 */
record ConnectionKey(InetSocketAddress address, String serverName) {

    ConnectionKey {
        Objects.requireNonNull(address, "address");
    }

    /** The key of an outbound connection to {@code destination}. */
    static ConnectionKey of(Endpoint destination) {
        String name = destination.transport().secure() && destination.serverName() != null
                ? destination.serverName().toLowerCase(Locale.ROOT) : null;
        return new ConnectionKey(destination.address(), name);
    }

    /** The key of a connection a peer opened to us: no name was verified. */
    static ConnectionKey inbound(InetSocketAddress remote) {
        return new ConnectionKey(remote, null);
    }
}
