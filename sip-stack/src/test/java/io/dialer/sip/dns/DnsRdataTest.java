package io.dialer.sip.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * RDATA decoding: NAPTR per RFC 3403 §4.1, SRV per RFC 2782, names per RFC 1035
 * §3.1 including compression pointers (§4.1.4) into the enclosing message, and
 * clear errors for truncated, looping or random data (never another exception).
 */
class DnsRdataTest {

    private static void name(ByteBuf out, String dotted) {
        if (!dotted.isEmpty()) {
            for (String label : dotted.split("\\.")) {
                out.writeByte(label.length());
                out.writeCharSequence(label, StandardCharsets.US_ASCII);
            }
        }
        out.writeByte(0);
    }

    private static void characterString(ByteBuf out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeByte(bytes.length);
        out.writeBytes(bytes);
    }

    /** RFC 3263 §4.1's example record: IN NAPTR 50 50 "s" "SIPS+D2T" "" _sips._tcp.example.com. */
    @Test
    void decodesTheRfc3263Naptr() throws Exception {
        ByteBuf rdata = Unpooled.buffer();
        rdata.writeShort(50).writeShort(50);
        characterString(rdata, "s");
        characterString(rdata, "SIPS+D2T");
        characterString(rdata, "");
        name(rdata, "_sips._tcp.example.com");

        NaptrRecord n = DnsRdata.decodeNaptr(rdata);

        assertThat(n).isEqualTo(new NaptrRecord(50, 50, "s", "SIPS+D2T", "", "_sips._tcp.example.com"));
        assertThat(n.terminalSrv()).isTrue();
        assertThat(rdata.readerIndex()).isZero();
    }

    @Test
    void decodesANaptrWithARegexpAndRootReplacement() throws Exception {
        ByteBuf rdata = Unpooled.buffer();
        rdata.writeShort(100).writeShort(10);
        characterString(rdata, "u");
        characterString(rdata, "E2U+sip");
        characterString(rdata, "!^.*$!sip:info@example.com!");
        name(rdata, "");

        NaptrRecord n = DnsRdata.decodeNaptr(rdata);

        assertThat(n.order()).isEqualTo(100);
        assertThat(n.preference()).isEqualTo(10);
        assertThat(n.regexp()).isEqualTo("!^.*$!sip:info@example.com!");
        assertThat(n.replacement()).isEmpty();
        assertThat(n.terminalSrv()).isFalse();
        assertThat(n.toString()).endsWith(" .");
    }

    @Test
    void decodesSrvAndFollowsCompressionPointersIntoTheMessage() throws Exception {
        // A message: 12 header bytes, then "trunk.test" at offset 12, then the SRV RDATA.
        ByteBuf message = Unpooled.buffer();
        message.writeZero(12);
        name(message, "trunk.test");
        int rdataStart = message.writerIndex();
        message.writeShort(10).writeShort(60).writeShort(5070);
        message.writeByte(3).writeCharSequence("sip", StandardCharsets.US_ASCII);
        message.writeByte(0xC0).writeByte(12);
        ByteBuf rdata = message.duplicate().setIndex(rdataStart, message.writerIndex());

        assertThat(DnsRdata.decodeSrv(rdata)).isEqualTo(new SrvRecord(10, 60, 5070, "sip.trunk.test"));
    }

    @Test
    void rootTargetMeansServiceUnavailable() throws Exception {
        ByteBuf rdata = Unpooled.buffer().writeShort(0).writeShort(0).writeShort(0).writeByte(0);
        SrvRecord srv = DnsRdata.decodeSrv(rdata);
        assertThat(srv.serviceUnavailable()).isTrue();
        assertThat(srv.toString()).isEqualTo("0 0 0 .");
    }

    @Test
    void randomBytesOnlyEverFailAsMalformed() {
        java.util.Random random = new java.util.Random(3403);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            ByteBuf message = Unpooled.wrappedBuffer(bytes);
            int start = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            ByteBuf rdata = message.duplicate().setIndex(start, bytes.length);
            for (int type = 0; type < 2; type++) {
                try {
                    Object decoded = type == 0 ? DnsRdata.decodeSrv(rdata) : DnsRdata.decodeNaptr(rdata);
                    assertThat(decoded).isNotNull();
                } catch (DnsRdata.MalformedRdataException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        }
    }

    @Test
    void truncatedOrLoopingDataIsReported() {
        assertThatThrownBy(() -> DnsRdata.decodeSrv(Unpooled.buffer().writeShort(1)))
                .isInstanceOf(DnsRdata.MalformedRdataException.class).hasMessageContaining("SRV: needs 6");

        ByteBuf shortString = Unpooled.buffer().writeShort(1).writeShort(1).writeByte(9).writeByte('s');
        assertThatThrownBy(() -> DnsRdata.decodeNaptr(shortString))
                .isInstanceOf(DnsRdata.MalformedRdataException.class).hasMessageContaining("NAPTR flags");

        ByteBuf unterminated = Unpooled.buffer().writeShort(1).writeShort(1).writeShort(1).writeByte(5).writeByte('a');
        assertThatThrownBy(() -> DnsRdata.decodeSrv(unterminated))
                .isInstanceOf(DnsRdata.MalformedRdataException.class).hasMessageContaining("past the end");

        // A pointer to itself.
        ByteBuf loop = Unpooled.buffer().writeShort(1).writeShort(1).writeShort(1).writeByte(0xC0).writeByte(6);
        assertThatThrownBy(() -> DnsRdata.decodeSrv(loop))
                .isInstanceOf(DnsRdata.MalformedRdataException.class).hasMessageContaining("loop");

        ByteBuf badLabel = Unpooled.buffer().writeShort(1).writeShort(1).writeShort(1).writeByte(0x40);
        assertThatThrownBy(() -> DnsRdata.decodeSrv(badLabel))
                .isInstanceOf(DnsRdata.MalformedRdataException.class).hasMessageContaining("label type");
    }
}
