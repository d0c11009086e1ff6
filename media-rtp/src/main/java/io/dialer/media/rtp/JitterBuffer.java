package io.dialer.media.rtp;

import io.dialer.media.AudioFrame;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns audio packets arriving with jitter, out of order, duplicated or not at all
 * into one frame per 20 ms. Pure logic: time comes in as arguments (monotonic
 * nanoseconds), so tests drive it without sleeping. Not thread-safe.
 *
 * <p>How it plays out:
 * <ul>
 * <li>Frames are keyed by extended sequence number (16-bit numbers unwrapped around the
 *     highest seen), so reordering within the buffer's depth is undone and a number seen
 *     twice is a duplicate.</li>
 * <li>It starts (and, after running dry, restarts) playing once it holds the target
 *     depth of frames, or once the oldest buffered frame has waited that long — so a
 *     talkspurt shorter than the depth still plays.</li>
 * <li>A packet whose turn has passed is dropped and counted late. A missing frame is
 *     concealed: the last frame is repeated with a linear fade, gain (N+1-k)/(N+1) for
 *     the k-th of at most N = {@code concealFrames} repeats, then silence. When the buffer
 *     runs dry the position does not advance (the late packet can still play), and the
 *     buffer refills to the target before playing again: this is how the delay grows.</li>
 * <li>The target depth follows the interarrival jitter J of RFC 3550 A.8 measured on the
 *     packets: target = 20 ms + 3 J rounded up to 20 ms, within [min, max]. When more than
 *     two frames above the target are buffered, a gap in front of them is skipped (those
 *     packets are lost) or, without a gap, the oldest frames are dropped to shrink the delay.</li>
 * <li>A sequence number more than {@code max + 1 s} ahead of the playout position (a
 *     sender restart) empties the buffer and starts over from that packet.</li>
 * </ul>
 */
public final class JitterBuffer {

    private enum State { BUFFERING, PLAYING }

    /** Result of {@link #offer}. */
    public enum Offer { QUEUED, DUPLICATE, LATE }

    private static final long FRAME_NANOS = AudioFrame.MILLIS * 1_000_000L;
    private static final int RESYNC_FRAMES = 50;

    private final JitterBufferSettings settings;
    private final TreeMap<Long, AudioFrame> frames = new TreeMap<>();
    private State state = State.BUFFERING;
    private boolean haveHighest;
    private long highest;
    private boolean positioned;
    private long nextSeq;
    private long bufferingSince = Long.MIN_VALUE;
    private AudioFrame last;
    private boolean everPlayed;
    private int concealRun;

    private double jitter;
    private long lastTransit;
    private long lastTimestamp = -1;
    private int targetFrames;

    private long played;
    private long concealed;
    private long late;
    private long duplicates;
    private long discarded;
    private long underruns;
    private long resyncs;

    public JitterBuffer(JitterBufferSettings settings) {
        this.settings = settings;
        this.targetFrames = settings.minDepthMillis() / AudioFrame.MILLIS;
    }

    /**
     * Buffers one packet's frame.
     *
     * @param seq          the packet's 16-bit sequence number
     * @param timestamp    the packet's RTP timestamp, for the jitter estimate
     * @param arrivalNanos when it arrived, monotonic
     */
    public Offer offer(int seq, long timestamp, AudioFrame frame, long arrivalNanos) {
        long ext = unwrap(seq);
        if (positioned && ext - nextSeq > maxFrames() + RESYNC_FRAMES) {
            resync();
            ext = unwrap(seq);
        }
        if (positioned && ext < nextSeq) {
            late++;
            return Offer.LATE;
        }
        if (frames.containsKey(ext)) {
            duplicates++;
            return Offer.DUPLICATE;
        }
        frames.put(ext, frame);
        if (ext > highest) {
            highest = ext;
        }
        if (state == State.BUFFERING && bufferingSince == Long.MIN_VALUE) {
            bufferingSince = arrivalNanos;
        }
        updateJitter(timestamp, arrivalNanos);
        while (frames.size() > maxFrames() + RESYNC_FRAMES) {
            frames.pollFirstEntry();
            discarded++;
        }
        return Offer.QUEUED;
    }

