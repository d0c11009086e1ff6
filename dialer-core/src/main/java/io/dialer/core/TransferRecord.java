package io.dialer.core;

import java.util.List;

/**
 * The {@code transfer} part of a call record: where the call was to go, how it
 * went, and every attempt with its SIP evidence.
 *
 * @param mode     {@code refer}
 * @param target   the Refer-To URI
 * @param status   {@code in_progress}, {@code completed} or {@code failed}
 * @param attempts each attempt, the last one current
 */
public record TransferRecord(String mode, String target, String status, List<Attempt> attempts) {

    public TransferRecord {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /**
     * One attempt.
     *
     * @param mode          {@code refer}
     * @param step          where it stands or failed: {@code refer} (the REFER's own response), {@code notify}
     *                      (the referral's progress), {@code done}
     * @param sipStatus     the REFER's response status (202, or the refusal), null before one came
     * @param notifyStatus  the last NOTIFY's sipfrag status (100, 180, 200, 486...), null before one came
     * @param explanation   a plain sentence naming the evidence
     */
    public record Attempt(String mode, String step, Integer sipStatus, Integer notifyStatus, String explanation) {
    }
}
