package io.dialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link StreamFramer} on an {@link EmbeddedChannel}. Checks RFC 3261 §18.3 framing by
 * Content-Length (long and compact form, any case, folded), every split offset,
 * several messages per read, RFC 5626 §3.5.1 ping/pong and lone CRLFs (§7.5), and that
 * each kind of bad input closes the connection with its counted reason and never throws.
 */
class StreamFramerTest {

    private static final int LIMIT = 2048;

    private static final String INVITE = "INVITE sip:bob@127.0.0.1 SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK1\r\n"
            + "Call-ID: a@127.0.0.1\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 12\r\n"
            + "\r\n"
            + "v=0\r\n\r\nxyz\r\n"; // a blank line inside the body must not end the message
    private static final String OK_COMPACT = "SIP/2.0 200 OK\r\n"
            + "i: a@127.0.0.1\r\n"
            + "L : 4\r\n"
            + "\r\n"
            + "body";

    private final TransportCounters counters = new TransportCounters();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new StreamFramer(LIMIT, counters));
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static List<String> readAll(EmbeddedChannel ch) {
        List<String> messages = new ArrayList<>();
        for (Object m; (m = ch.readInbound()) != null; ) {
            messages.add(new String((byte[]) m, StandardCharsets.ISO_8859_1));
        }
        return messages;
    }

    @Test
    void splitAtEveryOffsetYieldsTheSameMessages() {
        String stream = INVITE + OK_COMPACT;
        for (int split = 0; split <= stream.length(); split++) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(bytes(stream.substring(0, split)));
            ch.writeInbound(bytes(stream.substring(split)));

            assertThat(readAll(ch)).as("split at %d", split).containsExactly(INVITE, OK_COMPACT);
            assertThat(ch.isOpen()).isTrue();
        }
    }

    @Test
    void byteByByteDeliveryFramesCorrectly() {
        EmbeddedChannel ch = channel();
        for (char c : (INVITE + OK_COMPACT).toCharArray()) {
            ch.writeInbound(bytes(String.valueOf(c)));
        }
        assertThat(readAll(ch)).containsExactly(INVITE, OK_COMPACT);
    }

    @Test
    void severalMessagesInOneRead() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes(INVITE + OK_COMPACT + INVITE));
        assertThat(readAll(ch)).containsExactly(INVITE, OK_COMPACT, INVITE);
    }

    @Test
    void doubleCrlfPingIsAnsweredWithOneCrlfPong() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes("\r\n"));
        assertThat(ch.<Object>readOutbound()).as("a lone CRLF may still become a ping").isNull();
        ch.writeInbound(bytes("\r\n"));

        ByteBuf pong = ch.readOutbound();
        assertThat(pong.toString(StandardCharsets.US_ASCII)).isEqualTo("\r\n");
        pong.release();
        assertThat(counters.keepAlivePings()).isEqualTo(1);
        assertThat(readAll(ch)).isEmpty();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void loneCrlfsBetweenMessagesAreSkipped() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes("\r\n" + INVITE + "\r\n" + OK_COMPACT));
        assertThat(readAll(ch)).containsExactly(INVITE, OK_COMPACT);
        assertThat(ch.<Object>readOutbound()).isNull();
    }

    @Test
    void pingBetweenMessagesIsAnswered() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes(INVITE + "\r\n\r\n" + OK_COMPACT));
        assertThat(readAll(ch)).containsExactly(INVITE, OK_COMPACT);
        ByteBuf pong = ch.readOutbound();
        assertThat(pong.readableBytes()).isEqualTo(2);
        pong.release();
    }

    @Test
    void foldedAndUpperCaseContentLengthIsRead() {
        String msg = "BYE sip:a@127.0.0.1 SIP/2.0\r\nCONTENT-LENGTH:\r\n  3\r\nX-A: b\r\n\r\nabc";
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes(msg));
        assertThat(readAll(ch)).containsExactly(msg);
    }

    @Test
    void contentLengthLongerThanWhatFollowsWaitsForTheRest() {
        String head = "MESSAGE sip:a@127.0.0.1 SIP/2.0\r\nContent-Length: 20\r\n\r\n";
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes(head + "only ten.."));

        assertThat(readAll(ch)).isEmpty();
        assertThat(ch.isOpen()).as("waits; the idle timeout bounds how long").isTrue();

        ch.writeInbound(bytes("and ten more"));
        assertThat(readAll(ch)).containsExactly(head + "only ten..and ten mo");
    }

    @Test
    void contentLengthBeyondTheLimitClosesAtOnce() {
        assertClosedWith("MESSAGE sip:a@127.0.0.1 SIP/2.0\r\nContent-Length: 999999\r\n\r\nabc",
                FramingError.MESSAGE_TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1e3", "12 34", "", "9999999999999999999999"})
    void nonNumericContentLengthCloses(String value) {
        assertClosedWith("MESSAGE sip:a@127.0.0.1 SIP/2.0\r\nContent-Length: " + value + "\r\n\r\n",
                FramingError.INVALID_CONTENT_LENGTH);
    }

    @Test
    void conflictingContentLengthsClose() {
        assertClosedWith("MESSAGE sip:a@127.0.0.1 SIP/2.0\r\nContent-Length: 3\r\nl: 4\r\n\r\nabcd",
                FramingError.INVALID_CONTENT_LENGTH);
    }

    @Test
    void missingContentLengthCloses() {
        assertClosedWith("OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nCall-ID: x\r\n\r\n",
                FramingError.MISSING_CONTENT_LENGTH);
    }

    @Test
    void headersWithoutEndWithinTheLimitClose() {
        char[] filler = new char[LIMIT];
        Arrays.fill(filler, 'a');
        assertClosedWith("OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nX-Long: " + new String(filler),
                FramingError.HEADERS_TOO_LONG);
    }

    @Test
    void binaryGarbageCloses() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xff}));
        assertThat(ch.isOpen()).isFalse();
        assertThat(counters.framingErrors(FramingError.NOT_A_START_LINE)).isEqualTo(1);
    }

    @Test
    void bytesAfterAFailureAreDiscarded() {
        EmbeddedChannel ch = new EmbeddedChannel(new StreamFramer(LIMIT, counters));
        ch.writeInbound(bytes("OPTIONS sip:a SIP/2.0\r\nl: x\r\n\r\n" + INVITE));
        assertThat(readAll(ch)).isEmpty();
        assertThat(counters.framingErrors(FramingError.INVALID_CONTENT_LENGTH)).isEqualTo(1);
    }

    private void assertClosedWith(String input, FramingError expected) {
        EmbeddedChannel ch = channel();
        ch.writeInbound(bytes(input));

        assertThat(readAll(ch)).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        assertThat(counters.framingErrors(expected)).isEqualTo(1);
    }
}
