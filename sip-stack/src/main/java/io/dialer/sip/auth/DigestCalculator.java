package io.dialer.sip.auth;

import java.util.Objects;

/**
 * The digest response computation of RFC 2617 §3.2.2.1–3 and RFC 7616 §3.4.1–3,
 * which SIP uses unchanged (RFC 3261 §22.4, RFC 8760 §2). Pure functions, no state.
 */
public final class DigestCalculator {

    private DigestCalculator() {
    }

    /**
     * The {@code response} value.
     *
     * @param algorithm the hash and whether A1 is the {@code -sess} form
     * @param username  the username as sent in the credentials
     * @param realm     the challenge realm
     * @param password  the shared secret
     * @param method    the request method (for SIP, never ACK or CANCEL: RFC 3261 §22.1)
     * @param digestUri the {@code uri} parameter, i.e. the Request-URI as sent
     * @param nonce     the server nonce
     * @param qop       the chosen quality of protection
     * @param nc        the nonce count as 8 hex digits; ignored for {@link DigestChallenge.Qop#NONE}
     * @param cnonce    the client nonce; ignored for {@link DigestChallenge.Qop#NONE} unless -sess
     * @param body      the message body for {@code auth-int} (empty array for none)
     */
    public static String response(DigestAlgorithm algorithm, String username, String realm, String password,
                                  String method, String digestUri, String nonce, DigestChallenge.Qop qop,
                                  String nc, String cnonce, byte[] body) {
        Objects.requireNonNull(qop, "qop");
        String ha1 = algorithm.hashHex(username + ":" + realm + ":" + password);
        if (algorithm.session()) {
            // RFC 7616 §3.4.2: A1 = H(user:realm:pass):nonce:cnonce for the -sess variants.
            ha1 = algorithm.hashHex(ha1 + ":" + nonce + ":" + cnonce);
        }
        String a2 = method + ":" + digestUri;
        if (qop == DigestChallenge.Qop.AUTH_INT) {
            // RFC 2617 §3.2.2.3: auth-int also hashes the entity body (RFC 3261 §22.4: the SIP body).
            a2 = a2 + ":" + algorithm.hashHex(body == null ? new byte[0] : body);
        }
        String ha2 = algorithm.hashHex(a2);
        if (qop == DigestChallenge.Qop.NONE) {
            // RFC 2617 §3.2.2.1: the RFC 2069 form when the server sent no qop.
            return algorithm.hashHex(ha1 + ":" + nonce + ":" + ha2);
        }
        return algorithm.hashHex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop.token() + ":" + ha2);
    }
}
