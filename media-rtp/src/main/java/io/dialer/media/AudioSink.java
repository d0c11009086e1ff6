package io.dialer.media;

/**
 * Audio the engine receives on a call: one frame every 20 ms, after the
 * jitter buffer (concealed frames included). Called on a media thread; must
 * not block.
 */
@FunctionalInterface
public interface AudioSink {

    void write(AudioFrame frame);
}
