package io.dialer.media.dtmf;

/**
 * The DTMF digits and their RFC 4733 event codes (§3.2, table 7): 0-9 are
 * events 0-9, {@code *} is 10, {@code #} is 11, A-D are 12-15.
 */
public final class DtmfDigits {

    private static final String DIGITS = "0123456789*#ABCD";

    private DtmfDigits() {
    }

    /** Whether the character is a DTMF digit (letters in either case). */
    public static boolean isDigit(char c) {
        return DIGITS.indexOf(Character.toUpperCase(c)) >= 0;
    }

    /**
     * The event code of a digit.
     *
     * @throws IllegalArgumentException when it is not a DTMF digit
     */
    public static int event(char digit) {
        int e = DIGITS.indexOf(Character.toUpperCase(digit));
        if (e < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        return e;
    }

    /** Whether an event code is one of the 16 DTMF digits. */
    public static boolean isDtmfEvent(int event) {
        return event >= 0 && event < DIGITS.length();
    }

    /**
     * The digit of an event code 0-15.
     *
     * @throws IllegalArgumentException for other codes (e.g. 16, flash)
     */
    public static char digit(int event) {
        if (!isDtmfEvent(event)) {
            throw new IllegalArgumentException("not a DTMF event: " + event);
        }
        return DIGITS.charAt(event);
    }
}
