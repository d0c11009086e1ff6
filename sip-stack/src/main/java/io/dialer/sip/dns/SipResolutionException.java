package io.dialer.sip.dns;

import java.net.UnknownHostException;
import java.util.List;

/**
 * No target could be found for a SIP host. The message names the host and every
 * lookup that came back empty or failed, e.g. "no DNS records for trunk.test: no
 * NAPTR trunk.test, no SRV _sip._udp.trunk.test, no A/AAAA trunk.test"; when a
 * query timed out it starts "could not resolve" instead.
 */
public final class SipResolutionException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final List<String> lookups;

    public SipResolutionException(String host, List<String> lookups) {
        super(describe(host, lookups));
        this.host = host;
        this.lookups = List.copyOf(lookups);
    }

    private static String describe(String host, List<String> lookups) {
        boolean allEmpty = lookups.stream().allMatch(l -> l.startsWith("no "));
        // Only claim "no records" when every server answered; a timeout is not an answer.
        return (allEmpty ? "no DNS records for " : "could not resolve ") + host + ": " + String.join(", ", lookups);
    }

    /** The host that was being resolved. */
    public String host() {
        return host;
    }

    /** One entry per lookup that produced nothing, in the order they were made. */
    public List<String> lookups() {
        return lookups;
    }
}
