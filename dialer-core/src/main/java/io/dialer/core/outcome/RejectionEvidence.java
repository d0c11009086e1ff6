package io.dialer.core.outcome;

import gov.nist.javax.sip.message.SIPResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a final failure response and the provisionals before it showed,
 * gathered once for both the decision and its explanation.
 *
 * @param response  the final response
 * @param q850      its Q.850 cause (RFC 3326 Reason), if any
 * @param spam      what marks it as a spam block, if anything
 * @param diversion the 181 / Diversion / History-Info signs, in arrival order
 * @param longRing  the voicemail.preconnect_min_ring sign, if that rule matched
 */
record RejectionEvidence(SIPResponse response, Optional<Q850Cause> q850, Optional<String> spam,
                         List<String> diversion, Optional<String> longRing) {

    RejectionEvidence {
        diversion = List.copyOf(diversion);
    }

    int code() {
        return response.getStatusCode();
    }

    /** Every pre-connect voicemail sign: the diversion signs, then the long-ring one. */
    List<String> voicemailSigns() {
        List<String> signs = new ArrayList<>(diversion);
        longRing.ifPresent(signs::add);
        return List.copyOf(signs);
    }
}
