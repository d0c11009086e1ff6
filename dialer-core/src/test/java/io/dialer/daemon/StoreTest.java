package io.dialer.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.core.CallRecord;
import io.dialer.core.CallStatus;
import io.dialer.core.DisconnectionReason;
import io.dialer.daemon.config.StoreSettings;
import io.dialer.daemon.store.CallQuery;
import io.dialer.daemon.store.CallStore;
import io.dialer.daemon.store.IdempotencyClaim.Outcome;
import io.dialer.daemon.store.OutboxRow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on both databases, for real: SQLite in a temp file and PostgreSQL
 * started by the test. Migrations run once and record their version; records
 * are upserted and filtered; an early row never overwrites a later one; the
 * outbox hands out only the oldest pending event of each call; idempotency
 * keys are claimed before a call is placed; in a group commit a failing piece
 * of work (SQL error or exception) rolls back alone.
 */
class StoreTest {

    private static PostgresServer postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void sqlite() throws Exception {
        StoreSettings s = StoreSettings.sqlite(dir.resolve("dialer.db"));
        exercise(s);
        try (Connection c = DriverManager.getConnection(s.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void postgresql() throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.url(), "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS calls, idempotency_keys, webhook_outbox, campaigns, campaign_numbers, "
                    + "schema_version");
        }
        exercise(postgres.settings());
    }

