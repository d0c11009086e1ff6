/**
 * Tone generation and single-frequency detection (Goertzel), the building
 * blocks of beep, SIT and DTMF-in-audio detection, and the special
 * information tone detector ({@link io.dialer.media.tone.SitDetector}).
 */
package io.dialer.media.tone;
