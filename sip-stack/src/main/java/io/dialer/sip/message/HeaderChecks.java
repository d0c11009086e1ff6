package io.dialer.sip.message;

import io.dialer.sip.message.MalformedMessageException.Kind;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Checks on a framed message's raw header text that jain-sip's parser does
 * not make: required headers (RFC 3261 §8.1.1), the CSeq method against the
 * request method (RFC 3261 §8.1.1.5, RFC 4475 §3.1.2.17–18), address syntax
 * (RFC 4475 §3.1.2.13–15), escaped headers in the Request-URI (RFC 3261
 * §19.1.1, RFC 4475 §3.1.2.11), the Date time zone (RFC 3261 §20.17,
 * RFC 4475 §3.1.2.12) and scalar ranges (RFC 4475 §3.1.2.4).
 */
final class HeaderChecks {

    /**
     * Headers every message needs. Max-Forwards is not here: RFC 3261 §8.1.1
     * makes UACs send it, but a UAS must still accept RFC 2543 requests
     * without it (RFC 4475 §3.4.1, and RFC 3261 §16.3 step 3 treats its absence as a pass).
     */
    private static final List<String> REQUIRED = List.of(HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO,
            HeaderNames.CALL_ID, HeaderNames.CSEQ);

    private static final long MAX_DELTA_SECONDS = 0xFFFF_FFFFL;

    private HeaderChecks() {
    }

    /**
     * Throws on the first problem. Fields found in {@code passed} (which holds
     * only fields that passed these checks before) are not checked again: a
     * field's checks depend on its text alone.
     */
    static void check(FramedMessage f, HeaderCache passed) throws MalformedMessageException {
        for (String name : REQUIRED) {
            if (f.first(name) == null) {
                throw bad(f, "required header " + name + " is missing (RFC 3261 §8.1.1)", -1);
            }
        }
        if (f.request()) {
            if (!f.method().equals(f.cseqMethod())) {
                throw bad(f, "CSeq method " + f.cseqMethod() + " does not match the request method " + f.method()
                        + " (RFC 3261 §8.1.1.5)", f.first(HeaderNames.CSEQ).offset());
            }
            String scheme = scheme(f.requestUri());
            if ((scheme.equals("sip") || scheme.equals("sips")) && hasHeaders(f.requestUri())) {
                throw bad(f, "Request-URI contains escaped headers, which a Request-URI must not have"
                        + " (RFC 3261 §19.1.1)", -1);
            }
            if (!AddressValue.escapesAreValid(f.requestUri())) {
                throw bad(f, "Request-URI has '%' not followed by two hex digits (RFC 3261 §25.1)", -1);
            }
            if (!AddressValue.escapesSurviveParsing(f.requestUri())) {
                throw bad(f, "Request-URI is a non-SIP URI with a %-escape, which this stack cannot carry intact", -1);
            }
            if ((scheme.equals("sip") || scheme.equals("sips")) && hasBareIpv6(f.requestUri())) {
                throw bad(f, "Request-URI has an IPv6 address not enclosed in '[' ']' (RFC 3261 §25.1,"
                        + " RFC 5118 §4.2)", -1);
            }
        }
        for (HeaderField h : f.headers()) {
            if (passed.contains(h)) {
                continue;
            }
            String problem = checkField(h);
            if (problem != null) {
                throw bad(f, problem, h.offset());
            }
        }
    }

