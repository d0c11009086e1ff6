package io.dialer.media.rtp;

import io.dialer.media.rtp.RtcpPacket.Bye;
import io.dialer.media.rtp.RtcpPacket.ReceiverReport;
import io.dialer.media.rtp.RtcpPacket.ReportBlock;
import io.dialer.media.rtp.RtcpPacket.SenderReport;
import io.dialer.media.rtp.RtcpPacket.SourceDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compound RTCP packets (RFC 3550 §6.1): parse what peers send, write what we send.
 *
 * <p>Parsing checks what RFC 3550 A.2 checks that matters for safety — version 2 and
 * lengths that add up to the datagram — but accepts any packet type first, because
 * reduced-size RTCP (RFC 5506) may start with something other than SR or RR. Packet
 * types it does not know (APP, feedback, XR, ...) are skipped by their length.
 */
public final class RtcpCompound {

    private static final int SDES_END = 0;
    private static final int SDES_CNAME = 1;
    private static final int REPORT_BLOCK_LENGTH = 24;

    private RtcpCompound() {
    }

    /**
     * Parses the readable bytes of {@code buf} without moving its indexes.
     *
     * @throws MalformedPacketException when the datagram is not valid RTCP
     */
    public static List<RtcpPacket> parse(ByteBuf buf) {
        int base = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < 4) {
            throw new MalformedPacketException("shorter than an RTCP header", length);
        }
        List<RtcpPacket> packets = new ArrayList<>(3);
        int offset = 0;
        while (offset < length) {
            if (length - offset < 4) {
                throw new MalformedPacketException("trailing bytes shorter than an RTCP header", offset);
            }
            int b0 = buf.getUnsignedByte(base + offset);
            if (b0 >>> 6 != RtpPacket.VERSION) {
                throw new MalformedPacketException("version " + (b0 >>> 6) + " is not 2", offset);
            }
            int count = b0 & 0x1F;
            int type = buf.getUnsignedByte(base + offset + 1);
            // §6.4.1: length in 32-bit words minus one, header and any padding included
            int packetLength = (buf.getUnsignedShort(base + offset + 2) + 1) * 4;
            if (offset + packetLength > length) {
                throw new MalformedPacketException("packet length runs past the datagram", offset);
            }
            int end = offset + packetLength;
            if ((b0 & 0x20) != 0) {
                int pad = buf.getUnsignedByte(base + end - 1);
                if (pad == 0 || pad > packetLength - 4) {
                    throw new MalformedPacketException("padding count " + pad + " does not fit", end - 1);
                }
                end -= pad;
            }
            ByteBuf body = buf.slice(base + offset + 4, end - offset - 4);
            switch (type) {
                case RtcpPacket.SR -> packets.add(senderReport(body, count, offset));
                case RtcpPacket.RR -> packets.add(receiverReport(body, count, offset));
                case RtcpPacket.SDES -> packets.add(sourceDescription(body, count, offset));
                case RtcpPacket.BYE -> packets.add(bye(body, count, offset));
                default -> { } // RFC 3550 §6.1: unknown types are ignored
            }
            offset += packetLength;
        }
        return packets;
    }

    /** Parses a whole datagram. */
    public static List<RtcpPacket> parse(byte[] datagram) {
        return parse(Unpooled.wrappedBuffer(datagram));
    }

    private static SenderReport senderReport(ByteBuf body, int count, int at) {
        need(body, 24 + count * REPORT_BLOCK_LENGTH, "sender report", at);
        return new SenderReport(body.getUnsignedInt(0), body.getLong(4), body.getUnsignedInt(12),
                body.getUnsignedInt(16), body.getUnsignedInt(20), reportBlocks(body, 24, count));
    }

    private static ReceiverReport receiverReport(ByteBuf body, int count, int at) {
        need(body, 4 + count * REPORT_BLOCK_LENGTH, "receiver report", at);
        return new ReceiverReport(body.getUnsignedInt(0), reportBlocks(body, 4, count));
    }

    private static List<ReportBlock> reportBlocks(ByteBuf body, int from, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0, o = from; i < count; i++, o += REPORT_BLOCK_LENGTH) {
            int lost = body.getMedium(o + 5); // signed 24-bit
            blocks.add(new ReportBlock(body.getUnsignedInt(o), body.getUnsignedByte(o + 4), lost,
                    body.getUnsignedInt(o + 8), body.getUnsignedInt(o + 12), body.getUnsignedInt(o + 16),
                    body.getUnsignedInt(o + 20)));
        }
        return blocks;
    }

    private static SourceDescription sourceDescription(ByteBuf body, int count, int at) {
        List<SourceDescription.Chunk> chunks = new ArrayList<>(count);
        int o = 0;
        for (int i = 0; i < count; i++) {
            need(body, o + 4, "SDES chunk", at);
            long ssrc = body.getUnsignedInt(o);
            o += 4;
            Optional<String> cname = Optional.empty();
            while (true) {
                need(body, o + 1, "SDES item", at);
                int itemType = body.getUnsignedByte(o);
                if (itemType == SDES_END) {
                    // §6.5: the list ends with a null octet, then padding to the next 32-bit boundary
                    o = (o + 4) & ~3;
                    break;
                }
                need(body, o + 2, "SDES item", at);
                int itemLength = body.getUnsignedByte(o + 1);
                need(body, o + 2 + itemLength, "SDES item text", at);
                if (itemType == SDES_CNAME) {
                    cname = Optional.of(body.toString(o + 2, itemLength, StandardCharsets.UTF_8));
                }
                o += 2 + itemLength;
            }
            chunks.add(new SourceDescription.Chunk(ssrc, cname));
        }
        return new SourceDescription(chunks);
    }

    private static Bye bye(ByteBuf body, int count, int at) {
        need(body, 4 * count, "BYE source list", at);
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(body.getUnsignedInt(4 * i));
        }
        Optional<String> reason = Optional.empty();
        int o = 4 * count;
        if (body.readableBytes() > o) {
            int reasonLength = body.getUnsignedByte(o);
            need(body, o + 1 + reasonLength, "BYE reason", at);
            reason = Optional.of(body.toString(o + 1, reasonLength, StandardCharsets.UTF_8));
        }
        return new Bye(ssrcs, reason);
    }

    private static void need(ByteBuf body, int bytes, String what, int packetOffset) {
        if (body.readableBytes() < bytes) {
            throw new MalformedPacketException(what + " runs past the packet length", packetOffset);
        }
    }

    /** Writes the packets as one compound packet at {@code out}'s writer index. */
    public static void write(List<? extends RtcpPacket> packets, ByteBuf out) {
        for (RtcpPacket packet : packets) {
            int start = out.writerIndex();
            if (packet instanceof SenderReport sr) {
                header(out, sr.reports().size(), RtcpPacket.SR);
                out.writeInt((int) sr.ssrc());
                out.writeLong(sr.ntpTimestamp());
                out.writeInt((int) sr.rtpTimestamp());
                out.writeInt((int) sr.packetCount());
                out.writeInt((int) sr.octetCount());
                sr.reports().forEach(b -> writeBlock(b, out));
            } else if (packet instanceof ReceiverReport rr) {
                header(out, rr.reports().size(), RtcpPacket.RR);
                out.writeInt((int) rr.ssrc());
                rr.reports().forEach(b -> writeBlock(b, out));
            } else if (packet instanceof SourceDescription sdes) {
                header(out, sdes.chunks().size(), RtcpPacket.SDES);
                for (SourceDescription.Chunk chunk : sdes.chunks()) {
                    out.writeInt((int) chunk.ssrc());
                    chunk.cname().ifPresent(c -> writeText(SDES_CNAME, c, out));
                    // §6.5: at least one null octet, then pad the chunk to 32 bits
                    out.writeByte(SDES_END);
                    while ((out.writerIndex() - start) % 4 != 0) {
                        out.writeByte(SDES_END);
                    }
                }
            } else if (packet instanceof Bye bye) {
                header(out, bye.ssrcs().size(), RtcpPacket.BYE);
                bye.ssrcs().forEach(s -> out.writeInt(s.intValue()));
                bye.reason().ifPresent(r -> {
                    byte[] text = truncated(r);
                    out.writeByte(text.length);
                    out.writeBytes(text);
                    while ((out.writerIndex() - start) % 4 != 0) {
                        out.writeByte(0);
                    }
                });
            }
            out.setShort(start + 2, (out.writerIndex() - start) / 4 - 1);
        }
    }

    /** The packets as one compound datagram in a new array. */
    public static byte[] toBytes(List<? extends RtcpPacket> packets) {
        ByteBuf buf = Unpooled.buffer(256);
        write(packets, buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }

    private static void header(ByteBuf out, int count, int type) {
        out.writeByte(RtpPacket.VERSION << 6 | count);
        out.writeByte(type);
        out.writeShort(0); // length, set once the body is written
    }

    private static void writeBlock(ReportBlock b, ByteBuf out) {
        out.writeInt((int) b.ssrc());
        out.writeByte(b.fractionLost());
        out.writeMedium(b.cumulativeLost());
        out.writeInt((int) b.extendedHighestSeq());
        out.writeInt((int) b.jitter());
        out.writeInt((int) b.lastSr());
        out.writeInt((int) b.delaySinceLastSr());
    }

    private static void writeText(int type, String text, ByteBuf out) {
        byte[] bytes = truncated(text);
        out.writeByte(type);
        out.writeByte(bytes.length);
        out.writeBytes(bytes);
    }

    /** SDES items and the BYE reason have an 8-bit length (RFC 3550 §6.5, §6.6). */
    private static byte[] truncated(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= 255 ? bytes : java.util.Arrays.copyOf(bytes, 255);
    }
}
