package io.dialer.sim;

import io.dialer.sip.auth.Credentials;
import io.dialer.sip.transport.Transport;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link Simulator} listens and behaves. Immutable; the {@code with}
 * methods return changed copies.
 *
 * @param host        the address to listen on
 * @param port        the UDP and TCP port; 0 picks free ports (then UDP's and TCP's may differ)
 * @param transports  the transports to listen on: UDP and/or TCP
 * @param hold        how long an answered call lasts before the callee's BYE (codes 200 and 183)
 * @param credentials when present, every INVITE is challenged with 407 and must answer with these
 */
public record SimSettings(InetAddress host, int port, Set<Transport> transports, Duration hold,
                          Optional<Credentials> credentials) {

    public SimSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hold, "hold");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 0-65535");
        }
        if (hold.isNegative()) {
            throw new IllegalArgumentException("hold time " + hold + " is negative");
        }
        transports = Set.copyOf(transports);
        if (transports.isEmpty() || transports.contains(Transport.TLS)) {
            throw new IllegalArgumentException("the simulator listens on UDP and/or TCP, not " + transports);
        }
        credentials = credentials == null ? Optional.empty() : credentials;
    }

    /** 127.0.0.1, free UDP and TCP ports, 3 s hold, no authentication. */
    public static SimSettings defaults() {
        return new SimSettings(InetAddress.getLoopbackAddress(), 0, EnumSet.of(Transport.UDP, Transport.TCP),
                Duration.ofSeconds(3), Optional.empty());
    }

    public SimSettings withHost(InetAddress h) {
        return new SimSettings(h, port, transports, hold, credentials);
    }

    public SimSettings withPort(int p) {
        return new SimSettings(host, p, transports, hold, credentials);
    }

    public SimSettings withTransports(Set<Transport> t) {
        return new SimSettings(host, port, t, hold, credentials);
    }

    public SimSettings withHold(Duration h) {
        return new SimSettings(host, port, transports, h, credentials);
    }

    public SimSettings withCredentials(Credentials c) {
        return new SimSettings(host, port, transports, hold, Optional.of(c));
    }
}
