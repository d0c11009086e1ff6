package io.dialer.sip.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks the raw text of address headers (From, To, Contact,
 * Route, Record-Route, Reply-To): name-addr / addr-spec (RFC 3261 §20.10,
 * §25.1). jain-sip's parser accepts several malformed forms that RFC 4475
 * §3.1.2 says to reject; this is where they are caught.
 */
final class AddressValue {

    private AddressValue() {
    }

    /** The tag parameter of a From or To value, null when it has none (or an empty one). */
    static String tag(String value) {
        String tag = tagParam(value);
        return tag == null || tag.isEmpty() ? null : tag;
    }

    /** True when a "tag" parameter is present but has no value. */
    static boolean hasEmptyTag(String value) {
        return "".equals(tagParam(value));
    }

    /** The raw tag parameter: null when absent, "" when it has no value. */
    private static String tagParam(String value) {
        int params = paramsStart(value);
        if (params < 0) {
            return null;
        }
        for (String param : splitOutsideQuotes(value.substring(params + 1), ';')) {
            int eq = param.indexOf('=');
            String name = (eq < 0 ? param : param.substring(0, eq)).trim();
            if (name.equalsIgnoreCase("tag")) {
                return eq < 0 ? "" : param.substring(eq + 1).trim();
            }
        }
        return null;
    }

    /**
     * Checks one address value; returns null when it is well formed, else
     * the reason in words.
     *
     * @param allowStar true for Contact, where "*" is a legal value (RFC 3261 §20.10)
     */
    static String check(String value, boolean allowStar) {
        // Only SP and HT are whitespace here (String.trim would also drop control bytes).
        String v = stripWs(value);
        if (v.isEmpty()) {
            return "is empty";
        }
        if (allowStar && v.equals("*")) {
            return null;
        }
        int i;
        if (v.charAt(0) == '"') {
            int close = closingQuote(v, 0);
            if (close < 0) {
                return "has an unterminated quoted string in its display name";
            }
            i = skipWs(v, close + 1);
            if (i >= v.length() || v.charAt(i) != '<') {
                return "has a quoted display name not followed by '<'";
            }
            return checkBracketed(v, i);
        }
        int lt = v.indexOf('<');
        int colon = v.indexOf(':');
        if (lt >= 0 && (colon < 0 || lt < colon)) {
            // name-addr with a token display name: display-name = *(token LWS) (RFC 3261 §25.1)
            for (int k = 0; k < lt; k++) {
                char c = v.charAt(k);
                if (c != ' ' && c != '\t' && (c > 0x7f || !MessageFramer.isTokenChar((byte) c))) {
                    return "has the character '" + printable(c) + "' in an unquoted display name"
                            + " (RFC 3261 §25.1: it must be quoted)";
                }
            }
            return checkBracketed(v, lt);
        }
        // addr-spec: RFC 3261 §20 — a URI with ',', '?' or ';' must be enclosed in '<' '>'.
        int semi = v.indexOf(';');
        String uri = (semi < 0 ? v : v.substring(0, semi)).trim();
        for (int k = 0; k < uri.length(); k++) {
            char c = uri.charAt(k);
            if (c == ' ' || c == '\t') {
                return "has whitespace inside its URI";
            }
            if (c == '?' || c == ',') {
                return "has a URI containing '" + c + "' that is not enclosed in '<' '>' (RFC 3261 §20)";
            }
        }
        if (!hasScheme(uri)) {
            return "has a URI without a valid scheme (RFC 3986 §3.1)";
        }
        if (!escapesAreValid(uri)) {
            return "has a URI with '%' not followed by two hex digits (RFC 3261 §25.1 escaped)";
        }
        // Outside sip/sips, jain-sip reads the parameters as part of the URI, so the whole value counts.
        if (isSipScheme(uri) && HeaderChecks.hasBareIpv6(uri)) {
            return "has an IPv6 address not enclosed in '[' ']' (RFC 3261 §25.1, RFC 5118 §4.2)";
        }
        if (!escapesSurviveParsing(uri) || (!isSipScheme(uri) && v.indexOf('%') >= 0)) {
            return "has a %-escape in a non-SIP URI, which this stack cannot carry intact";
        }
        return semi < 0 ? null : checkParams(v.substring(semi + 1));
    }

