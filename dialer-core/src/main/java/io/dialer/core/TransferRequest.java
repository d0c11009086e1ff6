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
 */
public record TransferRequest(String target, TransferMode mode, CallerIdChoice callerId, Duration timeout) {

    public TransferRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(callerId, "callerId");
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    }

    /** A REFER to the target presenting the agent's number, 60 s to complete. */
    public static TransferRequest refer(String target) {
        return new TransferRequest(target, TransferMode.REFER, CallerIdChoice.AGENT, Duration.ofSeconds(60));
    }

    public TransferRequest presenting(CallerIdChoice choice) {
        return new TransferRequest(target, mode, choice, timeout);
    }

    /** How a transfer is carried out. */
    public enum TransferMode {
        /** The far end is asked to call the target (RFC 3515); our leg leaves once it reports success. */
        REFER
    }

    /** Whose number the transferred call presents (RFC 3325). */
    public enum CallerIdChoice {
        /** The callee's own number. */
        USER,
        /** The calling number of our call (the agent's). */
        AGENT
    }
}
