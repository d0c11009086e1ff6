package io.dialer.media.tone;

import java.util.Objects;

/**
 * A special information tone recognised in the audio.
 *
 * @param kind             what the tone encodes
 * @param detectedAtMillis audio time of the decision, ms since the detector's first frame
 *                         (the end of the frame that completed it)
 */
public record SitTone(SitKind kind, long detectedAtMillis) {

    public SitTone {
        Objects.requireNonNull(kind, "kind");
    }
}
