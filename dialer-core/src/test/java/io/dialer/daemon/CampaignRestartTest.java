package io.dialer.daemon;

import static io.dialer.daemon.DaemonFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialer.core.EventType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign across a daemon restart on one SQLite file. The first daemon stops
 * (drain timeout 0) while its four calls ring: their attempts are recorded as
 * cut off ({@code daemon_stopped}) and wait for a retry. Two numbers are then
 * set back to {@code dialing} in the file, as a crash would leave them: one
 * whose call has a stored record (the restart takes that outcome) and one whose
 * call left none (retried with reason {@code daemon_stopped}). The second daemon
 * resumes the campaign and finishes it.
 */
class CampaignRestartTest {

    @TempDir
    Path dir;

    @Test
    void aRestartedDaemonResumesTheCampaign() throws Exception {
        Path db = dir.resolve("restart.db");
        String store = "path: " + db;
        String fast = "shutdown:\n  drain_timeout: \"0\"\n";
        List<String> numbers = List.of("+12025550180", "+12125550180", "+12135550180", "+13035550180");
        String id;
        Map<String, String> firstCalls = new ConcurrentHashMap<>();
        try (DaemonFixture first = DaemonFixture.start(store, fast)) {
            CountDownLatch ringing = new CountDownLatch(4);
            first.daemon.dialer().addListener(e -> {
                if (e.type() == EventType.CALL_STATE_CHANGED && "ringing".equals(e.state())
                        && firstCalls.putIfAbsent(e.record().callId(), e.record().to()) == null) {
                    ringing.countDown();
                }
            });
            StringBuilder body = new StringBuilder("{\"name\":\"restart\",\"max_concurrency\":4,\"max_cps\":50,"
                    + "\"ring_timeout\":\"2s\",\"retry\":{\"no_answer\":\"100ms\",\"max_attempts\":2},\"numbers\":[");
            for (int i = 0; i < numbers.size(); i++) {
                body.append(i == 0 ? "" : ",").append("{\"to\":\"").append(numbers.get(i)).append("\"}");
            }
            id = json(first.call("POST", "/v1/campaigns", body + "]}")).get("campaign_id").asText();
            assertThat(ringing.await(10, TimeUnit.SECONDS)).as("four calls ringing").isTrue();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            List<String[]> rows = rows(c, id);
            assertThat(rows).hasSize(4).allSatisfy(r -> {
                assertThat(r[1]).as("state").isEqualTo("pending");
                assertThat(r[2]).as("reason").isEqualTo("daemon_stopped");
                assertThat(r[3]).as("attempts").isEqualTo("1");
            });
            // Crash leftovers: seq 0 in flight with a stored (final) record, seq 1 with no record at all.
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE campaign_numbers SET state = 'dialing', last_call_id = ? WHERE campaign_id = ? AND seq = ?")) {
                p.setString(1, rows.get(0)[4]);
                p.setString(2, id);
                p.setInt(3, 0);
                p.executeUpdate();
                p.setString(1, "call_00000000000000000000");
                p.setInt(3, 1);
                p.executeUpdate();
            }
        }
        try (DaemonFixture second = DaemonFixture.start(store, "")) {
            Map<String, String> secondCalls = new ConcurrentHashMap<>();
            CountDownLatch analyzed = new CountDownLatch(3);
            second.daemon.dialer().addListener(e -> {
                secondCalls.putIfAbsent(e.record().callId(), e.record().to());
                if (e.type() == EventType.CALL_ANALYZED) {
                    analyzed.countDown();
                }
            });
            assertThat(analyzed.await(20, TimeUnit.SECONDS)).as("three numbers dialed again").isTrue();
            JsonNode done = null;
            for (int i = 0; i < 50; i++) {
                done = json(second.call("GET", "/v1/campaigns/" + id, null));
                if ("done".equals(done.get("status").asText())) {
                    break;
                }
                analyzed.await(100, TimeUnit.MILLISECONDS);
            }
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("done");
            assertThat(secondCalls.values()).containsExactlyInAnyOrder(numbers.get(1), numbers.get(2), numbers.get(3));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                List<String[]> rows = rows(c, id);
                assertThat(rows.get(0)[1]).isEqualTo("done");
                assertThat(rows.get(0)[2]).as("seq 0 took its stored record's outcome").isNotEqualTo("daemon_stopped");
                assertThat(rows.get(0)[3]).isEqualTo("1");
                for (int i = 1; i < 4; i++) {
                    assertThat(rows.get(i)[1]).isEqualTo("done");
                    assertThat(rows.get(i)[2]).isEqualTo("dial_no_answer");
                    assertThat(rows.get(i)[3]).isEqualTo("2");
                }
            }
        }
    }

    /** seq, state, last_reason, attempts, last_call_id per number. */
    private static List<String[]> rows(Connection c, String id) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT seq, state, last_reason, attempts, last_call_id "
                + "FROM campaign_numbers WHERE campaign_id = ? ORDER BY seq")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)});
                }
            }
        }
        return out;
    }
}
