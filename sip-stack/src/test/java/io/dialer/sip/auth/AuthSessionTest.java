package io.dialer.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.dialer.sip.auth.AuthOutcome.Kind;
import io.dialer.sip.auth.AuthOutcome.Rejected;
import io.dialer.sip.auth.AuthOutcome.Retry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Requirements checked (RFC 3261 §22.2–22.3, RFC 2617 §3.2.1–3.2.2, RFC 8760):
 * a 407 is answered with Proxy-Authorization and a 401 with Authorization, in a copy
 * with CSeq + 1 and a new branch, whose response a server can verify; a second
 * challenge to our answer is a rejection unless stale=true, which is retried once;
 * SHA-256 is preferred over MD5; unsupported challenges and missing credentials fail
 * with reasons; cached nonces are reused with an incremented nc; nothing secret is logged.
 */
class AuthSessionTest {

    private static final String PASSWORD = "Circle-Of-Life-pw";

    private static final String INVITE = "INVITE sip:+15551234@trunk.test SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKorig\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:alice@dialer.test>;tag=f1\r\n"
            + "To: <sip:+15551234@trunk.test>\r\n"
            + "Call-ID: call-1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 5\r\n\r\n"
            + "v=0\r\n";

    private final AtomicInteger branches = new AtomicInteger();
    private final DigestClient client = new DigestClient(List.of(Credentials.of("alice", PASSWORD)),
            () -> "z9hG4bKretry" + branches.incrementAndGet(), () -> "cnonce0a4f113b");

