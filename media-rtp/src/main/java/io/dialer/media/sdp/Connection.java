package io.dialer.media.sdp;

import java.util.Objects;

/**
 * A {@code c=} line (RFC 4566 §5.7): network type IN, address type IP4 or
 * IP6, and a unicast address (a multicast TTL suffix, if any, is kept in
 * {@code address} as written).
 *
 * @param addressType {@code IP4} or {@code IP6}
 * @param address     host address as written, e.g. {@code 192.0.2.1}
 */
public record Connection(String addressType, String address) {

    public Connection {
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
    }

    /** An IPv4 connection address. */
    public static Connection ip4(String address) {
        return new Connection("IP4", address);
    }

    /** An IPv6 connection address. */
    public static Connection ip6(String address) {
        return new Connection("IP6", address);
    }

    /**
     * The RFC 2543 way of putting a stream on hold (c=0.0.0.0), which RFC 3264
     * §8.4 asks answerers to still understand: never send media to it.
     */
    public boolean isHoldAddress() {
        return "0.0.0.0".equals(address) || "::".equals(address);
    }

    /** The line value, e.g. {@code IN IP4 192.0.2.1}. */
    public String value() {
        return "IN " + addressType + " " + address;
    }
}
