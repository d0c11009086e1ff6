package io.dialer.media.sdp;

/**
 * Writes a {@link SessionDescription} as SDP text: CRLF line ends and the
 * field order of RFC 4566 §5, {@code t=0 0} as RFC 3264 §5 asks of SIP
 * sessions, an rtpmap for every format with a known encoding (static ones
 * too, which helps peers that do not know RFC 3551's table).
 */
final class SdpWriter {

    private static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    static String write(SessionDescription sd) {
        StringBuilder b = new StringBuilder(256);
        line(b, 'v', "0");
        line(b, 'o', sd.origin().value());
        line(b, 's', sd.sessionName().isEmpty() ? "-" : sd.sessionName());
        if (sd.connection() != null) {
            line(b, 'c', sd.connection().value());
        }
        line(b, 't', "0 0");
        if (sd.direction() != null) {
            line(b, 'a', sd.direction().attribute());
        }
        for (String a : sd.otherAttributes()) {
            line(b, 'a', a);
        }
        for (MediaDescription m : sd.media()) {
            media(b, m);
        }
        return b.toString();
    }

    private static void media(StringBuilder b, MediaDescription m) {
        line(b, 'm', m.media() + " " + m.port() + " " + m.protocol() + " " + String.join(" ", m.formatTokens()));
        if (m.connection() != null) {
            line(b, 'c', m.connection().value());
        }
        for (PayloadFormat f : m.formats()) {
            if (!f.rtpmap().isEmpty()) {
                line(b, 'a', "rtpmap:" + f.rtpmap());
            }
            if (!f.fmtp().isEmpty()) {
                line(b, 'a', "fmtp:" + f.payloadType() + " " + f.fmtp());
            }
        }
        if (m.ptime() > 0) {
            line(b, 'a', "ptime:" + m.ptime());
        }
        for (String c : m.crypto()) {
            line(b, 'a', "crypto:" + c);
        }
        for (String a : m.otherAttributes()) {
            line(b, 'a', a);
        }
        if (m.direction() != null) {
            line(b, 'a', m.direction().attribute());
        }
    }

    private static void line(StringBuilder b, char type, String value) {
        b.append(type).append('=').append(value).append(CRLF);
    }
}
