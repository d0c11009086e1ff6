package io.dialer.sip.ua;

import gov.nist.javax.sip.header.Allow;
import gov.nist.javax.sip.header.AllowList;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.message.SipFactories;
import io.dialer.sip.transaction.BranchIds;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.transport.PacketSender;
import io.dialer.sip.transport.Transport;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;

/**
 * Builds the requests and responses the UA core sends: the initial INVITE
 * (RFC 3261 §8.1.1), our Via and Contact, and responses to inbound requests.
 */
final class Requests {

    static final List<String> ALLOW = List.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "UPDATE", "INFO", "REFER",
            "NOTIFY");

    private final PacketSender transport;
    private final String userAgent;
    private final SecureRandom random = new SecureRandom();

    /*
     * What every message repeats is built (and parsed) once per stack and
     * cloned into each message: jain-sip headers are mutable, so no message
     * gets the template itself.
     */
    private final AllowList allow = allowList();
    private final Header userAgentHeader;
    private final Map<Transport, LocalContact> contacts = new ConcurrentHashMap<>();
    private volatile ParsedUri lastRequestUri;
    private volatile ParsedUri lastFrom;

    Requests(PacketSender transport, String userAgent) {
        this.transport = transport;
        this.userAgent = userAgent;
        this.userAgentHeader = header("User-Agent", userAgent);
    }

    /** A URI as written and as parsed; the parsed one is only ever cloned. */
    private record ParsedUri(String text, URI uri) {
    }

    /** Our Contact address for one local listener address. */
    private record LocalContact(InetSocketAddress local, Address address) {
    }

    /** A tag or Call-ID part: RFC 3261 §19.3 asks for at least 32 bits of randomness. */
    String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    SIPRequest invite(InviteRequest spec, Endpoint target, String callId, String fromTag, long cseq) {
        try {
            // A dialer sends many INVITEs to the same URIs: each is parsed once, then cloned.
            ParsedUri parsedRequestUri = parsed(lastRequestUri, spec.requestUri());
            lastRequestUri = parsedRequestUri;
            ParsedUri parsedFrom = parsed(lastFrom, spec.from());
            lastFrom = parsedFrom;
            URI requestUri = (URI) parsedRequestUri.uri().clone();
            Address fromAddress = SipFactories.ADDRESSES.createAddress((URI) parsedFrom.uri().clone());
            if (spec.fromDisplay() != null) {
                fromAddress.setDisplayName(spec.fromDisplay());
            }
            Address toAddress = SipFactories.ADDRESSES.createAddress((URI) requestUri.clone());
            if (toAddress.getURI() instanceof SipURI toUri) {
                toUri.removeParameter("transport");
            }
            SIPRequest invite = (SIPRequest) SipFactories.MESSAGES.createRequest(requestUri, "INVITE",
                    SipFactories.HEADERS.createCallIdHeader(callId),
                    SipFactories.HEADERS.createCSeqHeader(cseq, "INVITE"),
                    SipFactories.HEADERS.createFromHeader(fromAddress, fromTag),
                    SipFactories.HEADERS.createToHeader(toAddress, null),
                    new ArrayList<>(), SipFactories.HEADERS.createMaxForwardsHeader(70));
            invite.setHeader(SipFactories.HEADERS.createContactHeader(contact(target)));
            addAllow(invite);
            invite.setHeader((Header) userAgentHeader.clone());
            for (Map.Entry<String, String> h : spec.headers().entrySet()) {
                invite.addHeader(SipFactories.HEADERS.createHeader(h.getKey(), h.getValue()));
            }
            if (spec.sdp() != null) {
                setSdp(invite, spec.sdp());
            }
            return withVia(invite, target);
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalArgumentException("cannot build INVITE to " + spec.requestUri() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A request outside any dialog (RFC 3261 §8.1.1): To is the Request-URI
     * without a tag, From our Contact URI with a tag, CSeq 1, Max-Forwards 70,
     * then the extra headers, each replacing any header of its name.
     */
    SIPRequest outOfDialog(String method, String requestUri, Endpoint target, String callId, String fromTag,
                           Map<String, String> headers) {
        try {
            URI uri = SipFactories.ADDRESSES.createURI(requestUri);
            Address toAddress = SipFactories.ADDRESSES.createAddress((URI) uri.clone());
            if (toAddress.getURI() instanceof SipURI toUri) {
                toUri.removeParameter("transport");
            }
            Address fromAddress = contact(target);
            SIPRequest request = (SIPRequest) SipFactories.MESSAGES.createRequest(uri, method,
                    SipFactories.HEADERS.createCallIdHeader(callId),
                    SipFactories.HEADERS.createCSeqHeader(1L, method),
                    SipFactories.HEADERS.createFromHeader(fromAddress, fromTag),
                    SipFactories.HEADERS.createToHeader(toAddress, null),
                    new ArrayList<>(), SipFactories.HEADERS.createMaxForwardsHeader(70));
            request.setHeader(SipFactories.HEADERS.createContactHeader(contact(target)));
            request.setHeader((Header) userAgentHeader.clone());
            for (Header h : headers(headers)) {
                request.setHeader((Header) h.clone());
            }
            return withVia(request, target);
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalArgumentException("cannot build " + method + " to " + requestUri + ": " + e.getMessage(), e);
        }
    }

    /**
     * Puts our Via on top with a fresh branch (RFC 3261 §8.1.1.7) and the
     * rport parameter (RFC 3581 §3), so responses find us through NAT.
     */
    SIPRequest withVia(SIPRequest request, Endpoint target) {
        try {
            InetSocketAddress local = local(target.transport());
            Via via = (Via) SipFactories.HEADERS.createViaHeader(local.getAddress().getHostAddress(),
                    local.getPort(), target.transport().token(), BranchIds.create());
            via.setRPort();
            request.removeHeader(Via.NAME, true);
            request.addFirst(via);
            return request;
        } catch (ParseException | InvalidArgumentException | javax.sip.SipException e) {
            throw new IllegalStateException("cannot add Via to " + request.getMethod(), e);
        }
    }

    private static ParsedUri parsed(ParsedUri last, String text) throws ParseException {
        if (last != null && last.text().equals(text)) {
            return last;
        }
        return new ParsedUri(text, SipFactories.ADDRESSES.createURI(text));
    }

    /** Our Contact for requests and dialogs over the target's transport (RFC 3261 §8.1.1.8). */
    Address contact(Endpoint target) {
        InetSocketAddress local = local(target.transport());
        LocalContact cached = contacts.get(target.transport());
        if (cached == null || !cached.local().equals(local)) {
            cached = new LocalContact(local, newContact(target.transport(), local));
            contacts.put(target.transport(), cached);
        }
        return (Address) cached.address().clone();
    }

    private static Address newContact(Transport transport, InetSocketAddress local) {
        try {
            SipURI uri = SipFactories.ADDRESSES.createSipURI("dialer", local.getAddress().getHostAddress());
            uri.setPort(local.getPort());
            if (transport != Transport.UDP) {
                uri.setTransportParam(transport.token().toLowerCase(java.util.Locale.ROOT));
            }
            return SipFactories.ADDRESSES.createAddress(uri);
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build Contact", e);
        }
    }

    /**
     * Our address for a transport. A stack that dials out over TLS without a
     * TLS listener (no certificate of its own) names its TCP listener: the
     * responses come back on the TLS connection anyway (RFC 3261 §18.2.2), and
     * new requests from the peer can reach it there.
     */
    private InetSocketAddress local(Transport t) {
        try {
            return transport.localAddress(t);
        } catch (IllegalStateException notListening) {
            if (t == Transport.TLS) {
                return transport.localAddress(Transport.TCP);
            }
            throw notListening;
        }
    }

    void setSdp(gov.nist.javax.sip.message.SIPMessage request, byte[] sdp) {
        try {
            request.setContent(sdp, sdpType());
        } catch (ParseException e) {
            throw new IllegalStateException("cannot set SDP body", e);
        }
    }

    /** A response with a To tag where the request had none (RFC 3261 §8.2.6.2). */
    SIPResponse response(SIPRequest request, int status, String phrase) {
        SIPResponse response = request.createResponse(status, phrase);
        if (status != 100 && response.getToTag() == null) {
            response.setToTag(token(6));
        }
        return response;
    }

    SIPResponse okWithSdp(SIPRequest request, byte[] sdp, Address contact) {
        SIPResponse ok = response(request, 200, "OK");
        ok.setHeader(SipFactories.HEADERS.createContactHeader(contact));
        if (sdp != null) {
            try {
                ok.setContent(sdp, sdpType());
            } catch (ParseException e) {
                throw new IllegalStateException("cannot set SDP body", e);
            }
        }
        return ok;
    }

    /** The 200 to OPTIONS (RFC 3261 §11.2): what we allow, accept and support. */
    SIPResponse optionsOk(SIPRequest request) {
        SIPResponse ok = response(request, 200, "OK");
        addAllow(ok);
        for (Header h : List.of(header("Accept", "application/sdp"), header("Server", userAgent))) {
            ok.setHeader(h);
        }
        return ok;
    }

    /** The methods we accept (RFC 3261 §20.5), one Allow value per method. */
    private void addAllow(gov.nist.javax.sip.message.SIPMessage message) {
        message.setHeader((AllowList) allow.clone());
    }

    /** One Allow header field listing every method, as jain-sip joins separately added Allow values. */
    private static AllowList allowList() {
        try {
            AllowList list = new AllowList();
            for (String method : ALLOW) {
                list.add((Allow) SipFactories.HEADERS.createAllowHeader(method));
            }
            return list;
        } catch (ParseException e) {
            throw new IllegalStateException("bad Allow value", e);
        }
    }

    /**
     * Parses extra headers given as name to value, in the map's iteration
     * order; the results are templates to clone into each message.
     *
     * @throws IllegalArgumentException naming the header that does not parse
     */
    static List<Header> headers(Map<String, String> headers) {
        if (headers == null || headers.isEmpty()) {
            return List.of();
        }
        List<Header> parsed = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> h : headers.entrySet()) {
            try {
                parsed.add(SipFactories.HEADERS.createHeader(h.getKey(), h.getValue()));
            } catch (ParseException | RuntimeException e) {
                throw new IllegalArgumentException("bad " + h.getKey() + " header '" + h.getValue() + "': "
                        + e.getMessage(), e);
            }
        }
        return List.copyOf(parsed);
    }

    private static Header header(String name, String value) {
        try {
            return SipFactories.HEADERS.createHeader(name, value);
        } catch (ParseException e) {
            throw new IllegalStateException(name, e);
        }
    }

    private static ContentTypeHeader sdpType() throws ParseException {
        return SipFactories.HEADERS.createContentTypeHeader("application", "sdp");
    }
}
