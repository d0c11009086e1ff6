package io.dialer.media.dtmf;

import java.util.Objects;

/**
 * One DTMF digit received, reported once.
 *
 * @param digit          {@code 0-9 * # A-D}
 * @param durationMillis how long it lasted, 0 when the sender did not say
 * @param source         how it arrived
 */
public record DtmfDigit(char digit, int durationMillis, DtmfSource source) {

    public DtmfDigit {
        Objects.requireNonNull(source, "source");
        if (!DtmfDigits.isDigit(digit)) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        if (durationMillis < 0) {
            throw new IllegalArgumentException("duration must not be negative: " + durationMillis);
        }
        digit = Character.toUpperCase(digit);
    }
}
