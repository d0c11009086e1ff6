package io.dialer.media.dtmf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns received RFC 4733 telephone-event packets into digits, each
 * reported once. Packets belong to the same event when they share the RTP
 * timestamp (§2.5.1.1), so duplicates, the retransmitted end packets
 * (§2.5.1.4) and late reordered updates are recognised by timestamp.
 *
 * <p>A digit is reported when its first end packet arrives; when every end
 * packet was lost, when a packet of a newer event arrives or when
 * {@link #flush()} is called (the stream went quiet or ended), with the
 * longest duration seen (§2.5.2.2: durations only grow). A lost start
 * packet does not matter: any packet of an unknown timestamp starts an
 * event. Events other than the 16 DTMF digits are ignored.
 *
 * <p>Not thread-safe: one per stream, used on its media thread.
 */
public final class DtmfReceiver {

    /** Timestamps of recently finished events remembered to drop their stragglers. */
    private static final int REMEMBERED = 16;

    private final int clockRate;
    private final Deque<Integer> finished = new ArrayDeque<>();
    private boolean active;
    private int timestamp;
    private int event;
    private int duration;

    /** @param clockRate the telephone-event RTP clock rate, normally 8000 */
    public DtmfReceiver(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive");
        }
        this.clockRate = clockRate;
    }

    /**
     * Takes one telephone-event packet.
     *
     * @param rtpTimestamp the packet's RTP timestamp
     * @param payload      the RTP payload; short or non-DTMF payloads are ignored
     * @return the digits this packet completes, usually none or one; two when
     *         a lost end is followed by a single-packet event
     */
    public List<DtmfDigit> receive(int rtpTimestamp, byte[] payload) {
        return TelephoneEvent.decode(payload)
                .map(e -> receive(rtpTimestamp, e))
                .orElse(List.of());
    }

    /** Takes one decoded telephone-event block with its packet's RTP timestamp. */
    public List<DtmfDigit> receive(int rtpTimestamp, TelephoneEvent block) {
        if (!DtmfDigits.isDtmfEvent(block.event()) || finished.contains(rtpTimestamp)) {
            return List.of();
        }
        List<DtmfDigit> digits = new ArrayList<>(2);
        if (active && rtpTimestamp != timestamp) {
            if (rtpTimestamp - timestamp < 0) {
                // An older event seen for the first time (reordered as a whole):
                // report it if complete, leave the current one alone.
                if (block.end()) {
                    remember(rtpTimestamp);
                    digits.add(digit(block.event(), block.duration()));
                }
                return digits;
            }
            // A newer event started: the current one's end packets were all lost.
            digits.add(finish());
        }
        if (!active) {
            active = true;
            timestamp = rtpTimestamp;
            event = block.event();
            duration = 0;
        }
        duration = Math.max(duration, block.duration());
        if (block.end()) {
            digits.add(finish());
        }
        return digits;
    }

    /**
     * Reports the event in progress, if any, as ended: for when its end
     * packets never came and no newer event will close it.
     */
    public List<DtmfDigit> flush() {
        return active ? List.of(finish()) : List.of();
    }

    /** Whether an event has started and not yet been reported. */
    public boolean eventInProgress() {
        return active;
    }

    private DtmfDigit finish() {
        active = false;
        remember(timestamp);
        return digit(event, duration);
    }

    private void remember(int ts) {
        if (finished.size() == REMEMBERED) {
            finished.removeFirst();
        }
        finished.addLast(ts);
    }

    private DtmfDigit digit(int code, int samples) {
        return new DtmfDigit(DtmfDigits.digit(code), (int) ((long) samples * 1000 / clockRate), DtmfSource.RTP_EVENT);
    }
}
