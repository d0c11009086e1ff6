package io.dialer.core.outcome;

/**
 * A Q.850 cause read from a Reason header.
 *
 * @param cause the cause value (0-127)
 * @param text  its Q.850 name, or the header's text when Q.850 has none; null when neither
 */
record Q850Cause(int cause, String text) {

    /** E.g. {@code "Q.850 cause 17 User busy"}. */
    String describe() {
        return "Q.850 cause " + cause + (text == null ? "" : " " + text);
    }
}
