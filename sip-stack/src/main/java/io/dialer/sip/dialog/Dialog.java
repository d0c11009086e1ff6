package io.dialer.sip.dialog;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.message.SipFactories;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Request;

/**
 * The dialog state of RFC 3261 §12: identifiers, route set, remote target and
 * both sequence numbers, seen from one side. Not thread-safe: a call's dialog
 * lives on its stack's scheduler thread.
 */
public final class Dialog {

    /** Which side created the dialog (RFC 3261 §12.1.1 UAS, §12.1.2 UAC). */
    public enum Role { UAC, UAS }

    private static final long EMPTY = -1;

    private final DialogId id;
    private final Role role;
    private final Address localParty;
    private final Address remoteParty;
    private final Address localContact;
    private final boolean secure;
    private DialogState state;
    private URI remoteTarget;
    private List<Address> routeSet;
    private long localSeq;
    private long remoteSeq;

    private Dialog(DialogId id, Role role, Address localParty, Address remoteParty, Address localContact,
                   boolean secure, DialogState state, URI remoteTarget, List<Address> routeSet,
                   long localSeq, long remoteSeq) {
        this.id = id;
        this.role = role;
        this.localParty = localParty;
        this.remoteParty = remoteParty;
        this.localContact = localContact;
        this.secure = secure;
        this.state = state;
        this.remoteTarget = remoteTarget;
        this.routeSet = routeSet;
        this.localSeq = localSeq;
        this.remoteSeq = remoteSeq;
    }

    /**
     * The UAC's dialog from a response with a To tag to its INVITE (RFC 3261
     * §12.1.2): route set from Record-Route in reverse order, remote target
     * from Contact, local sequence from the request's CSeq, remote sequence
     * empty. A 1xx makes an early dialog, a 2xx a confirmed one.
     *
     * @throws IllegalArgumentException when the response has no To tag or is not 1xx/2xx
     */
    public static Dialog forUac(SIPRequest request, SIPResponse response, Address localContact) {
        String remoteTag = response.getToTag();
        if (remoteTag == null || remoteTag.isEmpty()) {
            throw new IllegalArgumentException("a response without a To tag creates no dialog (RFC 3261 §12.1.2)");
        }
        int status = response.getStatusCode();
        if (status < 101 || status >= 300) {
            throw new IllegalArgumentException("only 101-299 responses create dialogs, got " + status);
        }
        DialogId id = new DialogId(request.getCallId().getCallId(), request.getFromTag(), remoteTag);
        DialogState state = status < 200 ? DialogState.EARLY : DialogState.CONFIRMED;
        return new Dialog(id, Role.UAC, cloneAddress(request.getFrom().getAddress()),
                cloneAddress(request.getTo().getAddress()), localContact, isSecure(request), state,
                contactUri(response, request.getRequestURI()), routeSet(response, true),
                request.getCSeq().getSeqNumber(), EMPTY);
    }

    /**
     * The UAS's dialog for a dialog-creating request it answers with a tagged
     * 1xx or 2xx (RFC 3261 §12.1.1): route set from Record-Route in order,
     * remote target from Contact, remote sequence from CSeq, local sequence
     * empty until the first request we send.
     */
    public static Dialog forUas(SIPRequest request, String localTag, Address localContact, DialogState state) {
        Objects.requireNonNull(localTag, "localTag");
        String remoteTag = request.getFromTag() == null ? "" : request.getFromTag();
        DialogId id = new DialogId(request.getCallId().getCallId(), localTag, remoteTag);
        return new Dialog(id, Role.UAS, cloneAddress(request.getTo().getAddress()),
                cloneAddress(request.getFrom().getAddress()), localContact, isSecure(request), state,
                contactUri(request, null), routeSet(request, false), EMPTY, request.getCSeq().getSeqNumber());
    }

    public DialogId id() {
        return id;
    }

    public Role role() {
        return role;
    }

    public DialogState state() {
        return state;
    }

    public URI remoteTarget() {
        return remoteTarget;
    }

    /** The route set, in the order Route headers are put into requests. */
    public List<Address> routeSet() {
        return routeSet;
    }

    public long localSequence() {
        return localSeq;
    }

