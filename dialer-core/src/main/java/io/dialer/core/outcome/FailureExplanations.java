package io.dialer.core.outcome;

import io.dialer.sip.transaction.TransactionFailure;
import io.dialer.sip.ua.CallFailure;

/**
 * Explanations for INVITEs that got no usable answer at all: transaction
 * timeout, transport failure, DNS failure (telephony_provider_unavailable).
 */
final class FailureExplanations {

    private FailureExplanations() {
    }

    /** E.g. "No response to the INVITE from udp:127.0.0.1:5062 within 32.0 s (Timer B); ...". */
    static String unreachable(CallEvidence evidence, CallFailure failure) {
        if (failure instanceof CallFailure.NoResponse none) {
            String targets = Explanations.orElse(none.targetsTried(), Explanations.orElse(evidence.peer(), "the trunk"));
            TransactionFailure cause = none.cause();
            if (cause instanceof TransactionFailure.Timeout timeout) {
                return "No response to the INVITE from " + targets + " within "
                        + Explanations.seconds(Explanations.sinceDialing(evidence)) + " (" + timer(timeout)
                        + "); the telephony provider did not answer.";
            }
            if (cause instanceof TransactionFailure.TransportFailure transport) {
                return "The INVITE could not be delivered to " + targets + ": "
                        + Explanations.orElse(transport.cause().getMessage(), "the transport failed") + ".";
            }
            return "The INVITE to " + targets + " got no response: "
                    + (cause == null ? "no detail was given" : cause.describe()) + ".";
        }
        if (failure instanceof CallFailure.ResolutionFailed resolution) {
            return "The trunk's address could not be resolved: "
                    + Explanations.orElse(resolution.reason(), "the DNS lookup failed") + "; no INVITE was sent.";
        }
        return "The INVITE got no usable response: " + Explanations.orElse(failure.describe(), "no detail was given") + ".";
    }

    /** RFC 3261 §17.1.1.2 Timer B, or the §9.1 wait after CANCEL. */
    private static String timer(TransactionFailure.Timeout timeout) {
        if ("CANCEL_GUARD".equals(timeout.timerName())) {
            return "no final response after CANCEL, RFC 3261 §9.1";
        }
        return "Timer " + timeout.timerName();
    }
}
