package io.dialer.core.outcome;

import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.message.SIPResponse;
import java.util.ListIterator;
import java.util.Objects;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.address.URI;

/**
 * 3xx responses. The dialer does not follow redirects (a trunk that wants a
 * call elsewhere should route it), so a 3xx is {@code dial_failed} naming
 * where it pointed, unless it points straight back at the number we dialed:
 * that redirect loop is a {@code sip_routing_error} (design.md §4).
 */
final class Redirects {

    private Redirects() {
    }

    static boolean isRedirect(int code) {
        return code >= 300 && code < 400;
    }

    /** The first Contact of {@code response} as it was sent, e.g. {@code <sip:+1555@10.0.0.1>}. */
    static Optional<String> contact(SIPResponse response) {
        return HeaderValues.first(response, "Contact");
    }

    /**
     * True when a Contact of the 3xx names the same user, host and port as the
     * To URI, i.e. the target we asked for: following it would send the same
     * INVITE again (RFC 3261 §8.1.3.4 leaves loop avoidance to the UAC).
     */
    static boolean loopsBack(SIPResponse response) {
        try {
            if (response.getTo() == null || response.getTo().getAddress() == null) {
                return false;
            }
            URI dialed = response.getTo().getAddress().getURI();
            ListIterator<?> contacts = response.getHeaders("Contact");
            while (contacts != null && contacts.hasNext()) {
                Object header = contacts.next();
                if (header instanceof Contact contact && contact.getAddress() != null
                        && sameTarget(dialed, contact.getAddress().getURI())) {
                    return true;
                }
            }
        } catch (RuntimeException unreadable) {
            // A Contact jain-sip could not model is no evidence of a loop.
        }
        return false;
    }

    private static boolean sameTarget(URI dialed, URI contact) {
        if (dialed instanceof SipURI a && contact instanceof SipURI b) {
            return Objects.equals(a.getUser(), b.getUser()) && a.getHost() != null
                    && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
        }
        return false;
    }

    /** The port with the RFC 3261 §19.1.2 default filled in, so {@code x} and {@code x:5060} compare equal. */
    private static int port(SipURI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return uri.isSecure() ? 5061 : 5060;
    }
}
