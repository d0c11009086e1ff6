package io.dialer.sip.message;

import gov.nist.javax.sip.message.SIPMessage;

import javax.sip.address.Address;
import javax.sip.header.HeaderAddress;
import java.text.ParseException;

/**
 * Puts back the control bytes jain-sip drops from quoted display names.
 *
 * <p>RFC 3261 §25.1 lets a quoted-pair carry any byte but CR and LF, and
 * RFC 4475 §3.1.1.2 sends BEL, NUL and DEL that way. jain-sip 1.3.0-91 drops
 * bytes below 0x20, leaving the backslash to escape whatever follows: a To
 * of {@code "a\<0F>"} comes back as {@code "a\"}, an unterminated string
 * that every response copying the To would carry. The raw text of From and
 * To is restored so responses repeat exactly what the request had.
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
        if (content == null || !hasControlByte(content)) {
            return;
        }
        Address address = header.getAddress();
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

    private static boolean hasControlByte(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20) {
                return true;
            }
        }
        return false;
    }
}
