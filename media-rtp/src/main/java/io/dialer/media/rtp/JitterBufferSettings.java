package io.dialer.media.rtp;

/**
 * Limits of a {@link JitterBuffer}.
 *
 * @param minDepthMillis  the smallest playout delay, a multiple of 20 ms, at least 20
 * @param maxDepthMillis  the largest playout delay the adaptation may reach, a multiple of 20 ms
 * @param concealFrames   how many lost frames are replaced by the last frame, faded out, before silence
 * @param clockRate       RTP clock rate of the audio, for the jitter estimate
 */
public record JitterBufferSettings(int minDepthMillis, int maxDepthMillis, int concealFrames, int clockRate) {

    /** 20–200 ms, three concealed frames (60 ms), 8 kHz. */
    public static final JitterBufferSettings DEFAULT = new JitterBufferSettings(20, 200, 3, 8000);

    public JitterBufferSettings {
        if (minDepthMillis < 20 || minDepthMillis % 20 != 0 || maxDepthMillis % 20 != 0
                || maxDepthMillis < minDepthMillis) {
            throw new IllegalArgumentException("depths must be multiples of 20 ms with 20 <= min <= max: "
                    + minDepthMillis + ".." + maxDepthMillis);
        }
        if (concealFrames < 0 || clockRate <= 0) {
            throw new IllegalArgumentException("concealFrames >= 0 and clockRate > 0");
        }
    }
}
