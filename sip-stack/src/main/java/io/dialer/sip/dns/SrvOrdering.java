package io.dialer.sip.dns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Orders SRV records the way RFC 2782 ("Usage rules") says a client must try
 * them: ascending priority, and within one priority a weighted random order.
 * Records whose target is "." are dropped (the service is not offered there).
 */
public final class SrvOrdering {

    private SrvOrdering() {
    }

    /**
     * @param records the SRV answer, in any order
     * @param random  the source of the weighted choice; a seeded instance makes the order reproducible
     * @return a new list in the order to try
     */
    public static List<SrvRecord> order(List<SrvRecord> records, Random random) {
        Map<Integer, List<SrvRecord>> byPriority = new TreeMap<>();
        for (SrvRecord r : records) {
            if (!r.serviceUnavailable()) {
                byPriority.computeIfAbsent(r.priority(), p -> new ArrayList<>()).add(r);
            }
        }
        List<SrvRecord> ordered = new ArrayList<>(records.size());
        for (List<SrvRecord> group : byPriority.values()) {
            ordered.addAll(weightedOrder(group, random));
        }
        return ordered;
    }

    /**
     * RFC 2782: put weight-0 records first, pick a uniform random number in
     * [0, sum of weights], take the first record whose running sum is at least that
     * number, remove it, and repeat. Weight-0 records thus are picked only when the
     * number is 0 or no weighted record is left.
     */
    private static List<SrvRecord> weightedOrder(List<SrvRecord> group, Random random) {
        List<SrvRecord> remaining = new ArrayList<>(group);
        // RFC 2782 allows any order apart from weight 0 first; a canonical order (DNS
        // servers rotate answers) makes the result depend only on the Random.
        remaining.sort(Comparator.comparing((SrvRecord r) -> r.weight() == 0 ? 0 : 1)
                .thenComparing(SrvRecord::target).thenComparingInt(SrvRecord::port));
        List<SrvRecord> out = new ArrayList<>(group.size());
        while (!remaining.isEmpty()) {
            long sum = 0;
            for (SrvRecord r : remaining) {
                sum += r.weight();
            }
            long pick = sum == 0 ? 0 : nextLongInclusive(random, sum);
            long running = 0;
            int chosen = remaining.size() - 1;
            for (int i = 0; i < remaining.size(); i++) {
                running += remaining.get(i).weight();
                if (running >= pick) {
                    chosen = i;
                    break;
                }
            }
            out.add(remaining.remove(chosen));
        }
        return out;
    }

    /** Uniform in [0, bound]; weights sum to at most 65535 × records, so an int draw suffices. */
    private static long nextLongInclusive(Random random, long bound) {
        return random.nextInt((int) Math.min(bound + 1, Integer.MAX_VALUE));
    }
}
