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
        }
        return null;
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
        String sentBy = (semi < 0 ? first.substring(c.pos) : first.substring(c.pos, semi)).replaceAll("[ \t]", "");
        if (sentBy.isEmpty()) {
            return null;
        }
        String branch = null;
        if (semi >= 0) {
            for (String param : first.substring(semi + 1).split(";")) {
                int eq = param.indexOf('=');
                String name = (eq < 0 ? param : param.substring(0, eq)).trim();
                if (name.equalsIgnoreCase("branch")) {
                    branch = eq < 0 ? "" : param.substring(eq + 1).trim();
                }
            }
        }
        return new ViaValue(transport, sentBy, branch);
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
