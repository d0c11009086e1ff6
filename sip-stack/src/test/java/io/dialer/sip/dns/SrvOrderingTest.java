package io.dialer.sip.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RFC 2782 ordering: ascending priority; inside a priority a weighted random order
 * in which a record is first with probability weight / sum; weight-0 records come
 * last unless all are 0; "." targets are dropped; a seeded Random reproduces the order.
 */
class SrvOrderingTest {

    private static final SrvRecord A = new SrvRecord(10, 60, 5060, "a.test");
    private static final SrvRecord B = new SrvRecord(10, 30, 5060, "b.test");
    private static final SrvRecord C = new SrvRecord(10, 10, 5060, "c.test");
    private static final SrvRecord ZERO = new SrvRecord(10, 0, 5060, "z.test");
    private static final SrvRecord BACKUP = new SrvRecord(20, 100, 5060, "backup.test");
    private static final SrvRecord NONE = new SrvRecord(5, 0, 0, "");

    @Test
    void lowerPriorityAlwaysComesFirst() {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            List<SrvRecord> ordered = SrvOrdering.order(List.of(BACKUP, C, A, NONE, B), random);
            assertThat(ordered).hasSize(4).last().isEqualTo(BACKUP);
            assertThat(ordered.subList(0, 3)).containsExactlyInAnyOrder(A, B, C);
        }
    }

    @Test
    void firstPickFollowsTheWeights() {
        Random random = new Random(2024);
        int runs = 20_000;
        Map<SrvRecord, Integer> first = new HashMap<>();
        for (int i = 0; i < runs; i++) {
            first.merge(SrvOrdering.order(List.of(A, B, C, ZERO), random).get(0), 1, Integer::sum);
        }
        // Expected shares 60/30/10 %, and weight 0 only when the draw is exactly 0 (1 in 101).
        assertThat(first.get(A) / (double) runs).isBetween(0.57, 0.63);
        assertThat(first.get(B) / (double) runs).isBetween(0.27, 0.33);
        assertThat(first.get(C) / (double) runs).isBetween(0.08, 0.12);
        assertThat(first.getOrDefault(ZERO, 0) / (double) runs).isLessThan(0.02);
    }

    @Test
    void allZeroWeightsStillYieldEveryRecord() {
        SrvRecord x = new SrvRecord(1, 0, 1, "x.test");
        SrvRecord y = new SrvRecord(1, 0, 2, "y.test");
        assertThat(SrvOrdering.order(List.of(y, x), new Random(5))).containsExactlyInAnyOrder(x, y);
    }

    @Test
    void sameSeedSameOrderWhateverTheAnswerOrder() {
        List<SrvRecord> one = SrvOrdering.order(List.of(A, B, C, BACKUP), new Random(99));
        List<SrvRecord> two = SrvOrdering.order(List.of(BACKUP, C, B, A), new Random(99));
        assertThat(one).isEqualTo(two);
    }

    @Test
    void onlyUnavailableTargetsGiveNothing() {
        assertThat(SrvOrdering.order(List.of(NONE), new Random(1))).isEmpty();
    }
}
