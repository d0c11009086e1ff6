package io.dialer.sip.auth;

import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.header.Authorization;
import gov.nist.javax.sip.header.ProxyAuthorization;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication state of one dialog or call chain: the nonces we hold per realm,
 * their nonce counts, and which request last answered each realm, so that a
 * second challenge for the same request is recognised as a rejection instead of
 * starting a loop (RFC 3261 §22.2: a UAC should not retry with the same
 * credentials after they were rejected).
 *
 * <p>Not thread-safe: one session belongs to one call and is used on its event loop.
 */
public final class AuthSession {

    private static final Logger log = LoggerFactory.getLogger(AuthSession.class);

    private final DigestClient client;
    /** Insertion order keeps the credentials headers in the order the realms challenged us. */
    private final Map<String, RealmState> realms = new LinkedHashMap<>();

    AuthSession(DigestClient client) {
        this.client = client;
    }

    /**
     * Handles a 401 or 407 to {@code sent}, reading the challenges from the parsed
     * response's {@code WWW-Authenticate} or {@code Proxy-Authenticate} headers.
     */
    public AuthOutcome onChallenge(SIPRequest sent, SIPResponse response) {
        int status = response.getStatusCode();
        ChallengeKind kind = ChallengeKind.of(status);
        if (kind == null) {
            return new AuthOutcome.Rejected(AuthOutcome.Kind.MALFORMED_CHALLENGE,
                    "response " + status + " is not an authentication challenge (expected 401 or 407)");
        }
        List<String> values = new ArrayList<>();
        ListIterator<?> headers = response.getHeaders(kind.challengeHeader);
        while (headers != null && headers.hasNext()) {
            if (headers.next() instanceof SIPHeader h) {
                values.add(h.getHeaderValue());
            }
        }
        return onChallenge(sent, status, values);
    }

