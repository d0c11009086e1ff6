package io.dialer.core;

import io.dialer.sip.auth.Credentials;
import io.dialer.sip.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One SIP trunk calls go through.
 *
 * @param name           the name calls and records refer to (e.g. {@code "default"})
 * @param address        where it is (see {@link TrunkAddress#parse})
 * @param credentials    digest credentials for its 401/407 challenges, if it wants them
 * @param callerId       the calling number used when a call names none, or null
 * @param callerIdPolicy From / P-Asserted-Identity / Privacy presentation
 * @param maxConcurrent  most calls up at once through this trunk; 0 for no limit
 * @param maxCps         most new calls per second (token bucket); 0 for no limit
 * @param limitWait      how long a call may wait for a limit before it ends {@code concurrency_limit_reached}
 * @param caFile         CA certificates its TLS certificate must chain to, or null for the system's
 */
public record TrunkConfig(String name, TrunkAddress address, Optional<Credentials> credentials, String callerId,
                          CallerIdPolicy callerIdPolicy, int maxConcurrent, double maxCps, Duration limitWait,
                          Path caFile) {

    public TrunkConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        credentials = credentials == null ? Optional.empty() : credentials;
        callerIdPolicy = callerIdPolicy == null ? CallerIdPolicy.defaults() : callerIdPolicy;
        limitWait = limitWait == null ? Duration.ofSeconds(30) : limitWait;
        if (maxConcurrent < 0) {
            throw new IllegalArgumentException("trunk " + name + ": max concurrent calls must be 0 (no limit) or more");
        }
        if (maxCps < 0 || Double.isNaN(maxCps)) {
            throw new IllegalArgumentException("trunk " + name + ": calls per second must be 0 (no limit) or more");
        }
    }

    /** A trunk at the URI with no credentials, no limits and the default caller-ID policy. */
    public static TrunkConfig of(String name, String uri) {
        return new TrunkConfig(name, TrunkAddress.parse(uri, null), Optional.empty(), null,
                CallerIdPolicy.defaults(), 0, 0, Duration.ofSeconds(30), null);
    }

    public TrunkConfig withTransport(Transport transport) {
        TrunkAddress a = new TrunkAddress(address.host(), address.port(), transport, true);
        return new TrunkConfig(name, a, credentials, callerId, callerIdPolicy, maxConcurrent, maxCps, limitWait, caFile);
    }

    public TrunkConfig withCredentials(Credentials c) {
        return new TrunkConfig(name, address, Optional.of(c), callerId, callerIdPolicy, maxConcurrent, maxCps,
                limitWait, caFile);
    }

    public TrunkConfig withCallerId(String number, CallerIdPolicy policy) {
        return new TrunkConfig(name, address, credentials, number, policy, maxConcurrent, maxCps, limitWait, caFile);
    }

    public TrunkConfig withLimits(int concurrent, double cps, Duration wait) {
        return new TrunkConfig(name, address, credentials, callerId, callerIdPolicy, concurrent, cps, wait, caFile);
    }

    public TrunkConfig withCaFile(Path file) {
        return new TrunkConfig(name, address, credentials, callerId, callerIdPolicy, maxConcurrent, maxCps,
                limitWait, file);
    }
}
