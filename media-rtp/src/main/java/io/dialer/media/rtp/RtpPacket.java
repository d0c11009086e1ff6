package io.dialer.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Objects;

/**
 * An RTP data packet (RFC 3550 §5.1). Parsing strips padding and skips a header
 * extension (§5.3.1), which this engine never uses; serialising writes neither.
 *
 * @param marker         the M bit: first packet of a talkspurt for audio (RFC 3551 §4.1)
 * @param payloadType    PT, 0..127
 * @param sequenceNumber 16-bit sequence number
 * @param timestamp      32-bit RTP timestamp, unsigned
 * @param ssrc           32-bit synchronisation source, unsigned
 * @param csrcs          up to 15 contributing sources, unsigned 32-bit each
 * @param payload        the payload octets, owned by the packet
 */
public record RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                        long[] csrcs, byte[] payload) {

    /** The only RTP version (RFC 3550 §5.1). */
    public static final int VERSION = 2;

    /** Fixed header length in octets (RFC 3550 §5.1). */
    public static final int FIXED_HEADER_LENGTH = 12;

    private static final long[] NO_CSRCS = new long[0];

    public RtpPacket {
        Objects.requireNonNull(csrcs, "csrcs");
        Objects.requireNonNull(payload, "payload");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("sequence number out of range: " + sequenceNumber);
        }
        if (timestamp < 0 || timestamp > 0xFFFF_FFFFL || ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestamp and SSRC are unsigned 32-bit");
        }
        if (csrcs.length > 15) {
            throw new IllegalArgumentException("at most 15 CSRCs (4-bit CC), got " + csrcs.length);
        }
    }

    /** A packet without contributing sources. */
    public RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc, byte[] payload) {
        this(marker, payloadType, sequenceNumber, timestamp, ssrc, NO_CSRCS, payload);
    }

    /**
     * Parses the readable bytes of {@code buf} without moving its indexes.
     *
     * @throws MalformedPacketException when the bytes are not a valid RTP packet
     */
    public static RtpPacket parse(ByteBuf buf) {
        int base = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < FIXED_HEADER_LENGTH) {
            throw new MalformedPacketException("shorter than the 12-octet fixed header", length);
        }
        int b0 = buf.getUnsignedByte(base);
        if (b0 >>> 6 != VERSION) {
            throw new MalformedPacketException("version " + (b0 >>> 6) + " is not 2", 0);
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean extension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0F;
        int b1 = buf.getUnsignedByte(base + 1);
        int offset = FIXED_HEADER_LENGTH;
        if (length < offset + 4 * csrcCount) {
            throw new MalformedPacketException("CSRC list runs past the end", offset);
        }
        long[] csrcs = csrcCount == 0 ? NO_CSRCS : new long[csrcCount];
        for (int i = 0; i < csrcCount; i++) {
            csrcs[i] = buf.getUnsignedInt(base + offset);
            offset += 4;
        }
        if (extension) {
            // RFC 3550 §5.3.1: 16-bit profile field, 16-bit length in 32-bit words excluding this header
            if (length < offset + 4) {
                throw new MalformedPacketException("header extension header runs past the end", offset);
            }
            int words = buf.getUnsignedShort(base + offset + 2);
            int next = offset + 4 + 4 * words;
            if (length < next) {
                throw new MalformedPacketException("header extension runs past the end", offset);
            }
            offset = next;
        }
        int end = length;
        if (padding) {
            // RFC 3550 §5.1: the last octet counts the padding octets, itself included
            int count = buf.getUnsignedByte(base + length - 1);
            if (count == 0 || offset + count > length) {
                throw new MalformedPacketException("padding count " + count + " does not fit", length - 1);
            }
            end = length - count;
        }
        byte[] payload = new byte[end - offset];
        buf.getBytes(base + offset, payload);
        return new RtpPacket((b1 & 0x80) != 0, b1 & 0x7F, buf.getUnsignedShort(base + 2),
                buf.getUnsignedInt(base + 4), buf.getUnsignedInt(base + 8), csrcs, payload);
    }

    /** Parses a whole datagram. */
    public static RtpPacket parse(byte[] datagram) {
        return parse(Unpooled.wrappedBuffer(datagram));
    }

    /**
     * True when a datagram on the RTP port is RTCP multiplexed on it: the second
     * octet is 192..223, i.e. RTCP packet types 200..204 and friends (RFC 5761 §4).
     */
    public static boolean isMultiplexedRtcp(ByteBuf buf) {
        if (buf.readableBytes() < 2) {
            return false;
        }
        int pt = buf.getUnsignedByte(buf.readerIndex() + 1);
        return pt >= 192 && pt <= 223;
    }

    /** The serialised length in octets. */
    public int encodedLength() {
        return FIXED_HEADER_LENGTH + 4 * csrcs.length + payload.length;
    }

    /** Writes the packet at {@code out}'s writer index. */
    public void writeTo(ByteBuf out) {
        out.writeByte(VERSION << 6 | csrcs.length);
        out.writeByte((marker ? 0x80 : 0) | payloadType);
        out.writeShort(sequenceNumber);
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
        for (long csrc : csrcs) {
            out.writeInt((int) csrc);
        }
        out.writeBytes(payload);
    }

    /** The packet as a new array. */
    public byte[] toBytes() {
        ByteBuf buf = Unpooled.buffer(encodedLength());
        writeTo(buf);
        return buf.array();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && marker == p.marker && payloadType == p.payloadType
                && sequenceNumber == p.sequenceNumber && timestamp == p.timestamp && ssrc == p.ssrc
                && Arrays.equals(csrcs, p.csrcs) && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(marker, payloadType, sequenceNumber, timestamp, ssrc)
                * 31 + Arrays.hashCode(csrcs) * 17 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + " seq=" + sequenceNumber + " ts=" + timestamp
                + " ssrc=" + Long.toHexString(ssrc) + (marker ? " M" : "") + " " + payload.length + " octets]";
    }
}
