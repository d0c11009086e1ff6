package io.dialer.sip.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers digest challenges with configured credentials (RFC 3261 §22.2–22.3).
 * Holds only configuration and thread-safe sources of randomness; the per-call
 * state lives in the {@link AuthSession}s it creates.
 */
public final class DigestClient {

    private static final int CNONCE_BYTES = 16;

    private final List<Credentials> credentials;
    private final Supplier<String> branches;
    private final Supplier<String> cnonces;

    /**
     * @param credentials what we may send; realm-restricted entries win over unrestricted ones
     * @param branches    supplies a fresh Via branch, including the {@code z9hG4bK}
     *                    magic cookie (RFC 3261 §8.1.1.7), for every retry
     */
    public DigestClient(List<Credentials> credentials, Supplier<String> branches) {
        this(credentials, branches, secureCnonces(new SecureRandom()));
    }

    /** As above with a chosen cnonce source (tests use a fixed one to compare responses). */
    public DigestClient(List<Credentials> credentials, Supplier<String> branches, Supplier<String> cnonces) {
        this.credentials = List.copyOf(credentials);
        this.branches = Objects.requireNonNull(branches, "branches");
        this.cnonces = Objects.requireNonNull(cnonces, "cnonces");
    }

    /** A fresh state holder for one dialog or call chain (not thread-safe: use it on the call's event loop). */
    public AuthSession newSession() {
        return new AuthSession(this);
    }

    /** The credentials to offer {@code realm}: one restricted to it, else the first unrestricted entry. */
    public Optional<Credentials> credentialsFor(String realm) {
        return credentials.stream().filter(c -> c.realm().isPresent() && c.appliesTo(realm)).findFirst()
                .or(() -> credentials.stream().filter(c -> c.realm().isEmpty()).findFirst());
    }

    boolean hasCredentials() {
        return !credentials.isEmpty();
    }

    String nextBranch() {
        return branches.get();
    }

    String nextCnonce() {
        return cnonces.get();
    }

    /**
     * RFC 7616 §3.4: the cnonce should be unpredictable; 128 random bits in hex.
     * One source serves many clients: a UA shares its own instead of seeding a
     * new SecureRandom for every call.
     */
    public static Supplier<String> secureCnonces(SecureRandom random) {
        return () -> {
            byte[] bytes = new byte[CNONCE_BYTES];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }
}
