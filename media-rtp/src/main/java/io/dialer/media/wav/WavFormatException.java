package io.dialer.media.wav;

import java.io.IOException;

/** A file that is not a WAV file we can read, with what is wrong with it. */
public final class WavFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public WavFormatException(String message) {
        super(message);
    }
}
