package io.dialer.sip.ua;

import io.dialer.sip.transaction.Scheduler;
import io.dialer.sip.transport.Endpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trunk targets that recently failed: no response, a transport error, or a 503
 * before any provisional. RFC 3263 §4.3 fails over per request; a dialer
 * sends many, and without memory each call would wait out Timer B on the dead
 * server before trying the next one. Failed targets go to the end of the list
 * for a while (still tried last, so a trunk with one server keeps working);
 * any response from a target clears it. Core thread only.
 */
final class TargetHealth {

    /** How long a failed target stays at the back of the list (Kamailio's dst_blocklist default is 60 s too). */
    static final Duration HOLD = Duration.ofSeconds(60);

    private final Scheduler scheduler;
    private final Map<Endpoint, Long> failedUntil = new HashMap<>();

    TargetHealth(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The targets in their RFC 3263 order, recently failed ones moved to the end (in their own order). */
    List<Endpoint> order(List<Endpoint> targets) {
        if (failedUntil.isEmpty() || targets.size() < 2) {
            return targets;
        }
        long now = scheduler.nanoTime();
        List<Endpoint> healthy = new ArrayList<>(targets.size());
        List<Endpoint> failed = new ArrayList<>();
        for (Endpoint t : targets) {
            Long until = failedUntil.get(t);
            if (until != null && until - now > 0) {
                failed.add(t);
            } else {
                if (until != null) {
                    failedUntil.remove(t);
                }
                healthy.add(t);
            }
        }
        healthy.addAll(failed);
        return healthy;
    }

    void failed(Endpoint target) {
        failedUntil.put(target, scheduler.nanoTime() + HOLD.toNanos());
    }

    void responded(Endpoint target) {
        if (!failedUntil.isEmpty()) {
            failedUntil.remove(target);
        }
    }
}
