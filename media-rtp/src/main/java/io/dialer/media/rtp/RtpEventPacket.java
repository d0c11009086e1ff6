package io.dialer.media.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One RTP packet of an RFC 4733 event, as the event encoder made it: the payload and
 * whether the marker bit is set (§2.5.1.1: on the first packet of an event).
 *
 * @param payload the telephone-event payload, owned by this value
 * @param marker  the M bit
 */
public record RtpEventPacket(byte[] payload, boolean marker) {

    public RtpEventPacket {
        Objects.requireNonNull(payload, "payload");
    }

    /** The payloads in order, the marker bit on the first only: one event (RFC 4733 §2.5.1.1). */
    public static List<RtpEventPacket> markFirst(List<byte[]> payloads) {
        List<RtpEventPacket> packets = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            packets.add(new RtpEventPacket(payloads.get(i), i == 0));
        }
        return packets;
    }
}
