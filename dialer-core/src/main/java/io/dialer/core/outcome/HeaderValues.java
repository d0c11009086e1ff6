package io.dialer.core.outcome;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads header values as text and takes apart the RFC 3261 §25.1 list and
 * parameter syntax shared by Reason, Diversion, History-Info and Warning.
 * jain-sip keeps Diversion and History-Info as untyped extension headers, so
 * the outcome rules read every header the same way: as its value text. Never
 * throws: what cannot be read is left out.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    /** Every value of header {@code name} in {@code message}, one per header line or list element jain-sip split. */
    static List<String> values(SIPMessage message, String name) {
        if (message == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try {
            ListIterator<?> headers = message.getHeaders(name);
            while (headers != null && headers.hasNext()) {
                Object header = headers.next();
                String value = header instanceof SIPHeader sipHeader ? sipHeader.getHeaderValue() : afterColon(header);
                if (value != null && !value.isBlank()) {
                    out.add(value.trim());
                }
            }
        } catch (RuntimeException unreadable) {
            // jain-sip left a header half-parsed: keep what was read before it.
        }
        return out;
    }

    /** The first value of header {@code name}, if any. */
    static Optional<String> first(SIPMessage message, String name) {
        List<String> all = values(message, name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every element of a comma-separated header value (RFC 3261 §7.3.1), commas inside quotes or {@code <>} kept. */
    static List<String> elements(String value) {
        List<String> out = new ArrayList<>();
        for (String element : split(value, ',')) {
            if (!element.isBlank()) {
                out.add(element.trim());
            }
        }
        return out;
    }

    /**
     * The {@code ;name=value} parameters of one header element, names in lower
     * case, quoted values unquoted. Parameters inside a {@code <>} URI belong to
     * the URI and are not included (see {@link #uri}).
     */
    static Map<String, String> params(String element) {
        String rest = element;
        int close = element.lastIndexOf('>');
        if (element.indexOf('<') >= 0 && close >= 0) {
            rest = element.substring(close + 1);
        }
        List<String> parts = split(rest, ';');
        Map<String, String> params = new LinkedHashMap<>();
        // The first part is what precedes the parameters (a URI or a protocol token).
        for (String part : parts.subList(Math.min(1, parts.size()), parts.size())) {
            int eq = part.indexOf('=');
            String name = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String raw = eq < 0 ? "" : part.substring(eq + 1).trim();
            if (!name.isEmpty()) {
                params.putIfAbsent(name, unquote(raw));
            }
        }
        return params;
    }

    /** What precedes the first {@code ;} of a value, e.g. the protocol of a Reason value. */
    static String head(String value) {
        List<String> parts = split(value, ';');
        return parts.isEmpty() ? "" : parts.get(0).trim();
    }

    /** The URI between {@code <} and {@code >} of a name-addr element, if any. */
    static Optional<String> uri(String element) {
        int open = element.indexOf('<');
        int close = element.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
            return Optional.empty();
        }
        return Optional.of(element.substring(open + 1, close).trim());
    }

    /** A quoted-string's content with its escapes resolved (RFC 3261 §25.1); other text trimmed as is. */
    static String unquote(String text) {
        String t = text.trim();
        if (t.length() < 2 || t.charAt(0) != '"') {
            return t;
        }
        StringBuilder out = new StringBuilder(t.length());
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 1 < t.length()) {
                out.append(t.charAt(++i));
            } else if (c == '"') {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Splits on {@code separator} outside quoted strings and {@code <>} brackets. */
    private static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        if (value == null) {
            return parts;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\' && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle++;
            } else if (!quoted && c == '>' && angle > 0) {
                angle--;
            } else if (!quoted && angle == 0 && c == separator) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }

    private static String afterColon(Object header) {
        String text = String.valueOf(header);
        int colon = text.indexOf(':');
        return colon < 0 ? null : text.substring(colon + 1);
    }
}
