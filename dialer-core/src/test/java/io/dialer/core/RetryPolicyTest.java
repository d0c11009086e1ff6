package io.dialer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.core.outcome.Voicemail;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Retry helper (issue 4 item 7): retryable outcomes only, exponential backoff with jitter, Retry-After honoured. */
class RetryPolicyTest {

    private static CallRecord ended(DisconnectionReason reason, Integer status) {
        return new CallRecord("call_1", "x@dialer", "outbound", "default", "+12025550100", "+12025550503",
                reason.status(), reason, status, null, null, null, "e", null, null, null, null, 0, 0, false,
                Voicemail.none(), Amd.unknown(), null, null, 1, List.of());
    }

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(30), 4);

    @Test
    void onlyUnavailableAndLimitOutcomesAreRetried() {
        assertThat(RetryPolicy.retryable(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE, 503)).isTrue();
        assertThat(RetryPolicy.retryable(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE, null)).isTrue();
        assertThat(RetryPolicy.retryable(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE, 500)).isFalse();
        assertThat(RetryPolicy.retryable(DisconnectionReason.CONCURRENCY_LIMIT_REACHED, null)).isTrue();
        assertThat(RetryPolicy.retryable(DisconnectionReason.DIAL_BUSY, 486)).isFalse();
        assertThat(RetryPolicy.retryable(DisconnectionReason.INVALID_DESTINATION, 404)).isFalse();
    }

    @Test
    void backoffDoublesWithinJitterAndStopsAtMaxAttempts() {
        Random random = new Random(7);
        CallRecord r = ended(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE, null);
        for (int attempt = 1; attempt <= 3; attempt++) {
            long cap = Math.min(2000L << (attempt - 1), 30_000);
            Duration d = policy.nextDelay(r, Optional.empty(), attempt, random).orElseThrow();
            assertThat(d.toMillis()).isBetween(cap / 2, cap);
        }
        assertThat(policy.nextDelay(r, Optional.empty(), 4, random)).isEmpty();
        assertThat(policy.nextDelay(ended(DisconnectionReason.DIAL_BUSY, 486), Optional.empty(), 1, random)).isEmpty();
    }

    @Test
    void retryAfterIsAFloor() {
        CallRecord r = ended(DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE, 503);
        assertThat(policy.nextDelay(r, Optional.of(Duration.ofSeconds(60)), 1, new Random(1)))
                .contains(Duration.ofSeconds(60));
    }
}
