package io.dialer.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 3550 §5.1 header: round trips, padding and extension on parse, malformed input rejected with its offset. */
class RtpPacketTest {

    @Test
    void roundTripKeepsEveryField() {
        RtpPacket p = new RtpPacket(true, 0, 65535, 0xFFFF_FFFFL, 0x8000_0001L, new long[] {1, 0xFFFF_FFFFL},
                new byte[] {1, 2, 3});
        byte[] bytes = p.toBytes();
        assertThat(bytes).hasSize(12 + 8 + 3);
        assertThat(bytes[0] & 0xFF).isEqualTo(0x82); // V=2, CC=2
        assertThat(bytes[1] & 0xFF).isEqualTo(0x80); // M, PT 0
        assertThat(RtpPacket.parse(bytes)).isEqualTo(p);
    }

    @Test
    void parsesAFixedHeaderByHand() {
        byte[] bytes = HexFormat.of().parseHex("80e1" + "1234" + "00000a00" + "deadbeef" + "ff00");
        RtpPacket p = RtpPacket.parse(bytes);
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(97);
        assertThat(p.sequenceNumber()).isEqualTo(0x1234);
        assertThat(p.timestamp()).isEqualTo(0xa00);
        assertThat(p.ssrc()).isEqualTo(0xdeadbeefL);
        assertThat(p.payload()).containsExactly((byte) 0xff, 0);
    }

    @Test
    void skipsHeaderExtensionAndStripsPadding() {
        // X=1 P=1, extension of 1 word, payload "abcd", 4 octets of padding (last octet = 4)
        byte[] bytes = HexFormat.of().parseHex("b000" + "0001" + "00000000" + "00000001"
                + "bede0001" + "11223344" + "61626364" + "00000004");
        RtpPacket p = RtpPacket.parse(bytes);
        assertThat(new String(p.payload())).isEqualTo("abcd");
    }

    @Test
    void parsingLeavesTheBufferIndexesAlone() {
        var buf = Unpooled.wrappedBuffer(new RtpPacket(false, 8, 1, 2, 3, new byte[160]).toBytes());
        RtpPacket.parse(buf);
        assertThat(buf.readerIndex()).isZero();
        assertThat(buf.readableBytes()).isEqualTo(172);
    }

    @Test
    void rejectsMalformedInputWithOffset() {
        assertMalformed("8000000000000000000000", 11); // 11 octets
        assertMalformed("400000000000000000000001", 0); // version 1
        assertMalformed("830000000000000000000001" + "00000001", 12); // CC=3, one CSRC present
        assertMalformed("900000000000000000000001" + "bede", 12); // extension header cut
        assertMalformed("900000000000000000000001" + "bede0002" + "00000000", 12); // extension body cut
        assertMalformed("a00000000000000000000001" + "00000000", 15); // padding count 0
        assertMalformed("a00000000000000000000001" + "000000ff", 15); // padding longer than the packet
    }

    @Test
    void recognisesRtcpMultiplexedOnTheRtpPort() {
        assertThat(RtpPacket.isMultiplexedRtcp(Unpooled.wrappedBuffer(HexFormat.of().parseHex("80c80006"))))
                .isTrue();
        assertThat(RtpPacket.isMultiplexedRtcp(Unpooled.wrappedBuffer(HexFormat.of().parseHex("8000")))).isFalse();
        assertThat(RtpPacket.isMultiplexedRtcp(Unpooled.wrappedBuffer(HexFormat.of().parseHex("80e0")))).isFalse();
    }

    @Test
    void constructorRejectsOutOfRangeFields() {
        assertThatThrownBy(() -> new RtpPacket(false, 128, 0, 0, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpPacket(false, 0, 65536, 0, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpPacket(false, 0, 0, 1L << 32, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertMalformed(String hex, int offset) {
        assertThatThrownBy(() -> RtpPacket.parse(HexFormat.of().parseHex(hex)))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.offset()).isEqualTo(offset));
    }
}
