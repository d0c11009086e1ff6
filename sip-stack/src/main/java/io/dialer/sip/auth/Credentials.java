package io.dialer.sip.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * A username and password for digest authentication, optionally restricted to
 * one realm so that a password for one trunk is never offered to another
 * (RFC 3261 §22.1: credentials are scoped by realm).
 *
 * @param username the digest username
 * @param password the shared secret; never printed by {@link #toString()}
 * @param realm    the only realm these credentials answer, or empty for any realm
 */
public record Credentials(String username, String password, Optional<String> realm) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(realm, "realm");
    }

    /** Credentials offered to any realm. */
    public static Credentials of(String username, String password) {
        return new Credentials(username, password, Optional.empty());
    }

    /** Credentials offered only to {@code realm}. */
    public static Credentials forRealm(String username, String password, String realm) {
        return new Credentials(username, password, Optional.of(realm));
    }

    /** True when these credentials may be sent to {@code challengeRealm} (RFC 2617: realms compare exactly). */
    public boolean appliesTo(String challengeRealm) {
        return realm.map(r -> r.equals(challengeRealm)).orElse(true);
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***"
                + realm.map(r -> ", realm=" + r).orElse("") + "]";
    }
}
