package io.dialer.sip.transport;

import java.util.Locale;

/**
 * The SIP transports this stack speaks. RFC 3261 §18: UDP is unreliable (the
 * transaction layer retransmits), TCP and TLS are reliable stream transports.
 */
public enum Transport {
    UDP(false, false, 5060),
    TCP(true, false, 5060),
    TLS(true, true, 5061);

    private final boolean reliable;
    private final boolean secure;
    private final int defaultPort;

    Transport(boolean reliable, boolean secure, int defaultPort) {
        this.reliable = reliable;
        this.secure = secure;
        this.defaultPort = defaultPort;
    }

    /** True for stream transports, where RFC 3261 §17 timers A, E and G never fire. */
    public boolean reliable() {
        return reliable;
    }

    public boolean secure() {
        return secure;
    }

    /** RFC 3261 §19.1.2: 5060 for UDP and TCP, 5061 for TLS. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The token used in a Via header's sent-protocol and in a URI's transport parameter. */
    public String token() {
        return name();
    }

    /**
     * Parses a transport token case-insensitively ("udp", "TLS").
     *
     * @throws IllegalArgumentException naming the token when it is not one of ours
     */
    public static Transport parse(String token) {
        if (token != null) {
            for (Transport t : values()) {
                if (t.name().equalsIgnoreCase(token.trim())) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("unknown SIP transport '" + token + "' (expected udp, tcp or tls)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
