package io.dialer.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialRedactorTest {

    @Test
    void blanksBothCredentialHeadersIncludingFoldedLinesAndKeepsTheRest() {
        String message = "INVITE sip:bob@trunk.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\n"
                + "Proxy-Authorization: Digest username=\"alice\", response=\"6629fae49393a05397450978507c4ef1\"\r\n"
                + "authorization : Digest username=\"alice\",\r\n"
                + "  response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"\r\n"
                + "CSeq: 2 INVITE\r\n\r\n";

        String redacted = CredentialRedactor.redact(message);

        assertThat(redacted).doesNotContain("6629fae4").doesNotContain("753927fa")
                .contains("Proxy-Authorization: <redacted>\r\n")
                .contains("authorization : <redacted>\r\nCSeq: 2 INVITE")
                .startsWith("INVITE sip:bob@trunk.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\n");
    }

    @Test
    void leavesAuthenticateChallengesAlone() {
        String challenge = "Proxy-Authenticate: Digest realm=\"r\", nonce=\"n\"\r\n";
        assertThat(CredentialRedactor.redact(challenge)).isEqualTo(challenge);
    }
}
