package io.dialer.probe;

import io.dialer.sip.auth.Credentials;
import io.dialer.sip.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What to probe and how.
 *
 * @param trunk       the trunk URI as given (checked by {@link UriCheck})
 * @param transport   the transport that overrides the URI's ({@code --transport}), or null
 * @param credentials digest credentials for the trunk's challenges, if any
 * @param to          a number or SIP URI for a real test call, or null for none
 * @param from        the calling number (From user), or null for the default
 * @param caFile      CA PEM file replacing the system trust for TLS, or null
 * @param register    whether to test REGISTER as well
 * @param dnsServer   a DNS server to ask instead of the system's, or null
 * @param timeout     how long to wait for each answer (TCP/TLS connect, OPTIONS, the auth INVITE)
 */
public record ProbeOptions(String trunk, Transport transport, Optional<Credentials> credentials, String to, String from,
                           Path caFile, boolean register, InetSocketAddress dnsServer, Duration timeout) {

    /** The number the auth INVITE goes to when there is no test call: a NANP fictional number (555-0100). */
    public static final String PROBE_NUMBER = "+15555550100";

    public ProbeOptions {
        Objects.requireNonNull(trunk, "trunk");
        credentials = credentials == null ? Optional.empty() : credentials;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }

    /** Probes a trunk with every other option at its default. */
    public static ProbeOptions of(String trunk) {
        return new ProbeOptions(trunk, null, Optional.empty(), null, null, null, false, null, null);
    }
}
