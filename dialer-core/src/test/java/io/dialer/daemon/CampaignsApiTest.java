package io.dialer.daemon;

import static io.dialer.daemon.DaemonFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialer.core.DialerEvent;
import io.dialer.core.EventType;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Campaigns over real HTTP against a daemon whose trunk is the in-process
 * simulator (docs/sim.md number plan: …0200 answers, …0486 busy, …0404 404,
 * …0180 rings until the ring timeout), SQLite store. Checks that a mixed
 * campaign finishes with every number dialed as often as its outcome allows
 * (busy and no answer up to the attempt cap, invalid once, DNC never), the
 * campaign's concurrency is never exceeded (counted from the dialer's events),
 * pause stops new dials and resume continues, cancel, CSV upload, 400s naming
 * the field, and Idempotency-Key.
 */
class CampaignsApiTest {

    private static final List<String> AREAS = List.of("202", "212", "213", "303", "312", "404", "415", "512",
            "617", "718");

    @TempDir
    Path dir;

    private DaemonFixture f;
    /** Call id to dialed number, for every call the daemon's dialer placed. */
    private final Map<String, String> dialed = new ConcurrentHashMap<>();
    private final BlockingQueue<DialerEvent> events = new LinkedBlockingQueue<>();
    private final AtomicInteger up = new AtomicInteger();
    private final AtomicInteger maxUp = new AtomicInteger();
    /** When each call's first event came (its dial), in order. */
    private final List<java.time.Instant> starts = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The {@code store:} block; the PostgreSQL variant gives its own. */
    String storeBlock() throws Exception {
        return "path: " + dir.resolve("campaigns.db");
    }

    private void start() throws Exception {
        f = DaemonFixture.start(storeBlock(), "");
        f.daemon.dialer().addListener(e -> {
            // A call is in flight from its first event to its call_ended.
            if (dialed.putIfAbsent(e.record().callId(), e.record().to()) == null) {
                starts.add(e.at());
                maxUp.accumulateAndGet(up.incrementAndGet(), Math::max);
            }
            if (e.type() == EventType.CALL_ENDED) {
                up.decrementAndGet();
            }
            events.add(e);
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    private static String number(int area, String tail) {
        return "+1" + AREAS.get(area) + "555" + tail;
    }

    @Test
    void aMixedCampaignFinishesWithRetriesPerOutcomeWithinItsConcurrency() throws Exception {
        start();
        List<String> answer = new ArrayList<>();
        List<String> busy = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        List<String> noAnswer = new ArrayList<>();
        List<String> dnc = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answer.add(number(i, "0200"));
        }
        for (int i = 0; i < 8; i++) {
            busy.add(number(i, "0486"));
        }
        for (int i = 0; i < 6; i++) {
            invalid.add(number(i, "0404"));
        }
        for (int i = 0; i < 4; i++) {
            noAnswer.add(number(i, "0180"));
        }
        dnc.add("+12025551200");
        dnc.add("+12125551200");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // Interleaved, so busy retries overlap with first attempts.
            for (List<String> group : List.of(answer, busy, invalid, noAnswer, dnc)) {
                if (i < group.size()) {
                    all.add(group.get(i));
                }
            }
        }
        assertThat(all).hasSize(30);
        String body = "{\"name\":\"mixed\",\"trunk\":\"sim\",\"max_concurrency\":5,\"max_cps\":20,"
                + "\"ring_timeout\":\"1s\",\"retry\":{\"busy\":\"100ms\",\"no_answer\":\"100ms\",\"max_attempts\":3},"
                + "\"dnc\":[\"" + String.join("\",\"", dnc) + "\"],\"numbers\":["
                + all.stream().map(n -> "{\"to\":\"" + n + "\",\"variables\":{\"n\":\"" + n + "\"}}")
                .collect(Collectors.joining(",")) + "]}";
        HttpResponse<String> created = f.call("POST", "/v1/campaigns", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode campaign = json(created);
        String id = campaign.get("campaign_id").asText();
        assertThat(created.headers().firstValue("Location")).contains("/v1/campaigns/" + id);
        assertThat(campaign.at("/progress/total").asInt()).isEqualTo(30);
        assertThat(campaign.at("/progress/by_state/skipped").asInt()).isEqualTo(2);

        JsonNode done = awaitStatus(id, "done", Duration.ofSeconds(60));
        Map<String, Long> perNumber = dialed.values().stream()
                .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        answer.forEach(n -> assertThat(perNumber.get(n)).as("answered " + n).isEqualTo(1L));
        busy.forEach(n -> assertThat(perNumber.get(n)).as("busy " + n).isEqualTo(3L));
        invalid.forEach(n -> assertThat(perNumber.get(n)).as("invalid " + n).isEqualTo(1L));
        noAnswer.forEach(n -> assertThat(perNumber.get(n)).as("no answer " + n).isEqualTo(3L));
        dnc.forEach(n -> assertThat(perNumber).as("DNC " + n).doesNotContainKey(n));
        assertThat(maxUp.get()).as("calls in flight at once").isLessThanOrEqualTo(5).isGreaterThan(1);
        List<java.time.Instant> sorted = starts.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).isBefore(sorted.get(i).plusSeconds(1))) {
                j++;
            }
            // max_cps 20, plus at most one call of catch-up after an idle round.
            assertThat(j - i).as("calls started within 1 s of call " + i).isLessThanOrEqualTo(21);
        }

