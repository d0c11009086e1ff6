package io.dialer.core.outcome;

import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.core.DisconnectionReason;

/**
 * Explanations for calls that ended with a final failure response, e.g.
 * "The callee's line was busy (486 Busy Here; Q.850 cause 17 User busy) from
 * udp 127.0.0.1:5062 after ringing 1.0 s." Each names the status code and
 * phrase, the Q.850 cause when present, the sender, and the ring time.
 */
final class RejectionExplanations {

    private RejectionExplanations() {
    }

    static String explain(DisconnectionReason reason, CallEvidence evidence, RejectionEvidence seen) {
        SIPResponse response = seen.response();
        String facts = Explanations.facts(response, seen.q850());
        String where = Explanations.source(evidence.peer(), response) + Explanations.timing(evidence);
        return switch (reason) {
            case INVALID_DESTINATION -> "The network reported the destination as unknown or incomplete (" + facts + ")"
                    + where + ".";
            case DIAL_BUSY -> "The callee's line was busy (" + facts + ")" + where + ".";
            case DIAL_NO_ANSWER -> "The callee did not answer (" + facts + ")" + where + ".";
            case USER_DECLINED -> "The callee declined the call (" + facts + ")" + where + ".";
            case MARKED_AS_SPAM -> "The call was blocked as spam or unwanted (" + facts + ")" + where + "; "
                    + seen.spam().orElse("the response says so") + ".";
            case VOICEMAIL_PRECONNECT -> voicemail(evidence, seen, facts, where);
            case TELEPHONY_PROVIDER_PERMISSION_DENIED -> "The trunk refused the call (" + facts + ")" + where + "; "
                    + (evidence.credentialsConfigured()
                            ? "credentials are configured for this trunk, so check that the account may call this"
                                    + " destination with this caller ID"
                            : "no credentials are configured for this trunk, so it may require digest authentication"
                                    + " or an allowed source address")
                    + ".";
            case TELEPHONY_PROVIDER_UNAVAILABLE -> "The telephony provider could not take the call (" + facts + ")"
                    + where + RetryAfter.of(response)
                            .map(delay -> "; it asked to retry after " + Explanations.configured(delay) + " (Retry-After)")
                            .orElse("")
                    + ".";
            case SIP_ROUTING_ERROR -> Redirects.isRedirect(seen.code())
                    ? "The call was redirected back to the number it was sent to (" + facts + contact(response) + ")"
                            + where + "; that is a redirect loop."
                    : "The request looped or ran out of hops on its way to the callee (" + facts + ")" + where
                            + "; check the trunk's routing.";
            default -> failed(seen.code(), response, facts, where);
        };
    }

    /** Diversion signs are the carrier's own word; the long-ring rule is an inference, and says so. */
    private static String voicemail(CallEvidence evidence, RejectionEvidence seen, String facts, String where) {
        if (seen.diversion().isEmpty()) {
            return "The call ended with " + facts + where + ", at least voicemail.preconnect_min_ring ("
                    + evidence.settings().preconnectMinRing().map(Explanations::configured).orElse("configured")
                    + "), so a carrier mailbox most likely took it before answer.";
        }
        return "The carrier diverted the call to voicemail before answer (" + String.join("; ", seen.voicemailSigns())
                + "); it ended with " + facts + where + ".";
    }

    /** dial_failed: redirects, media refusals and codes without a row of their own; always names the code. */
    private static String failed(int code, SIPResponse response, String facts, String where) {
        if (Redirects.isRedirect(code)) {
            return "The call was redirected (" + facts + contact(response) + ")" + where + "; the dialer does not"
                    + " follow redirects.";
        }
        if (code == 488 || code == 606) {
            return "The far end did not accept the call's media offer (" + facts + ")" + where
                    + "; check the codecs offered.";
        }
        return "The call failed (" + facts + ")" + where + "; the dialer has no more specific reason for status "
                + code + ".";
    }

    private static String contact(SIPResponse response) {
        return Redirects.contact(response).map(c -> "; Contact " + c).orElse("; no Contact");
    }
}
