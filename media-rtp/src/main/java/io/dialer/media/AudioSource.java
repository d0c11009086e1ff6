package io.dialer.media;

/**
 * Audio the engine sends on a call: asked for one frame every 20 ms by the
 * call's paced sender. Called on a media thread; must not block.
 */
@FunctionalInterface
public interface AudioSource {

    /** The next 20 ms to send, or null when there is nothing to send now (silence is sent or the stream pauses). */
    AudioFrame read();
}
