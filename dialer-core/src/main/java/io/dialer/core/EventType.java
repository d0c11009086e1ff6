package io.dialer.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kinds of {@link DialerEvent} (design.md §5). */
public enum EventType {
    /** Every state change: dialing, ringing, early_media, active, and the terminal status. */
    CALL_STATE_CHANGED,
    /** Once, when the call becomes active; never for a call that does not connect. */
    CALL_STARTED,
    /** Once for every call, with the final record. */
    CALL_ENDED,
    /** Once for every call, after {@link #CALL_ENDED}, with the analysis added. */
    CALL_ANALYZED,
    /** A step of a transfer. */
    TRANSFER_PROGRESS,
    /** A DTMF digit from the callee. */
    DTMF_RECEIVED;

    /** The snake_case name used by webhooks, e.g. {@code call_state_changed}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
