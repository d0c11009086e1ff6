package io.dialer.media.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The audio codecs an engine can use, looked up by RTP payload type or by SDP
 * encoding name and clock rate. Immutable; build one with {@link #g711()} or
 * {@link #of(List)}.
 */
public final class Codecs {

    private final List<AudioCodec> codecs;

    private Codecs(List<AudioCodec> codecs) {
        this.codecs = List.copyOf(codecs);
    }

    /** PCMU then PCMA, the G.711 pair every SIP trunk supports. */
    public static Codecs g711() {
        return new Codecs(List.of(new PcmuCodec(), new PcmaCodec()));
    }

    /** The given codecs in preference order; payload types must be distinct. */
    public static Codecs of(List<AudioCodec> codecs) {
        List<Integer> seen = new ArrayList<>();
        for (AudioCodec c : codecs) {
            if (seen.contains(c.payloadType())) {
                throw new IllegalArgumentException("payload type " + c.payloadType() + " listed twice");
            }
            seen.add(c.payloadType());
        }
        return new Codecs(codecs);
    }

    /** All codecs, most preferred first. */
    public List<AudioCodec> all() {
        return codecs;
    }

    /** The codec with this static payload type. */
    public Optional<AudioCodec> byPayloadType(int payloadType) {
        return codecs.stream().filter(c -> c.payloadType() == payloadType).findFirst();
    }

    /**
     * The codec with this encoding name (case-insensitive, RFC 4566 §6 rtpmap)
     * and clock rate.
     */
    public Optional<AudioCodec> byName(String encodingName, int clockRate) {
        String name = encodingName.toUpperCase(Locale.ROOT);
        return codecs.stream()
                .filter(c -> c.encodingName().toUpperCase(Locale.ROOT).equals(name) && c.clockRate() == clockRate)
                .findFirst();
    }

    @Override
    public String toString() {
        return "Codecs" + codecs;
    }
}
