package io.dialer.daemon;

import io.dialer.core.Dialer;
import io.dialer.daemon.config.DaemonConfig;
import io.dialer.daemon.http.Admission;
import io.dialer.daemon.http.ApiKeys;
import io.dialer.daemon.http.CallControlApi;
import io.dialer.daemon.campaign.CampaignRunner;
import io.dialer.daemon.http.CallsApi;
import io.dialer.daemon.http.CampaignsApi;
import io.dialer.daemon.http.HealthApi;
import io.dialer.daemon.http.HttpApiServer;
import io.dialer.daemon.http.MetricsApi;
import io.dialer.daemon.http.OpenApiDocument;
import io.dialer.daemon.http.Route;
import io.dialer.daemon.http.Router;
import io.dialer.daemon.metrics.DaemonMetrics;
import io.dialer.daemon.store.CallStore;
import io.dialer.daemon.webhook.WebhookDeliverer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dialer serve}: the store, the embedded dialer, webhook delivery and the
 * HTTP API, started in that order (so nothing is taken before it can be stored)
 * and stopped in reverse by {@link #shutdown}.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final DaemonConfig config;
    private final CallStore store;
    private final Dialer dialer;
    private final WebhookDeliverer deliverer;
    private final CallEventRecorder recorder;
    private final DaemonMetrics metrics;
    private final Admission admission;
    private final HttpApiServer http;
    private final CampaignRunner campaigns;
    private final HttpClient webhookClient;
    private final List<Route> routes;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private Daemon(DaemonConfig config, Clock clock) throws SQLException, InterruptedException {
        this.config = config;
        Closer closer = new Closer();
        try {
            store = closer.add(CallStore.open(config.store()));
            webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            deliverer = closer.add(new WebhookDeliverer(store, config.webhooks(), webhookClient, clock,
                    new java.security.SecureRandom()));
            dialer = closer.add(Dialer.start(config.dialer()));
            metrics = closer.add(new DaemonMetrics(dialer::activeCalls, deliverer::backlog));
            recorder = new CallEventRecorder(store, config.webhooks(), deliverer, clock);
            dialer.addListener(recorder);
            dialer.addListener(metrics::onEvent);
            deliverer.start();
            admission = new Admission(dialer, config.http().maxActiveCalls());
            Router router = new Router();
            new CallsApi(dialer, store, admission, clock).register(router);
            new CallControlApi(dialer, store).register(router);
            campaigns = closer.add(new CampaignRunner(dialer, store, clock));
            new CampaignsApi(dialer, store, campaigns::inFlight, clock).register(router);
            new HealthApi(dialer, store, admission).register(router);
            new MetricsApi(metrics).register(router);
            new OpenApiDocument().register(router);
            routes = router.routes();
            http = HttpApiServer.start(config.http(), router, new ApiKeys(config.apiKeys()));
            campaigns.start();
        } catch (SQLException | InterruptedException | RuntimeException e) {
            closer.closeAll();
            throw e;
        }
        log.info("dialer serve: API on http://{}, SIP on udp {} / tcp {}, store {}, {} webhook endpoint(s)",
                hostPort(http.localAddress()), dialer.localAddress(io.dialer.sip.transport.Transport.UDP),
                dialer.localAddress(io.dialer.sip.transport.Transport.TCP), store.dialect().name().toLowerCase(),
                config.webhooks().size());
    }

    /**
     * Starts everything.
     *
     * @throws SQLException when the store cannot be opened or migrated
     */
    public static Daemon start(DaemonConfig config) throws SQLException, InterruptedException {
        return new Daemon(config, Clock.systemUTC());
    }

    /** Where the API listens. */
    public InetSocketAddress httpAddress() {
        return http.localAddress();
    }

    /** The API's routes (the OpenAPI test compares them with the document). */
    public List<Route> routes() {
        return routes;
    }

    public Dialer dialer() {
        return dialer;
    }

    /**
     * Stops gracefully (SIGTERM): takes no new calls, lets calls in progress run up
     * to the drain timeout, hangs up what is left, waits until their records are
     * stored, delivers what the outbox holds (up to the flush timeout; the rest
     * waits for the next start), then closes the API and the store.
     */
    public void shutdown() throws InterruptedException {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        admission.drain();
        campaigns.close();
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        while (dialer.activeCalls() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        if (dialer.activeCalls() > 0) {
            log.info("shutdown: drain timeout ({}) reached; hanging up {} call(s)", config.drainTimeout(),
                    dialer.activeCalls());
        }
        dialer.close();
        try {
            recorder.settled().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("shutdown: not every event was stored: {}", e.toString());
        }
        if (!config.webhooks().isEmpty() && !deliverer.flush(config.flushTimeout())) {
            log.warn("shutdown: {} webhook deliveries still pending; they go out at the next start", deliverer.backlog());
        }
        http.close();
        deliverer.close();
        metrics.close();
        store.close();
    }

    @Override
    public void close() {
        try {
            shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostPort(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    /** Closes what was started so far when a later step of start-up fails. */
    private static final class Closer {
        private final java.util.Deque<AutoCloseable> started = new java.util.ArrayDeque<>();

        <T extends AutoCloseable> T add(T c) {
            started.push(c);
            return c;
        }

        void closeAll() {
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (Exception e) {
                    log.debug("start-up cleanup: {}", e.toString());
                }
            }
        }
    }
}
