package io.dialer.daemon.campaign;

import io.dialer.core.CallRecord;
import io.dialer.core.DisconnectionReason;
import io.dialer.core.RetryPolicy;
import io.dialer.daemon.store.Campaign;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A campaign's retry policy per outcome (issue 8 item 5): busy and no answer
 * after the campaign's delays, trunk-side failures that may clear with
 * {@link RetryPolicy}'s backoff, everything else never; all within the
 * campaign's attempt cap.
 */
final class RetryRules {

    /** Outcomes a later attempt cannot change (the callee or the carrier said no for good). */
    private static final Set<DisconnectionReason> FINAL = Set.of(DisconnectionReason.INVALID_DESTINATION,
            DisconnectionReason.MARKED_AS_SPAM, DisconnectionReason.USER_DECLINED);

    private final RandomGenerator random;

    RetryRules(RandomGenerator random) {
        this.random = random;
    }

    /**
     * The delay before the next attempt after a finished call, or empty when the number is done.
     *
     * @param record       the finished call's record, or null when only its stored outcome is known (after a restart)
     * @param attemptsMade attempts so far, this one included
     */
    Optional<Duration> after(Campaign campaign, DisconnectionReason reason, Integer sipStatus, CallRecord record,
                             Optional<Duration> retryAfter, int attemptsMade) {
        if (attemptsMade >= campaign.maxAttempts() || reason == null || FINAL.contains(reason)) {
            return Optional.empty();
        }
        if (reason == DisconnectionReason.DIAL_BUSY) {
            return Optional.of(campaign.busyRetry());
        }
        if (reason == DisconnectionReason.DIAL_NO_ANSWER) {
            return Optional.of(campaign.noAnswerRetry());
        }
        if (RetryPolicy.retryable(reason, sipStatus)) {
            if (record == null) {
                return Optional.of(RetryPolicy.defaults().initial());
            }
            RetryPolicy backoff = new RetryPolicy(RetryPolicy.defaults().initial(), RetryPolicy.defaults().max(),
                    campaign.maxAttempts());
            return backoff.nextDelay(record, retryAfter, attemptsMade, random);
        }
        return Optional.empty();
    }

    /** After an attempt the daemon did not see to its end (it stopped): again at once, within the cap. */
    Optional<Duration> afterInterrupted(Campaign campaign, int attemptsMade) {
        return attemptsMade >= campaign.maxAttempts() ? Optional.empty() : Optional.of(Duration.ZERO);
    }
}
