package io.dialer.daemon.campaign;

import io.dialer.core.Call;
import io.dialer.core.CallRecord;
import io.dialer.core.CallTimers;
import io.dialer.core.CallStatus;
import io.dialer.core.DialRequest;
import io.dialer.core.Dialer;
import io.dialer.core.DisconnectionReason;
import io.dialer.daemon.store.Campaign;
import io.dialer.daemon.store.CampaignNumber;
import io.dialer.daemon.store.CampaignTransaction;
import io.dialer.daemon.store.CallStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials the numbers of running campaigns (one runner per daemon). Every tick it
 * claims the numbers that are due, as many as each campaign's free concurrency
 * and CPS allow, and places their calls in the same store transaction that
 * claims them, so a claimed number always names the call it placed. When a call
 * ends, its outcome decides the number's fate by {@link RetryRules}. A campaign
 * with nothing pending or in flight is done.
 *
 * <p>Restart: numbers left {@code dialing} by a daemon that stopped take their
 * call's stored outcome when it has one, else are retried with reason
 * {@code daemon_stopped}.
 */
public final class CampaignRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);
    /** Why an attempt a stopped daemon did not see to its end is retried. */
    public static final String DAEMON_STOPPED = "daemon_stopped";
    private static final Duration TICK = Duration.ofMillis(20);

    private final Dialer dialer;
    private final CallStore store;
    private final Clock clock;
    private final RetryRules rules = new RetryRules(new java.security.SecureRandom());
    private final ScheduledExecutorService scheduler;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextDialAt = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public CampaignRunner(Dialer dialer, CallStore store, Clock clock) {
        this.dialer = dialer;
        this.store = store;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dialer-campaigns");
            t.setDaemon(true);
            return t;
        });
    }

    /** Settles what a previous run left {@code dialing}, then starts dialing. */
    public void start() {
        int recovered = store.submit(this::recover).join();
        if (recovered > 0) {
            log.info("campaigns: {} attempt(s) left in flight by the last run settled", recovered);
        }
        scheduler.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Calls of a campaign placed by this runner that have not ended yet. */
    public int inFlight(String campaignId) {
        AtomicInteger n = inFlight.get(campaignId);
        return n == null ? 0 : n.get();
    }

    private int recover(io.dialer.daemon.store.StoreTransaction tx) throws SQLException {
        CampaignTransaction ct = tx.campaigns();
        List<CampaignNumber> left = ct.dialing();
        Instant now = clock.instant();
        for (CampaignNumber n : left) {
            Campaign campaign = ct.campaign(n.campaignId()).orElseThrow();
            Optional<String[]> outcome = n.lastCallId() == null ? Optional.empty() : ct.callOutcome(n.lastCallId());
            CallStatus status = outcome.flatMap(o -> status(o[0])).orElse(null);
            if (status != null && status.isTerminal() && outcome.get()[1] != null) {
                DisconnectionReason reason = reason(outcome.get()[1]);
                Optional<Duration> delay = reason == null ? Optional.empty()
                        : rules.after(campaign, reason, outcome.get()[2] == null ? null
                                : Integer.valueOf(outcome.get()[2]), null, Optional.empty(), n.attempts());
                ct.attemptEnded(n.campaignId(), n.seq(), status.wireName(), outcome.get()[1],
                        delay.map(now::plus).orElse(null), now);
            } else {
                Optional<Duration> delay = rules.afterInterrupted(campaign, n.attempts());
                ct.attemptEnded(n.campaignId(), n.seq(), CallStatus.ERROR.wireName(), DAEMON_STOPPED,
                        delay.map(now::plus).orElse(null), now);
            }
        }
        return left.size();
    }

    /** One round: for every running campaign, dial what its limits allow now. */
    private void tick() {
        if (closed) {
            return;
        }
        try {
            store.submit(tx -> {
                CampaignTransaction ct = tx.campaigns();
                for (Campaign campaign : ct.running()) {
                    dialDue(tx, ct, campaign);
                }
                return null;
            }).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A failed round is retried by the next; the runner thread must not die.
            log.warn("campaigns: round failed: {}", e.toString());
        }
    }

    private void dialDue(io.dialer.daemon.store.StoreTransaction tx, CampaignTransaction ct, Campaign campaign)
            throws SQLException {
        Instant now = clock.instant();
        AtomicInteger flying = inFlight.computeIfAbsent(campaign.id(), k -> new AtomicInteger());
        int free = campaign.maxConcurrency() - flying.get();
        if (free <= 0) {
            return;
        }
        if (flying.get() == 0 && ct.unfinished(campaign.id()) == 0) {
            ct.setStatus(campaign.id(), List.of(Campaign.RUNNING), Campaign.DONE, now);
            log.info("campaign {} done", campaign.id());
            return;
        }
        // CPS pacing: call k of the campaign starts no sooner than k / max_cps; after an idle
        // spell the schedule catches up by at most one round, never with a burst.
        Duration interval = Duration.ofNanos((long) (1_000_000_000L / campaign.maxCps()));
        Instant next = nextDialAt.getOrDefault(campaign.id(), now);
        if (next.isBefore(now.minus(TICK))) {
            next = now.minus(TICK);
        }
        int allowed = 0;
        for (Instant t = next; allowed < free && !t.isAfter(now); t = t.plus(interval)) {
            allowed++;
        }
        if (allowed == 0) {
            return;
        }
        List<CampaignNumber> claimed = ct.claimDue(campaign.id(), now, allowed);
        nextDialAt.put(campaign.id(), next.plus(interval.multipliedBy(claimed.size())));
        for (CampaignNumber n : claimed) {
            Call call;
            try {
                call = place(campaign, n);
            } catch (IllegalArgumentException e) {
                // The dialer refuses only an unknown trunk: the configuration changed under the campaign.
                log.warn("campaign {}: {} not dialed: {}", campaign.id(), n.number(), e.getMessage());
                ct.attemptEnded(campaign.id(), n.seq(), CallStatus.ERROR.wireName(),
                        DisconnectionReason.DIAL_FAILED.wireName(), null, now);
                continue;
            }
            tx.saveNewCall(call.record(), now);
            ct.attemptPlaced(campaign.id(), n.seq(), call.id());
            flying.incrementAndGet();
            call.completion().whenComplete((record, error) -> ended(campaign, n, call, record));
        }
    }

    private Call place(Campaign campaign, CampaignNumber n) {
        CallTimers timers = campaign.ringTimeout() == null ? null
                : dialer.config().timers().withRingTimeout(campaign.ringTimeout());
        return dialer.dial(new DialRequest(n.number(), null, campaign.trunk(), timers, null));
    }

    private void ended(Campaign campaign, CampaignNumber n, Call call, CallRecord finished) {
        CallRecord record = finished != null ? finished : call.record();
        boolean interrupted = closed;
        store.submit(tx -> {
            CampaignTransaction ct = tx.campaigns();
            Instant now = clock.instant();
            Campaign current = ct.campaign(campaign.id()).orElse(campaign);
            Optional<Duration> delay;
            String reason;
            if (interrupted) {
                // The daemon is stopping and hung the call up itself: not the callee's answer.
                delay = rules.afterInterrupted(current, n.attempts());
                reason = DAEMON_STOPPED;
            } else {
                delay = Campaign.CANCELED.equals(current.status()) ? Optional.empty()
                        : rules.after(current, record.disconnectionReason(), record.sipStatus(), record,
                                call.retryAfter(), n.attempts());
                reason = record.disconnectionReason() == null ? null : record.disconnectionReason().wireName();
            }
            ct.attemptEnded(campaign.id(), n.seq(), record.status().wireName(), reason,
                    delay.map(now::plus).orElse(null), now);
            return null;
        }).whenComplete((v, e) -> {
            if (e != null) {
                log.warn("campaign {}: outcome of {} not stored: {}", campaign.id(), call.id(), e.toString());
            }
            inFlight.get(campaign.id()).decrementAndGet();
        });
    }

    private static Optional<CallStatus> status(String wire) {
        return Arrays.stream(CallStatus.values()).filter(s -> s.wireName().equals(wire)).findFirst();
    }

    private static DisconnectionReason reason(String wire) {
        return Arrays.stream(DisconnectionReason.values()).filter(r -> r.wireName().equals(wire)).findFirst()
                .orElse(null);
    }

    /** Stops claiming numbers; calls in flight end under the daemon's drain and are recorded then. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
