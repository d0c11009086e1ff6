package io.dialer.media.tone;

/**
 * The kind of a special information tone, read from the frequency (low or
 * high) and duration (short or long) of its first two segments; the third
 * segment is always 1776.7 Hz and carries no information.
 *
 * <p>The table follows the Telcordia (Bellcore GR-1162, originally Bell
 * System 1981) encoding, segment 1 then segment 2, frequencies
 * low 913.8 / high 985.2 Hz and low 1370.6 / high 1428.5 Hz, durations
 * short 274 ms / long 380 ms:
 * <pre>
 *   IC   Intercept                      short low,  short low
 *   VC   Vacant code                    long  high, short low
 *   NC   No circuit                     long  high, long  high
 *   NC'  No circuit (inter-LATA)        long  low,  long  low
 *   RO   Reorder                        short low,  long  high
 *   RO'  Reorder (inter-LATA)           short high, long  low
 *   IO   Ineffective other              long  low,  short high
 * </pre>
 * Any other combination (the reserved codes, e.g. short high / short high)
 * is {@link #UNKNOWN}: a well-formed SIT whose meaning is not assigned.
 */
public enum SitKind {

    /** IC: number changed or disconnected. */
    INTERCEPT("IC", Pitch.LOW, Length.SHORT, Pitch.LOW, Length.SHORT),
    /** VC: unassigned number or code. */
    VACANT_CODE("VC", Pitch.HIGH, Length.LONG, Pitch.LOW, Length.SHORT),
    /** NC: no circuit found, trunk blockage, network management controls. */
    NO_CIRCUIT("NC", Pitch.HIGH, Length.LONG, Pitch.HIGH, Length.LONG),
    /** NC': no circuit found in an inter-LATA carrier. */
    NO_CIRCUIT_INTERLATA("NC'", Pitch.LOW, Length.LONG, Pitch.LOW, Length.LONG),
    /** RO: reorder, switching equipment blockage or failure. */
    REORDER("RO", Pitch.LOW, Length.SHORT, Pitch.HIGH, Length.LONG),
    /** RO': reorder in an inter-LATA carrier. */
    REORDER_INTERLATA("RO'", Pitch.HIGH, Length.SHORT, Pitch.LOW, Length.LONG),
    /** IO: ineffective other, e.g. a dialling error not covered above. */
    INEFFECTIVE_OTHER("IO", Pitch.LOW, Length.LONG, Pitch.HIGH, Length.SHORT),
    /** A valid three-segment SIT whose code is reserved or not assigned. */
    UNKNOWN("?", null, null, null, null);

    /** Category of a destination that does not exist; the dialer should not retry it. */
    public static final String INVALID_DESTINATION = "invalid_destination";
    /** Category of a carrier that could not complete the call now; a later retry may work. */
    public static final String PROVIDER_UNAVAILABLE = "telephony_provider_unavailable";
    /** Category of a SIT whose cause the dialer cannot act on. */
    public static final String UNKNOWN_CATEGORY = "unknown";

    /** The frequency of segment 1 or 2: the lower or upper of its two values. */
    public enum Pitch { LOW, HIGH }

    /** The duration of a segment: short (274 ms) or long (380 ms). */
    public enum Length { SHORT, LONG }

    private final String code;
    private final Pitch firstPitch;
    private final Length firstLength;
    private final Pitch secondPitch;
    private final Length secondLength;

    SitKind(String code, Pitch firstPitch, Length firstLength, Pitch secondPitch, Length secondLength) {
        this.code = code;
        this.firstPitch = firstPitch;
        this.firstLength = firstLength;
        this.secondPitch = secondPitch;
        this.secondLength = secondLength;
    }

    /** The Telcordia abbreviation (IC, VC, NC, NC', RO, RO', IO), "?" for unknown. */
    public String code() {
        return code;
    }

    /**
     * What the dialer concludes: vacant code and intercept mean the number is
     * invalid; no circuit and reorder (either carrier) mean the network could
     * not complete the call; ineffective other and unknown codes say nothing
     * the dialer can act on.
     */
    public String category() {
        return switch (this) {
            case VACANT_CODE, INTERCEPT -> INVALID_DESTINATION;
            case NO_CIRCUIT, NO_CIRCUIT_INTERLATA, REORDER, REORDER_INTERLATA -> PROVIDER_UNAVAILABLE;
            case INEFFECTIVE_OTHER, UNKNOWN -> UNKNOWN_CATEGORY;
        };
    }

    /** The kind encoded by the first two segments, {@link #UNKNOWN} when no code matches. */
    public static SitKind of(Pitch firstPitch, Length firstLength, Pitch secondPitch, Length secondLength) {
        for (SitKind k : values()) {
            if (k.firstPitch == firstPitch && k.firstLength == firstLength
                    && k.secondPitch == secondPitch && k.secondLength == secondLength) {
                return k;
            }
        }
        return UNKNOWN;
    }

    /**
     * The nominal frequency of segment {@code index} (1-3) for this kind, Hz.
     *
     * @throws IllegalStateException for segments 1 and 2 of {@link #UNKNOWN}, which has no pattern
     */
    public double frequency(int index) {
        requirePattern(index);
        return switch (index) {
            case 1 -> firstPitch == Pitch.LOW ? SitFrequencies.FIRST_LOW : SitFrequencies.FIRST_HIGH;
            case 2 -> secondPitch == Pitch.LOW ? SitFrequencies.SECOND_LOW : SitFrequencies.SECOND_HIGH;
            case 3 -> SitFrequencies.THIRD;
            default -> throw new IllegalArgumentException("segment 1-3: " + index);
        };
    }

    /**
     * The nominal duration of segment {@code index} (1-3) for this kind, ms;
     * the third segment is always long.
     *
     * @throws IllegalStateException for segments 1 and 2 of {@link #UNKNOWN}, which has no pattern
     */
    public int millis(int index) {
        requirePattern(index);
        Length l = switch (index) {
            case 1 -> firstLength;
            case 2 -> secondLength;
            case 3 -> Length.LONG;
            default -> throw new IllegalArgumentException("segment 1-3: " + index);
        };
        return l == Length.SHORT ? SitFrequencies.SHORT_MILLIS : SitFrequencies.LONG_MILLIS;
    }

    private void requirePattern(int index) {
        if (this == UNKNOWN && (index == 1 || index == 2)) {
            throw new IllegalStateException("an unknown SIT has no defined segment " + index);
        }
    }
}
