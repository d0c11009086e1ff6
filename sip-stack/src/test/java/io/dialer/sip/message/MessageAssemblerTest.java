package io.dialer.sip.message;

import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MessageAssembler} must build exactly what jain-sip's
 * {@code parseSIPMessage} builds from the normalised copy of a message, the
 * first time (parsed) and every later time (copied from the cache), and a
 * message changed by the layers above must never change what the cache
 * hands out next.
 */
class MessageAssemblerTest {

    private static final ParseExceptionListener RETHROW = (ex, message, headerClass, headerText, messageText) -> {
        throw new ParseException("header '" + headerText + "': " + ex.getMessage(), ex.getErrorOffset());
    };

    private final MessageFramer framer = new MessageFramer(MessageLimits.DEFAULTS);

    /** Every RFC 4475 message, valid or not: those the framer and checks let through reach the assembler. */
    static Stream<String> messages() throws IOException, URISyntaxException {
        Path dir = Path.of(MessageAssemblerTest.class.getClassLoader().getResource("rfc4475").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dat")).sorted()
                    .map(n -> "rfc4475/" + n).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void buildsWhatJainSipParsesFromTheNormalisedCopy(String resource) throws IOException {
        byte[] bytes = Rfc4475TortureTest.load(resource);
        assertSameAsJainSip(bytes);
    }

    @Test
    void callMessagesBuildTheSameParsedAndCopied() {
        assertSameAsJainSip(SipSamples.invite());
        assertSameAsJainSip(SipSamples.ok200());
        assertSameAsJainSip(ascii(""
                + "SIP/2.0 180 Ringing\r\n"
                + "v: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-2\r\n"
                + "f: <sip:a@127.0.0.1>;tag=1\r\n"
                + "t: <sip:b@127.0.0.1>\r\n   ;tag=2\r\n"
                + "i: folded-and-compact@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:b@127.0.0.1:5062>;expires=60, <sip:c@127.0.0.1>\r\n"
                + "Subject: \r\n"
                + "\r\n"));
    }

    @Test
    void utf8ValuesAndReasonPhrasesAreReadAsJainSipReadsThem() {
        assertSameAsJainSip((""
                + "SIP/2.0 486 Besetzt – später\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\r\n"
                + "From: \"Jürgen\" <sip:a@127.0.0.1>;tag=1\r\n"
                + "To: <sip:b@127.0.0.1>;tag=2\r\n"
                + "Call-ID: utf8@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Subject: Grüße\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDatagramWithoutContentLengthKeepsItsBody() {
        assertSameAsJainSip(ascii(""
                + "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\n"
                + "To: <sip:b@127.0.0.1>;tag=2\r\n"
                + "Call-ID: nocl@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Content-Type: application/sdp\r\n"
                + "\r\n"
                + SipSamples.SDP));
    }

    @Test
    void aCopyChangedByTheLayersAboveLeavesTheCacheAsItWas() throws Exception {
        MessageAssembler assembler = new MessageAssembler(new HeaderCache(64));
        byte[] bytes = SipSamples.ok200();
        FramedMessage frame = frame(bytes);
        String expected = reference(bytes, frame).encode();

        SIPResponse first = (SIPResponse) assembler.assemble(bytes, frame, RETHROW);
        Via via = first.getTopmostVia();
        via.setReceived("192.0.2.1");
        via.setParameter("x", "y");
        first.getTo().setTag("changed");
        first.getFrom().setTag("changed");
        ((Contact) first.getHeader("Contact")).getAddress().setDisplayName("changed");
        first.getCSeq().setSeqNumber(99);

        SIPMessage second = assembler.assemble(bytes, frame(bytes), RETHROW);
        assertThat(second.encode()).isEqualTo(expected);
    }

    @Test
    void aHeaderThatDoesNotParseFailsAsInJainSipEveryTime() {
        byte[] bytes = ascii(""
                + "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\n"
                + "To: <sip:b@127.0.0.1>;tag=2\r\n"
                + "Call-ID: bad@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "RSeq: not-a-number\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n");
        assertSameAsJainSip(bytes);
    }

    /** Parsed once (cache empty) and twice more (cache full): each time what jain-sip builds. */
    private void assertSameAsJainSip(byte[] bytes) {
        FramedMessage frame;
        try {
            frame = frame(bytes);
            HeaderChecks.check(frame, new HeaderCache(1));
        } catch (MalformedMessageException e) {
            return; // rejected before parsing: the assembler never sees it
        }
        Outcome expected = outcome(() -> reference(bytes, frame));
        assertThat(expected.failure()).as("reference parse").isNotEqualTo("null");
        MessageAssembler assembler = new MessageAssembler(new HeaderCache(256));
        for (int round = 0; round < 3; round++) {
            Outcome actual = outcome(() -> assembler.assemble(bytes, frame, RETHROW));
            assertThat(actual).as("round %d of %s", round, new String(bytes, StandardCharsets.ISO_8859_1))
                    .isEqualTo(expected);
        }
    }

    private FramedMessage frame(byte[] bytes) throws MalformedMessageException {
        return framer.frame(bytes, false);
    }

    private static SIPMessage reference(byte[] bytes, FramedMessage frame) throws ParseException {
        return new StringMsgParser().parseSIPMessage(MessageAssembler.normalised(bytes, frame), true, false, RETHROW);
    }

    private interface Build {
        SIPMessage run() throws Exception;
    }

    /** What a build gave, comparable: the encoded message, its size and body, or the failure. */
    private record Outcome(String encoded, String firstLine, int size, String body, String failure) {
    }

    private static Outcome outcome(Build build) {
        try {
            SIPMessage m = build.run();
            if (m == null) {
                return new Outcome(null, null, 0, null, "null");
            }
            byte[] body = m.getRawContent();
            return new Outcome(m.encode(), m.getFirstLine(), m.getSize(),
                    body == null ? null : new String(body, StandardCharsets.ISO_8859_1), null);
        } catch (Exception | StackOverflowError e) {
            return new Outcome(null, null, 0, null, e.getClass().getName() + ": " + e.getMessage());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
