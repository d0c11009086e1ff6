package io.dialer.core;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a call, with the call record as it stands
 * (design.md §5). Embedded listeners and webhooks get the same events.
 *
 * @param type   what happened
 * @param state  for {@link EventType#CALL_STATE_CHANGED}: the state entered ({@code dialing},
 *               {@code ringing}, {@code early_media}, {@code active} or the terminal status); else null
 * @param at     when
 * @param record the call record at that moment
 * @param digit  for {@link EventType#DTMF_RECEIVED}: the digit (0-9, *, #, A-D); else null
 */
public record DialerEvent(EventType type, String state, Instant at, CallRecord record, String digit) {

    public DialerEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(record, "record");
    }

    /** An event that is not about a digit. */
    public DialerEvent(EventType type, String state, Instant at, CallRecord record) {
        this(type, state, at, record, null);
    }

    @Override
    public String toString() {
        return type.wireName() + (state == null ? "" : "(" + state + ")") + (digit == null ? "" : "(" + digit + ")")
                + " " + record.callId();
    }
}
