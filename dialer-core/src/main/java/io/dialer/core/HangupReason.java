package io.dialer.core;

/** Why the application hangs up an answered call; each becomes the record's {@code disconnection_reason}. */
public enum HangupReason {
    /** The agent or application ended the call: {@code agent_hangup}. */
    AGENT_HANGUP,
    /** The application recognised an IVR menu: {@code ivr_reached}. */
    IVR_REACHED,
    /** The application found a voicemail system: {@code voicemail_reached}. */
    VOICEMAIL_REACHED
}
