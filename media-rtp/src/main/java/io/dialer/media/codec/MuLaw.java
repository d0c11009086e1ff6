package io.dialer.media.codec;

/**
 * ITU-T G.711 μ-law companding between 16-bit linear PCM and 8-bit codes,
 * table-driven: a 64 KiB encode table and a 256-entry decode table, both
 * built once from the G.711 segment rules and never changed.
 */
public final class MuLaw {

    /** Bias added before finding the segment (G.711 μ-law, 33 in 14-bit units = 0x84 in 16-bit). */
    private static final int BIAS = 0x84;
    /** Largest magnitude that can be biased without overflowing segment 7. */
    private static final int CLIP = 32635;

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

    private MuLaw() {
    }

    /** The μ-law code for one linear sample. */
    public static byte encode(short sample) {
        return ENCODE[sample & 0xFFFF];
    }

    /** The linear sample for one μ-law code. */
    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }

    private static byte compute(short sample) {
        int pcm = sample;
        int sign = 0;
        if (pcm < 0) {
            sign = 0x80;
            pcm = -pcm;
        }
        if (pcm > CLIP) {
            pcm = CLIP;
        }
        pcm += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        // G.711: the code is transmitted with all bits inverted.
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    private static short expand(int code) {
        int u = ~code & 0xFF;
        int t = (((u & 0x0F) << 3) + BIAS) << ((u & 0x70) >> 4);
        return (short) ((u & 0x80) != 0 ? BIAS - t : t - BIAS);
    }
}
