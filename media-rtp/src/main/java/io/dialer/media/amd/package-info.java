/**
 * Answering-machine detection on the callee's audio after answer: energy
 * voice-activity segmentation with an adaptive noise floor
 * ({@link io.dialer.media.amd.SpeechSegmenter}), the classic timing rules
 * ({@link io.dialer.media.amd.AmdDetector}, tuned by
 * {@link io.dialer.media.amd.AmdSettings}) and voicemail beep detection
 * ({@link io.dialer.media.amd.BeepDetector}). Pure signal processing: it
 * knows nothing of SIP or RTP.
 */
package io.dialer.media.amd;
