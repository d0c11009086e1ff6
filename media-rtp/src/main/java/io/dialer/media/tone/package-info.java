/**
 * Tone generation and single-frequency detection (Goertzel), the building
 * blocks of beep, SIT and DTMF-in-audio detection.
 */
package io.dialer.media.tone;
