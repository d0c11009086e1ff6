package io.dialer.sip.dialog;

/** RFC 3261 §12: early (after a provisional with a To tag), confirmed (after a 2xx), terminated. */
public enum DialogState {
    EARLY,
    CONFIRMED,
    TERMINATED
}
