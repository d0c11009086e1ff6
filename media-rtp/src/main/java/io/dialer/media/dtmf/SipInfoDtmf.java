package io.dialer.media.dtmf;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads a DTMF digit from the body of a SIP INFO request, the fallback for
 * peers that do not send RFC 4733 events. Two de-facto formats exist (no
 * RFC defines them):
 * <ul>
 *   <li>{@code application/dtmf-relay}: lines {@code Signal=5} and
 *       {@code Duration=160} (milliseconds), names case-insensitive;</li>
 *   <li>{@code application/dtmf}: the body is the digit alone, e.g. {@code 5}.</li>
 * </ul>
 * The signal may be the digit or its RFC 4733 event code (e.g. {@code 11}
 * for {@code #}). Pure text parsing: the SIP layer hands over content type
 * and body.
 */
public final class SipInfoDtmf {

    /** Content type of the Cisco-style key=value body. */
    public static final String DTMF_RELAY = "application/dtmf-relay";
    /** Content type of the digit-only body. */
    public static final String DTMF = "application/dtmf";

    private SipInfoDtmf() {
    }

    /** Whether a content type (parameters allowed) is one of the two DTMF INFO formats. */
    public static boolean isDtmfContentType(String contentType) {
        String type = mediaType(contentType);
        return type.equals(DTMF_RELAY) || type.equals(DTMF);
    }

    /**
     * The digit in an INFO body; empty when the content type is not a DTMF
     * one or the body holds no valid digit.
     */
    public static Optional<DtmfDigit> parse(String contentType, String body) {
        if (contentType == null || body == null) {
            return Optional.empty();
        }
        String type = mediaType(contentType);
        if (type.equals(DTMF)) {
            return signal(body.trim()).map(d -> new DtmfDigit(d, 0, DtmfSource.SIP_INFO));
        }
        if (!type.equals(DTMF_RELAY)) {
            return Optional.empty();
        }
        Optional<Character> digit = Optional.empty();
        int duration = 0;
        for (String line : body.split("\r?\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).trim();
            if (name.equals("signal")) {
                digit = signal(value);
            } else if (name.equals("duration")) {
                duration = millis(value);
            }
        }
        int ms = duration;
        return digit.map(d -> new DtmfDigit(d, ms, DtmfSource.SIP_INFO));
    }

    private static Optional<Character> signal(String value) {
        if (value.length() == 1 && DtmfDigits.isDigit(value.charAt(0))) {
            return Optional.of(Character.toUpperCase(value.charAt(0)));
        }
        if (value.length() == 2 && value.chars().allMatch(Character::isDigit)) {
            int event = Integer.parseInt(value);
            if (DtmfDigits.isDtmfEvent(event)) {
                return Optional.of(DtmfDigits.digit(event));
            }
        }
        return Optional.empty();
    }

    private static int millis(String value) {
        if (value.isEmpty() || value.length() > 6 || !value.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Integer.parseInt(value);
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
