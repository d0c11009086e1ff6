package io.dialer.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Challenge headers come from the network: whatever the bytes, the parser and the
 * session must return a result, never throw. Without JAZZER_FUZZ=1 the seeds under
 * {@code DigestChallengeFuzzTestInputs/<method>/} run as regression tests.
 */
class DigestChallengeFuzzTest {

    private static final String INVITE = "INVITE sip:bob@trunk.test SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKorig\r\n"
            + "From: <sip:alice@dialer.test>;tag=f1\r\nTo: <sip:bob@trunk.test>\r\n"
            + "Call-ID: fuzz-1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    @FuzzTest(maxDuration = "5m")
    void parse(byte[] data) {
        check(new String(data, StandardCharsets.UTF_8));
        check(new String(data, StandardCharsets.ISO_8859_1));
    }

    @FuzzTest(maxDuration = "2m")
    void answer(FuzzedDataProvider data) throws Exception {
        int status = data.consumeBoolean() ? 401 : 407;
        List<String> values = new ArrayList<>();
        int count = data.consumeInt(0, 3);
        for (int i = 0; i < count; i++) {
            values.add(data.consumeString(400));
        }
        values.add(data.consumeRemainingAsString());
        AuthSession session = new DigestClient(List.of(Credentials.of("alice", "pw")), () -> "z9hG4bKfuzz").newSession();
        SIPRequest invite = request();
        AuthOutcome first = session.onChallenge(invite, status, values);
        assertThat(first).isNotNull();
        if (first instanceof AuthOutcome.Retry retry) {
            assertThat(retry.authorized().getCSeq().getSeqNumber()).isEqualTo(2);
            // The same challenge to our own answer must end the chain, never loop.
            AuthOutcome second = session.onChallenge(retry.authorized(), status, values);
            assertThat(second).isNotNull();
        }
    }

    private static void check(String value) {
        ChallengeParseResult result = DigestChallenge.parse(value);
        assertThat(result).isNotNull();
        if (result instanceof ChallengeParseResult.Parsed parsed) {
            for (DigestChallenge c : parsed.challenges()) {
                assertThat(c.realm()).isNotNull();
                assertThat(c.nonce()).isNotNull();
                c.unsupportedReason();
                c.toString();
            }
            DigestChallenge.strongest(parsed.challenges());
        } else {
            assertThat(((ChallengeParseResult.Invalid) result).problem()).isNotBlank();
        }
    }

    private static SIPRequest request() throws Exception {
        SIPMessage m = new StringMsgParser().parseSIPMessage(INVITE.getBytes(StandardCharsets.UTF_8), true, false, null);
        return (SIPRequest) m;
    }
}
