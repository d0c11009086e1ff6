package io.dialer.media.amd;

/** What answered the call. */
public enum Verdict {
    /** A person: a short greeting, then waiting for the caller. */
    HUMAN,
    /** An answering machine or voicemail: a long greeting, many words, a beep, or silence. */
    MACHINE,
    /** The analysis time ran out, or the audio ended, without a clear sign either way. */
    UNKNOWN
}
