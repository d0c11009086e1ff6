package io.dialer.media.rtp;

/**
 * Receives RFC 4733 telephone-event packets raw (payload undecoded; the DTMF codec
 * decodes them). Called on the session's event loop; must not block.
 */
@FunctionalInterface
public interface TelephoneEventListener {

    void eventPacket(RtpPacket packet);
}