    /** The remote sequence number, or -1 while it is empty. */
    public long remoteSequence() {
        return remoteSeq;
    }

    /**
     * A 2xx confirms an early dialog. For the UAC (RFC 3261 §13.2.2.4) the
     * route set is recomputed from the 2xx and its Contact refreshes the remote
     * target. For the UAS the 2xx is our own: its Contact is ours, and the
     * remote target stays the caller's Contact from the INVITE (§12.1.1).
     */
    public void confirm(SIPResponse ok) {
        if (state == DialogState.TERMINATED) {
            return;
        }
        state = DialogState.CONFIRMED;
        if (role == Role.UAC) {
            routeSet = routeSet(ok, true);
            remoteTarget = contactUri(ok, remoteTarget);
        }
    }

    public void terminate() {
        state = DialogState.TERMINATED;
    }

    /**
     * Applies RFC 3261 §12.2.2 to a request received in this dialog: a CSeq
     * lower than the remote sequence number is out of order (the caller answers
     * 500); otherwise the remote sequence advances, and a target refresh
     * request (re-INVITE, UPDATE: RFC 3261 §12.2, RFC 3311 §5.2) replaces the
     * remote target with its Contact. ACK and CANCEL carry the sequence number
     * of the request they belong to, so they are not checked.
     *
     * @return false when the request is out of order
     */
    public boolean acceptRemoteRequest(SIPRequest request) {
        String method = request.getMethod();
        if (Request.ACK.equals(method) || Request.CANCEL.equals(method)) {
            return true;
        }
        long seq = request.getCSeq().getSeqNumber();
        if (remoteSeq != EMPTY && seq < remoteSeq) {
            return false;
        }
        remoteSeq = seq;
        if (isTargetRefresh(method)) {
            remoteTarget = contactUri(request, remoteTarget);
        }
        return true;
    }

    /** A 2xx to a target refresh request we sent replaces the remote target (RFC 3261 §12.2.1.2). */
    public void onTargetRefreshResponse(SIPResponse ok) {
        if (ok.getStatusCode() / 100 == 2 && isTargetRefresh(ok.getCSeq().getMethod())) {
            remoteTarget = contactUri(ok, remoteTarget);
        }
    }

    /**
     * Builds a request within the dialog (RFC 3261 §12.2.1.1), without a Via:
     * the caller adds its own with a fresh branch. The local sequence number
     * advances, except for ACK and CANCEL.
     */
    public SIPRequest createRequest(String method) {
        if (Request.ACK.equals(method) || Request.CANCEL.equals(method)) {
            throw new IllegalArgumentException(method + " is built from the request it belongs to, not the dialog");
        }
        if (localSeq == EMPTY) {
            localSeq = 0;
        }
        localSeq++;
        return build(method, localSeq);
    }

    /**
     * Records a CSeq we used outside {@link #createRequest}: a request resent
     * with credentials carries the next number (RFC 3261 §22.2, §8.1.3.5), and
     * the following request must go above it (§12.2.1.1).
     */
    public void advanceLocalSequence(long seq) {
        if (seq > localSeq) {
            localSeq = seq;
        }
    }

    /**
     * The ACK for a 2xx to an INVITE of this dialog (RFC 3261 §13.2.2.4): built
     * like any in-dialog request, with the INVITE's CSeq number, method ACK,
     * and the same credentials as the INVITE.
     */
    public SIPRequest createAck(SIPRequest invite) {
        SIPRequest ack = build(Request.ACK, invite.getCSeq().getSeqNumber());
        copyHeaders(invite, ack, AuthorizationHeader.NAME);
        copyHeaders(invite, ack, ProxyAuthorizationHeader.NAME);
        return ack;
    }

    /** Where the request goes first: the top Route, or the Request-URI when there is none (RFC 3261 §8.1.2). */
    public static URI nextHop(SIPRequest request) {
        var routes = request.getRouteHeaders();
        if (routes != null && !routes.isEmpty()) {
            return ((Route) routes.getFirst()).getAddress().getURI();
        }
        return request.getRequestURI();
    }

