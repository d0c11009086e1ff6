package io.dialer.core.outcome;

import io.dialer.core.CallStatus;
import io.dialer.core.DisconnectionReason;
import java.util.Objects;

/**
 * How a call ended, as the call record states it (design.md §4).
 *
 * @param status          the terminal status, always {@code reason.status()}
 * @param reason          the disconnection reason
 * @param sipStatus       the final response's status code, null where there was none
 * @param sipReasonPhrase the final response's reason phrase, null where there was none
 * @param q850Cause       the Q.850 cause of a Reason header (RFC 3326), null where absent
 * @param q850Text        the ITU-T Q.850 name of that cause (or the header's text), null where absent
 * @param explanation     one or two plain sentences naming the evidence; never null or "undefined"
 * @param voicemail       pre-connect voicemail evidence
 */
public record Outcome(CallStatus status, DisconnectionReason reason, Integer sipStatus, String sipReasonPhrase,
                      Integer q850Cause, String q850Text, String explanation, Voicemail voicemail) {

    public Outcome {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(explanation, "explanation");
        if (status != reason.status()) {
            throw new IllegalArgumentException(reason + " belongs to " + reason.status() + ", not " + status);
        }
        voicemail = voicemail == null ? Voicemail.none() : voicemail;
    }
}
