package io.dialer.media.codec;

/**
 * An RTP audio payload format (RFC 3551): turns 20 ms frames of PCM16 into
 * payload bytes and back. Implementations are stateless and thread-safe.
 */
public interface AudioCodec {

    /** The static RTP payload type (RFC 3551 §6), e.g. 0 for PCMU, 8 for PCMA. */
    int payloadType();

    /** The SDP encoding name, e.g. {@code PCMU}. */
    String encodingName();

    /** The RTP clock rate in Hz (8,000 for G.711). */
    int clockRate();

    /** Encodes samples (any length) to payload bytes. */
    byte[] encode(short[] samples);

    /** Decodes payload bytes to samples. */
    short[] decode(byte[] payload);
}
