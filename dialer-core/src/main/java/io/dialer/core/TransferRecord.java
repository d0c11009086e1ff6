package io.dialer.core;

import java.util.List;

/**
 * The {@code transfer} part of a call record: where the call was to go, how it
 * went, and every attempt with its SIP evidence.
 *
 * @param mode     {@code refer}, {@code invite} or {@code auto}
 * @param target   where the call was to go (the Refer-To URI, or the new leg's destination)
 * @param status   {@code in_progress}, {@code completed} (REFER: our leg left; INVITE: the legs are bridged)
 *                 or {@code failed}
 * @param attempts each attempt, the last one current
 */
public record TransferRecord(String mode, String target, String status, List<Attempt> attempts) {

    public TransferRecord {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /**
     * One attempt.
     *
     * @param mode          {@code refer} or {@code invite}
     * @param step          where it stands or failed: {@code refer} (the REFER's own response), {@code notify}
     *                      (the referral's progress), {@code leg} (the new INVITE leg), {@code done}
     * @param sipStatus     the REFER's response status (202, or the refusal), or the new leg's final status;
     *                      null before one came
     * @param notifyStatus  the last NOTIFY's sipfrag status (100, 180, 200, 486...), null before one came
     * @param explanation   a plain sentence naming the evidence
     * @param legCallId     the new leg's call id (its own record has the full outcome), null for REFER
     */
    public record Attempt(String mode, String step, Integer sipStatus, Integer notifyStatus, String explanation,
                          String legCallId) {
    }
}