    private static String checkField(HeaderField h) {
        String control = controlCharacter(h.value());
        if (control != null) {
            return h.canonicalName() + " contains " + control;
        }
        if (!isUtf8(h.value())) {
            // RFC 3261 §7.3.1 / §25: header text is UTF-8; jain-sip would replace the bytes with U+FFFD.
            return h.canonicalName() + " is not valid UTF-8";
        }
        String name = h.canonicalName().toLowerCase(Locale.ROOT);
        switch (name) {
            case "via" -> {
                return ViaValue.check(h.value());
            }
            case "call-id" -> {
                return isCallId(h.value()) ? null
                        : "Call-ID '" + h.value() + "' is not word [\"@\" word] (RFC 3261 §25.1)";
            }
            case "from", "to" -> {
                String p = AddressValue.check(h.value(), false);
                if (p == null && AddressValue.hasEmptyTag(h.value())) {
                    p = "has a tag parameter without a value (RFC 3261 §19.3: tag = token)";
                }
                return p == null ? null : h.canonicalName() + " " + p;
            }
            case "contact", "route", "record-route", "reply-to", "p-asserted-identity", "p-preferred-identity",
                    "refer-to", "referred-by" -> {
                for (String element : AddressValue.splitList(h.value())) {
                    String p = AddressValue.check(element, name.equals("contact"));
                    if (p != null) {
                        return h.canonicalName() + " " + p;
                    }
                }
                return null;
            }
            case "supported", "require", "proxy-require", "unsupported", "allow" -> {
                // jain-sip silently truncates a list item at the first non-token byte.
                for (String item : h.value().split(",")) {
                    String token = item.trim();
                    if (!token.isEmpty() && !MessageFramer.isToken(token)) {
                        return h.canonicalName() + " item '" + token + "' is not a token (RFC 3261 §25.1)";
                    }
                }
                return null;
            }
            case "max-forwards" -> {
                // RFC 3261 §20.22 with the 0-255 range of §8.1.1.6 / RFC 4475 §3.1.2.4.
                String v = h.value().trim();
                return isNumberAtMost(v, 255) ? null : "Max-Forwards '" + v + "' is not a number from 0 to 255";
            }
            case "expires" -> {
                String v = h.value().trim();
                return isNumberAtMost(v, MAX_DELTA_SECONDS) ? null
                        : "Expires '" + v + "' is not delta-seconds below 2**32 (RFC 3261 §20.19)";
            }
            case "date" -> {
                String v = h.value().trim();
                return v.endsWith(" GMT") ? null : "Date '" + v + "' is not in GMT (RFC 3261 §20.17)";
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * RFC 3261 §25.1: a control byte (other than HT) may appear in a header
     * value only as a quoted-pair inside a quoted string (RFC 4475 §3.1.1.2
     * has BEL, NUL and DEL that way). jain-sip skips stray ones silently.
     */
    private static String controlCharacter(String value) {
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return String.format("the control byte 0x%02x outside a quoted-pair", (int) c);
            }
        }
        return null;
    }

    /** callid = word [ "@" word ] (RFC 3261 §25.1). */
    private static boolean isCallId(String v) {
        int at = v.indexOf('@');
        return at != 0 && at != v.length() - 1 && v.indexOf('@', at + 1) < 0 && !v.isEmpty() && allWordChars(v);
    }

    private static boolean allWordChars(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean word = c < 0x80 && (MessageFramer.isTokenChar((byte) c) || "()<>:\\\"/[]?{}@".indexOf(c) >= 0);
            if (!word) {
                return false;
            }
        }
        return true;
    }

    /** The value's bytes (one char per byte) form valid UTF-8. */
    private static boolean isUtf8(String latin1) {
        int i = 0;
        int n = latin1.length();
        while (i < n && latin1.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isNumberAtMost(String v, long max) {
        if (v.isEmpty() || v.length() > 10) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(v) <= max;
    }

    /** RFC 3261 §19.1.1: "?" starts the headers only after the hostport; a user part may contain "?". */
    private static boolean hasHeaders(String sipUri) {
        int at = sipUri.indexOf('@');
        return sipUri.indexOf('?', at < 0 ? 0 : at) >= 0;
    }

    /** True when the hostport has more than one ':' but no '[': an IPv6 address written bare. */
    static boolean hasBareIpv6(String sipUri) {
        int at = sipUri.indexOf('@');
        int start = at < 0 ? sipUri.indexOf(':') + 1 : at + 1;
        int end = start;
        while (end < sipUri.length() && sipUri.charAt(end) != ';' && sipUri.charAt(end) != '?') {
            end++;
        }
        String hostport = sipUri.substring(start, end);
        return !hostport.startsWith("[") && hostport.indexOf(':') != hostport.lastIndexOf(':');
    }

    static String scheme(String uri) {
        int colon = uri.indexOf(':');
        return colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    private static MalformedMessageException bad(FramedMessage f, String reason, int offset) {
        return new MalformedMessageException(Kind.BAD_REQUEST, reason, offset, f.request(), f.headers());
    }
}
