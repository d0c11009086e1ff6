package io.dialer.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A transfer of an answered call.
 *
 * @param target   where to: a number (E.164, or national in the dialer's region) reached through the call's
 *                 trunk, or a SIP URI
 * @param mode     how
 * @param callerId whose number the transfer presents: the callee's ({@link CallerIdChoice#USER}) or ours
 *                 ({@link CallerIdChoice#AGENT})
 * @param timeout  how long to wait for the transfer's outcome before calling it failed (the call stays up)
 * @param retryAsAgent with {@link CallerIdChoice#USER}: when the trunk refuses the new leg with 403 or 603,
 *                 try once more presenting our number (both attempts are recorded)
 */
public record TransferRequest(String target, TransferMode mode, CallerIdChoice callerId, Duration timeout,
                              boolean retryAsAgent) {

    public TransferRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(callerId, "callerId");
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    }

    /** A REFER to the target presenting the agent's number, 60 s to complete. */
    public static TransferRequest refer(String target) {
        return new TransferRequest(target, TransferMode.REFER, CallerIdChoice.AGENT, Duration.ofSeconds(60), true);
    }

    /** A new INVITE leg to the target, bridged when it answers; presents the agent's number. */
    public static TransferRequest invite(String target) {
        return new TransferRequest(target, TransferMode.INVITE, CallerIdChoice.AGENT, Duration.ofSeconds(60), true);
    }

    /** REFER first; a new INVITE leg when the REFER is refused or fails before the target rang. */
    public static TransferRequest auto(String target) {
        return new TransferRequest(target, TransferMode.AUTO, CallerIdChoice.AGENT, Duration.ofSeconds(60), true);
    }

    public TransferRequest presenting(CallerIdChoice choice) {
        return new TransferRequest(target, mode, choice, timeout, retryAsAgent);
    }

    public TransferRequest withoutAgentRetry() {
        return new TransferRequest(target, mode, callerId, timeout, false);
    }

    /** How a transfer is carried out. */
    public enum TransferMode {
        /** The far end is asked to call the target (RFC 3515); our leg leaves once it reports success. */
        REFER,
        /** We call the target on a new leg through the trunk and bridge the two calls' audio. */
        INVITE,
        /** REFER, falling back to INVITE when the REFER is refused or fails before the target rang. */
        AUTO
    }

    /** Whose number the transferred call presents (RFC 3325). */
    public enum CallerIdChoice {
        /** The callee's own number. */
        USER,
        /** The calling number of our call (the agent's). */
        AGENT
    }
}
