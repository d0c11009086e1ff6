package io.dialer.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms this client answers.
 *
 * <p>RFC 8760 §2 adds SHA-256 and SHA-512/256 to SIP (RFC 7616 §3.4.1 names
 * the latter {@code SHA-512-256}: SHA-512/256 of FIPS 180-4, not SHA-512
 * truncated); RFC 7616 §3.4.2 defines the {@code -sess} variants, whose A1
 * also binds the nonce and cnonce.
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false),
    MD5_SESS("MD5-sess", "MD5", true),
    SHA_256("SHA-256", "SHA-256", false),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true),
    SHA_512_256("SHA-512-256", "SHA-512/256", false),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true);

    private final String token;
    private final String jcaName;
    private final boolean session;

    DigestAlgorithm(String token, String jcaName, boolean session) {
        this.token = token;
        this.jcaName = jcaName;
        this.session = session;
    }

    /** The value of the {@code algorithm} parameter, e.g. {@code SHA-256}. */
    public String token() {
        return token;
    }

    /** 0 for MD5-based, 1 for SHA-256-based, 2 for SHA-512/256: the -sess variants are no stronger than their hash. */
    public int strength() {
        return switch (jcaName) {
            case "SHA-512/256" -> 2;
            case "SHA-256" -> 1;
            default -> 0;
        };
    }

    /** True for the {@code -sess} variants (RFC 7616 §3.4.2). */
    public boolean session() {
        return session;
    }

    /** Lower-case hex of the hash of the UTF-8 bytes of {@code data} (RFC 7616 §3.4.1). */
    public String hashHex(String data) {
        return hashHex(data.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex of the hash of {@code data}. */
    public String hashHex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jcaName).digest(data));
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide MD5, SHA-256 and SHA-512/256 (MessageDigest Javadoc).
            throw new IllegalStateException(jcaName + " is missing from this Java runtime", e);
        }
    }

    /**
     * The algorithm named by a challenge's {@code algorithm} token, compared
     * case-insensitively; an absent parameter means MD5 (RFC 2617 §3.2.1).
     */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null) {
            return Optional.of(MD5);
        }
        String wanted = token.trim().toUpperCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.token.toUpperCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return token;
    }
}
