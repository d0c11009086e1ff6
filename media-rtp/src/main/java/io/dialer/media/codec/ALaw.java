package io.dialer.media.codec;

/**
 * ITU-T G.711 A-law companding between 16-bit linear PCM and 8-bit codes,
 * table-driven: a 64 KiB encode table and a 256-entry decode table, both
 * built once from the G.711 segment rules and never changed.
 */
public final class ALaw {

    /** Even bits are inverted on the line (G.711 A-law), and the sign bit is 1 for positive. */
    private static final int POSITIVE_MASK = 0xD5;
    private static final int NEGATIVE_MASK = 0x55;
    /** Upper ends of the eight segments in 13-bit magnitude. */
    private static final int[] SEGMENT_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private static final byte[] ENCODE = new byte[65536];
    private static final short[] DECODE = new short[256];

    static {
        for (int i = 0; i < 65536; i++) {
            ENCODE[i] = compute((short) i);
        }
        for (int i = 0; i < 256; i++) {
            DECODE[i] = expand(i);
        }
    }

    private ALaw() {
    }

    /** The A-law code for one linear sample. */
    public static byte encode(short sample) {
        return ENCODE[sample & 0xFFFF];
    }

    /** The linear sample for one A-law code. */
    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }

    private static byte compute(short sample) {
        // A-law works on 13-bit magnitudes.
        int pcm = sample >> 3;
        int mask;
        if (pcm >= 0) {
            mask = POSITIVE_MASK;
        } else {
            mask = NEGATIVE_MASK;
            pcm = -pcm - 1;
        }
        int segment = 0;
        while (segment < SEGMENT_END.length && pcm > SEGMENT_END[segment]) {
            segment++;
        }
        if (segment >= SEGMENT_END.length) {
            return (byte) (0x7F ^ mask);
        }
        int code = segment << 4;
        code |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
        return (byte) (code ^ mask);
    }

    private static short expand(int code) {
        int a = code ^ NEGATIVE_MASK;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            t += 8;
        } else {
            t += 0x108;
            t <<= segment - 1;
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }
}
