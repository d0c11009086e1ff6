package io.dialer.sip.ua;

import java.nio.charset.StandardCharsets;

/**
 * The status line of a {@code message/sipfrag} body (RFC 3420) as a REFER's
 * NOTIFY carries it (RFC 3515 §2.4.5): {@code SIP/2.0 180 Ringing}.
 *
 * @param status       the status code, 0 when the body has no status line
 * @param reasonPhrase the reason phrase, empty when absent
 */
record Sipfrag(int status, String reasonPhrase) {

    static Sipfrag parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new Sipfrag(0, "");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        int eol = text.indexOf('\n');
        String line = (eol < 0 ? text : text.substring(0, eol)).trim();
        if (!line.regionMatches(true, 0, "SIP/2.0 ", 0, 8) || line.length() < 11) {
            return new Sipfrag(0, "");
        }
        try {
            int status = Integer.parseInt(line.substring(8, 11));
            return new Sipfrag(status >= 100 && status <= 699 ? status : 0, line.substring(11).trim());
        } catch (NumberFormatException e) {
            return new Sipfrag(0, "");
        }
    }
}
