package io.dialer.media.rtp;

/**
 * What a {@link JitterBuffer} did so far.
 *
 * @param played          frames played from received packets
 * @param concealed       frames made up for missing packets (faded repeats and silence)
 * @param late            packets dropped because their playout time had passed
 * @param duplicates      packets dropped because their sequence number was already buffered
 * @param discarded       frames dropped to shrink the delay back to the target, or on overflow
 * @param underruns       times the buffer ran dry while playing
 * @param resyncs         times a sequence jump emptied the buffer
 * @param depthMillis     the current target playout delay
 */
public record JitterBufferStats(long played, long concealed, long late, long duplicates, long discarded,
                                long underruns, long resyncs, int depthMillis) {
}
