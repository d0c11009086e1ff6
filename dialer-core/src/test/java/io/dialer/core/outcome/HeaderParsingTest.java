package io.dialer.core.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The header readers behind the classification:
 * - RFC 3261 §7.3.1 lists split outside quotes and angle brackets, parameters unquoted;
 * - RFC 3326 Reason values, including odd spacing, quoted text with ';' and ',';
 * - RFC 7044 / RFC 4458 History-Info causes, as URI parameter or escaped Reason;
 * - RFC 3261 §20.33 Retry-After;
 * - the Q.850 table;
 * - none of them throws on garbage.
 */
class HeaderParsingTest {

    @Test
    void listsSplitOutsideQuotesAndBrackets() {
        assertThat(HeaderValues.elements("\"Bob, Jr\" <sip:a@x;p=1,2>;reason=no-answer , <sip:b@x>;reason=user-busy"))
                .containsExactly("\"Bob, Jr\" <sip:a@x;p=1,2>;reason=no-answer", "<sip:b@x>;reason=user-busy");
        assertThat(HeaderValues.elements(" , ")).isEmpty();
    }

    @Test
    void parametersExcludeTheUriAndAreUnquoted() {
        Map<String, String> params = HeaderValues.params("<sip:a@x;cause=480>;Reason=\"no-answer\";counter=2;flag");

        assertThat(params).containsEntry("reason", "no-answer").containsEntry("counter", "2").containsEntry("flag", "")
                .doesNotContainKey("cause");
        assertThat(HeaderValues.uri("<sip:a@x;cause=480>;index=1")).contains("sip:a@x;cause=480");
        assertThat(HeaderValues.uri("sip:a@x")).isEmpty();
        assertThat(HeaderValues.unquote("\"a \\\"b\\\" c\"")).isEqualTo("a \"b\" c");
    }

    @Test
    void reasonValues() {
        assertThat(ReasonHeaders.parse("Q.850;cause=17;text=\"User busy\""))
                .contains(new ReasonHeaders.Value("Q.850", 17, "User busy"));
        assertThat(ReasonHeaders.parse("Q.850 ; cause = 16 ; text=\"a; b, c\""))
                .contains(new ReasonHeaders.Value("Q.850", 16, "a; b, c"));
        assertThat(ReasonHeaders.parse("SIP;cause=480")).contains(new ReasonHeaders.Value("SIP", 480, null));
        assertThat(ReasonHeaders.parse("Q.850;cause=-1")).contains(new ReasonHeaders.Value("Q.850", null, null));
        assertThat(ReasonHeaders.parse("Q.850;cause=99999999999999")).contains(new ReasonHeaders.Value("Q.850", null, null));
        assertThat(ReasonHeaders.parse(";cause=17")).isEmpty();
        assertThat(ReasonHeaders.parse("\"quoted\";cause=17")).isEmpty();
    }

    @Test
    void reasonHeadersOfAMessage() {
        var response = SipText.response(480, "Temporarily Unavailable",
                "Reason: SIP;cause=480;text=\"x, y\", Q.850;cause=19", "Reason: Q.850;cause=18");

        assertThat(ReasonHeaders.of(response)).extracting(ReasonHeaders.Value::cause).containsExactly(480, 19, 18);
        assertThat(ReasonHeaders.q850(response)).contains(new Q850Cause(19, "No answer from user (user alerted)"));
        assertThat(ReasonHeaders.q850(SipText.response(480, "Temporarily Unavailable"))).isEmpty();
    }

    @Test
    void historyInfoCauses() {
        assertThat(DiversionEvidence.historyInfoCause("<sip:vm@x;cause=486>;index=1.1")).contains(486);
        assertThat(DiversionEvidence.historyInfoCause("<sip:bob@x?Reason=SIP%3Bcause%3D480%3Btext%3D%22Gone%22>;index=1"))
                .contains(480);
        assertThat(DiversionEvidence.historyInfoCause("<sip:bob@x?Privacy=history&reason=sip%3bcause%3d408>;index=1"))
                .contains(408);
        assertThat(DiversionEvidence.historyInfoCause("<sip:bob@x?Reason=SIP%3Bcause%ZZ>;index=1")).isEmpty();
        assertThat(DiversionEvidence.historyInfoCause("<sip:bob@x>;index=1;cause=480")).isEmpty();
        assertThat(DiversionEvidence.historyInfoCause("sip:bob@x;cause=480")).isEmpty();
    }

    @Test
    void retryAfter() {
        assertThat(RetryAfter.parse("120 (maintenance);duration=60")).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("0")).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon")).isEmpty();
        assertThat(RetryAfter.parse("12345678901234")).isEmpty();
        assertThat(RetryAfter.of(SipText.response(503, "Service Unavailable", "Retry-After: 30")))
                .contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.of(SipText.response(503, "Service Unavailable"))).isEmpty();
    }

    @Test
    void q850Names() {
        assertThat(Q850.name(1)).contains("Unallocated (unassigned) number");
        assertThat(Q850.name(16)).contains("Normal call clearing");
        assertThat(Q850.name(31)).contains("Normal, unspecified");
        assertThat(Q850.name(102)).contains("Recovery on timer expiry");
        assertThat(Q850.name(127)).contains("Interworking, unspecified");
        assertThat(Q850.name(0)).isEmpty();
        assertThat(Q850.name(128)).isEmpty();
    }

    @Test
    void durations() {
        assertThat(Explanations.seconds(Duration.ofMillis(12_345))).isEqualTo("12.3 s");
        assertThat(Explanations.seconds(Duration.ofMillis(-5))).isEqualTo("0.0 s");
        assertThat(Explanations.seconds(null)).isEqualTo("0.0 s");
        assertThat(Explanations.configured(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(Explanations.configured(Duration.ofMillis(2500))).isEqualTo("2.5 s");
    }

    @Test
    void garbageNeverThrows() {
        Random random = new Random(3326);
        String alphabet = "<>\";,=?&%\\ :@abcQ.850SIPcause=text48017";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = text.toString();
            assertThatCode(() -> {
                HeaderValues.elements(input).forEach(HeaderValues::params);
                ReasonHeaders.parse(input);
                DiversionEvidence.historyInfoCause(input);
                RetryAfter.parse(input);
                HeaderValues.uri(input);
                HeaderValues.unquote(input);
            }).as(input).doesNotThrowAnyException();
        }
    }
}
