package io.dialer.daemon;

import static io.dialer.daemon.DaemonFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The daemon on a real PostgreSQL (Debian's package, started by the test):
 * migrations at start, calls through the API to their final records, the list,
 * readiness, and the rows as PostgreSQL holds them.
 */
class PostgresDaemonTest {

    @Test
    void callsThroughTheApiAreStoredInPostgresql() throws Exception {
        try (PostgresServer pg = PostgresServer.start();
             DaemonFixture f = DaemonFixture.start("url: " + pg.url() + "\n  username: postgres", "")) {
            String busy = f.dial("+12025550486");
            String answered = f.dial("+12025550200");
            JsonNode b = f.finalRecord(busy);
            JsonNode a = f.finalRecord(answered);
            assertThat(b.get("disconnection_reason").asText()).isEqualTo("dial_busy");
            assertThat(a.get("disconnection_reason").asText()).isEqualTo("user_hangup");
            assertThat(json(f.call("GET", "/v1/calls?status=ended", null)).get("calls")).hasSize(1);
            assertThat(json(f.send("GET", "/readyz", null)).get("checks").get("store").asText()).isEqualTo("ok");

            try (Connection c = DriverManager.getConnection(pg.url(), "postgres", "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT call_id, status, reason, sip_status FROM calls ORDER BY created_at")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(busy);
                assertThat(rs.getString(3)).isEqualTo("dial_busy");
                assertThat(rs.getInt(4)).isEqualTo(486);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("ended");
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