        JsonNode p = done.get("progress");
        assertThat(p.at("/by_state/done").asInt()).isEqualTo(28);
        assertThat(p.at("/by_state/skipped").asInt()).isEqualTo(2);
        assertThat(p.at("/by_state/pending").asInt()).isZero();
        assertThat(p.get("attempts").asInt()).isEqualTo(10 + 24 + 6 + 12);
        assertThat(p.get("eta_seconds").asLong()).isZero();
        Map<String, Integer> outcomes = new java.util.HashMap<>();
        p.get("by_outcome").forEach(o -> outcomes.put(o.get("status").asText() + "/" + o.get("reason").asText(),
                o.get("count").asInt()));
        assertThat(outcomes).containsEntry("ended/user_hangup", 10).containsEntry("not_connected/dial_busy", 8)
                .containsEntry("not_connected/invalid_destination", 6)
                .containsEntry("not_connected/dial_no_answer", 4).containsEntry("skipped/do_not_call", 2);
        // Every attempt has its call record in the store.
        for (String callId : dialed.keySet()) {
            f.awaitAnalyzed(callId);
            assertThat(f.call("GET", "/v1/calls/" + callId, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void pauseStopsNewDialsAndResumeContinues() throws Exception {
        start();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            numbers.add(number(i, "0200"));
        }
        String id = create("{\"name\":\"pausable\",\"max_concurrency\":1,\"max_cps\":5,\"numbers\":["
                + numbers.stream().map(n -> "{\"to\":\"" + n + "\"}").collect(Collectors.joining(",")) + "]}");
        awaitEvent(EventType.CALL_STARTED, Duration.ofSeconds(10));
        HttpResponse<String> paused = f.call("POST", "/v1/campaigns/" + id + "/pause", null);
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(json(paused).get("status").asText()).isEqualTo("paused");
        assertThat(f.call("POST", "/v1/campaigns/" + id + "/pause", null).statusCode()).isEqualTo(409);
        // The call in flight (if a second one slipped in before the pause took effect,
        // it too) runs to its end; after that nothing new starts while paused.
        while (up.get() > 0) {
            awaitEvent(EventType.CALL_ENDED, Duration.ofSeconds(10));
        }
        int before = dialed.size();
        assertThat(before).isBetween(1, 2);
        assertNoNewCall(Duration.ofMillis(1500));
        assertThat(dialed).hasSize(before);
        assertThat(json(f.call("GET", "/v1/campaigns/" + id, null)).at("/progress/by_state/pending").asInt())
                .isEqualTo(6 - before);

        assertThat(f.call("POST", "/v1/campaigns/" + id + "/resume", null).statusCode()).isEqualTo(200);
        awaitStatus(id, "done", Duration.ofSeconds(30));
        assertThat(Set.copyOf(dialed.values())).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(dialed).hasSize(6);
        assertThat(maxUp.get()).isEqualTo(1);
    }

    @Test
    void cancelStopsTheCampaignForGood() throws Exception {
        start();
        String id = create("{\"name\":\"doomed\",\"max_concurrency\":1,\"max_cps\":0.5,\"numbers\":["
                + "{\"to\":\"" + number(0, "0200") + "\"},{\"to\":\"" + number(1, "0200") + "\"},"
                + "{\"to\":\"" + number(2, "0200") + "\"}]}");
        awaitEvent(EventType.CALL_STARTED, Duration.ofSeconds(10));
        HttpResponse<String> canceled = f.call("POST", "/v1/campaigns/" + id + "/cancel", null);
        assertThat(canceled.statusCode()).isEqualTo(200);
        assertThat(json(canceled).get("status").asText()).isEqualTo("canceled");
        assertThat(f.call("POST", "/v1/campaigns/" + id + "/resume", null).statusCode()).isEqualTo(409);
        assertThat(f.call("POST", "/v1/campaigns/" + id + "/cancel", null).statusCode()).isEqualTo(409);
        while (up.get() > 0) {
            awaitEvent(EventType.CALL_ENDED, Duration.ofSeconds(10));
        }
        assertNoNewCall(Duration.ofMillis(2500));
        JsonNode after = json(f.call("GET", "/v1/campaigns/" + id, null));
        assertThat(after.get("status").asText()).isEqualTo("canceled");
        assertThat(after.at("/progress/by_state/pending").asInt()).isEqualTo(3 - dialed.size());
        assertThat(after.at("/progress/eta_seconds").isNull()).isTrue();
        assertThat(f.call("GET", "/v1/campaigns/cmp_00", null).statusCode()).isEqualTo(404);
        assertThat(f.call("POST", "/v1/campaigns/nope/pause", null).statusCode()).isEqualTo(404);
    }

    @Test
    void csvUploadWithVariablesAndQuerySettings() throws Exception {
        start();
        String csv = "to,first_name,note\n" + number(0, "0200") + ",Ada,\"likes, commas\"\n"
                + number(1, "0200") + ",Grace,\n" + number(2, "0200") + ",Alan,x\n";
        HttpResponse<String> r = f.call("POST", "/v1/campaigns?name=upload&max_cps=10&max_concurrency=2&dnc="
                + "%2B" + number(2, "0200").substring(1), csv, "Content-Type", "text/csv");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode c = json(r);
        assertThat(c.get("name").asText()).isEqualTo("upload");
        assertThat(c.get("max_concurrency").asInt()).isEqualTo(2);
        assertThat(c.at("/progress/total").asInt()).isEqualTo(3);
        assertThat(c.at("/progress/by_state/skipped").asInt()).isEqualTo(1);
        awaitStatus(c.get("campaign_id").asText(), "done", Duration.ofSeconds(30));
        assertThat(Set.copyOf(dialed.values())).containsExactlyInAnyOrder(number(0, "0200"), number(1, "0200"));

        assertField(f.call("POST", "/v1/campaigns", "to,x\n+12025550200,1\n12ab,2\n", "Content-Type", "text/csv"),
                "line 3.to");
        assertField(f.call("POST", "/v1/campaigns", "number,x\n+12025550200,1\n", "Content-Type", "text/csv"), "line 1");
        assertField(f.call("POST", "/v1/campaigns", "to,x\n+12025550200\n", "Content-Type", "text/csv"), "line 2");
        assertField(f.call("POST", "/v1/campaigns?max_cps=-1", "to\n+12025550200\n", "Content-Type", "text/csv"),
                "max_cps");
    }

    @Test
    void badRequestsAre400NamingTheField() throws Exception {
        start();
        String ok = "{\"to\":\"+12025550200\"}";
        assertField(f.call("POST", "/v1/campaigns", "{\"name\":\"x\",\"numbers\":[" + ok + "," + ok + "," + ok
                + ",{\"to\":\"+1202555\"}]}"), "numbers[3].to");
        assertField(f.call("POST", "/v1/campaigns", "{\"name\":\"x\",\"numbers\":[{\"to\":\"12ab\"}]}"), "numbers[0].to");
        assertField(f.call("POST", "/v1/campaigns", "{\"name\":\"x\",\"numbers\":[{}]}"), "numbers[0].to");
        assertField(f.call("POST", "/v1/campaigns", "{\"name\":\"x\",\"numbers\":[{\"to\":\"+12025550200\","
                + "\"variables\":[1]}]}"), "numbers[0].variables");
        assertField(f.call("POST", "/v1/campaigns", "{\"name\":\"x\",\"numbers\":[]}"), "numbers");
        assertField(f.call("POST", "/v1/campaigns", "{\"numbers\":[" + ok + "]}"), "name");
        assertField(f.call("POST", "/v1/campaigns", "{\"name\":\"x\",\"trunk\":\"nope\",\"numbers\":[" + ok + "]}"), "trunk");
        assertField(f.call("POST", "/v1/campaigns", "{\"name\":\"x\",\"max_cps\":-2,\"numbers\":[" + ok + "]}"), "max_cps");
        assertField(f.call("POST", "/v1/campaigns", "{\"name\":\"x\",\"max_concurrency\":0,\"numbers\":[" + ok + "]}"),
                "max_concurrency");
        assertField(f.call("POST", "/v1/campaigns", "{\"name\":\"x\",\"retry\":{\"busy\":\"soon\"},\"numbers\":["
                + ok + "]}"), "retry.busy");
        assertField(f.call("POST", "/v1/campaigns", "{\"name\":\"x\",\"dnc\":[\"+1\"],\"numbers\":[" + ok + "]}"), "dnc[0]");
        assertField(f.call("POST", "/v1/campaigns", "{\"name\":\"x\",\"colour\":1,\"numbers\":[" + ok + "]}"), "colour");
        assertThat(dialed).as("nothing dialed for a refused campaign").isEmpty();
    }

    @Test
    void anIdempotencyKeyNeverCreatesASecondCampaign() throws Exception {
        start();
        String body = "{\"name\":\"once\",\"max_cps\":5,\"numbers\":[{\"to\":\"" + number(0, "0486") + "\"}],"
                + "\"retry\":{\"max_attempts\":1}}";
        HttpResponse<String> first = f.call("POST", "/v1/campaigns", body, "Idempotency-Key", "cmp-key-1");
        HttpResponse<String> again = f.call("POST", "/v1/campaigns", body, "Idempotency-Key", "cmp-key-1");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        String id = json(first).get("campaign_id").asText();
        assertThat(json(again).get("campaign_id").asText()).isEqualTo(id);
        HttpResponse<String> other = f.call("POST", "/v1/campaigns", body.replace("once", "twice"),
                "Idempotency-Key", "cmp-key-1");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(json(other).get("field").asText()).isEqualTo("Idempotency-Key");
        awaitStatus(id, "done", Duration.ofSeconds(20));
        assertThat(dialed).as("one campaign, one number, one attempt").hasSize(1);
    }

    private String create(String body) throws Exception {
        HttpResponse<String> r = f.call("POST", "/v1/campaigns", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r).get("campaign_id").asText();
    }

    /** Waits for the campaign to reach a status, checking again after each dialer event (at most every 200 ms). */
    private JsonNode awaitStatus(String id, String status, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonNode c = json(f.call("GET", "/v1/campaigns/" + id, null));
            if (c.get("status").asText().equals(status)) {
                return c;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("campaign " + id + " still " + c);
            }
            events.poll(200, TimeUnit.MILLISECONDS);
        }
    }

    /** Over the whole period, events arrive only for calls already known (the ones ending). */
    private void assertNoNewCall(Duration period) throws Exception {
        Set<String> known = Set.copyOf(dialed.keySet());
        long deadline = System.nanoTime() + period.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            DialerEvent e = events.poll(left, TimeUnit.NANOSECONDS);
            assertThat(e == null || known.contains(e.record().callId())).as("no new call: " + e).isTrue();
        }
    }

    private void awaitEvent(EventType type, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            DialerEvent e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e != null && e.type() == type) {
                return;
            }
        }
        throw new AssertionError("no " + type + " within " + limit);
    }

    private static void assertField(HttpResponse<String> r, String field) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).get("field").asText()).as(r.body()).isEqualTo(field);
    }
}
