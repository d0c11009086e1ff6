package io.dialer.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialer.media.rtp.RtcpPacket.Bye;
import io.dialer.media.rtp.RtcpPacket.ReceiverReport;
import io.dialer.media.rtp.RtcpPacket.ReportBlock;
import io.dialer.media.rtp.RtcpPacket.SenderReport;
import io.dialer.media.rtp.RtcpPacket.SourceDescription;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 3550 §6.1 compound packets with SR/RR (§6.4), SDES CNAME (§6.5) and BYE (§6.6); unknown types skipped. */
class RtcpCompoundTest {

    private static final ReportBlock BLOCK = new ReportBlock(0xCAFEBABEL, 25, -3, 0x0001_0005L, 42,
            0x1234_5678L, 65536);

    @Test
    void senderReportWithSdesRoundTrips() {
        List<RtcpPacket> packets = List.of(
                new SenderReport(0xFFFF_FFFFL, 0xE000_0000_8000_0000L, 160, 10, 1600, List.of(BLOCK)),
                new SourceDescription(List.of(new SourceDescription.Chunk(0xFFFF_FFFFL, Optional.of("abc@host")))));
        byte[] bytes = RtcpCompound.toBytes(packets);
        assertThat(bytes.length % 4).isZero();
        assertThat(RtcpCompound.parse(bytes)).isEqualTo(packets);
    }

    @Test
    void receiverReportSdesAndByeWithReasonRoundTrip() {
        List<RtcpPacket> packets = List.of(
                new ReceiverReport(7, List.of(BLOCK, BLOCK)),
                new SourceDescription(List.of(new SourceDescription.Chunk(7, Optional.of("x")),
                        new SourceDescription.Chunk(8, Optional.empty()))),
                new Bye(List.of(7L, 8L), Optional.of("hung up")));
        assertThat(RtcpCompound.parse(RtcpCompound.toBytes(packets))).isEqualTo(packets);
    }

    @Test
    void lengthFieldCountsWordsMinusOne() {
        byte[] bytes = RtcpCompound.toBytes(List.of(new ReceiverReport(1, List.of())));
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("80c9000100000001");
    }

    @Test
    void parsesAReceiverReportByHand() {
        byte[] bytes = HexFormat.of().parseHex("81c90007" + "00000001"
                + "00000002" + "80fffffe" + "0002ffff" + "000000a0" + "11112222" + "00008000");
        ReceiverReport rr = (ReceiverReport) RtcpCompound.parse(bytes).get(0);
        ReportBlock b = rr.reports().get(0);
        assertThat(b.ssrc()).isEqualTo(2);
        assertThat(b.fractionLost()).isEqualTo(128);
        assertThat(b.cumulativeLost()).isEqualTo(-2);
        assertThat(b.extendedHighestSeq()).isEqualTo(0x2ffffL);
        assertThat(b.jitter()).isEqualTo(160);
        assertThat(b.lastSr()).isEqualTo(0x11112222L);
        assertThat(b.delaySinceLastSr()).isEqualTo(0x8000);
    }

    @Test
    void skipsUnknownPacketTypesAndHonoursPadding() {
        // RR, then APP (204) with 4 octets of data, then BYE with P=1 and 4 octets of padding
        byte[] bytes = HexFormat.of().parseHex("80c9000100000001"
                + "80cc0002" + "00000001" + "41424344"
                + "a1cb0002" + "00000001" + "00000004");
        assertThat(RtcpCompound.parse(bytes)).containsExactly(
                new ReceiverReport(1, List.of()), new Bye(List.of(1L), Optional.empty()));
    }

    @Test
    void rejectsMalformedInput() {
        assertMalformed("80c9", 2);
        assertMalformed("40c9000100000001", 0); // version 1
        assertMalformed("80c9000500000001", 0); // length past the datagram
        assertMalformed("81c9000100000001", 0); // one report block announced, none present
        assertMalformed("81ca0002" + "00000001" + "01024142", 0); // SDES chunk without its null octet
        assertMalformed("81ca0002" + "00000001" + "01ff4142", 0); // SDES item longer than the packet
        assertMalformed("80c9000100000001" + "80", 8); // trailing byte
        assertMalformed("a0c9000100000000", 7); // padding count 0
    }

    private static void assertMalformed(String hex, int offset) {
        assertThatThrownBy(() -> RtcpCompound.parse(HexFormat.of().parseHex(hex)))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.offset()).isEqualTo(offset));
    }
}