    /**
     * The frame to play now, called every 20 ms; null only before anything was ever
     * played (the stream has not started, nothing should be written).
     */
    public AudioFrame poll(long nowNanos) {
        if (state == State.BUFFERING) {
            boolean full = frames.size() >= targetFrames;
            boolean waited = !frames.isEmpty() && nowNanos - bufferingSince >= targetFrames * FRAME_NANOS;
            if (!full && !waited) {
                return everPlayed ? conceal() : null;
            }
            state = State.PLAYING;
            long first = frames.firstKey();
            if (!positioned || first > nextSeq) {
                nextSeq = first;
            }
            positioned = true;
        }
        if (frames.isEmpty()) {
            // ran dry: hold the position so that the late packet can still play, refill first
            underruns++;
            state = State.BUFFERING;
            bufferingSince = Long.MIN_VALUE;
            return conceal();
        }
        AudioFrame frame = frames.remove(nextSeq);
        if (frame == null && frames.size() > targetFrames + 2) {
            // a gap with a backlog behind it: the missing packets are lost, waiting only adds delay
            nextSeq = frames.firstKey();
            frame = frames.remove(nextSeq);
        }
        nextSeq++;
        while (frames.size() > targetFrames + 2) {
            Map.Entry<Long, AudioFrame> oldest = frames.pollFirstEntry();
            nextSeq = oldest.getKey() + 1;
            discarded++;
        }
        if (frame == null) {
            return conceal();
        }
        played++;
        everPlayed = true;
        last = frame;
        concealRun = 0;
        return frame;
    }

    /** Forgets everything buffered and the stream position: a new source (RFC 3550 §8.2) or a restart. */
    public void reset() {
        frames.clear();
        state = State.BUFFERING;
        haveHighest = false;
        positioned = false;
        bufferingSince = Long.MIN_VALUE;
        lastTimestamp = -1;
    }

    /** The current target playout delay in milliseconds. */
    public int depthMillis() {
        return targetFrames * AudioFrame.MILLIS;
    }

    public JitterBufferStats stats() {
        return new JitterBufferStats(played, concealed, late, duplicates, discarded, underruns, resyncs,
                depthMillis());
    }

    private void resync() {
        resyncs++;
        discarded += frames.size();
        reset();
    }

    private long unwrap(int seq) {
        if (!haveHighest) {
            haveHighest = true;
            highest = seq;
            return seq;
        }
        // the 16-bit distance from the highest number seen, read as signed
        return highest + (short) (seq - (highest & 0xFFFF));
    }

    private AudioFrame conceal() {
        concealed++;
        concealRun++;
        if (last == null || concealRun > settings.concealFrames()) {
            return AudioFrame.silence();
        }
        double gain = (settings.concealFrames() + 1.0 - concealRun) / (settings.concealFrames() + 1.0);
        short[] faded = new short[AudioFrame.SAMPLES];
        short[] samples = last.samples();
        for (int i = 0; i < faded.length; i++) {
            faded[i] = (short) Math.round(samples[i] * gain);
        }
        return new AudioFrame(faded);
    }

    private void updateJitter(long timestamp, long arrivalNanos) {
        if (timestamp == lastTimestamp) {
            return;
        }
        long arrival = Math.floorDiv(arrivalNanos, 1_000_000_000L / settings.clockRate());
        long transit = arrival - timestamp;
        if (lastTimestamp >= 0) {
            long d = Math.abs(transit - lastTransit);
            if (d <= 3L * settings.clockRate()) { // beyond that a timestamp jump, not jitter
                jitter += (d - jitter) / 16.0;
            }
        }
        lastTransit = transit;
        lastTimestamp = timestamp;
        double jitterMillis = jitter * 1000.0 / settings.clockRate();
        int frames = (int) Math.ceil((AudioFrame.MILLIS + 3 * jitterMillis) / AudioFrame.MILLIS);
        targetFrames = Math.max(settings.minDepthMillis() / AudioFrame.MILLIS, Math.min(maxFrames(), frames));
    }

    private int maxFrames() {
        return settings.maxDepthMillis() / AudioFrame.MILLIS;
    }
}
