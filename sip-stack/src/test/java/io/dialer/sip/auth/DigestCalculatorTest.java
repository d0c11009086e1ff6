package io.dialer.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.auth.DigestChallenge.Qop;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Checks the digest computation against the published examples:
 * RFC 2617 §3.5 (MD5, qop=auth) and RFC 7616 §3.9.1 (MD5 and SHA-256), plus the
 * RFC 2069 form and the auth-int and -sess variants computed by hand from the
 * RFC 2617 / RFC 7616 formulas.
 */
class DigestCalculatorTest {

    private static final String RFC7616_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void rfc2617Section3_5Example() {
        String response = DigestCalculator.response(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com",
                "Circle Of Life", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", Qop.AUTH,
                "00000001", "0a4f113b", new byte[0]);
        assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void rfc7616Section3_9_1Md5() {
        String response = DigestCalculator.response(DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org",
                "Circle of Life", "GET", "/dir/index.html", RFC7616_NONCE, Qop.AUTH, "00000001", RFC7616_CNONCE,
                new byte[0]);
        assertThat(response).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void rfc7616Section3_9_1Sha256() {
        String response = DigestCalculator.response(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org",
                "Circle of Life", "GET", "/dir/index.html", RFC7616_NONCE, Qop.AUTH, "00000001", RFC7616_CNONCE,
                new byte[0]);
        assertThat(response).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void rfc2069FormWithoutQopIgnoresNcAndCnonce() {
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        String ha1 = md5.hashHex("Mufasa:testrealm@host.com:Circle Of Life");
        String ha2 = md5.hashHex("GET:/dir/index.html");
        String expected = md5.hashHex(ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + ha2);
        assertThat(DigestCalculator.response(md5, "Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
                "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", Qop.NONE, "ignored", "ignored", null))
                .isEqualTo(expected);
    }

    @Test
    void authIntHashesTheBody() {
        DigestAlgorithm sha = DigestAlgorithm.SHA_256;
        byte[] body = "v=0\r\n".getBytes(StandardCharsets.UTF_8);
        String ha1 = sha.hashHex("alice:sip.test:pw");
        String ha2 = sha.hashHex("INVITE:sip:bob@sip.test:" + sha.hashHex(body));
        String expected = sha.hashHex(ha1 + ":n:00000002:c:auth-int:" + ha2);
        assertThat(DigestCalculator.response(sha, "alice", "sip.test", "pw", "INVITE", "sip:bob@sip.test", "n",
                Qop.AUTH_INT, "00000002", "c", body)).isEqualTo(expected);
    }

    @Test
    void sessionVariantBindsNonceAndCnonceIntoA1() {
        DigestAlgorithm sess = DigestAlgorithm.MD5_SESS;
        String ha1 = sess.hashHex(sess.hashHex("alice:sip.test:pw") + ":n:c");
        String ha2 = sess.hashHex("REGISTER:sip:sip.test");
        String expected = sess.hashHex(ha1 + ":n:00000001:c:auth:" + ha2);
        assertThat(DigestCalculator.response(sess, "alice", "sip.test", "pw", "REGISTER", "sip:sip.test", "n",
                Qop.AUTH, "00000001", "c", new byte[0])).isEqualTo(expected);
    }
}
