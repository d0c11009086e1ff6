package io.dialer.media.dtmf;

import java.util.ArrayList;
import java.util.List;

/**
 * Plans the RFC 4733 packets of one DTMF digit. Each packet stands in for
 * the audio packet of its interval, so packet k (from 1) is due at
 * (k-1) intervals and reports the duration up to the end of its interval
 * (§2.5.1.2: updates at the packet interval, durations growing, all with the
 * start timestamp). The last update has the E bit and is sent three times
 * in all, one interval apart (§2.5.1.4), with the same duration.
 *
 * <p>Immutable and stateless: one per call, or shared.
 */
public final class DtmfSender {

    /** Copies of the end packet (§2.5.1.4). */
    public static final int END_PACKETS = 3;
    /** Volume sent when not configured: -10 dBm0, within §2.3.4's range of DTMF levels. */
    public static final int DEFAULT_VOLUME = 10;

    private final int clockRate;
    private final int intervalSamples;
    private final int volume;

    /**
     * @param clockRate      RTP clock rate of telephone-event, normally 8000
     * @param intervalMillis packet interval, normally the stream's ptime (20)
     * @param volume         0-63, as -dBm0
     */
    public DtmfSender(int clockRate, int intervalMillis, int volume) {
        if (clockRate <= 0 || intervalMillis <= 0) {
            throw new IllegalArgumentException("clock rate and interval must be positive");
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("volume out of range 0-63: " + volume);
        }
        this.clockRate = clockRate;
        this.intervalSamples = clockRate * intervalMillis / 1000;
        this.volume = volume;
    }

    /** 8 kHz, 20 ms packets, -10 dBm0. */
    public static DtmfSender standard() {
        return new DtmfSender(8000, 20, DEFAULT_VOLUME);
    }

    /**
     * The packets for one digit lasting {@code durationMillis}.
     *
     * @throws IllegalArgumentException for a character that is not a DTMF digit, or a
     *         duration that is not positive or does not fit the 16-bit duration
     *         (longer events need §2.5.1.3 segments, never needed for a digit)
     */
    public List<DtmfPacket> packets(char digit, int durationMillis) {
        int event = DtmfDigits.event(digit);
        long total = (long) durationMillis * clockRate / 1000;
        if (durationMillis <= 0 || total > 0xFFFF) {
            throw new IllegalArgumentException("duration must be 1-" + (0xFFFF * 1000L / clockRate) + " ms: "
                    + durationMillis);
        }
        int duration = (int) total;
        List<DtmfPacket> packets = new ArrayList<>();
        int k = 1;
        for (; (long) k * intervalSamples < duration; k++) {
            packets.add(new DtmfPacket(new TelephoneEvent(event, false, volume, k * intervalSamples), k == 1,
                    (k - 1) * intervalSamples));
        }
        for (int copy = 0; copy < END_PACKETS; copy++, k++) {
            packets.add(new DtmfPacket(new TelephoneEvent(event, true, volume, duration), k == 1,
                    (k - 1) * intervalSamples));
        }
        return packets;
    }

    /** The timestamp units of one packet interval. */
    public int intervalSamples() {
        return intervalSamples;
    }
}
