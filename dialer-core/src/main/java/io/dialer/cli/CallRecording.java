package io.dialer.cli;

import io.dialer.media.AudioFrame;
import io.dialer.media.AudioSink;
import io.dialer.media.AudioSource;
import io.dialer.media.wav.WavRecorder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code dialer call --record}: both directions of a call into one stereo WAV
 * (left: what we sent, right: what the callee sent), each frame placed by
 * its arrival time so that gaps stay gaps.
 */
final class CallRecording implements AutoCloseable {

    private final WavRecorder recorder;
    private final long start = System.nanoTime();

    private CallRecording(WavRecorder recorder) {
        this.recorder = recorder;
    }

    static CallRecording open(Path file) throws IOException {
        return new CallRecording(WavRecorder.open(file, WavRecorder.Layout.STEREO));
    }

    /** The audio we send, recorded on its way out. */
    AudioSource sent(AudioSource source) {
        AudioFrame silence = AudioFrame.silence();
        return () -> {
            AudioFrame frame = source == null ? silence : source.read();
            if (frame != null) {
                recorder.write(WavRecorder.Party.CALLER, sampleTime(), frame);
            }
            return frame;
        };
    }

    /** Where the callee's audio goes. */
    AudioSink received() {
        return frame -> recorder.write(WavRecorder.Party.CALLEE, sampleTime(), frame);
    }

    /** 8 kHz samples since the recording started, on a 20 ms frame boundary. */
    private long sampleTime() {
        long frames = Math.round((System.nanoTime() - start) / 20_000_000.0);
        return frames * AudioFrame.SAMPLES;
    }

    @Override
    public void close() throws IOException {
        recorder.close();
    }
}
