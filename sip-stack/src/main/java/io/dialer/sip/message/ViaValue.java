package io.dialer.sip.message;

/**
 * The parts of a Via value the transaction layer matches on, read from raw
 * text. RFC 3261 §25.1 allows whitespace around every "/" of the
 * sent-protocol and around the ":" of the sent-by (RFC 4475 §3.1.1.1).
 */
record ViaValue(String transport, String sentBy, String branch) {

    /** Reads the first via-parm of a (possibly comma-separated) Via value; null when it is not one. */
    static ViaValue parseFirst(String value) {
        return parse(firstElement(value));
    }

    /** Checks every via-parm of a Via value; null when all are well formed, else the reason. */
    static String check(String value) {
        for (String element : AddressValue.splitList(value)) {
            ViaValue via = parse(element);
            if (via == null) {
                return "Via value '" + element.trim() + "' is not sent-protocol sent-by *(;param) (RFC 3261 §20.42)";
            }
            if (!isSentBy(via.sentBy())) {
                return "Via sent-by '" + via.sentBy() + "' is not host[:port] (RFC 3261 §25.1)";
            }
            String params = paramsProblem(element);
            if (params != null) {
                return params;
            }
        }
        return null;
    }

    /**
     * via-params are generic-params (RFC 3261 §20.42, §25.1): a token name and
     * a token, host or quoted-string value. jain-sip reads a value such as
     * "z9hG4bK1 (" by its own rules and sends back a different Via.
     */
    private static String paramsProblem(String element) {
        int semi = element.indexOf(';');
        if (semi < 0) {
            return null;
        }
        for (String param : AddressValue.splitOutsideQuotes(element.substring(semi + 1), ';')) {
            int eq = param.indexOf('=');
            String name = (eq < 0 ? param : param.substring(0, eq)).trim();
            if (name.isEmpty() || !AddressValue.isToken(name)) {
                return "Via parameter '" + param.trim() + "' has no token name (RFC 3261 §25.1)";
            }
            if (eq >= 0 && !isGenValue(param.substring(eq + 1).trim())) {
                return "Via parameter '" + name + "' has a value that is not a token, host or quoted string"
                        + " (RFC 3261 §25.1)";
            }
        }
        return null;
    }

    /** gen-value = token / host / quoted-string. */
    private static boolean isGenValue(String v) {
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return true;
        }
        if (v.isEmpty()) {
            return false;
        }
        String host = v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : v;
        return AddressValue.isToken(host.replace(":", ""));
    }

    /** sent-by = host [ ":" port ], host = hostname / IPv4address / "[" IPv6address "]". */
    private static boolean isSentBy(String s) {
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 2) {
                return false;
            }
            for (int i = 1; i < close; i++) {
                char c = s.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return false;
                }
            }
            port = s.substring(close + 1);
        } else {
            int colon = s.indexOf(':');
            String host = colon < 0 ? s : s.substring(0, colon);
            if (host.isEmpty()) {
                return false;
            }
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (c > 0x7f || !(MessageFramer.isAlpha((byte) c) || MessageFramer.isDigit((byte) c) || c == '-' || c == '.')) {
                    return false;
                }
            }
            port = colon < 0 ? "" : s.substring(colon);
        }
        if (port.isEmpty()) {
            return true;
        }
        if (port.charAt(0) != ':' || port.length() < 2 || port.length() > 6) {
            return false;
        }
        for (int i = 1; i < port.length(); i++) {
            if (!MessageFramer.isDigit((byte) port.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static ViaValue parse(String first) {
        Cursor c = new Cursor(first);
        c.skipWs();
        if (c.token().isEmpty()) {
            return null;
        }
        c.skipWs();
        if (!c.take('/')) {
            return null;
        }
        c.skipWs();
        if (c.token().isEmpty()) {
            return null;
        }
        c.skipWs();
        if (!c.take('/')) {
            return null;
        }
        c.skipWs();
        String transport = c.token();
        if (transport.isEmpty() || c.skipWs() == 0) {
            return null;
        }
        int semi = first.indexOf(';', c.pos);
        String sentBy = withoutWs(first, c.pos, semi < 0 ? first.length() : semi);
        if (sentBy.isEmpty()) {
            return null;
        }
        String branch = null;
        // Plain scanning, no regex: this runs for every message (the last branch parameter wins, as before).
        for (int start = semi + 1; semi >= 0; start = semi + 1) {
            semi = first.indexOf(';', start);
            int end = semi < 0 ? first.length() : semi;
            int eq = first.indexOf('=', start);
            int nameEnd = eq < 0 || eq > end ? end : eq;
            if (isName(first, start, nameEnd, "branch")) {
                branch = nameEnd == end ? "" : first.substring(nameEnd + 1, end).trim();
            }
        }
        return new ViaValue(transport, sentBy, branch);
    }

    /** s[from, to) with every SP and HT removed (whitespace may surround the sent-by's ':'). */
    private static String withoutWs(String s, int from, int to) {
        StringBuilder out = null;
        int copied = from;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch == ' ' || ch == '\t') {
                if (out == null) {
                    out = new StringBuilder(to - from);
                }
                out.append(s, copied, i);
                copied = i + 1;
            }
        }
        if (out == null) {
            return s.substring(from, to);
        }
        return out.append(s, copied, to).toString();
    }

    /** True when s[from, to), trimmed as String.trim does, equals name ignoring case. */
    private static boolean isName(String s, int from, int to, String name) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        return to - from == name.length() && s.regionMatches(true, from, name, 0, name.length());
    }

    private static String firstElement(String value) {
        int comma = value.indexOf(',');
        return comma < 0 ? value : value.substring(0, comma);
    }

    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        int skipWs() {
            int start = pos;
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
            return pos - start;
        }

        boolean take(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        String token() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) < 0x80 && MessageFramer.isTokenChar((byte) s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }
    }
}
