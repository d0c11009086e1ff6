package io.dialer.core.media;

import io.dialer.media.AudioFrame;
import io.dialer.media.AudioSink;
import io.dialer.media.AudioSource;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * One direction of a bridge between two calls: the frames one call hears
 * become the frames the other sends. Decoding to PCM and encoding again is
 * what transcodes PCMU to PCMA when the legs chose different codecs. Holds at
 * most 100 ms: a leg that falls behind loses its oldest frames, never gains
 * delay; an empty relay sends silence so RTP keeps flowing.
 */
public final class AudioRelay implements AudioSink, AudioSource {

    private static final int DEPTH = 5;
    private static final AudioFrame SILENCE = AudioFrame.silence();

    private final ArrayBlockingQueue<AudioFrame> frames = new ArrayBlockingQueue<>(DEPTH);

    @Override
    public void write(AudioFrame frame) {
        while (!frames.offer(frame)) {
            frames.poll();
        }
    }

    @Override
    public AudioFrame read() {
        AudioFrame f = frames.poll();
        return f != null ? f : SILENCE;
    }
}
