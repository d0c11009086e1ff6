package io.dialer.sip.message;

/**
 * The parts of a Via value the transaction layer matches on, read from raw
 * text. RFC 3261 §25.1 allows whitespace around every "/" of the
 * sent-protocol and around the ":" of the sent-by (RFC 4475 §3.1.1.1).
 */
record ViaValue(String transport, String sentBy, String branch) {

    /** Reads the first via-parm of a (possibly comma-separated) Via value; null when it is not one. */
    static ViaValue parseFirst(String value) {
        String first = firstElement(value);
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
