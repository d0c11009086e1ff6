package io.dialer.daemon.http;

import io.dialer.daemon.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The bearer keys the API accepts (RFC 6750 §2.1). Keys are kept as SHA-256
 * digests and compared with {@link MessageDigest#isEqual} against every key,
 * so neither the comparison nor the number of keys tried depends on how much
 * of a guess was right.
 */
public final class ApiKeys {

    private final List<byte[]> digests;

    public ApiKeys(List<Secret> keys) {
        this.digests = keys.stream().map(k -> sha256(k.value())).toList();
    }

    /** Whether an {@code Authorization} header value carries one of the keys. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = sha256(authorization.substring(7).trim());
        boolean ok = false;
        for (byte[] d : digests) {
            ok |= MessageDigest.isEqual(d, presented);
        }
        return ok;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }
}
