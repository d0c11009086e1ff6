package io.dialer.sip.message;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.message.DecodeResult.Decoded;
import io.dialer.sip.message.DecodeResult.Rejected;
import io.dialer.sip.transport.Flow;
import io.dialer.sip.transport.InboundPacket;
import io.dialer.sip.transport.Transport;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of every kind is rejected or dropped with a reason and never
 * throws; good messages survive decode → encode → decode.
 */
class MessageDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder(MessageLimits.DEFAULTS, "127.0.0.1");
    private final MessageEncoder encoder = new MessageEncoder();

    @Test
    void typicalInviteIsAbout900Bytes() {
        assertThat(SipSamples.invite().length).isBetween(850, 1000);
    }

    @Test
    void inviteWithSdpRoundTrips() {
        Decoded first = decoded(SipSamples.invite(), false);
        SIPRequest request = (SIPRequest) first.message();
        assertThat(request.getMethod()).isEqualTo("INVITE");
        assertThat(first.frame().topViaBranch()).isEqualTo("z9hG4bK-524287-1---a6f1c3d2e4b5");
        assertThat(first.frame().fromTag()).isEqualTo("8c2f1e4a");
        assertThat(first.frame().toTag()).isNull();
        assertThat(new String(request.getRawContent(), StandardCharsets.US_ASCII)).isEqualTo(SipSamples.SDP);

        Decoded second = decoded(encoder.encode(request), true);
        assertThat(second.message()).isEqualTo(request);
        assertThat(second.frame().callId()).isEqualTo(first.frame().callId());
        assertThat(second.frame().cseqNumber()).isEqualTo(1);
        assertThat(second.message().getRawContent()).isEqualTo(request.getRawContent());
    }

    @Test
    void okResponseRoundTrips() {
        Decoded first = decoded(SipSamples.ok200(), false);
        SIPResponse response = (SIPResponse) first.message();
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(first.frame().statusCode()).isEqualTo(200);
        assertThat(first.frame().reasonPhrase()).isEqualTo("OK");
        assertThat(first.frame().toTag()).isEqualTo("as6151ad25");

        Decoded second = decoded(encoder.encode(response), true);
        assertThat(second.message()).isEqualTo(response);
        assertThat(second.frame().topViaSentBy()).isEqualTo("127.0.0.1:5060");
    }

    @Test
    void decodesAnInboundPacketByItsTransport() {
        Flow tcp = new Flow(Transport.TCP, new InetSocketAddress("127.0.0.1", 5062), new InetSocketAddress("127.0.0.1", 5060));
        byte[] noLength = SipSamples.INVITE.replaceFirst("Content-Length: \\d+\r\n", "")
                .getBytes(StandardCharsets.US_ASCII);
        // RFC 3261 §18.3: Content-Length is mandatory on streams; on UDP the body runs to the end.
        Rejected onStream = rejected(decoder.decode(new InboundPacket(tcp, noLength)));
        assertThat(onStream.status()).isEqualTo(400);
        assertThat(onStream.reason()).contains("Content-Length").contains("stream");
        Flow udp = new Flow(Transport.UDP, tcp.remote(), tcp.local());
        assertThat(decoder.decode(new InboundPacket(udp, noLength))).isInstanceOf(Decoded.class);
    }

    @Test
    void everyTruncationIsRejectedWithAReason() {
        byte[] invite = SipSamples.invite();
        int headerEnd = SipSamples.INVITE.indexOf("\r\n\r\n") + 4;
        for (int length = 0; length < invite.length; length++) {
            byte[] prefix = Arrays.copyOf(invite, length);
            DecodeResult result = decoder.decode(prefix, false);
            assertThat(result).as("prefix of %d bytes", length).isInstanceOf(Rejected.class);
            Rejected rejected = (Rejected) result;
            assertThat(rejected.reason()).as("prefix of %d bytes", length).isNotBlank();
            if (length >= headerEnd) {
                assertThat(rejected.status()).isEqualTo(400);
                assertThat(rejected.reason()).contains("Content-Length");
                assertThat(rejected.dropped()).isFalse();
            }
        }
    }

    @Test
    void seededRandomBytesNeverThrow() {
        Random random = new Random(20261123L);
        for (int i = 0; i < 2_000; i++) {
            byte[] garbage = new byte[random.nextInt(1500)];
            random.nextBytes(garbage);
            DecodeResult result = decoder.decode(garbage, random.nextBoolean());
            assertThat(result).isInstanceOf(Rejected.class);
            assertThat(((Rejected) result).reason()).isNotBlank();
        }
        assertThat(decoder.decoded()).isZero();
        assertThat(decoder.rejected() + decoder.dropped()).isEqualTo(2_000);
    }

    @Test
    void seededMutationsOfAGoodMessageNeverThrow() {
        Random random = new Random(4475L);
        byte[] invite = SipSamples.invite();
        for (int i = 0; i < 3_000; i++) {
            byte[] mutated = invite.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            DecodeResult result = decoder.decode(mutated, false);
            if (result instanceof Decoded d) {
                assertThat(encoder.encode(d.message())).isNotEmpty();
                assertAnswerDecodes(d);
            } else {
                assertThat(((Rejected) result).reason()).isNotBlank();
            }
        }
    }

    @Test
    void oversizedMessageIsDroppedBeforeParsing() {
        MessageDecoder small = new MessageDecoder(new MessageLimits(1024, 64, 512), "127.0.0.1");
        byte[] big = (SipSamples.INVITE.replace("\r\n\r\n", "\r\nX-Pad: " + "a".repeat(300) + "\r\n\r\n"))
                .getBytes(StandardCharsets.US_ASCII);
        Rejected rejected = rejected(small.decode(big, false));
        assertThat(rejected.dropped()).isTrue();
        assertThat(rejected.reason()).contains("exceeds the limit of 1024 bytes");
        assertThat(small.dropped()).isEqualTo(1);
    }

    @Test
    void lyingContentLengthGets400() {
        byte[] lying = SipSamples.INVITE.replaceFirst("Content-Length: \\d+", "Content-Length: 4000")
                .getBytes(StandardCharsets.US_ASCII);
        Rejected rejected = rejected(decoder.decode(lying, false));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.reason()).contains("Content-Length 4000 exceeds");
        String response = new String(rejected.response(), StandardCharsets.US_ASCII);
        assertThat(response).startsWith("SIP/2.0 400 Bad Request\r\n")
                .contains("Via: SIP/2.0/UDP 127.0.0.1:5060;rport;branch=z9hG4bK-524287-1---a6f1c3d2e4b5\r\n")
                .contains("Call-ID: 5f0a3c7e-2b1d-4f6a-9e8c-1d2b3a4c5e6f@127.0.0.1\r\n")
                .contains("CSeq: 1 INVITE\r\n")
                .containsPattern("To: <sip:\\+15557654321@127.0.0.1:5062>;tag=r[0-9a-f]+\r\n")
                .contains("Warning: 399 127.0.0.1 \"Content-Length 4000 exceeds");
        // RFC 3261 §8.2.7: the same request gets the same To tag.
        assertThat(rejected(decoder.decode(lying, false)).response()).isEqualTo(rejected.response());
    }

    @Test
    void headerCountLimitGets400() {
        MessageDecoder strict = new MessageDecoder(new MessageLimits(64 * 1024, 12, 1024), "127.0.0.1");
        Rejected rejected = rejected(strict.decode(SipSamples.invite(), false));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.reason()).contains("more than 12 header fields");
        assertThat(rejected.offset()).isPositive();
    }

    @Test
    void lineLengthLimitGets400() {
        MessageDecoder strict = new MessageDecoder(new MessageLimits(64 * 1024, 64, 128), "127.0.0.1");
        byte[] longLine = SipSamples.INVITE.replace("User-Agent: dialer/0.1", "User-Agent: " + "x".repeat(200))
                .getBytes(StandardCharsets.US_ASCII);
        Rejected rejected = rejected(strict.decode(longLine, false));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.reason()).contains("exceeds the line limit of 128");
        assertThat(rejected.offset()).isEqualTo(SipSamples.INVITE.indexOf("User-Agent"));
    }

    @Test
    void keepAliveAndEmptyInputAreDropped() {
        assertThat(rejected(decoder.decode(new byte[0], false)).dropped()).isTrue();
        assertThat(rejected(decoder.decode("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), true)).dropped()).isTrue();
    }

    @Test
    void badResponsesAreDroppedNeverAnswered() {
        byte[] badResponse = SipSamples.OK_200.replace("CSeq: 1 INVITE", "CSeq: one INVITE")
                .getBytes(StandardCharsets.US_ASCII);
        Rejected rejected = rejected(decoder.decode(badResponse, false));
        assertThat(rejected.dropped()).isTrue();
        assertThat(rejected.status()).isZero();
        assertThat(rejected.reason()).contains("CSeq");
    }

    @Test
    void badAuthorizationIsRejectedWithoutEchoingCredentials() {
        byte[] bad = SipSamples.INVITE.replace("Max-Forwards: 70\r\n",
                "Max-Forwards: 70\r\nAuthorization: Digest username=\"alice\", response=\"secret-hash\", ,,=\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Rejected rejected = rejected(decoder.decode(bad, false));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.reason()).contains("Authorization").doesNotContain("secret-hash").doesNotContain("alice");
        assertThat(new String(rejected.response(), StandardCharsets.US_ASCII)).doesNotContain("secret-hash");
    }

    @Test
    void countersAddUp() {
        decoder.decode(SipSamples.invite(), false);
        decoder.decode(SipSamples.INVITE.replace("CSeq: 1 INVITE", "CSeq: 1 BYE").getBytes(StandardCharsets.US_ASCII), false);
        decoder.decode("garbage".getBytes(StandardCharsets.US_ASCII), false);
        assertThat(decoder.decoded()).isEqualTo(1);
        assertThat(decoder.rejected()).isEqualTo(1);
        assertThat(decoder.dropped()).isEqualTo(1);
    }

    /** What we send back to whatever we accepted must be readable: a 200 built from the request decodes. */
    private void assertAnswerDecodes(Decoded d) {
        if (d.message() instanceof SIPRequest request) {
            byte[] answer = encoder.encode(Responses.create(request, 200, "OK"));
            assertThat(decoder.decode(answer, false)).as("answer:%n%s", new String(answer, StandardCharsets.ISO_8859_1))
                    .isInstanceOf(Decoded.class);
        }
    }

    private Decoded decoded(byte[] bytes, boolean stream) {
        DecodeResult result = decoder.decode(bytes, stream);
        assertThat(result).as("%s", result).isInstanceOf(Decoded.class);
        return (Decoded) result;
    }

    private static Rejected rejected(DecodeResult result) {
        assertThat(result).isInstanceOf(Rejected.class);
        return (Rejected) result;
    }
}
