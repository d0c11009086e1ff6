package io.dialer.sip.ua;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;

/**
 * What happens to an outbound INVITE session, in order: provisional responses,
 * then exactly one of {@link Answered}, {@link Rejected} or {@link Failed},
 * and after an answer exactly one {@link Ended}.
 */
public sealed interface CallEvent {

    /** A 1xx response (RFC 3261 §13.2.2.1); 183 may carry early media SDP. */
    record Provisional(SIPResponse response) implements CallEvent { }

    /** The first 2xx; the UA core has sent the ACK (RFC 3261 §13.2.2.4). */
    record Answered(SIPResponse response) implements CallEvent { }

    /** A final non-2xx response after auth retries and failover were used up. */
    record Rejected(SIPResponse response) implements CallEvent { }

    /** No final response could be had: see the failure for why. */
    record Failed(CallFailure failure) implements CallEvent { }

    /** The confirmed dialog ended. */
    record Ended(EndCause cause, SIPRequest remoteBye, SIPResponse byeResponse, CallFailure failure)
            implements CallEvent { }

    /** Who or what ended an answered call. */
    enum EndCause {
        /** The far end sent BYE. */
        REMOTE_BYE,
        /** We sent BYE (hangup, or a 2xx that crossed our CANCEL). */
        LOCAL_BYE,
        /** An in-dialog request failed with 408/481 or a transport error (RFC 3261 §12.2.1.2). */
        DIALOG_LOST
    }
}
