package io.dialer.core.trace;

import io.dialer.sip.ua.TracedMessage;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes traced SIP messages as a classic libpcap file that Wireshark, tshark
 * and sngrep open as SIP. Each message becomes one packet behind synthetic
 * Ethernet, IP and UDP headers built from the addresses the stack saw, whatever
 * transport carried it: TCP and TLS messages appear as UDP datagrams, and TLS in
 * clear, because the stack traced them before encryption.
 *
 * <p>Ethernet (LINKTYPE_ETHERNET) rather than raw IP, because every reader
 * supports it. IPv4 when both addresses are IPv4, otherwise IPv6 with any IPv4
 * address written IPv4-mapped (RFC 4291 §2.5.5.2). The IPv4 header checksum
 * (RFC 791) and the UDP checksum (RFC 768; mandatory over IPv6, RFC 8200 §8.1)
 * are computed, so nothing is flagged as corrupt.
 *
 * <p>Wireshark's "SIP over UDP" heuristic is on by default, so SIP is found on
 * any port; but UDP tries port-registered dissectors first, and a port that
 * another protocol claims wins. {@code -o udp.try_heuristic_first:TRUE} (or
 * {@code -d udp.port==N,sip}) settles such a capture.
 *
 * <p>A message longer than a UDP datagram can carry (65,507 bytes over IPv4) is
 * cut at that length and logged; the pcap record says the original length.
 *
 * <p>Not thread-safe: one writer per file.
 */
