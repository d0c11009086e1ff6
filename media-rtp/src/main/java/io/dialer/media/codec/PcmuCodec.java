package io.dialer.media.codec;

/** G.711 μ-law, RTP payload type 0, {@code PCMU/8000} (RFC 3551 §4.5.14). Stateless. */
public final class PcmuCodec implements AudioCodec {

    /** The static payload type of PCMU (RFC 3551 §6, table 4). */
    public static final int PAYLOAD_TYPE = 0;

    @Override
    public int payloadType() {
        return PAYLOAD_TYPE;
    }

    @Override
    public String encodingName() {
        return "PCMU";
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public byte[] encode(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = MuLaw.encode(samples[i]);
        }
        return out;
    }

    @Override
    public short[] decode(byte[] payload) {
        short[] out = new short[payload.length];
        for (int i = 0; i < payload.length; i++) {
            out[i] = MuLaw.decode(payload[i]);
        }
        return out;
    }

    @Override
    public String toString() {
        return "PCMU/8000";
    }
}
