package io.dialer.media.dtmf;

import java.util.Optional;

/**
 * One RFC 4733 telephone-event payload block (§2.3):
 * <pre>
 *  event (8) | E (1) | R (1) | volume (6) | duration (16)
 * </pre>
 *
 * @param event    event code, 0-255 (0-15 are the DTMF digits, §3.2)
 * @param end      the E bit: this packet reports the end of the event (§2.5.1.3)
 * @param volume   power level as a positive number of -dBm0, 0-63 (§2.3.4)
 * @param duration duration so far in RTP timestamp units, 0-65535 (§2.3.5)
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    /** Bytes of one event block. */
    public static final int LENGTH = 4;

    public TelephoneEvent {
        if (event < 0 || event > 255) {
            throw new IllegalArgumentException("event out of range 0-255: " + event);
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("volume out of range 0-63: " + volume);
        }
        if (duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("duration out of range 0-65535: " + duration);
        }
    }

    /** The 4-byte payload; the R bit is 0 (§2.3.3: reserved, sent as zero). */
    public byte[] encode() {
        return new byte[] {
            (byte) event,
            (byte) ((end ? 0x80 : 0) | volume),
            (byte) (duration >> 8),
            (byte) duration
        };
    }

    /**
     * The first event block of a payload; empty when the payload is shorter
     * than one block. The R bit is ignored as §2.3.3 asks of receivers.
     * Further blocks (§2.5.1.5, several events in one packet) are not read.
     */
    public static Optional<TelephoneEvent> decode(byte[] payload) {
        if (payload == null || payload.length < LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new TelephoneEvent(
                payload[0] & 0xFF,
                (payload[1] & 0x80) != 0,
                payload[1] & 0x3F,
                ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF)));
    }
}
