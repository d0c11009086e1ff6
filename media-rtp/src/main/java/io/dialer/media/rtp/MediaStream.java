package io.dialer.media.rtp;

import io.dialer.media.AudioFrame;
import io.dialer.media.AudioSink;
import io.dialer.media.AudioSource;
import io.dialer.media.codec.AudioCodec;
import java.util.Objects;

/**
 * Audio over one {@link RtpSession}: every 20 ms it reads a frame from the
 * {@link AudioSource}, encodes it with the codec and hands it to the session, and
 * writes the jitter buffer's frame to the {@link AudioSink}. Received packets of the
 * codec's payload type are decoded into the {@link JitterBuffer}; packets of the
 * telephone-event payload type go raw to the {@link TelephoneEventListener}; others
 * (comfort noise, RFC 3389, included) are dropped.
 *
 * <p>Only 20 ms packets are played (160 samples at 8 kHz, what we offer as ptime);
 * packets decoding to another length are counted as {@link #unplayable()} and dropped.
 *
 * <p>Source, sink and listener may be set or replaced from any thread at any time;
 * null means none (nothing sent, received audio dropped).
 */
public final class MediaStream implements RtpHandler {

    private final AudioCodec codec;
    private final int telephoneEventType;
    private final JitterBuffer jitterBuffer;
    private volatile AudioSource source;
    private volatile AudioSink sink;
    private volatile TelephoneEventListener events;
    private volatile JitterBufferStats jitterStats;
    private volatile long unplayable;
    private long playouts;

    /**
     * @param codec              the negotiated audio codec
     * @param telephoneEventType the negotiated telephone-event payload type, or -1 for none
     */
    public MediaStream(AudioCodec codec, int telephoneEventType, JitterBufferSettings jitter) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.telephoneEventType = telephoneEventType;
        this.jitterBuffer = new JitterBuffer(jitter);
        this.jitterStats = jitterBuffer.stats();
    }

    public void source(AudioSource audioSource) {
        this.source = audioSource;
    }

    public void sink(AudioSink audioSink) {
        this.sink = audioSink;
    }

    public void telephoneEvents(TelephoneEventListener listener) {
        this.events = listener;
    }

    /** The jitter buffer's counters, at most 100 ms old. */
    public JitterBufferStats jitterBufferStats() {
        return jitterStats;
    }

    /** Audio packets dropped because they were not 20 ms long. */
    public long unplayable() {
        return unplayable;
    }

    @Override
    public RtpPayload nextPayload() {
        AudioSource s = source;
        AudioFrame frame = s == null ? null : s.read();
        return frame == null ? null : new RtpPayload(codec.payloadType(), codec.encode(frame.samples()));
    }

    @Override
    public void received(RtpPacket packet, long arrivalNanos) {
        if (packet.payloadType() == telephoneEventType) {
            TelephoneEventListener listener = events;
            if (listener != null) {
                listener.eventPacket(packet);
            }
        } else if (packet.payloadType() == codec.payloadType()) {
            short[] samples = codec.decode(packet.payload());
            if (samples.length != AudioFrame.SAMPLES) {
                unplayable++;
                return;
            }
            jitterBuffer.offer(packet.sequenceNumber(), packet.timestamp(), new AudioFrame(samples), arrivalNanos);
        }
    }

    @Override
    public void playout(long nowNanos) {
        AudioFrame frame = jitterBuffer.poll(nowNanos);
        if (++playouts % 5 == 0) { // republished every 100 ms: cheap at a thousand calls
            jitterStats = jitterBuffer.stats();
        }
        AudioSink s = sink;
        if (frame != null && s != null) {
            s.write(frame);
        }
    }

    @Override
    public void sourceChanged(long ssrc) {
        jitterBuffer.reset(); // RFC 3550 §8.2: a new source's numbering has nothing to do with the old one
    }
}
