package io.dialer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import io.dialer.sip.auth.Credentials;
import io.dialer.sip.auth.DigestAlgorithm;
import io.dialer.sip.auth.DigestCalculator;
import io.dialer.sip.auth.DigestChallenge;
import io.dialer.sip.message.SipFactories;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The simulator's proxy-side digest check (RFC 3261 §22.3, RFC 2617 §3.2),
 * on a virtual clock. Requirements checked:
 * - no credentials, or credentials for another realm: 407 challenge;
 * - the right answer to our nonce is accepted, once;
 * - a reused or expired nonce with the right password: a new challenge, stale=TRUE;
 * - a wrong password or username: forbidden (403).
 */
class DigestVerifierTest {

    private static final String URI = "sip:+12025550200@127.0.0.1:5062";

    private final AtomicLong clock = new AtomicLong();
    private final DigestVerifier verifier = new DigestVerifier(Credentials.of("alice", "s3cret"), clock::get);

    private static SIPRequest invite(String proxyAuthorization) throws Exception {
        String text = "INVITE " + URI + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <" + URI + ">\r\nCall-ID: c1\r\nCSeq: 2 INVITE\r\n"
                + "Max-Forwards: 70\r\n"
                + (proxyAuthorization == null ? "" : "Proxy-Authorization: " + proxyAuthorization + "\r\n")
                + "Content-Length: 0\r\n\r\n";
        return (SIPRequest) SipFactories.MESSAGES.createRequest(text);
    }

    private static String answer(String challenge, String username, String password, String realm) {
        DigestChallenge c = DigestChallenge.parseStrongest(challenge).orElseThrow();
        String response = DigestCalculator.response(DigestAlgorithm.MD5, username, realm, password, "INVITE", URI,
                c.nonce(), DigestChallenge.Qop.AUTH, "00000001", "0a4f113b", new byte[0]);
        return "Digest username=\"" + username + "\", realm=\"" + realm + "\", nonce=\"" + c.nonce()
                + "\", uri=\"" + URI + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=00000001, "
                + "cnonce=\"0a4f113b\"";
    }

    private String challenge() throws Exception {
        DigestVerifier.Verdict v = verifier.check(invite(null));
        assertThat(v).isInstanceOf(DigestVerifier.Verdict.Challenge.class);
        return ((DigestVerifier.Verdict.Challenge) v).proxyAuthenticate();
    }

    @Test
    void noCredentialsGetAChallenge() throws Exception {
        assertThat(challenge()).startsWith("Digest realm=\"dialer-sim\", nonce=\"").contains("qop=\"auth\"")
                .doesNotContain("stale");
    }

    @Test
    void theRightAnswerIsAcceptedOnce() throws Exception {
        String auth = answer(challenge(), "alice", "s3cret", "dialer-sim");
        assertThat(verifier.check(invite(auth))).isInstanceOf(DigestVerifier.Verdict.Accepted.class);
        DigestVerifier.Verdict replay = verifier.check(invite(auth));
        assertThat(replay).isInstanceOf(DigestVerifier.Verdict.Challenge.class);
        assertThat(((DigestVerifier.Verdict.Challenge) replay).proxyAuthenticate()).endsWith("stale=TRUE");
    }

    @Test
    void anExpiredNonceIsStale() throws Exception {
        String auth = answer(challenge(), "alice", "s3cret", "dialer-sim");
        clock.addAndGet(Duration.ofMinutes(6).toNanos());
        DigestVerifier.Verdict v = verifier.check(invite(auth));
        assertThat(((DigestVerifier.Verdict.Challenge) v).proxyAuthenticate()).endsWith("stale=TRUE");
    }

    @Test
    void aWrongPasswordOrUsernameIsForbidden() throws Exception {
        assertThat(verifier.check(invite(answer(challenge(), "alice", "guess", "dialer-sim"))))
                .isEqualTo(new DigestVerifier.Verdict.Forbidden("wrong username or password"));
        assertThat(verifier.check(invite(answer(challenge(), "bob", "s3cret", "dialer-sim"))))
                .isInstanceOf(DigestVerifier.Verdict.Forbidden.class);
    }

    @Test
    void credentialsForAnotherRealmGetAChallenge() throws Exception {
        String auth = answer(challenge(), "alice", "s3cret", "trunk.example.com");
        assertThat(verifier.check(invite(auth))).isInstanceOf(DigestVerifier.Verdict.Challenge.class);
    }
}
