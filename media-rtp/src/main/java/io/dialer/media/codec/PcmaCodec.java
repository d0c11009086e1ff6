package io.dialer.media.codec;

/** G.711 A-law, RTP payload type 8, {@code PCMA/8000} (RFC 3551 §4.5.14). Stateless. */
public final class PcmaCodec implements AudioCodec {

    /** The static payload type of PCMA (RFC 3551 §6, table 4). */
    public static final int PAYLOAD_TYPE = 8;

    @Override
    public int payloadType() {
        return PAYLOAD_TYPE;
    }

    @Override
    public String encodingName() {
        return "PCMA";
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public byte[] encode(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = ALaw.encode(samples[i]);
        }
        return out;
    }

    @Override
    public short[] decode(byte[] payload) {
        short[] out = new short[payload.length];
        for (int i = 0; i < payload.length; i++) {
            out[i] = ALaw.decode(payload[i]);
        }
        return out;
    }

    @Override
    public String toString() {
        return "PCMA/8000";
    }
}
