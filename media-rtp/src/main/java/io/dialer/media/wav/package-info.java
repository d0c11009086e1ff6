/**
 * WAV files: {@link io.dialer.media.wav.WavSource} plays one into a call as
 * 20 ms frames, {@link io.dialer.media.wav.WavRecorder} records both
 * directions of a call.
 */
package io.dialer.media.wav;
