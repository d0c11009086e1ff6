package io.dialer.media.tone;

/**
 * One segment of a generated signal: a sine, a pair of sines (DTMF, dial
 * and call-progress tones) or silence.
 *
 * @param frequency1 Hz, 0 for silence
 * @param frequency2 Hz of the second component, 0 for a single tone
 * @param millis     duration
 * @param amplitude  peak level of each component as a fraction of full scale, 0-1
 */
public record Tone(double frequency1, double frequency2, int millis, double amplitude) {

    /** Level of a single generated tone unless said otherwise: half of full scale, -6 dBFS. */
    public static final double DEFAULT_AMPLITUDE = 0.5;

    private static final String KEYPAD = "123A456B789C*0#D";
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};

    public Tone {
        if (millis < 0) {
            throw new IllegalArgumentException("duration must not be negative: " + millis);
        }
        if (amplitude < 0 || amplitude > 1) {
            throw new IllegalArgumentException("amplitude must be 0-1: " + amplitude);
        }
        if (frequency1 < 0 || frequency2 < 0) {
            throw new IllegalArgumentException("frequencies must not be negative");
        }
    }

    /** A sine at the default level. */
    public static Tone sine(double hz, int millis) {
        return new Tone(hz, 0, millis, DEFAULT_AMPLITUDE);
    }

    /** Two sines, each at half the default level, so their sum cannot clip. */
    public static Tone dual(double hz1, double hz2, int millis) {
        return new Tone(hz1, hz2, millis, DEFAULT_AMPLITUDE / 2);
    }

    /** Silence. */
    public static Tone silence(int millis) {
        return new Tone(0, 0, millis, 0);
    }

    /**
     * The DTMF tone pair of a keypad digit (ITU-T Q.23: rows 697/770/852/941 Hz,
     * columns 1209/1336/1477/1633 Hz).
     */
    public static Tone dtmf(char digit, int millis) {
        int k = KEYPAD.indexOf(Character.toUpperCase(digit));
        if (k < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        return dual(ROWS[k / 4], COLUMNS[k % 4], millis);
    }

    /** Whether this segment is silence. */
    public boolean isSilence() {
        return amplitude == 0 || (frequency1 == 0 && frequency2 == 0);
    }
}
