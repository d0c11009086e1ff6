package io.dialer.daemon;

import static io.dialer.daemon.DaemonFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialer.core.EventType;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API over real HTTP against a daemon started here, its trunk the
 * in-process simulator and its store SQLite. Checks: a missing or wrong key is
 * 401 and the two answers are identical (nothing leaks); bad input is 400
 * naming the field; an Idempotency-Key never places a second call and a reused
 * key with another body is 409; calls run through the API to their final
 * record (486 busy, 200 answered, hung up by the API); 404/409 on hangup;
 * filters on the list; 429 past max_active_calls; health, readiness, metrics.
 */
class DaemonApiTest {

    @TempDir
    static Path dir;

    private static DaemonFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = DaemonFixture.start("path: " + dir.resolve("api.db"), "");
    }

    @AfterAll
    static void stop() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void missingOrWrongKeyIs401AndLeaksNothing() throws Exception {
        HttpResponse<String> none = f.send("GET", "/v1/calls", null);
        HttpResponse<String> wrong = f.send("GET", "/v1/calls", null, "Authorization", "Bearer test-key-0123456789abcdeX");
        HttpResponse<String> basic = f.send("POST", "/v1/calls", "{\"to\":\"+12025550486\"}",
                "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("x:" + DaemonFixture.KEY).getBytes()));
        for (HttpResponse<String> r : List.of(none, wrong, basic)) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"dialer\"");
            assertThat(json(r).get("error").asText()).isEqualTo("unauthorized");
            assertThat(r.body()).isEqualTo(none.body()).doesNotContain("test-key", "sim", "+1202");
        }
        assertThat(f.send("GET", "/metrics", null).statusCode()).isEqualTo(401);
        assertThat(f.send("GET", "/v1/calls/call_0123", null).statusCode()).isEqualTo(401);
        assertThat(f.send("GET", "/v1/calls", null, "Authorization", "Bearer second-key-0123456789").statusCode())
                .as("every configured key works").isEqualTo(200);
        assertThat(f.send("GET", "/healthz", null).statusCode()).isEqualTo(200);
    }

    @Test
    void badInputIs400NamingTheField() throws Exception {
        int callsBefore = f.events.size();
        assertField(f.call("POST", "/v1/calls", "{\"to\":\"12ab\"}"), "to", "letters");
        assertField(f.call("POST", "/v1/calls", "{\"to\":\"+1202555\"}"), "to", null);
        assertField(f.call("POST", "/v1/calls", "{\"from\":\"+12025550100\"}"), "to", "required");
        assertField(f.call("POST", "/v1/calls", "{\"to\":12025550486}"), "to", "string");
        assertField(f.call("POST", "/v1/calls", "{\"to\":\"+12025550486\",\"trunk\":\"nope\"}"), "trunk", "sim");
        assertField(f.call("POST", "/v1/calls", "{\"to\":\"+12025550486\",\"from\":\"<sip:x>\"}"), "from", null);
        assertField(f.call("POST", "/v1/calls", "{\"to\":\"+12025550486\",\"timers\":{\"ring_timeout\":\"-1s\"}}"),
                "timers.ring_timeout", "duration");
        assertField(f.call("POST", "/v1/calls", "{\"to\":\"+12025550486\",\"colour\":\"blue\"}"), "colour", "unknown");
        assertField(f.call("POST", "/v1/calls", "{\"to\":\"+12025550486\"}", "Idempotency-Key", " "),
                "Idempotency-Key", null);
        assertField(f.call("GET", "/v1/calls?status=bogus", null), "status", null);
        assertField(f.call("GET", "/v1/calls?reason=bogus", null), "reason", null);
        assertField(f.call("GET", "/v1/calls?since=yesterday", null), "since", null);
        assertField(f.call("GET", "/v1/calls?limit=0", null), "limit", null);
        assertField(f.call("GET", "/v1/calls?colour=blue", null), "colour", null);
        HttpResponse<String> notJson = f.call("POST", "/v1/calls", "to=+12025550486");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("field").isNull()).isTrue();
        assertThat(f.events).as("no call was placed for a refused request").hasSize(callsBefore);
    }

    private static void assertField(HttpResponse<String> r, String field, String messagePart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.get("error").asText()).isEqualTo("invalid_field");
        assertThat(body.get("field").asText()).isEqualTo(field);
        if (messagePart != null) {
            assertThat(body.get("message").asText()).contains(messagePart);
        }
    }

    @Test
    void anIdempotencyKeyNeverPlacesASecondCall() throws Exception {
        String body = "{\"to\":\"+12025550600\"}";
        HttpResponse<String> first = f.call("POST", "/v1/calls", body, "Idempotency-Key", "order-42");
        HttpResponse<String> retry = f.call("POST", "/v1/calls", body, "Idempotency-Key", "order-42");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        String id = json(first).get("call_id").asText();
        assertThat(json(retry).get("call_id").asText()).isEqualTo(id);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");

        HttpResponse<String> other = f.call("POST", "/v1/calls", "{\"to\":\"+12025550486\"}", "Idempotency-Key", "order-42");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(json(other).get("field").asText()).isEqualTo("Idempotency-Key");

        f.awaitAnalyzed(id);
        HttpResponse<String> late = f.call("POST", "/v1/calls", body, "Idempotency-Key", "order-42");
        assertThat(json(late).get("call_id").asText()).isEqualTo(id);
        assertThat(json(late).get("disconnection_reason").asText()).as("the replay shows the record as it is now")
                .isEqualTo("dial_busy");
        long placed = f.events.values().stream()
                .filter(es -> es.get(0).record().to().equals("+12025550600")).count();
        assertThat(placed).isEqualTo(1);
    }

    @Test
    void concurrentRetriesWithOneKeyPlaceOneCall() throws Exception {
        String body = "{\"to\":\"+12025550604\"}";
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(f.http.sendAsync(java.net.http.HttpRequest.newBuilder(f.base.resolve("/v1/calls"))
                    .header("Authorization", "Bearer " + DaemonFixture.KEY).header("Idempotency-Key", "burst-1")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (var future : sent) {
            HttpResponse<String> r = future.get(10, java.util.concurrent.TimeUnit.SECONDS);
            if (r.statusCode() == 201) {
                ids.add(json(r).get("call_id").asText());
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
                assertThat(json(r).get("error").asText()).isEqualTo("idempotency_key_in_progress");
            }
        }
        assertThat(ids).hasSize(1);
        f.awaitAnalyzed(ids.iterator().next());
        assertThat(f.events.values().stream().filter(es -> es.get(0).record().to().equals("+12025550604")).count())
                .isEqualTo(1);
    }

    @Test
    void aBusyCallEndsNotConnectedDialBusy() throws Exception {
        HttpResponse<String> created = f.call("POST", "/v1/calls", "{\"to\":\"+12025550486\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).get("call_id").asText();
        assertThat(created.headers().firstValue("Location")).contains("/v1/calls/" + id);
        assertThat(json(created).get("trunk").asText()).isEqualTo("sim");

        JsonNode r = f.finalRecord(id);
        assertThat(r.get("status").asText()).isEqualTo("not_connected");
        assertThat(r.get("disconnection_reason").asText()).isEqualTo("dial_busy");
        assertThat(r.get("sip_status").asInt()).isEqualTo(486);
        assertThat(r.get("q850_cause").asInt()).isEqualTo(17);
        assertThat(r.get("explanation").asText()).contains("486");
        assertThat(r.get("sip_trace")).isNotEmpty();
        assertThat(r.get("sip_trace").get(0).get("first_line").asText()).startsWith("INVITE sip:+12025550486@");

        JsonNode list = json(f.call("GET", "/v1/calls?status=not_connected&reason=dial_busy&since=1h", null));
        List<String> ids = new ArrayList<>();
        list.get("calls").forEach(c -> ids.add(c.get("call_id").asText()));
        assertThat(ids).contains(id);
        list.get("calls").forEach(c -> assertThat(c.get("disconnection_reason").asText()).isEqualTo("dial_busy"));
        assertThat(json(f.call("GET", "/v1/calls?status=ended&since=2999-01-01T00:00:00Z", null)).get("calls")).isEmpty();
    }

    @Test
    void anAnsweredCallEndsWithTheCalleesHangup() throws Exception {
        String id = f.dial("+12025551200");
        JsonNode r = f.finalRecord(id);
        assertThat(r.get("status").asText()).isEqualTo("ended");
        assertThat(r.get("disconnection_reason").asText()).isEqualTo("user_hangup");
        assertThat(r.get("answered_at").isNull()).isFalse();
        assertThat(r.get("ring_duration_ms").asLong()).isGreaterThanOrEqualTo(900);

        String metrics = f.call("GET", "/metrics", null).body();
        assertThat(metrics).contains("dialer_calls_ended_total{reason=\"user_hangup\",status=\"ended\",trunk=\"sim\"}",
                "dialer_calls_active ", "dialer_webhooks_backlog ", "dialer_ring_duration_seconds_bucket",
                "jvm_memory_used_bytes");
    }

    @Test
    void hangupThroughTheApi() throws Exception {
        String id = f.dial("+12025550201");
        f.awaitStarted(id);
        HttpResponse<String> hangup = f.call("POST", "/v1/calls/" + id + "/hangup", null);
        assertThat(hangup.statusCode()).isEqualTo(202);
        JsonNode r = f.finalRecord(id);
        assertThat(r.get("status").asText()).isEqualTo("ended");
        assertThat(r.get("disconnection_reason").asText()).isEqualTo("agent_hangup");
        assertThat(f.events.get(id)).extracting(e -> e.type()).containsSubsequence(EventType.CALL_STARTED,
                EventType.CALL_ENDED, EventType.CALL_ANALYZED);

        HttpResponse<String> again = f.call("POST", "/v1/calls/" + id + "/hangup", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").asText()).isEqualTo("call_not_active");
        assertThat(f.call("POST", "/v1/calls/call_0000000000/hangup", null).statusCode()).isEqualTo(404);
        assertThat(f.call("GET", "/v1/calls/call_0000000000", null).statusCode()).isEqualTo(404);
        assertThat(f.call("GET", "/v1/calls/../../etc", null).statusCode()).isEqualTo(404);
        assertThat(f.call("DELETE", "/v1/calls/" + id, null).statusCode()).isEqualTo(405);
    }

    @Test
    void pastMaxActiveCallsTheApiAnswers429() throws Exception {
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(f.dial("+12025550201"));
        }
        HttpResponse<String> refused = f.call("POST", "/v1/calls", "{\"to\":\"+12025550201\"}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).get("error").asText()).isEqualTo("too_many_calls");
        for (String id : held) {
            f.awaitStarted(id);
            assertThat(f.call("POST", "/v1/calls/" + id + "/hangup", null).statusCode()).isEqualTo(202);
        }
        for (String id : held) {
            f.awaitAnalyzed(id);
        }
    }

    @Test
    void healthAndReadiness() throws Exception {
        HttpResponse<String> ready = f.send("GET", "/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode checks = json(ready).get("checks");
        assertThat(checks.get("store").asText()).isEqualTo("ok");
        assertThat(checks.get("sip").asText()).isEqualTo("ok");
        assertThat(json(f.send("GET", "/healthz", null)).get("status").asText()).isEqualTo("ok");
        assertThat(f.send("GET", "/nowhere", null).statusCode()).isEqualTo(404);
    }
}
