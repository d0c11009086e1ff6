package io.dialer.media.amd;

/**
 * A voicemail beep heard in the callee's audio.
 *
 * @param frequency   the tone's mean frequency, Hz
 * @param startMillis audio time of its first full frame
 * @param endMillis   audio time just after its last full frame: the moment to start a message
 */
public record Beep(double frequency, long startMillis, long endMillis) {

    public Beep {
        if (endMillis < startMillis) {
            throw new IllegalArgumentException("beep ends before it starts: " + startMillis + ".." + endMillis);
        }
    }

    /** Measured length, ms (whole frames, so up to ~40 ms shorter than the tone). */
    public long durationMillis() {
        return endMillis - startMillis;
    }
}
