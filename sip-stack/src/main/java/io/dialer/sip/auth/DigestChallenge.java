package io.dialer.sip.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Digest challenge from a {@code WWW-Authenticate} or
 * {@code Proxy-Authenticate} header (RFC 3261 §22.1, §25.1 {@code digest-cln};
 * RFC 7616 §3.3).
 *
 * @param realm      the protection space; required (RFC 2617 §3.2.1)
 * @param nonce      the server's nonce; required
 * @param opaque     echoed back unchanged, or null when absent
 * @param algorithm  the {@code algorithm} token as sent, or null when absent (meaning MD5)
 * @param qopOptions the {@code qop} options in lower case, empty when the
 *                   server sent none (RFC 2069 compatibility)
 * @param stale      true when the server says only the nonce was stale (RFC 2617 §3.2.1)
 * @param parameters every parameter, names in lower case, values unquoted; unknown
 *                   ones are kept so a caller can look at them
 */
public record DigestChallenge(String realm, String nonce, String opaque, String algorithm,
                              List<String> qopOptions, boolean stale, Map<String, String> parameters) {

    public DigestChallenge {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        qopOptions = List.copyOf(qopOptions);
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses a header value (not including the header name). Challenges of other
     * schemes (Basic, Bearer) are skipped; if none is Digest the result says so.
     * Never throws for any input, including null.
     */
    public static ChallengeParseResult parse(String headerValue) {
        return ChallengeParser.parse(headerValue);
    }

    /**
     * Parses a value and picks the strongest usable challenge, or empty when the
     * value is malformed or offers nothing this client can answer.
     */
    public static Optional<DigestChallenge> parseStrongest(String headerValue) {
        return parse(headerValue) instanceof ChallengeParseResult.Parsed parsed
                ? strongest(parsed.challenges())
                : Optional.empty();
    }

    /**
     * The challenge with the strongest hash we support (SHA-512-256 over SHA-256 over MD5) among those
     * with a usable qop, the first listed on a tie; empty when none is usable.
     * RFC 8760 §2.4 has the client take the topmost challenge it supports "unless a
     * local policy dictates otherwise"; our policy is never to settle for MD5 when the
     * server also offers SHA-256, whatever order it lists them in.
     */
    public static Optional<DigestChallenge> strongest(Collection<DigestChallenge> challenges) {
        DigestChallenge best = null;
        for (DigestChallenge c : challenges) {
            if (c.supportedAlgorithm().isEmpty() || c.chosenQop().isEmpty()) {
                continue;
            }
            if (best == null || c.supportedAlgorithm().get().strength() > best.supportedAlgorithm().get().strength()) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Whether the server asks for the username to be sent hashed (RFC 7616
     * §3.4.4): {@code userhash=true}, compared case-insensitively.
     */
    public boolean userhash() {
        String v = parameters.get("userhash");
        return v != null && v.trim().equalsIgnoreCase("true");
    }

    /** The algorithm if this client implements it. */
    public Optional<DigestAlgorithm> supportedAlgorithm() {
        return DigestAlgorithm.fromToken(algorithm);
    }

    /**
     * The quality of protection we will use: {@code auth} when offered, else
     * {@code auth-int}; {@link Qop#NONE} when the server offered no qop at all
     * (RFC 2617 §3.2.2 compatibility with RFC 2069); empty when only unknown
     * options were offered.
     */
    public Optional<Qop> chosenQop() {
        if (qopOptions.isEmpty()) {
            return Optional.of(Qop.NONE);
        }
        if (qopOptions.contains("auth")) {
            return Optional.of(Qop.AUTH);
        }
        if (qopOptions.contains("auth-int")) {
            return Optional.of(Qop.AUTH_INT);
        }
        return Optional.empty();
    }

    /** Why this challenge cannot be answered, or empty when it can. */
    public Optional<String> unsupportedReason() {
        List<String> problems = new ArrayList<>();
        if (supportedAlgorithm().isEmpty()) {
            problems.add("algorithm '" + algorithm + "' is not supported (we support MD5, SHA-256 and SHA-512-256, and their -sess variants)");
        }
        if (chosenQop().isEmpty()) {
            problems.add("qop '" + String.join(",", qopOptions) + "' offers neither auth nor auth-int");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** A parameter by name, compared case-insensitively. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Deliberately short: nonces are not secret, but there is no need to spread them through logs. */
    @Override
    public String toString() {
        return "Digest realm=\"" + realm + "\" algorithm=" + (algorithm == null ? "MD5(default)" : algorithm)
                + " qop=" + qopOptions + (stale ? " stale" : "");
    }

    /** The quality-of-protection variants of RFC 2617 §3.2.2.1. */
    public enum Qop {
        /** No qop: the RFC 2069 response, without nc and cnonce. */
        NONE(null),
        AUTH("auth"),
        AUTH_INT("auth-int");

        private final String token;

        Qop(String token) {
            this.token = token;
        }

        /** The {@code qop} token, or null for {@link #NONE}. */
        public String token() {
            return token;
        }
    }
}
