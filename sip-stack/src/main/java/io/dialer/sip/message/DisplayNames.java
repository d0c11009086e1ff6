package io.dialer.sip.message;

import gov.nist.javax.sip.message.SIPMessage;

import javax.sip.address.Address;
import javax.sip.header.HeaderAddress;
import java.text.ParseException;

/**
 * Puts back what jain-sip changes in quoted display names.
 *
 * <p>RFC 3261 §25.1 lets a quoted-pair carry any byte but CR and LF, and
 * RFC 4475 §3.1.1.2 sends BEL, NUL and DEL that way. jain-sip 1.3.0-91 drops
 * bytes below 0x20, leaving the backslash to escape whatever follows: a To
 * of {@code "a\<0F>"} comes back as {@code "a\"}, an unterminated string
 * that every response copying the To would carry. It also trims trailing
 * whitespace, so {@code "x \\\ "} (an escaped backslash, then an escaped
 * space) comes back as {@code "x \\\"}, whose last quote is escaped. The raw
 * text of From and To is restored whenever jain-sip's differs, so responses
 * repeat exactly what the request had.
 */
final class DisplayNames {

    private DisplayNames() {
    }

    static void restore(SIPMessage message, FramedMessage frame) throws ParseException {
        restore(message.getFrom(), frame.first(HeaderNames.FROM));
        restore(message.getTo(), frame.first(HeaderNames.TO));
    }

    private static void restore(HeaderAddress header, HeaderField raw) throws ParseException {
        if (header == null || raw == null) {
            return;
        }
        String content = quotedDisplayName(raw.value());
        Address address = header.getAddress();
        if (content == null || content.equals(address.getDisplayName())) {
            return;
        }
        // jain-sip keeps the display name as the text between the quotes, escapes included.
        address.setDisplayName(content);
    }

    /** The text between the quotes of a leading quoted display name, or null. */
    private static String quotedDisplayName(String value) {
        int start = 0;
        while (start < value.length() && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        if (start >= value.length() || value.charAt(start) != '"') {
            return null;
        }
        for (int i = start + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return value.substring(start + 1, i);
            }
        }
        return null;
    }

}