    /**
     * Handles a 401 or 407 to {@code sent} given the raw values of its challenge
     * headers (one entry per {@code WWW-Authenticate}/{@code Proxy-Authenticate}
     * header line). RFC 3261 §22.3: every realm challenged is answered in the retry.
     *
     * @param sent       the request that was challenged, exactly as sent
     * @param statusCode 401 or 407
     * @param challenges the header values
     */
    public AuthOutcome onChallenge(SIPRequest sent, int statusCode, List<String> challenges) {
        ChallengeKind kind = ChallengeKind.of(statusCode);
        if (kind == null) {
            return new AuthOutcome.Rejected(AuthOutcome.Kind.MALFORMED_CHALLENGE,
                    "response " + statusCode + " is not an authentication challenge (expected 401 or 407)");
        }
        if (!client.hasCredentials()) {
            return new AuthOutcome.Rejected(AuthOutcome.Kind.NO_CREDENTIALS,
                    "the " + kind.peer + " asked for authentication (" + statusCode + ") but no credentials are configured");
        }
        Map<String, List<DigestChallenge>> byRealm = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String value : challenges) {
            ChallengeParseResult result = DigestChallenge.parse(value);
            if (result instanceof ChallengeParseResult.Parsed parsed) {
                parsed.challenges().forEach(c -> byRealm.computeIfAbsent(c.realm(), r -> new ArrayList<>()).add(c));
            } else if (result instanceof ChallengeParseResult.Invalid invalid) {
                problems.add(invalid.problem());
            }
        }
        if (byRealm.isEmpty()) {
            return new AuthOutcome.Rejected(AuthOutcome.Kind.MALFORMED_CHALLENGE, "the " + statusCode + " carried no usable "
                    + kind.challengeHeader + (problems.isEmpty() ? " header" : ": " + String.join("; ", problems)));
        }
        if (sent.getCSeq() == null || sent.getTopmostVia() == null) {
            return new AuthOutcome.Rejected(AuthOutcome.Kind.MALFORMED_CHALLENGE,
                    "the challenged request has no CSeq or Via, so no retry can be built from it");
        }
        long sentCseq = sent.getCSeq().getSeqNumber();
        long retryCseq = sentCseq + 1;
        Map<String, RealmState> answered = new LinkedHashMap<>();
        for (Map.Entry<String, List<DigestChallenge>> entry : byRealm.entrySet()) {
            String realm = entry.getKey();
            Optional<DigestChallenge> usable = DigestChallenge.strongest(entry.getValue());
            if (usable.isEmpty()) {
                List<String> reasons = entry.getValue().stream().map(c -> c.unsupportedReason().orElse("unusable")).toList();
                return new AuthOutcome.Rejected(AuthOutcome.Kind.UNSUPPORTED_CHALLENGE, "cannot answer the " + kind.peer
                        + "'s challenge for realm '" + realm + "': " + String.join("; ", reasons));
            }
            DigestChallenge challenge = usable.get();
            Optional<Credentials> credentials = client.credentialsFor(realm);
            if (credentials.isEmpty()) {
                return new AuthOutcome.Rejected(AuthOutcome.Kind.NO_CREDENTIALS,
                        "no credentials are configured for realm '" + realm + "' that the " + kind.peer + " asked for");
            }
            RealmState previous = realms.get(realm);
            boolean staleRetry = false;
            if (previous != null && previous.answeredCseq == sentCseq) {
                // We answered this realm in the very request that is challenged again.
                if (challenge.stale() && !previous.answeredStale) {
                    // RFC 2617 §3.2.1: stale=true means the credentials were right but the
                    // nonce expired; retry once with the new nonce.
                    staleRetry = true;
                } else {
                    return new AuthOutcome.Rejected(AuthOutcome.Kind.CREDENTIALS_REJECTED, "the " + kind.peer
                            + " rejected our credentials for realm '" + realm + "' (user '" + credentials.get().username()
                            + "', second " + statusCode + " after sending them"
                            + (challenge.stale() ? ", still stale after a retry with a fresh nonce" : "") + ")");
                }
            }
            answered.put(realm, new RealmState(kind, challenge, credentials.get(), retryCseq, staleRetry));
        }
        SIPRequest retry;
        try {
            retry = (SIPRequest) sent.clone();
            retry.getCSeq().setSeqNumber(retryCseq);
            // RFC 3261 §8.1.3.5: the retry is a new transaction, so a new branch and CSeq.
            retry.getTopmostVia().setBranch(client.nextBranch());
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            return new AuthOutcome.Rejected(AuthOutcome.Kind.MALFORMED_CHALLENGE,
                    "could not build the authorized retry of " + sent.getMethod() + ": " + e.getMessage());
        }
        answered.forEach((realm, state) -> {
            realms.remove(realm);
            realms.put(realm, state);
            log.debug("answering {} challenge for realm '{}' with {} qop {}{}", statusCode, realm,
                    state.algorithm, state.qop, state.answeredStale ? " (stale nonce)" : "");
        });
        Optional<String> problem = addCredentials(retry);
        if (problem.isPresent()) {
            return new AuthOutcome.Rejected(AuthOutcome.Kind.MALFORMED_CHALLENGE, problem.get());
        }
        return new AuthOutcome.Retry(retry);
    }

    /**
     * Adds credentials for every realm this session has answered to a new request
     * of the same call (e.g. a BYE through an authenticating proxy), reusing each
     * nonce with the next nonce count (RFC 2617 §3.2.2: nc counts requests per nonce).
     * Existing Authorization and Proxy-Authorization headers are replaced.
     *
     * @return empty, or a description of a header the message model would not accept
     */
    public Optional<String> authorize(SIPRequest request) {
        return addCredentials(request);
    }

    /** True when this session holds a nonce for at least one realm. */
    public boolean hasCachedCredentials() {
        return !realms.isEmpty();
    }

    private Optional<String> addCredentials(SIPRequest request) {
        request.removeHeader(ChallengeKind.WWW.credentialsHeader);
        request.removeHeader(ChallengeKind.PROXY.credentialsHeader);
        String method = request.getMethod();
        String digestUri = request.getRequestURI().toString();
        byte[] body = request.getRawContent() == null ? new byte[0] : request.getRawContent();
        for (RealmState state : realms.values()) {
            try {
                request.addHeader(state.header(method, digestUri, body, client.nextCnonce()));
            } catch (ParseException e) {
                return Optional.of("could not build the " + state.kind.credentialsHeader + " header for realm '"
                        + state.challenge.realm() + "': " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Which header pair a status code uses (RFC 3261 §22.2 for 401, §22.3 for 407). */
    private enum ChallengeKind {
        WWW("WWW-Authenticate", "Authorization", "server"),
        PROXY("Proxy-Authenticate", "Proxy-Authorization", "trunk");

        final String challengeHeader;
        final String credentialsHeader;
        final String peer;

        ChallengeKind(String challengeHeader, String credentialsHeader, String peer) {
            this.challengeHeader = challengeHeader;
            this.credentialsHeader = credentialsHeader;
            this.peer = peer;
        }

        static ChallengeKind of(int status) {
            return status == 401 ? WWW : status == 407 ? PROXY : null;
        }
    }

    /** The nonce we hold for one realm and how we last used it. */
    private static final class RealmState {
        final ChallengeKind kind;
        final DigestChallenge challenge;
        final Credentials credentials;
        final DigestAlgorithm algorithm;
        final DigestChallenge.Qop qop;
        /** The CSeq of the request that answered this challenge. */
        final long answeredCseq;
        /** True when that answer was already the one retry allowed for stale=true. */
        final boolean answeredStale;
        int nonceCount;

        RealmState(ChallengeKind kind, DigestChallenge challenge, Credentials credentials, long answeredCseq,
                   boolean answeredStale) {
            this.kind = kind;
            this.challenge = challenge;
            this.credentials = credentials;
            this.algorithm = challenge.supportedAlgorithm().orElseThrow();
            this.qop = challenge.chosenQop().orElseThrow();
            this.answeredCseq = answeredCseq;
            this.answeredStale = answeredStale;
        }

        AuthenticationHeader header(String method, String digestUri, byte[] body, String cnonce) throws ParseException {
            nonceCount++;
            String nc = String.format("%08x", nonceCount);
            String response = DigestCalculator.response(algorithm, credentials.username(), challenge.realm(),
                    credentials.password(), method, digestUri, challenge.nonce(), qop, nc, cnonce, body);
            AuthenticationHeader h = kind == ChallengeKind.PROXY ? new ProxyAuthorization() : new Authorization();
            h.setScheme("Digest");
            // jain-sip writes quoted values verbatim, so escape them (RFC 3261 §25.1 quoted-pair).
            // RFC 7616 §3.4.4: with userhash=true the username goes as H(username ":" realm);
            // A1 (above) still hashes the username itself.
            if (challenge.userhash()) {
                h.setUsername(algorithm.hashHex(credentials.username() + ":" + challenge.realm()));
                h.setParameter("userhash", "true");
            } else {
                h.setUsername(quote(credentials.username()));
            }
            h.setRealm(quote(challenge.realm()));
            h.setNonce(quote(challenge.nonce()));
            h.setParameter("uri", quote(digestUri));
            h.setResponse(response);
            h.setAlgorithm(algorithm.token());
            if (challenge.opaque() != null) {
                h.setOpaque(quote(challenge.opaque()));
            }
            if (qop != DigestChallenge.Qop.NONE) {
                h.setQop(qop.token());
                h.setParameter("nc", nc);
            }
            if (qop != DigestChallenge.Qop.NONE || algorithm.session()) {
                h.setCNonce(cnonce);
            }
            return h;
        }

        private static String quote(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"");
        }
    }
}
