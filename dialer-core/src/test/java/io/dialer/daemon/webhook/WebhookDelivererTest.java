package io.dialer.daemon.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.dialer.daemon.config.Secret;
import io.dialer.daemon.config.StoreSettings;
import io.dialer.daemon.config.WebhookSettings;
import io.dialer.daemon.store.CallStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Giving up: against a receiver that always fails, events older than the
 * endpoint's max age are marked expired after one more attempt, in order, and the
 * backlog drains instead of retrying forever. The clock is fixed past the max age.
 */
class WebhookDelivererTest {

    @TempDir
    Path dir;

    @Test
    void eventsPastMaxAgeAreGivenUpInOrder() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            seen.add(exchange.getRequestHeaders().getFirst("X-Dialer-Event-Id"));
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        receiver.start();
        Instant created = Instant.parse("2026-01-28T18:00:00Z");
        Clock twoHoursLater = Clock.fixed(created.plus(Duration.ofHours(2)), ZoneOffset.UTC);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        WebhookSettings hook = new WebhookSettings(URI.create(url), new Secret("0123456789abcdef0"), Duration.ofHours(1),
                Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));
        StoreSettings settings = StoreSettings.sqlite(dir.resolve("outbox.db"));
        try (CallStore store = CallStore.open(settings);
             WebhookDeliverer deliverer = new WebhookDeliverer(store, List.of(hook), HttpClient.newHttpClient(),
                     twoHoursLater, new SplittableRandom(1))) {
            store.submit(tx -> {
                tx.enqueue(url, "evt_a", "call_1", "{}", created);
                tx.enqueue(url, "evt_b", "call_1", "{}", created);
                return null;
            }).join();
            deliverer.start();
            assertThat(deliverer.flush(Duration.ofSeconds(10))).isTrue();
        } finally {
            receiver.stop(0);
        }
        assertThat(seen).containsExactly("evt_a", "evt_b");
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT event_id, state, attempts, last_error FROM webhook_outbox ORDER BY id")) {
            for (String id : List.of("evt_a", "evt_b")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(id);
                assertThat(rs.getString(2)).isEqualTo("expired");
                assertThat(rs.getInt(3)).isEqualTo(1);
                assertThat(rs.getString(4)).isEqualTo("HTTP 500");
            }
        }
    }
}
