package io.dialer.daemon.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.core.DisconnectionReason;
import io.dialer.core.RetryPolicy;
import io.dialer.daemon.store.Campaign;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The retry policy per outcome: delays by reason, the attempt cap, and the outcomes never retried. */
class RetryRulesTest {

    private final Campaign campaign = new Campaign("cmp_1", "t", "sim", Campaign.RUNNING, 5, 2, 3,
            Duration.ofMinutes(10), Duration.ofHours(1), null, Instant.EPOCH);
    private final RetryRules rules = new RetryRules(new Random(1));

    private Optional<Duration> after(DisconnectionReason reason, Integer sip, int attempts) {
        return rules.after(campaign, reason, sip, null, Optional.empty(), attempts);
    }

    @Test
    void busyAndNoAnswerWaitTheirDelaysUpToTheCap() {
        assertThat(after(DisconnectionReason.DIAL_BUSY, 486, 1)).contains(Duration.ofMinutes(10));
        assertThat(after(DisconnectionReason.DIAL_BUSY, 486, 2)).contains(Duration.ofMinutes(10));
        assertThat(after(DisconnectionReason.DIAL_BUSY, 486, 3)).isEmpty();
        assertThat(after(DisconnectionReason.DIAL_NO_ANSWER, 487, 1)).contains(Duration.ofHours(1));
        assertThat(after(DisconnectionReason.DIAL_NO_ANSWER, null, 3)).isEmpty();
    }

    @Test
    void finalOutcomesAreNeverRetried() {
        for (DisconnectionReason r : new DisconnectionReason[] {DisconnectionReason.INVALID_DESTINATION,
                DisconnectionReason.MARKED_AS_SPAM, DisconnectionReason.USER_DECLINED, DisconnectionReason.USER_HANGUP,
                DisconnectionReason.VOICEMAIL_REACHED, DisconnectionReason.CANCELED}) {
            assertThat(after(r, null, 1)).as(r.wireName()).isEmpty();
        }
    }

    @Test
    void providerFailuresThatMayClearFollowTheDialersBackoff() {
        assertThat(after(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE, 503, 1))
                .contains(RetryPolicy.defaults().initial());
        assertThat(after(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE, 500, 1)).as("500 is not transient")
                .isEmpty();
        assertThat(after(DisconnectionReason.CONCURRENCY_LIMIT_REACHED, null, 2)).isPresent();
        assertThat(after(DisconnectionReason.CONCURRENCY_LIMIT_REACHED, null, 3)).isEmpty();
    }

    @Test
    void anInterruptedAttemptIsRetriedAtOnceWithinTheCap() {
        assertThat(rules.afterInterrupted(campaign, 1)).contains(Duration.ZERO);
        assertThat(rules.afterInterrupted(campaign, 3)).isEmpty();
    }
}