public final class PcapWriter implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(PcapWriter.class);

    /** The libpcap file format, microsecond timestamps, version 2.4. */
    private static final int MAGIC = 0xa1b2c3d4;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int SNAPLEN = 262_144;

    private static final int ETHERNET_HEADER = 14;
    private static final int IPV4_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int UDP_HEADER = 8;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int PROTOCOL_UDP = 17;
    private static final int HOP_LIMIT = 64;
    /** The largest UDP payload whose length fits the IP header's 16-bit length field. */
    static final int MAX_UDP_PAYLOAD_IPV4 = 0xffff - IPV4_HEADER - UDP_HEADER;
    static final int MAX_UDP_PAYLOAD_IPV6 = 0xffff - UDP_HEADER;

    /** Locally administered MAC addresses (IEEE 802 U/L bit set): ours, and the peer's. */
    private static final byte[] LOCAL_MAC = {0x02, 0, 0, 0, 0, 0x01};
    private static final byte[] REMOTE_MAC = {0x02, 0, 0, 0, 0, 0x02};

    private final DataOutputStream out;
    private int ipv4Identification;
    private int truncated;

    /** Starts a pcap stream: writes the file header to {@code out}. */
    public PcapWriter(OutputStream out) throws IOException {
        this.out = new DataOutputStream(new BufferedOutputStream(Objects.requireNonNull(out, "out")));
        this.out.writeInt(MAGIC);
        this.out.writeShort(2);
        this.out.writeShort(4);
        this.out.writeInt(0); // timestamps are UTC
        this.out.writeInt(0); // sigfigs, always 0
        this.out.writeInt(SNAPLEN);
        this.out.writeInt(LINKTYPE_ETHERNET);
    }

    /** Writes the messages to a new file (replacing any file there). */
    public static void write(Path file, List<TracedMessage> messages) throws IOException {
        try (PcapWriter writer = new PcapWriter(Files.newOutputStream(file))) {
            writer.appendAll(messages);
        }
    }

    /** Writes the messages as a whole pcap file to a stream, which is flushed but left open. */
    public static void write(OutputStream stream, List<TracedMessage> messages) throws IOException {
        PcapWriter writer = new PcapWriter(stream);
        writer.appendAll(messages);
        writer.flush();
    }

    private void appendAll(List<TracedMessage> messages) throws IOException {
        for (TracedMessage m : messages) {
            append(m);
        }
    }

    /** Writes one message as one packet. */
    public void append(TracedMessage message) throws IOException {
        boolean outbound = message.direction() == TracedMessage.Direction.OUT;
        InetSocketAddress source = outbound ? message.local() : message.remote();
        InetSocketAddress destination = outbound ? message.remote() : message.local();
        boolean ipv4 = source.getAddress() instanceof Inet4Address && destination.getAddress() instanceof Inet4Address;

        byte[] payload = message.bytes();
        int maxPayload = ipv4 ? MAX_UDP_PAYLOAD_IPV4 : MAX_UDP_PAYLOAD_IPV6;
        int payloadLength = Math.min(payload.length, maxPayload);
        if (payloadLength < payload.length) {
            truncated++;
            log.info("pcap: {} message of call {} cut from {} to {} bytes, the most a UDP datagram carries",
                    message.direction(), message.callId(), payload.length, payloadLength);
        }
        byte[] srcIp = ipBytes(source.getAddress(), ipv4);
        byte[] dstIp = ipBytes(destination.getAddress(), ipv4);
        int udpLength = UDP_HEADER + payloadLength;
        int ipHeader = ipv4 ? IPV4_HEADER : IPV6_HEADER;
        int frameLength = ETHERNET_HEADER + ipHeader + udpLength;

        ByteBuffer frame = ByteBuffer.allocate(frameLength);
        frame.put(outbound ? REMOTE_MAC : LOCAL_MAC).put(outbound ? LOCAL_MAC : REMOTE_MAC)
                .putShort((short) (ipv4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6));
        if (ipv4) {
            putIpv4Header(frame, srcIp, dstIp, IPV4_HEADER + udpLength);
        } else {
            putIpv6Header(frame, srcIp, dstIp, udpLength);
        }
        int udpStart = frame.position();
        frame.putShort((short) source.getPort()).putShort((short) destination.getPort())
                .putShort((short) udpLength).putShort((short) 0)
                .put(payload, 0, payloadLength);
        int checksum = udpChecksum(frame.array(), udpStart, udpLength, srcIp, dstIp);
        frame.putShort(udpStart + 6, (short) checksum);

        long micros = message.at().getNano() / 1_000;
        out.writeInt((int) message.at().getEpochSecond());
        out.writeInt((int) micros);
        out.writeInt(frameLength);
        out.writeInt(frameLength - payloadLength + payload.length);
        out.write(frame.array());
    }

    /** How many messages were cut to fit a UDP datagram. */
    public int truncated() {
        return truncated;
    }

    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    private void putIpv4Header(ByteBuffer frame, byte[] src, byte[] dst, int totalLength) {
        int start = frame.position();
        frame.put((byte) 0x45) // version 4, header of 5 words
                .put((byte) 0)
                .putShort((short) totalLength)
                .putShort((short) ipv4Identification++)
                .putShort((short) 0x4000) // don't fragment
                .put((byte) HOP_LIMIT)
                .put((byte) PROTOCOL_UDP)
                .putShort((short) 0)
                .put(src).put(dst);
        int sum = onesComplementSum(frame.array(), start, IPV4_HEADER, 0);
        frame.putShort(start + 10, (short) ~sum);
    }

    private static void putIpv6Header(ByteBuffer frame, byte[] src, byte[] dst, int payloadLength) {
        frame.putInt(0x6000_0000) // version 6, traffic class and flow label 0
                .putShort((short) payloadLength)
                .put((byte) PROTOCOL_UDP)
                .put((byte) HOP_LIMIT)
                .put(src).put(dst);
    }

    /** RFC 768: over the pseudo-header (RFC 8200 §8.1 for IPv6), header and data; 0 is sent as 0xffff. */
    private static int udpChecksum(byte[] frame, int udpStart, int udpLength, byte[] src, byte[] dst) {
        int sum = onesComplementSum(src, 0, src.length, 0);
        sum = onesComplementSum(dst, 0, dst.length, sum);
        sum += PROTOCOL_UDP;
        sum += udpLength; // both pseudo-headers carry the UDP length; it fits 16 bits here
        sum = onesComplementSum(frame, udpStart, udpLength, sum); // folds the additions above too
        int checksum = ~sum & 0xffff;
        return checksum == 0 ? 0xffff : checksum;
    }

    /** RFC 1071: the 16-bit one's complement sum, folded, of {@code length} bytes added to {@code sum}. */
    private static int onesComplementSum(byte[] data, int offset, int length, int sum) {
        long acc = sum;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            acc += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            acc += (data[i] & 0xff) << 8;
        }
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) acc;
    }

    private static byte[] ipBytes(InetAddress address, boolean ipv4) {
        byte[] raw = address.getAddress();
        if (ipv4 || raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }
}