    private void exercise(StoreSettings settings) throws Exception {
        Instant t0 = Instant.parse("2026-01-28T18:45:11.012Z");
        try (CallStore store = CallStore.open(settings)) {
            CallRecord dialing = record("call_01", CallStatus.DIALING, null, t0);
            CallRecord busy = record("call_01", CallStatus.NOT_CONNECTED, DisconnectionReason.DIAL_BUSY, t0);
            store.submit(tx -> {
                tx.saveCall(dialing, t0);
                tx.enqueue("http://a", "evt_1", "call_01", "{\"n\":1}", t0);
                tx.enqueue("http://a", "evt_2", "call_01", "{\"n\":2}", t0);
                tx.enqueue("http://a", "evt_3", "call_02", "{\"n\":3}", t0);
                return null;
            }).join();
            store.submit(tx -> {
                tx.saveCall(busy, t0.plusSeconds(1));
                // The API's first row arrives after the events: it must not undo them.
                tx.saveNewCall(dialing, t0.plusSeconds(2));
                tx.saveCall(record("call_02", CallStatus.ENDED, DisconnectionReason.USER_HANGUP, t0.plusSeconds(60)),
                        t0.plusSeconds(60));
                return null;
            }).join();

            assertThat(store.submit(tx -> tx.callJson("call_01")).join()).hasValueSatisfying(json ->
                    assertThat(json).contains("\"status\":\"not_connected\"", "\"disconnection_reason\":\"dial_busy\""));
            assertThat(store.submit(tx -> tx.callJson("call_99")).join()).isEmpty();
            assertThat(store.submit(tx -> tx.calls(new CallQuery("not_connected", "dial_busy", null, 10))).join())
                    .singleElement().asString().contains("call_01");
            assertThat(store.submit(tx -> tx.calls(new CallQuery(null, null, t0.plusSeconds(30), 10))).join())
                    .singleElement().asString().contains("call_02");
            assertThat(store.submit(tx -> tx.calls(new CallQuery(null, null, null, 10))).join()).hasSize(2);

            List<OutboxRow> due = store.submit(tx -> tx.dueDeliveries(t0, 10)).join();
            assertThat(due).extracting(OutboxRow::eventId).containsExactly("evt_1", "evt_3");
            long first = due.get(0).id();
            store.submit(tx -> {
                tx.markRetry(first, t0.plusSeconds(5), "HTTP 503");
                return null;
            }).join();
            assertThat(store.submit(tx -> tx.dueDeliveries(t0, 10)).join()).extracting(OutboxRow::eventId)
                    .as("evt_2 waits behind evt_1 of the same call").containsExactly("evt_3");
            store.submit(tx -> {
                tx.markDelivered(first);
                return null;
            }).join();
            assertThat(store.submit(tx -> tx.dueDeliveries(t0, 10)).join()).extracting(OutboxRow::eventId)
                    .containsExactly("evt_2", "evt_3");
            assertThat(store.submit(tx -> tx.backlog()).join()).isEqualTo(2);
            assertThat(store.submit(tx -> tx.pruneOutbox(t0.plusSeconds(1))).join())
                    .as("only the delivered row goes; pending ones stay").isEqualTo(1);
            assertThat(store.submit(tx -> tx.backlog()).join()).isEqualTo(2);

            assertThat(store.submit(tx -> tx.claimKey("k1", "h1", t0)).join().outcome()).isEqualTo(Outcome.CLAIMED);
            assertThat(store.submit(tx -> tx.claimKey("k1", "h1", t0)).join().outcome()).isEqualTo(Outcome.IN_PROGRESS);
            store.submit(tx -> {
                tx.bindKey("k1", "call_01");
                return null;
            }).join();
            assertThat(store.submit(tx -> tx.claimKey("k1", "h1", t0)).join())
                    .satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.REPLAY))
                    .satisfies(c -> assertThat(c.callId()).isEqualTo("call_01"));
            assertThat(store.submit(tx -> tx.claimKey("k1", "h2", t0)).join().outcome()).isEqualTo(Outcome.CONFLICT);
        }
        try (CallStore store = CallStore.open(settings)) {
            // Submitted back to back, these share a group commit: the failing one rolls back alone.
            CompletableFuture<Object> ok1 = store.submit(tx -> {
                tx.saveCall(record("call_x1", CallStatus.DIALING, null, t0), t0);
                return null;
            });
            CompletableFuture<Object> duplicate = store.submit(tx -> {
                tx.saveCall(record("call_x2", CallStatus.DIALING, null, t0), t0);
                tx.enqueue("http://a", "evt_3", "call_x2", "{}", t0); // (endpoint, event_id) is unique
                return null;
            });
            CompletableFuture<Object> thrown = store.submit(tx -> {
                tx.saveCall(record("call_x3", CallStatus.DIALING, null, t0), t0);
                throw new IllegalStateException("application failure");
            });
            CompletableFuture<Object> ok2 = store.submit(tx -> {
                tx.saveCall(record("call_x4", CallStatus.DIALING, null, t0), t0);
                return null;
            });
            assertThat(ok1).succeedsWithin(Duration.ofSeconds(5));
            assertThat(ok2).succeedsWithin(Duration.ofSeconds(5));
            assertThat(duplicate).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(SQLException.class);
            assertThat(thrown).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(IllegalStateException.class);
            assertThat(store.submit(tx -> List.of(tx.callJson("call_x1").isPresent(), tx.callJson("call_x2").isPresent(),
                    tx.callJson("call_x3").isPresent(), tx.callJson("call_x4").isPresent())).join())
                    .containsExactly(true, false, false, true);
        }
        try (CallStore again = CallStore.open(settings)) {
            assertThat(again.submit(tx -> tx.callJson("call_02")).join()).isPresent();
        }
        try (Connection c = settings.postgresql()
                ? DriverManager.getConnection(settings.jdbcUrl(), "postgres", "")
                : DriverManager.getConnection(settings.jdbcUrl());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, description FROM schema_version ORDER BY version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("calls_idempotency_outbox");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.getString(2)).isEqualTo("campaigns");
            assertThat(rs.next()).as("each migration is recorded once").isFalse();
        }
    }

    private static CallRecord record(String id, CallStatus status, DisconnectionReason reason, Instant at) {
        return new CallRecord(id, "sip-" + id, "outbound", "sim", "+12025550100", "+12025550486", status, reason,
                reason == null ? null : 486, reason == null ? null : "Busy Here", null, null,
                reason == null ? null : "busy", at, null, null, status.isTerminal() ? at : null, 0, 0, false, null,
                null, null, null, 1, List.of());
    }
}
