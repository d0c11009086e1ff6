package io.dialer.sip.message;

import io.dialer.sip.message.DecodeResult.Decoded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static io.dialer.sip.message.Rfc4475TortureTest.load;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 12 IPv6 messages of RFC 5118 §4 (files in {@code rfc5118/}, see its
 * README), decoded as UDP datagrams. All are valid but ipv6-bad (§4.2), which
 * gets 400; where the RFC asks for robustness (§4.5 received with or without
 * brackets, §4.10 the ABNF bug's three colons) the message must decode.
 */
class Rfc5118Ipv6TortureTest {

    private final MessageDecoder decoder = new MessageDecoder(MessageLimits.DEFAULTS, "[::1]");
    private final MessageEncoder encoder = new MessageEncoder();

    @ParameterizedTest(name = "§{1} {0} -> {2}")
    @CsvSource({
            "ipv6-good, 4.1, decoded",
            "ipv6-bad, 4.2, 400",
            "port-ambiguous, 4.3, decoded",
            "port-unambiguous, 4.4, decoded",
            "via-received-param-with-delim, 4.5, decoded",
            "via-received-param-no-delim, 4.5, decoded",
            "ipv6-in-sdp, 4.6, decoded",
            "mult-ip-in-header, 4.7, decoded",
            "mult-ip-in-sdp, 4.8, decoded",
            "ipv4-mapped-ipv6, 4.9, decoded",
            "ipv6-bug-abnf-3-colons, 4.10, decoded",
            "ipv6-correct-abnf-2-colons, 4.10, decoded"
    })
    void getsTheAnswerTheRfcNames(String name, String section, String expected) throws IOException {
        DecodeResult result = decoder.decode(load("rfc5118/" + name + ".dat"), false);
        if (expected.equals("decoded")) {
            assertThat(result).as("%s: %s", name, result).isInstanceOf(Decoded.class);
            byte[] again = encoder.encode(((Decoded) result).message());
            assertThat(decoder.decode(again, false)).as("%s re-encoded:%n%s", name,
                    new String(again, StandardCharsets.UTF_8)).isInstanceOf(Decoded.class);
        } else {
            assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
            DecodeResult.Rejected rejected = (DecodeResult.Rejected) result;
            assertThat(rejected.status()).as(rejected.reason()).isEqualTo(Integer.parseInt(expected));
            assertThat(new String(rejected.response(), StandardCharsets.US_ASCII))
                    .startsWith("SIP/2.0 400 Bad Request\r\n")
                    .contains("Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111\r\n");
        }
    }

    @Test
    void ipv6SentByIsIndexedWithItsBrackets() throws IOException {
        Decoded d = (Decoded) decoder.decode(load("rfc5118/mult-ip-in-header.dat"), false);
        assertThat(d.frame().topViaSentBy()).isEqualTo("[2001:db8::9:1]:6050");
        assertThat(d.frame().topViaBranch()).isEqualTo("z9hG4bKas3-111");
        assertThat(d.message().getTopmostVia().getPort()).isEqualTo(6050);
    }
}
