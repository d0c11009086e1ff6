package io.dialer.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated datagrams: parsing either succeeds or fails with
 * {@link MalformedPacketException}, never with another exception (an index out of
 * bounds would mean a length was trusted), and what parses re-serialises.
 */
class PacketFuzzTest {

    @Test
    void randomRtpDatagramsFailOnlyAsMalformed() {
        Random random = new Random(3550);
        byte[] valid = new RtpPacket(true, 0, 1, 2, 3, new long[] {4, 5}, new byte[20]).toBytes();
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] datagram = i % 2 == 0 ? randomBytes(random, 40) : mutate(random, valid);
            datagram[0] = (byte) (0x80 | datagram[0] & 0x3F); // mostly version 2, to get past the first check
            try {
                RtpPacket p = RtpPacket.parse(datagram);
                assertThat(RtpPacket.parse(p.toBytes())).isEqualTo(p);
                parsed++;
            } catch (MalformedPacketException expected) {
                assertThat(expected.offset()).isBetween(0, datagram.length);
            }
        }
        assertThat(parsed).isPositive();
    }

    @Test
    void randomRtcpDatagramsFailOnlyAsMalformed() {
        Random random = new Random(3551);
        byte[] valid = RtcpCompound.toBytes(List.of(
                new RtcpPacket.SenderReport(1, 2, 3, 4, 5, List.of(new RtcpPacket.ReportBlock(1, 2, 3, 4, 5, 6, 7))),
                new RtcpPacket.SourceDescription(List.of(
                        new RtcpPacket.SourceDescription.Chunk(1, java.util.Optional.of("cname")))),
                new RtcpPacket.Bye(List.of(1L), java.util.Optional.of("bye"))));
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] datagram = i % 4 == 0 ? randomBytes(random, 64) : mutate(random, valid);
            if (datagram.length > 0) {
                datagram[0] = (byte) (0x80 | datagram[0] & 0x3F);
            }
            try {
                List<RtcpPacket> packets = RtcpCompound.parse(datagram);
                assertThat(RtcpCompound.parse(RtcpCompound.toBytes(packets))).isEqualTo(packets);
                parsed++;
            } catch (MalformedPacketException expected) {
                assertThat(expected.offset()).isBetween(0, datagram.length);
            }
        }
        assertThat(parsed).isPositive();
    }

    private static byte[] randomBytes(Random random, int maxLength) {
        byte[] b = new byte[1 + random.nextInt(maxLength)];
        random.nextBytes(b);
        return b;
    }

    private static byte[] mutate(Random random, byte[] valid) {
        byte[] b = java.util.Arrays.copyOf(valid, Math.max(1, valid.length + random.nextInt(9) - 6));
        for (int flips = random.nextInt(4); flips > 0; flips--) {
            b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }
}
