package io.dialer.sip.message;

import java.util.Objects;

/**
 * One header field as it was framed: the name as written, the name in its
 * long form (compact forms expanded, RFC 3261 §7.3.3), the value with folded
 * lines joined by a single space (RFC 3261 §7.3.1) and the byte offset of
 * the line where the field starts.
 *
 * <p>Values are kept as ISO-8859-1 strings so that every byte maps to one
 * char and the exact bytes can be recovered for the full parser.
 */
public record HeaderField(String name, String canonicalName, String value, int offset) {

    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(canonicalName, "canonicalName");
        Objects.requireNonNull(value, "value");
    }

    /** True when this field is named {@code canonical} (case-insensitive, long form). */
    public boolean is(String canonical) {
        return canonicalName.equalsIgnoreCase(canonical);
    }
}
