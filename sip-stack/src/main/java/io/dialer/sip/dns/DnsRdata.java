package io.dialer.sip.dns;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the RDATA of the record types Netty leaves raw (SRV, NAPTR). The buffer
 * passed in is Netty's {@code DnsRawRecord.content()}: its reader index is at the
 * start of the RDATA and its writer index at the end, and it shares the whole
 * message's indices, so compression pointers (absolute offsets into the message)
 * can be followed even though RFC 2782 and RFC 3403 §4.1 forbid compressing these
 * names; some servers do it anyway.
 */
public final class DnsRdata {

    /** RFC 1035 §2.3.4: a name is at most 255 octets; more jumps than that means a loop. */
    private static final int MAX_NAME_LENGTH = 255;

    private DnsRdata() {
    }

    /**
     * Decodes SRV RDATA (RFC 2782): priority, weight, port, target. Does not move the
     * buffer's reader index.
     *
     * @throws MalformedRdataException when the data is short or the name is bad
     */
    public static SrvRecord decodeSrv(ByteBuf rdata) throws MalformedRdataException {
        ByteBuf in = rdata.duplicate();
        require(in, 6, "SRV");
        int priority = in.readUnsignedShort();
        int weight = in.readUnsignedShort();
        int port = in.readUnsignedShort();
        String target = readName(in, "SRV target");
        return new SrvRecord(priority, weight, port, target);
    }

    /**
     * Decodes NAPTR RDATA (RFC 3403 §4.1): order, preference, then the three
     * character-strings flags, services and regexp, then the replacement name.
     * Does not move the buffer's reader index.
     *
     * @throws MalformedRdataException when the data is short or a field is bad
     */
    public static NaptrRecord decodeNaptr(ByteBuf rdata) throws MalformedRdataException {
        ByteBuf in = rdata.duplicate();
        require(in, 4, "NAPTR");
        int order = in.readUnsignedShort();
        int preference = in.readUnsignedShort();
        String flags = readCharacterString(in, "flags");
        String services = readCharacterString(in, "services");
        String regexp = readCharacterString(in, "regexp");
        String replacement = readName(in, "NAPTR replacement");
        return new NaptrRecord(order, preference, flags, services, regexp, replacement);
    }

    /** RFC 1035 §3.3: one length octet followed by that many octets. */
    private static String readCharacterString(ByteBuf in, String field) throws MalformedRdataException {
        require(in, 1, "NAPTR " + field);
        int length = in.readUnsignedByte();
        require(in, length, "NAPTR " + field);
        // RFC 3403 §4.1: the strings are UTF-8 (services and flags are ASCII in practice).
        return in.readCharSequence(length, StandardCharsets.UTF_8).toString();
    }

    /**
     * Reads a domain name at the reader index (RFC 1035 §3.1, §4.1.4), returns it
     * without the trailing dot ("" for the root) and moves the reader index past it.
     */
    static String readName(ByteBuf in, String field) throws MalformedRdataException {
        StringBuilder name = new StringBuilder();
        int position = in.readerIndex();
        int end = in.writerIndex();
        boolean jumped = false;
        int jumps = 0;
        while (true) {
            if (position >= (jumped ? in.capacity() : end)) {
                throw new MalformedRdataException(field + ": name runs past the end of the data");
            }
            int length = in.getUnsignedByte(position);
            if ((length & 0xC0) == 0xC0) {
                if (position + 1 >= (jumped ? in.capacity() : end)) {
                    throw new MalformedRdataException(field + ": truncated compression pointer");
                }
                int pointer = ((length & 0x3F) << 8) | in.getUnsignedByte(position + 1);
                if (!jumped) {
                    in.readerIndex(position + 2);
                }
                jumped = true;
                if (++jumps > MAX_NAME_LENGTH) {
                    throw new MalformedRdataException(field + ": compression pointer loop");
                }
                position = pointer;
                continue;
            }
            if ((length & 0xC0) != 0) {
                throw new MalformedRdataException(field + ": unknown label type 0x" + Integer.toHexString(length));
            }
            position++;
            if (length == 0) {
                break;
            }
            if (position + length > (jumped ? in.capacity() : end)) {
                throw new MalformedRdataException(field + ": label runs past the end of the data");
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(in.toString(position, length, StandardCharsets.US_ASCII));
            if (name.length() > MAX_NAME_LENGTH) {
                throw new MalformedRdataException(field + ": name longer than 255 octets");
            }
            position += length;
        }
        if (!jumped) {
            in.readerIndex(position);
        }
        return name.toString();
    }

    private static void require(ByteBuf in, int bytes, String what) throws MalformedRdataException {
        if (in.readableBytes() < bytes) {
            throw new MalformedRdataException(what + ": needs " + bytes + " more bytes, only " + in.readableBytes() + " left");
        }
    }

    /** RDATA that does not match its record type's format. */
    public static final class MalformedRdataException extends Exception {
        private static final long serialVersionUID = 1L;

        public MalformedRdataException(String message) {
            super(message);
        }
    }
}
