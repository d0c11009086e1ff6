package io.dialer.core;

import io.dialer.media.AudioSource;
import java.util.Objects;

/**
 * What a call does about answering machines (issue 5): nothing, detect and
 * record ({@code amd} in the record), hang up on a machine ({@code
 * voicemail_reached}), or wait for the machine's beep, play a message, then
 * hang up ({@code voicemail_reached} too).
 *
 * @param mode    what to do
 * @param message for {@link Mode#LEAVE_MESSAGE}: the message to play after the beep
 */
public record AmdPolicy(Mode mode, AudioSource message) {

    public AmdPolicy {
        Objects.requireNonNull(mode, "mode");
        if (mode == Mode.LEAVE_MESSAGE) {
            Objects.requireNonNull(message, "a message to leave");
        }
    }

    /** The modes. */
    public enum Mode {
        OFF, DETECT, HANG_UP_ON_MACHINE, LEAVE_MESSAGE
    }

    public static AmdPolicy off() {
        return new AmdPolicy(Mode.OFF, null);
    }

    /** Classify and record only. */
    public static AmdPolicy detect() {
        return new AmdPolicy(Mode.DETECT, null);
    }

    public static AmdPolicy hangUpOnMachine() {
        return new AmdPolicy(Mode.HANG_UP_ON_MACHINE, null);
    }

    /** On a machine: wait for its beep (at most 10 s), play the message, hang up. */
    public static AmdPolicy leaveMessage(AudioSource message) {
        return new AmdPolicy(Mode.LEAVE_MESSAGE, message);
    }
}