    private static SIPMessage parse(String text) throws Exception {
        return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    private static SIPRequest invite() throws Exception {
        return (SIPRequest) parse(INVITE);
    }

    private static SIPResponse challenge(int status, long cseq, String... headerValues) throws Exception {
        StringBuilder b = new StringBuilder("SIP/2.0 " + status + (status == 401 ? " Unauthorized" : " Proxy Authentication Required") + "\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx\r\n"
                + "From: <sip:alice@dialer.test>;tag=f1\r\n"
                + "To: <sip:+15551234@trunk.test>;tag=t1\r\n"
                + "Call-ID: call-1\r\n"
                + "CSeq: " + cseq + " INVITE\r\n");
        for (String v : headerValues) {
            b.append(status == 401 ? "WWW-Authenticate: " : "Proxy-Authenticate: ").append(v).append("\r\n");
        }
        b.append("Content-Length: 0\r\n\r\n");
        return (SIPResponse) parse(b.toString());
    }

    private static SIPRequest retried(AuthOutcome outcome) {
        assertThat(outcome).isInstanceOf(Retry.class);
        return ((Retry) outcome).authorized();
    }

    /** Verifies the credentials the way a registrar would, from the header's own values. */
    private static void assertServerAccepts(SIPRequest request, AuthenticationHeader h) {
        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(h.getAlgorithm()).orElseThrow();
        DigestChallenge.Qop qop = h.getQop() == null ? DigestChallenge.Qop.NONE
                : "auth-int".equals(h.getQop()) ? DigestChallenge.Qop.AUTH_INT : DigestChallenge.Qop.AUTH;
        String expected = DigestCalculator.response(algorithm, "alice", h.getRealm(), PASSWORD, request.getMethod(),
                h.getURI().toString(), h.getNonce(), qop, h.getParameter("nc"), h.getCNonce(), request.getRawContent());
        assertThat(h.getResponse()).isEqualTo(expected);
        assertThat(h.getURI().toString()).isEqualTo(request.getRequestURI().toString());
    }

    @Test
    void answersA407WithProxyAuthorizationInANewTransaction() throws Exception {
        SIPRequest original = invite();
        AuthOutcome outcome = client.newSession().onChallenge(original, challenge(407, 1,
                "Digest realm=\"trunk.test\", nonce=\"n-1\", opaque=\"op\\\"aque\", algorithm=MD5, qop=\"auth\""));

        SIPRequest retry = retried(outcome);
        assertThat(retry.getCSeq().getSeqNumber()).isEqualTo(2);
        assertThat(retry.getCSeq().getMethod()).isEqualTo("INVITE");
        assertThat(retry.getTopmostVia().getBranch()).isEqualTo("z9hG4bKretry1");
        assertThat(retry.getCallId().getCallId()).isEqualTo("call-1");
        assertThat(retry.getHeader("Authorization")).isNull();
        AuthenticationHeader h = (AuthenticationHeader) retry.getHeader("Proxy-Authorization");
        assertThat(h.getScheme()).isEqualTo("Digest");
        assertThat(h.getUsername()).isEqualTo("alice");
        assertThat(h.getRealm()).isEqualTo("trunk.test");
        assertThat(h.getNonce()).isEqualTo("n-1");
        assertThat(h.getAlgorithm()).isEqualTo("MD5");
        assertThat(h.getQop()).isEqualTo("auth");
        assertThat(h.getParameter("nc")).isEqualTo("00000001");
        assertThat(h.getCNonce()).isEqualTo("cnonce0a4f113b");
        assertThat(retry.encode()).contains("opaque=\"op\\\"aque\"").contains("qop=auth,").contains("nc=00000001");
        assertServerAccepts(retry, h);

        // The original is untouched: the transaction layer may still retransmit or ACK it.
        assertThat(original.getCSeq().getSeqNumber()).isEqualTo(1);
        assertThat(original.getTopmostVia().getBranch()).isEqualTo("z9hG4bKorig");
        assertThat(original.getHeader("Proxy-Authorization")).isNull();
    }

    @Test
    void answersA401WithAuthorizationAndPrefersSha256() throws Exception {
        SIPResponse response = challenge(401, 1,
                "Digest realm=\"uas.test\", nonce=\"m\", algorithm=MD5, qop=\"auth\"",
                "Digest realm=\"uas.test\", nonce=\"s\", algorithm=SHA-256, qop=\"auth\"");
        SIPRequest retry = retried(client.newSession().onChallenge(invite(), response));
        AuthenticationHeader h = (AuthenticationHeader) retry.getHeader("Authorization");
        assertThat(retry.getHeader("Proxy-Authorization")).isNull();
        assertThat(h.getAlgorithm()).isEqualTo("SHA-256");
        assertThat(h.getNonce()).isEqualTo("s");
        assertThat(h.getResponse()).hasSize(64);
        assertServerAccepts(retry, h);
    }

    @Test
    void prefersSha512Over256AndSendsAHashedUsernameWhenAsked() throws Exception {
        SIPResponse response = challenge(401, 1,
                "Digest realm=\"uas.test\", nonce=\"s\", algorithm=SHA-256, qop=\"auth\"",
                "Digest realm=\"uas.test\", nonce=\"t\", algorithm=SHA-512-256, qop=\"auth\", userhash=true");
        SIPRequest retry = retried(client.newSession().onChallenge(invite(), response));
        AuthenticationHeader h = (AuthenticationHeader) retry.getHeader("Authorization");
        assertThat(h.getAlgorithm()).isEqualTo("SHA-512-256");
        assertThat(h.getNonce()).isEqualTo("t");
        // RFC 7616 §3.4.4: username = H(username ":" realm); A1 keeps the plain username.
        assertThat(h.getUsername()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-512/256").digest("alice:uas.test".getBytes())));
        assertThat(h.getParameter("userhash")).isEqualTo("true");
        assertThat(h.getResponse()).hasSize(64);
        assertServerAccepts(retry, h);
    }

    @Test
    void answersQopLessAndAuthIntChallenges() throws Exception {
        SIPRequest noQop = retried(client.newSession().onChallenge(invite(), challenge(401, 1,
                "Digest realm=\"r\", nonce=\"n\"")));
        AuthenticationHeader h = (AuthenticationHeader) noQop.getHeader("Authorization");
        assertThat(h.getQop()).isNull();
        assertThat(h.getParameter("nc")).isNull();
        assertServerAccepts(noQop, h);

        SIPRequest authInt = retried(client.newSession().onChallenge(invite(), challenge(401, 1,
                "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"")));
        AuthenticationHeader hi = (AuthenticationHeader) authInt.getHeader("Authorization");
        assertThat(hi.getQop()).isEqualTo("auth-int");
        assertServerAccepts(authInt, hi);
    }

    @Test
    void aSecondChallengeToOurCredentialsIsARejectionNotALoop() throws Exception {
        AuthSession session = client.newSession();
        String value = "Digest realm=\"trunk.test\", nonce=\"n-1\", qop=\"auth\"";
        SIPRequest retry = retried(session.onChallenge(invite(), challenge(407, 1, value)));

        AuthOutcome second = session.onChallenge(retry, challenge(407, 2,
                "Digest realm=\"trunk.test\", nonce=\"n-2\", qop=\"auth\""));

        assertThat(second).isInstanceOf(Rejected.class);
        Rejected rejected = (Rejected) second;
        assertThat(rejected.kind()).isEqualTo(Kind.CREDENTIALS_REJECTED);
        assertThat(rejected.reason()).isEqualTo("the trunk rejected our credentials for realm 'trunk.test' "
                + "(user 'alice', second 407 after sending them)");
    }

    @Test
    void staleNonceIsRetriedOnceWithTheNewNonce() throws Exception {
        AuthSession session = client.newSession();
        SIPRequest first = retried(session.onChallenge(invite(), challenge(401, 1,
                "Digest realm=\"r\", nonce=\"old\", qop=\"auth\"")));

        SIPRequest second = retried(session.onChallenge(first, challenge(401, 2,
                "Digest realm=\"r\", nonce=\"fresh\", qop=\"auth\", stale=TRUE")));
        AuthenticationHeader h = (AuthenticationHeader) second.getHeader("Authorization");
        assertThat(h.getNonce()).isEqualTo("fresh");
        assertThat(h.getParameter("nc")).isEqualTo("00000001");
        assertThat(second.getCSeq().getSeqNumber()).isEqualTo(3);
        assertThat(second.getHeaders("Authorization")).toIterable().hasSize(1);
        assertServerAccepts(second, h);

        AuthOutcome third = session.onChallenge(second, challenge(401, 3,
                "Digest realm=\"r\", nonce=\"fresher\", qop=\"auth\", stale=true"));
        assertThat(third).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.kind()).isEqualTo(Kind.CREDENTIALS_REJECTED);
            assertThat(r.reason()).contains("still stale");
        });
    }

    @Test
    void unsupportedAlgorithmOrQopIsNamed() throws Exception {
        AuthOutcome outcome = client.newSession().onChallenge(invite(), challenge(407, 1,
                "Digest realm=\"trunk.test\", nonce=\"n\", algorithm=SHA-1, qop=\"auth\""));
        assertThat(outcome).isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.kind()).isEqualTo(Kind.UNSUPPORTED_CHALLENGE);
            assertThat(r.reason()).contains("realm 'trunk.test'").contains("algorithm 'SHA-1' is not supported");
        });
        AuthOutcome qop = client.newSession().onChallenge(invite(), 401,
                List.of("Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf\""));
        assertThat(qop).isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("qop 'auth-conf'"));
    }

    @Test
    void missingCredentialsAndMalformedChallengesFail() throws Exception {
        DigestClient none = new DigestClient(List.of(), () -> "z9hG4bKb");
        assertThat(none.newSession().onChallenge(invite(), challenge(407, 1, "Digest realm=\"r\", nonce=\"n\"")))
                .isInstanceOfSatisfying(Rejected.class, r -> {
                    assertThat(r.kind()).isEqualTo(Kind.NO_CREDENTIALS);
                    assertThat(r.reason()).contains("no credentials are configured");
                });

        DigestClient otherRealm = new DigestClient(List.of(Credentials.forRealm("alice", PASSWORD, "other.test")),
                () -> "z9hG4bKb");
        assertThat(otherRealm.newSession().onChallenge(invite(), challenge(407, 1, "Digest realm=\"r\", nonce=\"n\"")))
                .isInstanceOfSatisfying(Rejected.class, r -> {
                    assertThat(r.kind()).isEqualTo(Kind.NO_CREDENTIALS);
                    assertThat(r.reason()).isEqualTo("no credentials are configured for realm 'r' that the trunk asked for");
                });

        assertThat(client.newSession().onChallenge(invite(), 407, List.of("Digest realm=\"r\"")))
                .isInstanceOfSatisfying(Rejected.class, r -> {
                    assertThat(r.kind()).isEqualTo(Kind.MALFORMED_CHALLENGE);
                    assertThat(r.reason()).contains("no usable Proxy-Authenticate").contains("without nonce");
                });
        assertThat(client.newSession().onChallenge(invite(), challenge(407, 1)))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Kind.MALFORMED_CHALLENGE));
        assertThat(client.newSession().onChallenge(invite(), 486, List.of()))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.reason()).contains("486"));
    }

    @Test
    void cachedNonceIsReusedWithTheNextNonceCountAndBothRealmsAreAnswered() throws Exception {
        AuthSession session = client.newSession();
        SIPRequest proxyAnswered = retried(session.onChallenge(invite(), challenge(407, 1,
                "Digest realm=\"proxy.test\", nonce=\"p\", qop=\"auth\"")));
        SIPRequest both = retried(session.onChallenge(proxyAnswered, challenge(401, 2,
                "Digest realm=\"uas.test\", nonce=\"u\", qop=\"auth\"")));
        AuthenticationHeader proxy = (AuthenticationHeader) both.getHeader("Proxy-Authorization");
        AuthenticationHeader uas = (AuthenticationHeader) both.getHeader("Authorization");
        assertThat(proxy.getParameter("nc")).isEqualTo("00000002");
        assertThat(uas.getParameter("nc")).isEqualTo("00000001");
        assertServerAccepts(both, proxy);
        assertServerAccepts(both, uas);

        SIPRequest bye = (SIPRequest) parse(INVITE.replace("INVITE", "BYE").replace("CSeq: 1", "CSeq: 4"));
        assertThat(session.hasCachedCredentials()).isTrue();
        assertThat(session.authorize(bye)).isEmpty();
        AuthenticationHeader byeProxy = (AuthenticationHeader) bye.getHeader("Proxy-Authorization");
        assertThat(byeProxy.getParameter("nc")).isEqualTo("00000003");
        assertServerAccepts(bye, byeProxy);
    }

    @Test
    void neverLogsThePasswordOrTheResponse() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(AuthSession.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = logger.getLevel();
        logger.setLevel(Level.TRACE);
        logger.addAppender(appender);
        try {
            SIPRequest retry = retried(client.newSession().onChallenge(invite(), challenge(407, 1,
                    "Digest realm=\"trunk.test\", nonce=\"n\", qop=\"auth\"")));
            String response = ((AuthenticationHeader) retry.getHeader("Proxy-Authorization")).getResponse();
            assertThat(appender.list).isNotEmpty();
            assertThat(appender.list).allSatisfy(e -> assertThat(e.getFormattedMessage())
                    .doesNotContain(PASSWORD).doesNotContain(response).doesNotContain("Proxy-Authorization"));
            assertThat(new Retry(retry).toString()).doesNotContain(response);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
    }
}
