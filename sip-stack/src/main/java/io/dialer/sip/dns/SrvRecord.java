package io.dialer.sip.dns;

import java.util.Objects;

/**
 * An SRV resource record's data (RFC 2782).
 *
 * @param priority lower is tried first
 * @param weight   relative share among records of equal priority
 * @param port     the service's port on the target
 * @param target   the host name, without the trailing dot; "." (service not offered) is kept as ""
 */
public record SrvRecord(int priority, int weight, int port, String target) {

    public SrvRecord {
        Objects.requireNonNull(target, "target");
        if (priority < 0 || priority > 0xFFFF || weight < 0 || weight > 0xFFFF || port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("SRV fields are 16-bit unsigned: " + priority + " " + weight + " " + port);
        }
    }

    /** RFC 2782: a target of "." means the service is decidedly not available at this domain. */
    public boolean serviceUnavailable() {
        return target.isEmpty();
    }

    @Override
    public String toString() {
        return priority + " " + weight + " " + port + " " + (target.isEmpty() ? "." : target);
    }
}
