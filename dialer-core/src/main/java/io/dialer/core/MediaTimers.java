package io.dialer.core;

import io.dialer.sip.transaction.Scheduler;
import java.time.Duration;

/**
 * The two timers of an answered call that media feeds (design.md §3): no RTP
 * at all for {@code mediaTimeout} ends it {@code error_no_audio_received}; no
 * voice from the callee for {@code silenceTimeout} ends it {@code inactivity}.
 *
 * <p>Packets arrive 50 times a second, so activity only stamps a time; each
 * timer, when it fires, looks at the stamp and either expires or sleeps again
 * for the time still left. Runs on the stack's scheduler thread.
 */
final class MediaTimers {

    private final Scheduler scheduler;
    private final Duration mediaTimeout;
    private final Duration silenceTimeout;
    private final Runnable onNoMedia;
    private final Runnable onSilence;
    // Stamped from the media threads, read by the timers on the scheduler thread.
    private volatile long lastPacket;
    private volatile long lastVoice;
    private Scheduler.Cancellable mediaTimer;
    private Scheduler.Cancellable silenceTimer;
    private boolean running;

    MediaTimers(Scheduler scheduler, CallTimers timers, Runnable onNoMedia, Runnable onSilence) {
        this.scheduler = scheduler;
        this.mediaTimeout = timers.mediaTimeout();
        this.silenceTimeout = timers.silenceTimeout();
        this.onNoMedia = onNoMedia;
        this.onSilence = onSilence;
    }

    /** Starts both timers (a zero timeout stays off), counting from now. */
    void start() {
        running = true;
        lastPacket = scheduler.nanoTime();
        lastVoice = lastPacket;
        if (!mediaTimeout.isZero()) {
            mediaTimer = scheduler.schedule(this::checkMedia, mediaTimeout);
        }
        if (!silenceTimeout.isZero()) {
            silenceTimer = scheduler.schedule(this::checkSilence, silenceTimeout);
        }
    }

    /** An RTP packet arrived from the callee (any thread). */
    void packetReceived() {
        lastPacket = scheduler.nanoTime();
    }

    /** Voice activity detection heard the callee speak (implies a packet; any thread). */
    void voiceHeard() {
        lastVoice = scheduler.nanoTime();
        lastPacket = lastVoice;
    }

    void stop() {
        running = false;
        if (mediaTimer != null) {
            mediaTimer.cancel();
        }
        if (silenceTimer != null) {
            silenceTimer.cancel();
        }
    }

    private void checkMedia() {
        if (!running) {
            return;
        }
        long left = lastPacket + mediaTimeout.toNanos() - scheduler.nanoTime();
        if (left > 0) {
            mediaTimer = scheduler.schedule(this::checkMedia, Duration.ofNanos(left));
        } else {
            stop();
            onNoMedia.run();
        }
    }

    private void checkSilence() {
        if (!running) {
            return;
        }
        long left = lastVoice + silenceTimeout.toNanos() - scheduler.nanoTime();
        if (left > 0) {
            silenceTimer = scheduler.schedule(this::checkSilence, Duration.ofNanos(left));
        } else {
            stop();
            onSilence.run();
        }
    }
}