    /** Checks "<" addr-spec ">" *(SEMI param) starting at the '<'. */
    private static String checkBracketed(String v, int lt) {
        int gt = v.indexOf('>', lt);
        if (gt < 0) {
            return "has '<' without a closing '>'";
        }
        String spec = v.substring(lt + 1, gt);
        if (spec.isEmpty()) {
            return "has an empty addr-spec";
        }
        if (!hasScheme(spec)) {
            return "has a URI without a valid scheme inside '<' '>' (RFC 3986 §3.1)";
        }
        if (!escapesAreValid(spec)) {
            return "has a URI with '%' not followed by two hex digits (RFC 3261 §25.1 escaped)";
        }
        if (isSipScheme(spec) && HeaderChecks.hasBareIpv6(spec)) {
            return "has an IPv6 address not enclosed in '[' ']' (RFC 3261 §25.1, RFC 5118 §4.2)";
        }
        if (!escapesSurviveParsing(spec)) {
            return "has a %-escape in a non-SIP URI, which this stack cannot carry intact";
        }
        for (int k = 0; k < spec.length(); k++) {
            if (spec.charAt(k) == ' ' || spec.charAt(k) == '\t') {
                // LAQUOT = SWS "<" and RAQUOT = ">" SWS: no whitespace inside the brackets (RFC 4475 §3.1.2.14).
                return "has whitespace inside '<' '>'";
            }
        }
        int rest = skipWs(v, gt + 1);
        if (rest == v.length()) {
            return null;
        }
        if (v.charAt(rest) != ';') {
            return "has text after '>' that is not a parameter";
        }
        return checkParams(v.substring(rest + 1));
    }

    private static String checkParams(String params) {
        for (String param : splitOutsideQuotes(params, ';')) {
            int eq = param.indexOf('=');
            String name = (eq < 0 ? param : param.substring(0, eq)).trim();
            if (name.isEmpty()) {
                return "has an empty parameter (extra ';')";
            }
            if (!isToken(name)) {
                // RFC 3261 §25.1 generic-param: the name is a token. jain-sip reads a name such as
                // "@host::" into the URI instead and sends back a different From/To.
                return "has a parameter name that is not a token (RFC 3261 §25.1)";
            }
        }
        return null;
    }

    /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") (RFC 3261 §25.1). */
    static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c < 0x80 && (MessageFramer.isAlpha((byte) c) || MessageFramer.isDigit((byte) c)
                    || "-.!%*_+`'~".indexOf(c) >= 0);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ":" (RFC 3986 §3.1). */
    static boolean hasScheme(String uri) {
        if (uri.isEmpty() || uri.charAt(0) > 0x7f || !MessageFramer.isAlpha((byte) uri.charAt(0))) {
            return false;
        }
        for (int i = 1; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == ':') {
                return true;
            }
            if (c > 0x7f || !(MessageFramer.isAlpha((byte) c) || MessageFramer.isDigit((byte) c) || c == '+' || c == '-'
                    || c == '.')) {
                return false;
            }
        }
        return false;
    }

    /** escaped = "%" HEXDIG HEXDIG (RFC 3261 §25.1): jain-sip accepts a lone '%' in some places only. */
    static boolean escapesAreValid(String uri) {
        for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
            if (i + 2 >= uri.length() || !isHex(uri.charAt(i + 1)) || !isHex(uri.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    /**
     * jain-sip 1.3.0-91 keeps %-escapes of sip/sips URIs, but in every other
     * scheme (its GenericURI, and tel parameters) it drops the second hex
     * digit ("a%41b" becomes "a%4b"), so a response would no longer carry the
     * request's From or To. Such URIs are refused rather than mangled.
     */
    static boolean escapesSurviveParsing(String uri) {
        if (uri.indexOf('%') < 0) {
            return true;
        }
        return isSipScheme(uri);
    }

    private static boolean isSipScheme(String uri) {
        String scheme = HeaderChecks.scheme(uri);
        return scheme.equals("sip") || scheme.equals("sips");
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Splits a list value at commas outside quoted strings and angle brackets (RFC 3261 §7.3.1). */
    static List<String> splitList(String value) {
        List<String> parts = new ArrayList<>(2);
        boolean quoted = false;
        boolean bracket = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                bracket = true;
            } else if (c == '>') {
                bracket = false;
            } else if (c == ',' && !bracket) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }

    /** Where the header parameters start: the first ';' after the URI, or -1. */
    private static int paramsStart(String v) {
        int i = skipWs(v, 0);
        if (i < v.length() && v.charAt(i) == '"') {
            int close = closingQuote(v, i);
            if (close < 0) {
                return -1;
            }
            i = close + 1;
        }
        int lt = v.indexOf('<', i);
        int semiBefore = v.indexOf(';', i);
        if (lt >= 0 && (semiBefore < 0 || lt < semiBefore)) {
            int gt = v.indexOf('>', lt);
            return gt < 0 ? -1 : v.indexOf(';', gt);
        }
        return semiBefore;
    }

    private static int closingQuote(String v, int open) {
        for (int i = open + 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    static List<String> splitOutsideQuotes(String s, char sep) {
        List<String> parts = new ArrayList<>(4);
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == sep && !quoted) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static String stripWs(String v) {
        int start = skipWs(v, 0);
        int end = v.length();
        while (end > start && (v.charAt(end - 1) == ' ' || v.charAt(end - 1) == '\t')) {
            end--;
        }
        return v.substring(start, end);
    }

    private static int skipWs(String v, int i) {
        while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }
}
