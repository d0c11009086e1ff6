package io.dialer.media.rtp;

import io.dialer.media.codec.AudioCodec;

/** Test-only codec: each sample's high byte, one octet per sample like G.711 (so payloads are 160 octets). */
record Linear8Codec(int payloadType) implements AudioCodec {

    @Override
    public String encodingName() {
        return "L8";
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public byte[] encode(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (byte) (samples[i] >> 8);
        }
        return out;
    }

    @Override
    public short[] decode(byte[] payload) {
        short[] out = new short[payload.length];
        for (int i = 0; i < payload.length; i++) {
            out[i] = (short) (payload[i] << 8);
        }
        return out;
    }
}
