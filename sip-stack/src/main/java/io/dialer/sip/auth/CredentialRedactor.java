package io.dialer.sip.auth;

import java.util.regex.Pattern;

/**
 * Blanks the values of {@code Authorization} and {@code Proxy-Authorization}
 * headers in a SIP message's text, so that code logging whole messages (at DEBUG)
 * never writes a digest response. Folded continuation lines (RFC 3261 §7.3.1) of
 * those headers are blanked too.
 */
public final class CredentialRedactor {

    private static final Pattern CREDENTIALS = Pattern.compile(
            "(?im)^((?:Proxy-)?Authorization[ \\t]*:)[^\\r\\n]*(?:\\r?\\n[ \\t]+[^\\r\\n]*)*");

    private CredentialRedactor() {
    }

    /** The message text with every credentials header value replaced by {@code <redacted>}. */
    public static String redact(CharSequence message) {
        return CREDENTIALS.matcher(message).replaceAll("$1 <redacted>");
    }
}
