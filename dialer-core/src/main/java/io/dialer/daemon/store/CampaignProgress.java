package io.dialer.daemon.store;

import java.util.List;
import java.util.Map;

/**
 * How far a campaign got.
 *
 * @param byState       numbers per state (pending, dialing, done, skipped)
 * @param outcomes      finished numbers per final status and reason
 * @param waitingRetry  pending numbers that were tried before and wait for their retry
 * @param attempts      attempts made in all
 * @param lastRetryAt   latest scheduled retry (epoch ms), or 0 when none waits
 */
public record CampaignProgress(Map<String, Long> byState, List<Outcome> outcomes, long waitingRetry, long attempts,
                               long lastRetryAt) {

    /** Finished numbers with one status and reason. */
    public record Outcome(String status, String reason, long count) {
    }
}
