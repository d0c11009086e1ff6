package io.dialer.sip.dns;

import java.util.Locale;
import java.util.Objects;

/**
 * A NAPTR resource record's data (RFC 3403 §4.1).
 *
 * @param order       lower is processed first
 * @param preference  lower is preferred among equal order
 * @param flags       e.g. "s" (the next lookup is SRV, RFC 3404 §4.3)
 * @param services    e.g. "SIP+D2U" (RFC 3263 §4.1)
 * @param regexp      the substitution expression; empty for SIP, which uses the replacement
 * @param replacement the next domain name to query, without the trailing dot; "" for "."
 */
public record NaptrRecord(int order, int preference, String flags, String services, String regexp,
                          String replacement) {

    public NaptrRecord {
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(regexp, "regexp");
        Objects.requireNonNull(replacement, "replacement");
    }

    /** True when the flags contain {@code s}, compared case-insensitively (RFC 3403 §4.1: flags are A-Z0-9). */
    public boolean terminalSrv() {
        return flags.toLowerCase(Locale.ROOT).contains("s");
    }

    @Override
    public String toString() {
        return order + " " + preference + " \"" + flags + "\" \"" + services + "\" \"" + regexp + "\" "
                + (replacement.isEmpty() ? "." : replacement);
    }
}
