package io.dialer.probe;

import io.dialer.core.TrunkAddress;
import io.dialer.sip.transport.Transport;
import io.netty.util.NetUtil;

/**
 * Check 1: the trunk URI and the flags that shape it. A URI that cannot be
 * used stops the probe (every later check needs host, port and transport).
 */
final class UriCheck {

    static final String NAME = "uri";

    /** The result and, when it is not a fail, the parsed address. */
    record Outcome(CheckResult result, TrunkAddress address) {
    }

    Outcome run(ProbeOptions options) {
        TrunkAddress address;
        try {
            address = TrunkAddress.parse(options.trunk(), options.transport());
        } catch (IllegalArgumentException e) {
            return new Outcome(CheckResult.fail(NAME, e.getMessage(),
                    "write the trunk as sip:HOST[:PORT][;transport=udp|tcp|tls] or sips:HOST[:PORT], "
                            + "e.g. sip:trunk.example.com;transport=tls"), null);
        }
        boolean literal = NetUtil.isValidIpV4Address(address.host()) || NetUtil.isValidIpV6Address(address.host());
        String shape = "host " + address.host() + ", port " + (address.port() > 0 ? address.port()
                : literal ? "none (default " + address.transport().defaultPort() + ")" : "none (from DNS SRV)")
                + ", transport " + transportWords(address, literal);
        if (address.port() == 0 && address.transport() == Transport.TLS && literal) {
            // RFC 3263 §4.2: with an IP address and no port the default applies; many TLS
            // trunks listen elsewhere, and the user meant to say.
            return new Outcome(CheckResult.warn(NAME, shape,
                    "TLS with an IP address and no port assumes 5061; add the port your provider gave, "
                            + "e.g. sip:" + address.host() + ":5061;transport=tls"), address);
        }
        return new Outcome(CheckResult.ok(NAME, shape), address);
    }

    private static String transportWords(TrunkAddress address, boolean literal) {
        String t = address.transport().token().toLowerCase(java.util.Locale.ROOT);
        // RFC 3263 §4.1: only a host name without transport or port leaves the choice to NAPTR.
        return address.explicitTransport() ? t : literal || address.port() > 0 ? t + " (default)"
                : t + " (default; DNS NAPTR may choose another)";
    }
}
