package io.dialer.sip.transaction;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.Flow;
import io.dialer.sip.transport.Transport;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/** SIP messages for transaction tests, parsed from text with jain-sip-ri. */
final class TestMessages {

    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5070);
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5080);

    private TestMessages() {
    }

    static Endpoint peer(Transport transport) {
        return Endpoint.of(transport, PEER);
    }

    static Flow flowFromPeer(Transport transport) {
        return new Flow(transport, PEER, LOCAL);
    }

    /** A request as we would send it, with a top Via naming our address and the branch. */
    static SIPRequest request(String method, String branch, Transport transport) {
        return request(method, branch, transport, "127.0.0.1:5070", "");
    }

    static SIPRequest request(String method, String branch, Transport transport, String sentBy, String viaParams) {
        return (SIPRequest) parse(method + " sip:bob@127.0.0.1:5080 SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport.token() + " " + sentBy + ";branch=" + branch + viaParams + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "Route: <sip:proxy1.example.com;lr>\r\n"
                + "Route: <sip:proxy2.example.com;lr>\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: call-" + branch + "@example.com\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:alice@127.0.0.1:5070>\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    /** A response to the request as the peer would send it; finals and 18x carry a To tag. */
    static SIPResponse response(SIPRequest request, int status) {
        SIPResponse response = request.createResponse(status);
        if (status > 100) {
            response.setToTag("b2");
        }
        return response;
    }

    /** A response to the request, with its CSeq method changed (a response for another transaction). */
    static SIPResponse responseWithMethod(SIPRequest request, int status, String method) throws ParseException {
        SIPResponse response = response(request, status);
        response.getCSeq().setMethod(method);
        return response;
    }

    static SIPMessage parse(String text) {
        try {
            return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
