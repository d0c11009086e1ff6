package io.dialer.sip.message;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Header names the message layer needs to know: compact forms and single-value headers. */
final class HeaderNames {

    static final String VIA = "Via";
    static final String FROM = "From";
    static final String TO = "To";
    static final String CALL_ID = "Call-ID";
    static final String CSEQ = "CSeq";
    static final String MAX_FORWARDS = "Max-Forwards";
    static final String CONTENT_LENGTH = "Content-Length";
    static final String CONTENT_TYPE = "Content-Type";
    static final String CONTACT = "Contact";
    static final String DATE = "Date";

    /** RFC 3261 §7.3.3 and the later registrations of compact forms. */
    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("i", CALL_ID), Map.entry("m", CONTACT), Map.entry("e", "Content-Encoding"),
            Map.entry("l", CONTENT_LENGTH), Map.entry("c", CONTENT_TYPE), Map.entry("f", FROM),
            Map.entry("s", "Subject"), Map.entry("k", "Supported"), Map.entry("t", TO),
            Map.entry("v", VIA), Map.entry("o", "Event"), Map.entry("r", "Refer-To"),
            Map.entry("b", "Referred-By"), Map.entry("u", "Allow-Events"), Map.entry("x", "Session-Expires"),
            Map.entry("a", "Accept-Contact"), Map.entry("j", "Reject-Contact"),
            Map.entry("d", "Request-Disposition"), Map.entry("y", "Identity"), Map.entry("n", "Identity-Info"));

    /**
     * Headers that may appear at most once (RFC 3261 §7.3: only headers whose
     * grammar is a comma-separated list may repeat). RFC 4475 §3.3.8 (multi01)
     * and §3.3.9 (mcl01) must be rejected for repeating them.
     */
    private static final Set<String> SINGLE_VALUE = Set.of(
            CALL_ID.toLowerCase(Locale.ROOT), CSEQ.toLowerCase(Locale.ROOT), FROM.toLowerCase(Locale.ROOT),
            TO.toLowerCase(Locale.ROOT), MAX_FORWARDS.toLowerCase(Locale.ROOT),
            CONTENT_LENGTH.toLowerCase(Locale.ROOT), CONTENT_TYPE.toLowerCase(Locale.ROOT),
            "expires", "min-expires", DATE.toLowerCase(Locale.ROOT));

    private static final List<String> SINGLE_VALUE_NAMES = List.copyOf(SINGLE_VALUE);

    private HeaderNames() {
    }

    /** The long form of a header name as written; other names are returned unchanged. */
    static String canonical(String name) {
        if (name.length() == 1) {
            String full = COMPACT.get(name.toLowerCase(Locale.ROOT));
            if (full != null) {
                return full;
            }
        }
        return name;
    }

    static boolean isSingleValue(String canonicalName) {
        return singleValueKey(canonicalName) != null;
    }

    /**
     * The lower-case name of a single-value header, or null for any other
     * header. Compares without lower-casing first: this runs for every header
     * of every message.
     */
    static String singleValueKey(String canonicalName) {
        for (String single : SINGLE_VALUE_NAMES) {
            if (single.equalsIgnoreCase(canonicalName)) {
                return single;
            }
        }
        return null;
    }
}