    private SIPRequest build(String method, long seq) {
        try {
            URI requestUri;
            List<Address> routes;
            if (routeSet.isEmpty() || isLooseRouter(routeSet.get(0))) {
                requestUri = (URI) remoteTarget.clone();
                routes = routeSet;
            } else {
                // RFC 3261 §12.2.1.1: a strict router in front takes the Request-URI
                // and the remote target goes to the end of the Route set.
                requestUri = (URI) routeSet.get(0).getURI().clone();
                if (requestUri instanceof SipUri sip) {
                    sip.removeParameter("lr");
                }
                routes = new ArrayList<>(routeSet.subList(1, routeSet.size()));
                routes.add(SipFactories.ADDRESSES.createAddress((URI) remoteTarget.clone()));
            }
            var from = SipFactories.HEADERS.createFromHeader(cloneAddress(localParty), id.localTag());
            var to = SipFactories.HEADERS.createToHeader(cloneAddress(remoteParty),
                    id.remoteTag().isEmpty() ? null : id.remoteTag());
            var callId = SipFactories.HEADERS.createCallIdHeader(id.callId());
            var cseq = SipFactories.HEADERS.createCSeqHeader(seq, method);
            var maxForwards = SipFactories.HEADERS.createMaxForwardsHeader(70);
            SIPRequest request = (SIPRequest) SipFactories.MESSAGES.createRequest(
                    requestUri, method, callId, cseq, from, to, new ArrayList<>(), maxForwards);
            for (Address route : routes) {
                request.addHeader(SipFactories.HEADERS.createRouteHeader(cloneAddress(route)));
            }
            if (localContact != null && needsContact(method)) {
                request.setHeader(SipFactories.HEADERS.createContactHeader(cloneAddress(localContact)));
            }
            return request;
        } catch (ParseException | javax.sip.InvalidArgumentException e) {
            // Every value comes from a message that already parsed, so this is a bug, not bad input.
            throw new IllegalStateException("cannot build " + method + " in dialog " + id, e);
        }
    }

    private static boolean needsContact(String method) {
        // RFC 3261 §8.1.1.8 and RFC 3515 §2.4.1: target refresh and REFER requests carry Contact.
        return isTargetRefresh(method) || Request.REFER.equals(method) || Request.SUBSCRIBE.equals(method)
                || Request.NOTIFY.equals(method);
    }

    private static boolean isTargetRefresh(String method) {
        return Request.INVITE.equals(method) || Request.UPDATE.equals(method);
    }

    private static boolean isLooseRouter(Address route) {
        return route.getURI() instanceof javax.sip.address.SipURI sip && sip.hasLrParam();
    }

    private static List<Address> routeSet(SIPMessage message, boolean reverse) {
        RecordRouteList recordRoutes = message.getRecordRouteHeaders();
        if (recordRoutes == null || recordRoutes.isEmpty()) {
            return List.of();
        }
        List<Address> routes = new ArrayList<>();
        for (RecordRoute rr : recordRoutes) {
            routes.add(cloneAddress(rr.getAddress()));
        }
        if (reverse) {
            Collections.reverse(routes);
        }
        return List.copyOf(routes);
    }

    private static URI contactUri(SIPMessage message, URI fallback) {
        Contact contact = message.getContactHeader();
        if (contact == null || contact.getAddress() == null || contact.isWildCard()) {
            return fallback;
        }
        return (URI) contact.getAddress().getURI().clone();
    }

    private static boolean isSecure(SIPRequest request) {
        // RFC 3261 §12.1.1: the dialog is secure when the request came over TLS with a sips Request-URI.
        return "sips".equalsIgnoreCase(request.getRequestURI().getScheme());
    }

    private static Address cloneAddress(Address address) {
        return (Address) address.clone();
    }

    private static void copyHeaders(SIPMessage from, SIPMessage to, String name) {
        ListIterator<SIPHeader> it = from.getHeaders(name);
        while (it != null && it.hasNext()) {
            to.addHeader((SIPHeader) it.next().clone());
        }
    }

    public boolean secure() {
        return secure;
    }

    @Override
    public String toString() {
        return "Dialog[" + role + " " + state + " " + id + " target=" + remoteTarget + " localSeq=" + localSeq
                + " remoteSeq=" + remoteSeq + "]";
    }
}
