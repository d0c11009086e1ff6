package io.dialer.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.transport.Transport;
import io.dialer.sip.ua.TracedMessage;
import io.dialer.sip.ua.TracedMessage.Direction;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pcap files, read back with tshark. Requirements checked:
 * - SIP is dissected on any port with tshark's default settings, direction and
 *   addresses as traced, timestamps to the microsecond;
 * - IPv4 and IPv6, and IPv4 beside IPv6 written IPv4-mapped; IP and UDP checksums good;
 * - a message too long for a UDP datagram is cut, not refused, and the record keeps
 *   its original length.
 */
class PcapWriterTest {

    private static final Instant T0 = Instant.parse("2026-01-28T18:45:11.012345Z");

    @TempDir
    Path dir;

    static TracedMessage message(Direction direction, Instant at, InetSocketAddress local, InetSocketAddress remote,
                                 String text) {
        String firstLine = text.substring(0, text.indexOf("\r\n"));
        return new TracedMessage(direction, at, Transport.UDP, local, remote, "abc@test", firstLine,
                text.getBytes(StandardCharsets.UTF_8));
    }

    static String invite(String callId) {
        return "INVITE sip:+15557654321@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:+15551230000@127.0.0.1>;tag=a\r\n"
                + "To: <sip:+15557654321@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:dialer@127.0.0.1:5080>\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static String ok(String callId, String method, int cseq) {
        return "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-1\r\n"
                + "From: <sip:+15551230000@127.0.0.1>;tag=a\r\n"
                + "To: <sip:+15557654321@127.0.0.1>;tag=b\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void ipv4MessagesAreDissectedAsSipOnAnyPort() throws Exception {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 5080);
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 41234);
        Path pcap = dir.resolve("v4.pcap");
        PcapWriter.write(pcap, List.of(
                message(Direction.OUT, T0, local, remote, invite("abc@test")),
                message(Direction.IN, T0.plusMillis(20), local, remote, ok("abc@test", "INVITE", 1))));

        assertThat(Tshark.fields(pcap, "sip", "frame.time_epoch", "ip.src", "udp.srcport", "ip.dst", "udp.dstport",
                "sip.Method", "sip.Status-Code", "sip.Call-ID", "ip.checksum.status", "udp.checksum.status"))
                .containsExactly(
                        "1769625911.012345000|127.0.0.1|5080|127.0.0.1|41234|INVITE||abc@test|1|1",
                        "1769625911.032345000|127.0.0.1|41234|127.0.0.1|5080||200|abc@test|1|1");
    }

    @Test
    void ipv6AndMixedFamiliesAreWrittenAsIpv6() throws Exception {
        InetSocketAddress v6local = new InetSocketAddress("::1", 5080);
        InetSocketAddress v6remote = new InetSocketAddress("::1", 41234);
        InetSocketAddress v4local = new InetSocketAddress("127.0.0.1", 5080);
        Path pcap = dir.resolve("v6.pcap");
        PcapWriter.write(pcap, List.of(
                message(Direction.OUT, T0, v6local, v6remote, invite("v6@test")),
                message(Direction.IN, T0.plusMillis(1), v4local, v6remote, ok("v6@test", "INVITE", 1))));

        assertThat(Tshark.fields(pcap, "sip", "ipv6.src", "ipv6.dst", "udp.srcport", "sip.Method",
                "sip.Status-Code", "udp.checksum.status"))
                .containsExactly("::1|::1|5080|INVITE||1", "::1|::ffff:127.0.0.1|41234||200|1");
    }

    @Test
    void aMessageLongerThanADatagramIsCut() throws Exception {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 5080);
        InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 5060);
        String big = invite("big@test").replace("Content-Length: 0\r\n\r\n", "")
                + "X-Padding: " + "x".repeat(70_000) + "\r\nContent-Length: 0\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter writer = new PcapWriter(out)) {
            writer.append(message(Direction.OUT, T0, local, remote, big));
            writer.append(message(Direction.IN, T0, local, remote, ok("big@test", "INVITE", 1)));
            writer.flush();
            assertThat(writer.truncated()).isEqualTo(1);
        }
        Path pcap = dir.resolve("big.pcap");
        Files.write(pcap, out.toByteArray());

        assertThat(Tshark.fields(pcap, "frame", "frame.cap_len", "frame.len", "udp.length", "ip.checksum.status"))
                .first().isEqualTo((14 + 65_535) + "|" + (14 + 20 + 8 + big.length()) + "|65515|1");
        assertThat(Tshark.fields(pcap, "sip", "sip.Method", "sip.Status-Code")).containsExactly("INVITE|", "|200");
    }

    @Test
    void fileHeaderIsClassicLibpcapOverEthernet() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter.write(out, List.of());
        ByteBuffer header = ByteBuffer.wrap(out.toByteArray());
        assertThat(header.remaining()).isEqualTo(24);
        assertThat(header.getInt()).isEqualTo(0xa1b2c3d4);
        assertThat(header.getShort()).isEqualTo((short) 2);
        assertThat(header.getShort()).isEqualTo((short) 4);
        assertThat(header.getInt(20)).as("LINKTYPE_ETHERNET").isEqualTo(1);
    }
}
