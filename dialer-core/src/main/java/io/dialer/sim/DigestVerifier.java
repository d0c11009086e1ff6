package io.dialer.sim;

import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.message.SIPRequest;
import io.dialer.sip.auth.Credentials;
import io.dialer.sip.auth.DigestAlgorithm;
import io.dialer.sip.auth.DigestCalculator;
import io.dialer.sip.auth.DigestChallenge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The proxy side of digest authentication (RFC 3261 §22.3, RFC 2617 §3.2):
 * challenges a request with 407 and checks the Proxy-Authorization of the
 * retry. Nonces are ours, random, single use and short-lived; a valid
 * answer with an old nonce gets a fresh challenge marked {@code stale}.
 * Runs on one thread (the stack's scheduler); not thread-safe.
 */
final class DigestVerifier {

    static final String REALM = "dialer-sim";
    private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_NONCES = 10_000;

    /** What to do with a request. */
    sealed interface Verdict {
        /** The credentials are right. */
        record Accepted() implements Verdict { }

        /** Send 407 with this Proxy-Authenticate value. */
        record Challenge(String proxyAuthenticate) implements Verdict { }

        /** The credentials are wrong: 403 (RFC 3261 §22.3 lets the proxy refuse rather than re-challenge). */
        record Forbidden(String why) implements Verdict { }
    }

    private final Credentials credentials;
    private final LongSupplier nanoClock;
    private final SecureRandom random = new SecureRandom();
    /** Nonces handed out and not yet used, oldest first, with when they were issued. */
    private final Map<String, Long> nonces = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_NONCES;
        }
    };

    DigestVerifier(Credentials credentials, LongSupplier nanoClock) {
        this.credentials = credentials;
        this.nanoClock = nanoClock;
    }

    Verdict check(SIPRequest request) {
        Optional<AuthenticationHeader> answer = ourRealm(request);
        if (answer.isEmpty()) {
            return challenge(false);
        }
        AuthenticationHeader h = answer.get();
        String nonce = param(h, "nonce");
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(param(h, "algorithm"));
        String uri = param(h, "uri");
        String response = param(h, "response");
        String username = param(h, "username");
        String qopToken = param(h, "qop");
        if (nonce == null || uri == null || response == null || username == null || algorithm.isEmpty()
                || algorithm.get() != DigestAlgorithm.MD5) {
            return new Verdict.Forbidden("incomplete or unsupported credentials");
        }
        DigestChallenge.Qop qop = qopToken == null ? DigestChallenge.Qop.NONE
                : "auth".equalsIgnoreCase(qopToken) ? DigestChallenge.Qop.AUTH : null;
        if (qop == null) {
            return new Verdict.Forbidden("qop '" + qopToken + "' was not offered");
        }
        String expected = DigestCalculator.response(algorithm.get(), username, REALM, credentials.password(),
                request.getMethod(), uri, nonce, qop, param(h, "nc"), param(h, "cnonce"), new byte[0]);
        boolean right = username.equals(credentials.username())
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        if (!right) {
            return new Verdict.Forbidden("wrong username or password");
        }
        Long issued = nonces.remove(nonce);
        if (issued == null || nanoClock.getAsLong() - issued > NONCE_LIFETIME.toNanos()) {
            // RFC 2617 §3.2.1: right password, nonce not (or no longer) ours: challenge again, stale=TRUE.
            return challenge(true);
        }
        return new Verdict.Accepted();
    }

    private Verdict challenge(boolean stale) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        nonces.put(nonce, nanoClock.getAsLong());
        return new Verdict.Challenge("Digest realm=\"" + REALM + "\", nonce=\"" + nonce
                + "\", algorithm=MD5, qop=\"auth\"" + (stale ? ", stale=TRUE" : ""));
    }

    /** The Proxy-Authorization for our realm (RFC 3261 §22.3: one per realm may be present). */
    private static Optional<AuthenticationHeader> ourRealm(SIPRequest request) {
        ListIterator<?> headers = request.getHeaders("Proxy-Authorization");
        while (headers.hasNext()) {
            if (headers.next() instanceof AuthenticationHeader h && REALM.equals(param(h, "realm"))
                    && "Digest".equalsIgnoreCase(h.getScheme())) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    private static String param(AuthenticationHeader h, String name) {
        String value = h.getParameter(name);
        if (value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
