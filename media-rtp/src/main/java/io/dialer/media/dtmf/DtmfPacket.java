package io.dialer.media.dtmf;

import java.util.Objects;

/**
 * One RTP packet of a telephone-event, as data for the RTP session to send.
 * All packets of one event carry the same RTP timestamp, the event's start
 * (RFC 4733 §2.5.1.1); each gets the next sequence number, retransmissions
 * included.
 *
 * @param event      the payload block
 * @param marker     RTP marker bit: set on the first packet of the event only (§2.5.1.1)
 * @param sendOffset when to send it, in timestamp units after the event starts
 */
public record DtmfPacket(TelephoneEvent event, boolean marker, int sendOffset) {

    public DtmfPacket {
        Objects.requireNonNull(event, "event");
        if (sendOffset < 0) {
            throw new IllegalArgumentException("send offset must not be negative: " + sendOffset);
        }
    }

    /** The RTP payload bytes. */
    public byte[] payload() {
        return event.encode();
    }
}
