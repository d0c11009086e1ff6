package io.dialer.sip.ua;

import gov.nist.javax.sip.message.SIPResponse;

/**
 * What happens to a REFER we sent (RFC 3515) and its implicit subscription:
 * one of {@link Accepted}, {@link Refused} or {@link Failed}; after Accepted,
 * a {@link Progress} for each NOTIFY, the last one {@code terminated}.
 */
public sealed interface ReferEvent {

    /** The REFER was accepted (202, or any 2xx; RFC 3515 §2.4.2). */
    record Accepted(SIPResponse response) implements ReferEvent { }

    /** The REFER got a final non-2xx response (e.g. 403, 405, 501, 603). */
    record Refused(SIPResponse response) implements ReferEvent { }

    /** The REFER could not be sent or got no response; {@code reason} says why. */
    record Failed(String reason) implements ReferEvent { }

    /**
     * A NOTIFY of the referral's progress (RFC 3515 §2.4.5): the status line of
     * its {@code message/sipfrag} body, e.g. 100 Trying, 180 Ringing, 200 OK, 486 Busy Here.
     *
     * @param status       the sipfrag status code, 0 when the body has no status line
     * @param reasonPhrase the sipfrag reason phrase
     * @param terminated   whether the subscription ended with this NOTIFY (Subscription-State: terminated)
     */
    record Progress(int status, String reasonPhrase, boolean terminated) implements ReferEvent { }
}
