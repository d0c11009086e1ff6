package io.dialer.daemon;

import static io.dialer.daemon.DaemonFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dialer.core.DialerEvent;
import io.dialer.daemon.webhook.WebhookSigner;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks and graceful shutdown, against a receiver in the test that fails its
 * first deliveries. Checks: every event the dialer emitted reaches the receiver,
 * exactly once by event_id among the accepted deliveries, in the order it was
 * emitted per call, each with a valid X-Dialer-Signature; retries carry the same
 * event_id; on shutdown the API stops taking calls (readyz and POST answer 503),
 * the call in progress runs until the drain timeout and is then hung up, its
 * final record is stored and its events delivered before the daemon exits.
 */
class WebhookDeliveryTest {

    private static final String SECRET = "whsec-test-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One POST the receiver saw. */
    record Delivery(int answered, String eventIdHeader, String signature, String body) {
    }

    @TempDir
    Path dir;

    private HttpServer receiver;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger toFail = new AtomicInteger(3);
    private final Semaphore accepted = new Semaphore(0);
    private DaemonFixture f;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = toFail.getAndDecrement() > 0 ? 503 : 204;
            deliveries.add(new Delivery(status, exchange.getRequestHeaders().getFirst("X-Dialer-Event-Id"),
                    exchange.getRequestHeaders().getFirst(WebhookSigner.HEADER), body));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            if (status / 100 == 2) {
                accepted.release();
            }
        });
        receiver.start();
    }

    private DaemonFixture startDaemon(String flushTimeout) throws Exception {
        return DaemonFixture.start("path: " + dir.resolve("hooks.db"), """
                webhooks:
                  - url: http://127.0.0.1:%d/hook
                    secret: %s
                    backoff_initial: 20ms
                    backoff_max: 200ms
                    max_age: 1h
                shutdown:
                  drain_timeout: 1s
                  outbox_flush_timeout: %s
                """.formatted(receiver.getAddress().getPort(), SECRET, flushTimeout));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (f != null) {
                f.close();
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void everyEventArrivesOnceInOrderSignedAndShutdownDrains() throws Exception {
        f = startDaemon("10s");
        List<String> done = new ArrayList<>();
        for (String to : List.of("+12025550486", "+12025551200", "+12025550607")) {
            done.add(f.dial(to));
        }
        for (String id : done) {
            f.awaitAnalyzed(id);
        }
        String held = f.dial("+12025550201");
        f.awaitStarted(held);

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> {
            try {
                f.daemon.shutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        HttpResponse<String> ready = f.send("GET", "/readyz", null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ready.statusCode() == 200 && System.nanoTime() < deadline) {
            ready = f.send("GET", "/readyz", null);
        }
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(json(ready).get("checks").get("calls").asText()).isEqualTo("shutting down");
        HttpResponse<String> refused = f.call("POST", "/v1/calls", "{\"to\":\"+12025550486\"}");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused).get("error").asText()).isEqualTo("shutting_down");
        shutdown.get(30, TimeUnit.SECONDS);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hooks.db"));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT status, reason FROM calls WHERE call_id = '" + held + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ended");
                assertThat(rs.getString(2)).as("hung up when the drain timeout ran out").isEqualTo("agent_hangup");
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM webhook_outbox WHERE state <> 'delivered'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("outbox flushed before exit").isZero();
            }
        }

        WebhookSigner signer = new WebhookSigner(SECRET);
        Set<String> acceptedIds = new HashSet<>();
        Map<String, List<String>> deliveredPerCall = new HashMap<>();
        for (Delivery d : deliveries) {
            assertThat(signer.verify(d.signature(), d.body())).as("signature of %s", d.body()).isTrue();
            long t = Long.parseLong(d.signature().replaceAll("^t=(\\d+),.*$", "$1"));
            assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(300);
            JsonNode event = JSON.readTree(d.body());
            assertThat(event.get("event_id").asText()).isEqualTo(d.eventIdHeader());
            if (d.answered() / 100 == 2) {
                assertThat(acceptedIds.add(d.eventIdHeader())).as("accepted once: %s", d.eventIdHeader()).isTrue();
                deliveredPerCall.computeIfAbsent(event.get("call").get("call_id").asText(), k -> new ArrayList<>())
                        .add(label(event.get("type").asText(), event.get("state").isNull() ? null : event.get("state").asText()));
            }
        }
        assertThat(deliveries).filteredOn(d -> d.answered() == 503).hasSize(3)
                .allSatisfy(d -> assertThat(acceptedIds).as("a retry carries the same event_id").contains(d.eventIdHeader()));

        Map<String, List<String>> emittedPerCall = new HashMap<>();
        f.events.forEach((id, es) -> emittedPerCall.put(id, es.stream().map(WebhookDeliveryTest::label).toList()));
        assertThat(deliveredPerCall).isEqualTo(emittedPerCall);
        assertThat(deliveredPerCall.get(held)).endsWith("call_state_changed(ended)", "call_ended", "call_analyzed");
        assertThat(deliveredPerCall).hasSize(4);
    }

    @Test
    void eventsLeftInTheOutboxAtShutdownGoOutAfterARestart() throws Exception {
        toFail.set(Integer.MAX_VALUE);
        f = startDaemon("100ms");
        String id = f.dial("+12025550486");
        f.awaitAnalyzed(id);
        List<String> emitted = f.events.get(id).stream().map(WebhookDeliveryTest::label).toList();
        f.close();
        f = null;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hooks.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM webhook_outbox WHERE state = 'pending'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the receiver was down: everything still pending").isEqualTo(emitted.size());
        }

        toFail.set(0);
        f = startDaemon("10s");
        assertThat(accepted.tryAcquire(emitted.size(), 20, TimeUnit.SECONDS)).isTrue();
        List<String> delivered = new ArrayList<>();
        for (Delivery d : deliveries) {
            if (d.answered() / 100 == 2) {
                JsonNode event = JSON.readTree(d.body());
                assertThat(event.get("call").get("call_id").asText()).isEqualTo(id);
                delivered.add(label(event.get("type").asText(),
                        event.get("state").isNull() ? null : event.get("state").asText()));
            }
        }
        assertThat(delivered).isEqualTo(emitted);
    }

    private static String label(DialerEvent e) {
        return label(e.type().wireName(), e.state());
    }

    private static String label(String type, String state) {
        return state == null ? type : type + "(" + state + ")";
    }
}
