package io.dialer.media.codec;

/**
 * Converts G.711 payloads between μ-law and A-law without going through a
 * PCM buffer, for a bridge whose legs negotiated different laws. Each
 * direction is a 256-byte table built by decoding to linear PCM and encoding
 * again, so the result equals decode-then-encode exactly.
 */
public final class G711Transcoder {

    private static final byte[] ULAW_TO_ALAW = new byte[256];
    private static final byte[] ALAW_TO_ULAW = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_ALAW[i] = ALaw.encode(MuLaw.decode((byte) i));
            ALAW_TO_ULAW[i] = MuLaw.encode(ALaw.decode((byte) i));
        }
    }

    private G711Transcoder() {
    }

    /** A new PCMA payload carrying the same audio as the PCMU payload. */
    public static byte[] ulawToAlaw(byte[] pcmu) {
        return map(pcmu, ULAW_TO_ALAW);
    }

    /** A new PCMU payload carrying the same audio as the PCMA payload. */
    public static byte[] alawToUlaw(byte[] pcma) {
        return map(pcma, ALAW_TO_ULAW);
    }

    /**
     * The payload converted from one codec's law to the other's; the same
     * array when both are the same payload type.
     *
     * @throws IllegalArgumentException unless both are PCMU (0) or PCMA (8)
     */
    public static byte[] transcode(byte[] payload, int fromPayloadType, int toPayloadType) {
        if (fromPayloadType == toPayloadType && isG711(fromPayloadType)) {
            return payload;
        }
        if (fromPayloadType == PcmuCodec.PAYLOAD_TYPE && toPayloadType == PcmaCodec.PAYLOAD_TYPE) {
            return ulawToAlaw(payload);
        }
        if (fromPayloadType == PcmaCodec.PAYLOAD_TYPE && toPayloadType == PcmuCodec.PAYLOAD_TYPE) {
            return alawToUlaw(payload);
        }
        throw new IllegalArgumentException("not a G.711 pair: " + fromPayloadType + " -> " + toPayloadType);
    }

    private static boolean isG711(int payloadType) {
        return payloadType == PcmuCodec.PAYLOAD_TYPE || payloadType == PcmaCodec.PAYLOAD_TYPE;
    }

    private static byte[] map(byte[] in, byte[] table) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = table[in[i] & 0xFF];
        }
        return out;
    }
}
