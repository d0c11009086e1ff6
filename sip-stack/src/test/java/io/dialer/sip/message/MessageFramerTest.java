package io.dialer.sip.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The framer on its own: the index it builds and the problems it names, with their offsets. */
class MessageFramerTest {

    private final MessageFramer framer = new MessageFramer(MessageLimits.DEFAULTS);

    private static final String BYE = "BYE sip:a@127.0.0.1 SIP/2.0\r\n"
            + "v: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bKbye1\r\n"
            + "f: <sip:b@127.0.0.1>;tag=from1\r\n"
            + "t: <sip:a@127.0.0.1>;tag=to1\r\n"
            + "i: bye-call\r\n"
            + "CSeq: 7 BYE\r\n"
            + "Max-Forwards: 70\r\n"
            + "l: 4\r\n"
            + "\r\n"
            + "body";

    @Test
    void indexesCompactFormsAndTheBody() throws Exception {
        FramedMessage f = framer.frame(BYE.getBytes(StandardCharsets.US_ASCII), true);
        assertThat(f.request()).isTrue();
        assertThat(f.method()).isEqualTo("BYE");
        assertThat(f.requestUri()).isEqualTo("sip:a@127.0.0.1");
        assertThat(f.topViaBranch()).isEqualTo("z9hG4bKbye1");
        assertThat(f.topViaSentBy()).isEqualTo("127.0.0.1:5070");
        assertThat(f.fromTag()).isEqualTo("from1");
        assertThat(f.toTag()).isEqualTo("to1");
        assertThat(f.callId()).isEqualTo("bye-call");
        assertThat(f.cseqNumber()).isEqualTo(7);
        assertThat(f.cseqMethod()).isEqualTo("BYE");
        assertThat(f.contentLength()).isEqualTo(4);
        assertThat(f.bodyOffset()).isEqualTo(BYE.indexOf("body"));
        assertThat(f.bodyLength()).isEqualTo(4);
        assertThat(f.first("Call-ID").offset()).isEqualTo(BYE.indexOf("i: "));
        assertThat(f.all("Via")).hasSize(1);
    }

    @Test
    void foldedLinesAreJoinedWithOneSpace() throws Exception {
        String folded = BYE.replace("CSeq: 7 BYE", "CSeq: 7\r\n\t BYE").replace("Max-Forwards: 70", "Subject: a\r\n  b");
        FramedMessage f = framer.frame(folded.getBytes(StandardCharsets.US_ASCII), true);
        assertThat(f.first("CSeq").value()).isEqualTo("7 BYE");
        assertThat(f.first("Subject").value()).isEqualTo("a b");
    }

    @Test
    void leadingCrlfIsIgnored() throws Exception {
        FramedMessage f = framer.frame(("\r\n\r\n" + BYE).getBytes(StandardCharsets.US_ASCII), true);
        assertThat(f.bodyOffset()).isEqualTo(4 + BYE.indexOf("body"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIP/2.0 1000 Too Big", "SIP/2.0 099 Low", "SIP/2.0 abc Letters", "SIP/2.0"})
    void malformedStatusLinesAreUnanswerable(String statusLine) {
        String response = BYE.replace("BYE sip:a@127.0.0.1 SIP/2.0", statusLine);
        assertThatThrownBy(() -> framer.frame(response.getBytes(StandardCharsets.US_ASCII), true))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(MalformedMessageException.Kind.UNANSWERABLE);
                    assertThat(e.request()).isFalse();
                });
    }

    @Test
    void problemsCarryTheirOffsetAndTheHeadersReadSoFar() {
        String bad = BYE.replace("Max-Forwards: 70\r\n", "Max-Forwards 70\r\n");
        assertThatThrownBy(() -> framer.frame(bad.getBytes(StandardCharsets.US_ASCII), true))
                .isInstanceOfSatisfying(MalformedMessageException.class, e -> {
                    assertThat(e.reason()).contains("without a colon");
                    assertThat(e.offset()).isEqualTo(bad.indexOf("Max-Forwards"));
                    assertThat(e.headers()).extracting(HeaderField::canonicalName).contains("Via", "Call-ID", "CSeq");
                });
    }

    @Test
    void versionOtherThan20Gets505EvenWithOtherProblems() {
        String v3 = BYE.replace("SIP/2.0\r\n", "SIP/3.0\r\n");
        assertThatThrownBy(() -> framer.frame(v3.getBytes(StandardCharsets.US_ASCII), true))
                .isInstanceOfSatisfying(MalformedMessageException.class,
                        e -> assertThat(e.kind()).isEqualTo(MalformedMessageException.Kind.VERSION_NOT_SUPPORTED));
    }

    @Test
    void cseqAtTheLimitPassesAndAboveFails() throws Exception {
        assertThat(framer.frame(BYE.replace("CSeq: 7", "CSeq: 2147483647").getBytes(StandardCharsets.US_ASCII), true)
                .cseqNumber()).isEqualTo(2147483647L);
        assertThatThrownBy(() -> framer.frame(BYE.replace("CSeq: 7", "CSeq: 2147483648")
                .getBytes(StandardCharsets.US_ASCII), true)).hasMessageContaining("2**31");
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new MessageLimits(100, 64, 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMessageBytes");
        assertThatThrownBy(() -> new MessageLimits(4096, 4, 1024)).hasMessageContaining("maxHeaderCount");
        assertThatThrownBy(() -> new MessageLimits(4096, 64, 8192)).hasMessageContaining("maxLineLength");
    }
}
