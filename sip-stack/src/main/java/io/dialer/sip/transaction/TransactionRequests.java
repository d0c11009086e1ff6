package io.dialer.sip.transaction;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;

import javax.sip.InvalidArgumentException;
import javax.sip.message.Request;

/**
 * The two requests the transaction layer builds itself from an INVITE: the ACK
 * for a non-2xx final response (RFC 3261 §17.1.1.3) and CANCEL (§9.1).
 * Both reuse the INVITE's single top Via, so they match its transaction at the
 * far end (§17.2.3, §9.2).
 */
public final class TransactionRequests {

    private static final int DEFAULT_MAX_FORWARDS = 70;

    private TransactionRequests() {
    }

    /**
     * RFC 3261 §17.1.1.3: Request-URI, Call-ID, From and CSeq number of the
     * INVITE, CSeq method ACK, To of the response (with its tag), one Via equal
     * to the INVITE's top Via, and the INVITE's Route headers. No body.
     */
    public static SIPRequest ackFor(SIPRequest invite, SIPResponse response) {
        return copyOf(invite, Request.ACK, (To) response.getTo().clone());
    }

    /**
     * RFC 3261 §9.1: Request-URI, Call-ID, To, From and CSeq number identical to
     * the INVITE (tags included), CSeq method CANCEL, one Via equal to the
     * INVITE's top Via, and the INVITE's Route headers. No body.
     */
    public static SIPRequest cancelFor(SIPRequest invite) {
        return copyOf(invite, Request.CANCEL, (To) invite.getTo().clone());
    }

    private static SIPRequest copyOf(SIPRequest invite, String method, To to) {
        SIPRequest request = new SIPRequest();
        RequestLine requestLine = (RequestLine) invite.getRequestLine().clone();
        requestLine.setMethod(method);
        request.setRequestLine(requestLine);
        request.setHeader((Via) invite.getTopmostVia().clone());
        request.setHeader((CallID) ((CallID) invite.getCallId()).clone());
        request.setHeader((From) ((From) invite.getFrom()).clone());
        request.setHeader(to);
        try {
            request.setHeader(new CSeq(invite.getCSeq().getSeqNumber(), method));
            MaxForwards maxForwards = (MaxForwards) invite.getMaxForwards();
            request.setHeader(maxForwards != null ? (MaxForwards) maxForwards.clone() : new MaxForwards(DEFAULT_MAX_FORWARDS));
        } catch (InvalidArgumentException e) {
            // The values come from a request that was already valid.
            throw new IllegalArgumentException("cannot build " + method + " from " + invite.getFirstLine(), e);
        }
        RouteList routes = invite.getRouteHeaders();
        if (routes != null && !routes.isEmpty()) {
            request.setHeader((RouteList) routes.clone());
        }
        return request;
    }
}
