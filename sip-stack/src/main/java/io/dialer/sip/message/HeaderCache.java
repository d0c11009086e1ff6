package io.dialer.sip.message;

import gov.nist.javax.sip.header.SIPHeader;

/**
 * Header fields already checked and parsed, keyed by their exact text (name
 * as written and value), so that a field seen again is copied instead of
 * checked and parsed again.
 *
 * <p>Most header fields of a call repeat: every response to our INVITE
 * carries the same Via, From, Call-ID and CSeq, the To and Contact of the
 * 180 come back in the 200, and the peer's Contact, Content-Type and
 * Content-Length: 0 are the same in every call. A jain-sip header parse is
 * a reflective parser creation and a character-by-character lexer; a copy
 * of the parsed object costs a fraction of that.
 *
 * <p>A field's parse depends on its text alone (jain-sip parses each header
 * line on its own), and so do the per-field checks of {@link HeaderChecks}:
 * a field is stored only after it passed both, so a hit may skip both.
 *
 * <p>Direct-mapped, fixed size: a new field replaces whatever had its slot,
 * so memory stays bounded and a lookup is one array read. Thread-safe
 * without locks: entries are immutable (final fields, so a racing reader
 * sees a whole entry or none) and the stored header is never changed after
 * it is stored, only cloned.
 */
final class HeaderCache {

    private final Entry[] slots;
    private final int mask;

    /** @param capacity slots, rounded up to a power of two */
    HeaderCache(int capacity) {
        if (capacity < 1 || capacity > 1 << 20) {
            throw new IllegalArgumentException("capacity must be 1 to 2^20: " + capacity);
        }
        int size = Integer.highestOneBit(capacity - 1) << 1;
        this.slots = new Entry[Math.max(size, 1)];
        this.mask = slots.length - 1;
    }

    /** True when this exact field passed the checks and parsed before. */
    boolean contains(HeaderField field) {
        return find(field) != null;
    }

    /** A fresh copy of the header parsed from this exact field, or null when it is not cached. */
    SIPHeader copyOf(HeaderField field) {
        Entry e = find(field);
        return e == null ? null : (SIPHeader) e.header.clone();
    }

    /**
     * Stores the header parsed from {@code field}, which passed the checks.
     * The caller must never change {@code parsed} afterwards: hand a clone to
     * the message instead.
     */
    void put(HeaderField field, SIPHeader parsed) {
        int hash = hash(field);
        slots[hash & mask] = new Entry(field.name(), field.value(), hash, parsed);
    }

    private Entry find(HeaderField field) {
        int hash = hash(field);
        Entry e = slots[hash & mask];
        if (e != null && e.hash == hash && e.value.equals(field.value()) && e.name.equals(field.name())) {
            return e;
        }
        return null;
    }

    private static int hash(HeaderField field) {
        int h = field.name().hashCode() * 31 + field.value().hashCode();
        return h ^ (h >>> 16);
    }

    private static final class Entry {
        final String name;
        final String value;
        final int hash;
        final SIPHeader header;

        Entry(String name, String value, int hash, SIPHeader header) {
            this.name = name;
            this.value = value;
            this.hash = hash;
            this.header = header;
        }
    }
}
