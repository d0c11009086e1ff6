package io.dialer.media.rtp;

import java.util.Objects;

/**
 * What a session sends in one tick: raw payload octets of a payload type.
 *
 * @param payloadType RTP PT, 0..127
 * @param data        payload octets, owned by this value
 */
public record RtpPayload(int payloadType, byte[] data) {

    public RtpPayload {
        Objects.requireNonNull(data, "data");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
    }
}
