package io.dialer.sip.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where to send a message: a transport and a resolved socket address.
 *
 * @param transport  the transport to use
 * @param address    the resolved remote address (never unresolved)
 * @param serverName the host name the peer's TLS certificate must match and
 *                   that is sent as SNI (RFC 5922 §7.2); null when the target
 *                   was given as an IP address or the transport is not TLS
 */
public record Endpoint(Transport transport, InetSocketAddress address, String serverName) {

    public Endpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("endpoint address must be resolved: " + address);
        }
    }

    public static Endpoint of(Transport transport, InetSocketAddress address) {
        return new Endpoint(transport, address, null);
    }

    @Override
    public String toString() {
        return transport + ":" + address.getAddress().getHostAddress() + ":" + address.getPort()
                + (serverName == null ? "" : " (" + serverName + ")");
    }
}
