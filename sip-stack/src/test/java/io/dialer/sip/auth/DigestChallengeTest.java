package io.dialer.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.auth.ChallengeParseResult.Invalid;
import io.dialer.sip.auth.ChallengeParseResult.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The challenge parser: RFC 3261 §25.1 / RFC 7235 §4.1 grammar, leniency where servers differ, clear errors. */
class DigestChallengeTest {

    private static DigestChallenge single(String value) {
        ChallengeParseResult result = DigestChallenge.parse(value);
        assertThat(result).isInstanceOf(Parsed.class);
        List<DigestChallenge> challenges = ((Parsed) result).challenges();
        assertThat(challenges).hasSize(1);
        return challenges.get(0);
    }

    private static String problem(String value) {
        ChallengeParseResult result = DigestChallenge.parse(value);
        assertThat(result).isInstanceOf(Invalid.class);
        return ((Invalid) result).problem();
    }

    @Test
    void parsesTheRfc3261Section25Example() {
        DigestChallenge c = single("Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", qop=\"auth\", "
                + "nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5");
        assertThat(c.realm()).isEqualTo("atlanta.com");
        assertThat(c.nonce()).isEqualTo("f84f1cec41e6cbe5aea9c8e88d359");
        assertThat(c.opaque()).isEmpty();
        assertThat(c.stale()).isFalse();
        assertThat(c.algorithm()).isEqualTo("MD5");
        assertThat(c.qopOptions()).containsExactly("auth");
        assertThat(c.parameter("DOMAIN")).contains("sip:ss1.carrier.com");
        assertThat(c.supportedAlgorithm()).contains(DigestAlgorithm.MD5);
        assertThat(c.chosenQop()).contains(DigestChallenge.Qop.AUTH);
    }

    @Test
    void namesAndSchemeAreCaseInsensitiveAndEscapesAreUnquoted() {
        DigestChallenge c = single("digest REALM=\"a \\\"quoted\\\" realm\\\\x\",NONCE=abc/def==,Stale=true,"
                + "Algorithm=sha-256,QOP=\"auth-int, auth\"");
        assertThat(c.realm()).isEqualTo("a \"quoted\" realm\\x");
        assertThat(c.nonce()).isEqualTo("abc/def==");
        assertThat(c.stale()).isTrue();
        assertThat(c.supportedAlgorithm()).contains(DigestAlgorithm.SHA_256);
        assertThat(c.qopOptions()).containsExactly("auth-int", "auth");
        assertThat(c.chosenQop()).contains(DigestChallenge.Qop.AUTH);
    }

    @Test
    void keepsUnknownParametersAndToleratesFoldedWhitespace() {
        DigestChallenge c = single("Digest realm=\"r\",\r\n  nonce=\"n\" ,, charset=UTF-8 ,\tuserhash=false");
        assertThat(c.parameter("charset")).contains("UTF-8");
        assertThat(c.parameter("userhash")).contains("false");
        assertThat(c.algorithm()).isNull();
        assertThat(c.supportedAlgorithm()).contains(DigestAlgorithm.MD5);
        assertThat(c.qopOptions()).isEmpty();
        assertThat(c.chosenQop()).contains(DigestChallenge.Qop.NONE);
    }

    @Test
    void splitsSeveralChallengesAndPicksTheStrongest() {
        String value = "Digest realm=\"r\", nonce=\"n1\", algorithm=MD5, qop=\"auth\", "
                + "Basic realm=\"r\", Digest realm=\"r\", nonce=\"n2\", algorithm=SHA-256, qop=\"auth\", "
                + "Bearer abc.def==, Digest realm=\"r\", nonce=\"n3\", algorithm=SHA-512-256, qop=\"auth\"";
        ChallengeParseResult result = DigestChallenge.parse(value);
        assertThat(result).isInstanceOf(Parsed.class);
        assertThat(((Parsed) result).challenges()).extracting(DigestChallenge::nonce).containsExactly("n1", "n2", "n3");
        assertThat(DigestChallenge.parseStrongest(value)).map(DigestChallenge::nonce).contains("n3");
        assertThat(DigestChallenge.parseStrongest(value.replace("SHA-512-256", "SHA-1")))
                .map(DigestChallenge::nonce).contains("n2");
    }

    @Test
    void onATieTheFirstListedWins() {
        String value = "Digest realm=\"r\", nonce=\"sess\", algorithm=SHA-256-sess, "
                + "Digest realm=\"r\", nonce=\"plain\", algorithm=SHA-256";
        assertThat(DigestChallenge.parseStrongest(value)).map(DigestChallenge::nonce).contains("sess");
    }

    @Test
    void strongestSkipsUnsupportedQop() {
        String value = "Digest realm=\"r\", nonce=\"n1\", algorithm=SHA-256, qop=\"auth-conf\", "
                + "Digest realm=\"r\", nonce=\"n2\", algorithm=MD5";
        assertThat(DigestChallenge.parseStrongest(value)).map(DigestChallenge::nonce).contains("n2");
    }

    @Test
    void explainsUnsupportedChallenges() {
        DigestChallenge c = single("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1, qop=\"auth-conf\"");
        assertThat(c.unsupportedReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("algorithm 'SHA-1' is not supported").contains("qop 'auth-conf'"));
    }

    @Test
    void reportsWhatIsWrong() {
        assertThat(problem(null)).contains("missing");
        assertThat(problem("  ")).contains("empty");
        assertThat(problem("Basic realm=\"r\"")).isEqualTo("no Digest challenge (only Basic)");
        assertThat(problem("Digest nonce=\"n\"")).contains("without realm");
        assertThat(problem("Digest realm=\"r\"")).contains("without nonce");
        assertThat(problem("Digest realm=\"r, nonce=n")).contains("unterminated quoted string starting at offset 13");
        assertThat(problem("Digest realm=\"r\" nonce=\"n\"")).contains("expected ','");
        assertThat(problem("Digest realm=\"r\", realm=\"s\", nonce=n")).contains("'realm' appears twice");
        assertThat(problem("Digest realm=")).contains("no value");
        assertThat(problem("=x")).contains("expected an authentication scheme at offset 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"", "Digest \\", "Digest realm=\"\\", ",,,", "Digest ,=", "Digest a=b=c,", "\u0000\uffff"})
    void oddInputNeverThrows(String value) {
        assertThat(DigestChallenge.parse(value)).isNotNull();
    }

    @Test
    void toStringLeavesOutTheNonce() {
        assertThat(single("Digest realm=\"r\", nonce=\"secretish\"").toString()).doesNotContain("secretish");
    }
}
