package io.dialer.daemon.webhook;

import io.dialer.daemon.config.WebhookSettings;
import io.dialer.daemon.store.CallStore;
import io.dialer.daemon.store.OutboxRow;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox: at least once, in order per call and endpoint
 * (only the oldest pending event of a call is ever in flight), retrying with
 * exponential backoff and jitter until the endpoint's max age, after which the
 * event is given up and logged. Rows stay in the store, so a restart resumes
 * where delivery stopped.
 */
public final class WebhookDeliverer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int BATCH = 200;
    /** Delivered and given-up rows stay this long, for looking into what a receiver got. */
    private static final Duration RETENTION = Duration.ofDays(7);

    private final CallStore store;
    private final Map<String, Endpoint> endpoints = new HashMap<>();
    private final HttpClient http;
    private final Clock clock;
    private final RandomGenerator random;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dialer-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean pollAgain = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();

    private record Endpoint(WebhookSettings settings, WebhookSigner signer, Backoff backoff) {
        /** The URL for logs: without user info or query, which may carry a token. */
        String display() {
            java.net.URI u = settings.url();
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + u.getRawPath();
        }
    }

    public WebhookDeliverer(CallStore store, List<WebhookSettings> webhooks, HttpClient http, Clock clock,
                            RandomGenerator random) {
        this.store = store;
        this.http = http;
        this.clock = clock;
        this.random = random;
        for (WebhookSettings w : webhooks) {
            endpoints.put(w.url().toString(), new Endpoint(w, new WebhookSigner(w.secret().value()),
                    new Backoff(w.backoffInitial(), w.backoffMax())));
        }
    }

    /** Starts polling the outbox (and picks up what a previous run left). */
    public void start() {
        timer.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::prune, 1, 60, TimeUnit.MINUTES);
    }

    private void prune() {
        Instant before = clock.instant().minus(RETENTION);
        store.submit(tx -> tx.pruneOutbox(before)).whenComplete((n, e) -> {
            if (e != null) {
                log.warn("webhooks: cannot prune the outbox: {}", e.toString());
            } else if (n > 0) {
                log.debug("webhooks: pruned {} finished deliveries older than {}", n, RETENTION);
            }
        });
    }

    /** Looks at the outbox now rather than at the next poll: an event was just stored. */
    public void wake() {
        try {
            timer.execute(this::poll);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("webhooks: stopped; the outbox keeps the rest for the next start");
        }
    }

    /** Deliveries pending as of the last look at the outbox. */
    public long backlog() {
        return backlog.get();
    }

    /** Waits until the outbox is empty or the time is up; true when empty. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long pending = store.submit(tx -> tx.backlog()).exceptionally(e -> -1L).join();
            if (pending == 0) {
                return true;
            }
            wake();
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return false;
    }

    private void poll() {
        if (!polling.compareAndSet(false, true)) {
            pollAgain.set(true);
            return;
        }
        Instant now = clock.instant();
        store.submit(tx -> {
            backlog.set(tx.backlog());
            return tx.dueDeliveries(now, BATCH);
        }).whenComplete((rows, error) -> {
            polling.set(false);
            if (error != null) {
                log.warn("webhooks: cannot read the outbox: {}", error.toString());
                return;
            }
            rows.forEach(this::deliver);
            if (pollAgain.getAndSet(false)) {
                wake();
            }
        });
    }

    private void deliver(OutboxRow row) {
        Endpoint endpoint = endpoints.get(row.endpoint());
        String chain = row.endpoint() + " " + row.callId();
        if (!inFlight.add(chain)) {
            return;
        }
        if (endpoint == null) {
            finish(chain, store.submit(tx -> {
                tx.markExpired(row.id(), "endpoint no longer configured");
                return null;
            }));
            return;
        }
        long t = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint.settings().url())
                .timeout(endpoint.settings().timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "dialer-webhooks/0.1")
                .header("X-Dialer-Event-Id", row.eventId())
                .header(WebhookSigner.HEADER, endpoint.signer().sign(t, row.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(row.payload()))
                .build();
        CompletableFuture<Void> done = http.<Void>sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .<CompletableFuture<Void>>handle((response, error) -> {
                    if (error == null && response.statusCode() / 100 == 2) {
                        return store.submit(tx -> {
                            tx.markDelivered(row.id());
                            return null;
                        });
                    }
                    String why = error != null ? describe(error) : "HTTP " + response.statusCode();
                    return failed(row, endpoint, why);
                })
                .thenCompose(f -> f);
        finish(chain, done);
    }

    private CompletableFuture<Void> failed(OutboxRow row, Endpoint endpoint, String why) {
        Instant now = clock.instant();
        Instant next = now.plus(endpoint.backoff().delay(row.attempts() + 1, random));
        Instant giveUp = Instant.ofEpochMilli(row.createdAt()).plus(endpoint.settings().maxAge());
        if (next.isAfter(giveUp)) {
            log.warn("webhooks: giving up {} for call {} to {} after {} attempts over {}: {}", row.eventId(),
                    row.callId(), endpoint.display(), row.attempts() + 1, endpoint.settings().maxAge(), why);
            return store.submit(tx -> {
                tx.markExpired(row.id(), why);
                return null;
            });
        }
        log.debug("webhooks: {} to {} failed ({}); retry at {}", row.eventId(), endpoint.display(), why, next);
        return store.submit(tx -> {
            tx.markRetry(row.id(), next, why);
            return null;
        });
    }

    private void finish(String chain, CompletableFuture<Void> done) {
        done.whenComplete((v, e) -> {
            inFlight.remove(chain);
            if (e != null) {
                log.warn("webhooks: cannot update the outbox: {}", e.toString());
            }
            wake();
        });
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
