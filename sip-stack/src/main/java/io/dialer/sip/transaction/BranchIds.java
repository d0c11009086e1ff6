package io.dialer.sip.transaction;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Via branch parameters (RFC 3261 §8.1.1.7): unique across space and time and
 * starting with the magic cookie {@code z9hG4bK}, which tells the peer that
 * transactions are matched by branch (§17.2.3) rather than by the RFC 2543 rules.
 */
public final class BranchIds {

    /** RFC 3261 §8.1.1.7. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    // SecureRandom is thread-safe and stateless from our point of view; sharing it
    // shares no protocol state between stacks. 96 random bits make collisions
    // between any two branches ever generated negligible.
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private BranchIds() {
    }

    /** A fresh branch: the magic cookie followed by 24 random hex digits. */
    public static String create() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return MAGIC_COOKIE + HEX.formatHex(bytes);
    }

    /** True when the branch carries the RFC 3261 magic cookie (§8.1.1.7); compared case-insensitively to tolerate peers that change its case. */
    public static boolean isRfc3261(String branch) {
        return branch != null && branch.length() > MAGIC_COOKIE.length()
                && branch.regionMatches(true, 0, MAGIC_COOKIE, 0, MAGIC_COOKIE.length());
    }
}
