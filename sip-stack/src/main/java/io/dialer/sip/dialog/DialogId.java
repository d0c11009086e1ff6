package io.dialer.sip.dialog;

import java.util.Objects;

/**
 * RFC 3261 §12: a dialog is identified by the Call-ID, the local tag and the
 * remote tag. Seen from each side, local and remote swap.
 */
public record DialogId(String callId, String localTag, String remoteTag) {

    public DialogId {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(localTag, "localTag");
        Objects.requireNonNull(remoteTag, "remoteTag");
    }

    @Override
    public String toString() {
        return callId + ";local=" + localTag + ";remote=" + remoteTag;
    }
}
