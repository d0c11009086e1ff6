package io.dialer.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a call is in its lifecycle (design.md §3): {@code dialing -> ringing ->
 * active}, then one terminal status. {@link #wireName()} is the name used in
 * call records, events and the HTTP API.
 */
public enum CallStatus {
    /** The INVITE is out and nothing but 100 Trying came back. */
    DIALING,
    /** A 180/181/182/183 arrived; the callee's side is alerting. */
    RINGING,
    /** Answered: a 2xx arrived and was acknowledged. */
    ACTIVE,
    /** Terminal: the call was active and is over. */
    ENDED,
    /** Terminal: never reached a live conversation. */
    NOT_CONNECTED,
    /** Terminal: the application canceled it before answer. */
    CANCELED,
    /** Terminal: our side or a limit kept it from working. */
    ERROR;

    /** True for the four statuses a call ends in. */
    public boolean isTerminal() {
        return ordinal() >= ENDED.ordinal();
    }

    /** The snake_case name of call records, e.g. {@code not_connected}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
