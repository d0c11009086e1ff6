package io.dialer.core.outcome;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/** Builds jain-sip messages for the tests from wire text, the way the stack's decoder does. */
final class SipText {

    private SipText() {
    }

    /** A response to an INVITE with {@code headers} (full lines without CRLF) added. */
    static SIPResponse response(int code, String phrase, String... headers) {
        String start = "SIP/2.0 " + code + (phrase.isEmpty() ? " " : " " + phrase);
        return (SIPResponse) parse(start + "\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKoutcome1\r\n"
                + "From: <sip:+15551230000@127.0.0.1>;tag=caller\r\n"
                + "To: <sip:+15557654321@127.0.0.1:5062>;tag=callee\r\n"
                + "Call-ID: outcome-test@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + lines(headers)
                + "Content-Length: 0\r\n\r\n");
    }

    /** A BYE from the callee with {@code headers} added. */
    static SIPRequest bye(String... headers) {
        return (SIPRequest) parse("BYE sip:+15551230000@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKbye1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:+15557654321@127.0.0.1:5062>;tag=callee\r\n"
                + "To: <sip:+15551230000@127.0.0.1>;tag=caller\r\n"
                + "Call-ID: outcome-test@127.0.0.1\r\n"
                + "CSeq: 1 BYE\r\n"
                + lines(headers)
                + "Content-Length: 0\r\n\r\n");
    }

    private static String lines(String... headers) {
        StringBuilder out = new StringBuilder();
        for (String header : headers) {
            out.append(header).append("\r\n");
        }
        return out.toString();
    }

    private static SIPMessage parse(String text) {
        try {
            return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
        } catch (ParseException e) {
            throw new IllegalArgumentException("test message does not parse: " + text, e);
        }
    }
}
