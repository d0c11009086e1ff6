package io.dialer.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a call ended: the {@code disconnection_reason} column of design.md §4,
 * each tied to the terminal {@link CallStatus} it belongs to.
 */
public enum DisconnectionReason {
    INVALID_DESTINATION(CallStatus.NOT_CONNECTED),
    DIAL_BUSY(CallStatus.NOT_CONNECTED),
    DIAL_NO_ANSWER(CallStatus.NOT_CONNECTED),
    VOICEMAIL_PRECONNECT(CallStatus.NOT_CONNECTED),
    USER_DECLINED(CallStatus.NOT_CONNECTED),
    MARKED_AS_SPAM(CallStatus.NOT_CONNECTED),
    TELEPHONY_PROVIDER_PERMISSION_DENIED(CallStatus.NOT_CONNECTED),
    TELEPHONY_PROVIDER_UNAVAILABLE(CallStatus.NOT_CONNECTED),
    SIP_ROUTING_ERROR(CallStatus.NOT_CONNECTED),
    DIAL_FAILED(CallStatus.NOT_CONNECTED),
    CANCELED(CallStatus.CANCELED),
    USER_HANGUP(CallStatus.ENDED),
    AGENT_HANGUP(CallStatus.ENDED),
    CALL_TRANSFER(CallStatus.ENDED),
    IVR_REACHED(CallStatus.ENDED),
    VOICEMAIL_REACHED(CallStatus.ENDED),
    INACTIVITY(CallStatus.ENDED),
    MAX_DURATION_REACHED(CallStatus.ENDED),
    CONCURRENCY_LIMIT_REACHED(CallStatus.ERROR),
    ERROR_NO_AUDIO_RECEIVED(CallStatus.ERROR),
    ERROR_CONNECTION_LOST(CallStatus.ERROR),
    ERROR_UNKNOWN(CallStatus.ERROR);

    private final CallStatus status;

    DisconnectionReason(CallStatus status) {
        this.status = status;
    }

    /** The terminal status a call with this reason has. */
    public CallStatus status() {
        return status;
    }

    /** The snake_case name of call records, e.g. {@code dial_no_answer}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
