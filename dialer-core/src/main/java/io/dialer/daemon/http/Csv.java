package io.dialer.daemon.http;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line into fields (RFC 4180: commas, double quotes, "" for a quote inside quotes). */
final class Csv {

    private Csv() {
    }

    /** The line's fields; a 400 naming {@code at} when a quote is left open. */
    static List<String> fields(String line, String at) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw ApiException.invalid(at, "a quoted field is not closed");
        }
        out.add(field.toString());
        return out;
    }
}
