package io.dialer.media.sdp;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One RTP payload format of an {@code m=} line with what its {@code a=rtpmap}
 * and {@code a=fmtp} say (RFC 4566 §6). Static payload types without an
 * rtpmap take their meaning from RFC 3551 §6.
 *
 * @param payloadType  0-127
 * @param encodingName e.g. {@code PCMU}, {@code telephone-event}; empty when unknown
 * @param clockRate    Hz, 0 when unknown
 * @param channels     1 unless the rtpmap says otherwise
 * @param fmtp         format parameters, empty when none
 */
public record PayloadFormat(int payloadType, String encodingName, int clockRate, int channels, String fmtp) {

    /** The RFC 4733 encoding name of DTMF events. */
    public static final String TELEPHONE_EVENT = "telephone-event";

    /** G.711 μ-law, static type 0. */
    public static final PayloadFormat PCMU = new PayloadFormat(0, "PCMU", 8000, 1, "");
    /** G.711 A-law, static type 8. */
    public static final PayloadFormat PCMA = new PayloadFormat(8, "PCMA", 8000, 1, "");

    public PayloadFormat {
        Objects.requireNonNull(encodingName, "encodingName");
        Objects.requireNonNull(fmtp, "fmtp");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1: " + channels);
        }
    }

    /** RFC 4733 DTMF events at 8 kHz with the given dynamic payload type, events 0-15 (§2.4.1, §3.2). */
    public static PayloadFormat telephoneEvent(int payloadType) {
        return new PayloadFormat(payloadType, TELEPHONE_EVENT, 8000, 1, "0-15");
    }

    /** What RFC 3551 §6 (tables 4) defines for a static audio payload type without an rtpmap. */
    public static Optional<PayloadFormat> staticType(int payloadType) {
        return switch (payloadType) {
            case 0 -> Optional.of(PCMU);
            case 3 -> Optional.of(new PayloadFormat(3, "GSM", 8000, 1, ""));
            case 4 -> Optional.of(new PayloadFormat(4, "G723", 8000, 1, ""));
            case 8 -> Optional.of(PCMA);
            case 9 -> Optional.of(new PayloadFormat(9, "G722", 8000, 1, ""));
            case 13 -> Optional.of(new PayloadFormat(13, "CN", 8000, 1, ""));
            case 18 -> Optional.of(new PayloadFormat(18, "G729", 8000, 1, ""));
            default -> Optional.empty();
        };
    }

    /** Whether this is the RFC 4733 telephone-event format. */
    public boolean isTelephoneEvent() {
        return TELEPHONE_EVENT.equalsIgnoreCase(encodingName);
    }

    /** Whether both describe the same encoding (name case-insensitive, clock rate, channels), whatever their PT. */
    public boolean sameEncoding(PayloadFormat other) {
        return encodingName.toLowerCase(Locale.ROOT).equals(other.encodingName.toLowerCase(Locale.ROOT))
                && clockRate == other.clockRate
                && channels == other.channels;
    }

    /** The same format with a different payload type (an answer uses the offerer's numbers, RFC 3264 §6.1). */
    public PayloadFormat withPayloadType(int pt) {
        return new PayloadFormat(pt, encodingName, clockRate, channels, fmtp);
    }

    /** The same format with other format parameters. */
    public PayloadFormat withFmtp(String parameters) {
        return new PayloadFormat(payloadType, encodingName, clockRate, channels, parameters);
    }

    /** The rtpmap value, e.g. {@code 101 telephone-event/8000}; empty when the encoding is unknown. */
    public String rtpmap() {
        if (encodingName.isEmpty()) {
            return "";
        }
        return payloadType + " " + encodingName + "/" + clockRate + (channels > 1 ? "/" + channels : "");
    }

    /**
     * Whether this is telephone-event carrying all 16 DTMF digits: its fmtp
     * lists events 0-15 or is absent (RFC 4733 §2.4.1: then 0-15 are meant).
     */
    public boolean carriesDtmfDigits() {
        return isTelephoneEvent() && dtmfEvents().equals("0-15");
    }

    /**
     * The DTMF events (0-15) this telephone-event format lists, as an fmtp
     * value ({@code 0-15}, {@code 0-11}, {@code 0-9,11}); empty when it lists
     * none, all 16 when it has no fmtp (RFC 4733 §2.4.1) or an unreadable one.
     */
    public String dtmfEvents() {
        if (fmtp.isBlank()) {
            return "0-15";
        }
        boolean[] seen = new boolean[16];
        for (String part : fmtp.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            try {
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                for (int e = Math.max(0, from); e <= Math.min(15, to); e++) {
                    seen[e] = true;
                }
            } catch (NumberFormatException e) {
                return "0-15";
            }
        }
        StringBuilder b = new StringBuilder();
        for (int e = 0; e < 16; e++) {
            if (seen[e] && (e == 0 || !seen[e - 1])) {
                int last = e;
                while (last + 1 < 16 && seen[last + 1]) {
                    last++;
                }
                b.append(b.length() == 0 ? "" : ",").append(e).append(last > e ? "-" + last : "");
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return encodingName.isEmpty() ? String.valueOf(payloadType) : rtpmap();
    }
}
