package io.dialer.sip.ua;

import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.sip.transaction.TransactionFailure;

/** Why an INVITE got no usable final response. Each keeps its evidence. */
public sealed interface CallFailure {

    /** Plain words for logs and call records. */
    String describe();

    /** The transaction timed out or the transport failed, on the last target tried. */
    record NoResponse(TransactionFailure cause, String targetsTried) implements CallFailure {
        @Override
        public String describe() {
            return cause.describe() + " (tried " + targetsTried + ")";
        }
    }

    /** The trunk refused our credentials, or challenged when we had none (RFC 3261 §22). */
    record AuthRejected(String reason, SIPResponse challenge) implements CallFailure {
        @Override
        public String describe() {
            return reason;
        }
    }

    /** The trunk's host name could not be resolved to any target (RFC 3263). */
    record ResolutionFailed(String reason) implements CallFailure {
        @Override
        public String describe() {
            return reason;
        }
    }

    /** The application canceled the call before the INVITE could be sent. */
    record Canceled() implements CallFailure {
        @Override
        public String describe() {
            return "canceled before the INVITE was sent";
        }
    }
}
