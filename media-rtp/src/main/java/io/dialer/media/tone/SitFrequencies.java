package io.dialer.media.tone;

/**
 * The nominal SIT frequencies and durations (Telcordia GR-1162; ITU-T E.180
 * §6 allows 950/1400/1800 ±50 Hz and 330 ±70 ms, which these fall within).
 */
final class SitFrequencies {

    static final double FIRST_LOW = 913.8;
    static final double FIRST_HIGH = 985.2;
    static final double SECOND_LOW = 1370.6;
    static final double SECOND_HIGH = 1428.5;
    static final double THIRD = 1776.7;
    static final int SHORT_MILLIS = 274;
    static final int LONG_MILLIS = 380;

    private SitFrequencies() {
    }
}
