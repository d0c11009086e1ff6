package io.dialer.daemon;

import static io.dialer.daemon.DaemonFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialer.core.EventType;
import io.dialer.core.TransferRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/calls/{id}/transfer} and {@code /dtmf} over real HTTP against a
 * daemon whose trunk is the in-process simulator (docs/sim.md: +12025550201 answers
 * and waits; a REFER plays out by the Refer-To number's plan). Checks: a transfer
 * by REFER or by a new INVITE leg is 202 with the transfer in progress and its
 * outcome reaches the stored record (REFER: the call ends call_transfer; INVITE:
 * bridged, and the call ends call_transfer whoever hangs up); 404 unknown call,
 * 409 before answer, after the end and while a transfer runs, 400 naming the field
 * for a bad to, mode, caller_id, timeout_s or digits; DTMF 202 on an answered call;
 * both need the API key.
 */
class CallControlApiTest {

    @TempDir
    static Path dir;

    private static DaemonFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = DaemonFixture.start("path: " + dir.resolve("control.db"), "");
    }

    @AfterAll
    static void stop() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    /** Dials a number that answers and waits, and returns once it answered. */
    private static String answered() throws Exception {
        String id = f.dial("+12025550201");
        f.awaitStarted(id);
        return id;
    }

    /** Completes with the call's transfer once a transfer_progress event shows it finished. */
    private static CompletableFuture<TransferRecord> transferOutcome(String id) {
        CompletableFuture<TransferRecord> done = new CompletableFuture<>();
        f.daemon.dialer().addListener(e -> {
            TransferRecord t = e.record().transfer();
            if (e.record().callId().equals(id) && e.type() == EventType.TRANSFER_PROGRESS && t != null
                    && !t.status().equals("in_progress")) {
                done.complete(t);
            }
        });
        return done;
    }

    @Test
    void transferByReferEndsTheCallAsCallTransfer() throws Exception {
        String id = answered();
        CompletableFuture<TransferRecord> outcome = transferOutcome(id);
        HttpResponse<String> r = f.call("POST", "/v1/calls/" + id + "/transfer",
                "{\"to\":\"+12025550201\",\"mode\":\"refer\",\"caller_id\":\"user\",\"timeout_s\":20}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode body = json(r);
        assertThat(body.get("call_id").asText()).isEqualTo(id);
        assertThat(body.get("transfer").get("mode").asText()).isEqualTo("refer");
        assertThat(body.get("transfer").get("status").asText()).isEqualTo("in_progress");
        assertThat(body.get("transfer").get("target").asText()).startsWith("sip:+12025550201@");

        assertThat(outcome.get(20, TimeUnit.SECONDS).status()).isEqualTo("completed");
        JsonNode record = f.finalRecord(id);
        assertThat(record.get("status").asText()).isEqualTo("ended");
        assertThat(record.get("disconnection_reason").asText()).isEqualTo("call_transfer");
        assertThat(record.get("transfer").get("status").asText()).isEqualTo("completed");
        assertThat(record.get("transfer").get("attempts").get(0).get("sip_status").asInt()).isEqualTo(202);
        assertThat(record.get("transfer").get("attempts").get(0).get("notify_status").asInt()).isEqualTo(200);

        HttpResponse<String> again = f.call("POST", "/v1/calls/" + id + "/transfer", "{\"to\":\"+12025550201\"}");
        assertThat(again.statusCode()).as("a call that ended cannot be transferred").isEqualTo(409);
        assertThat(json(again).get("error").asText()).isEqualTo("call_not_active");
    }

    @Test
    void transferByInviteBridgesANewLeg() throws Exception {
        String id = answered();
        CompletableFuture<TransferRecord> outcome = transferOutcome(id);
        HttpResponse<String> r = f.call("POST", "/v1/calls/" + id + "/transfer",
                "{\"to\":\"+12025550201\",\"mode\":\"invite\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(json(r).get("transfer").get("mode").asText()).isEqualTo("invite");
        assertThat(json(r).get("transfer").get("status").asText()).isEqualTo("in_progress");

        TransferRecord done = outcome.get(20, TimeUnit.SECONDS);
        assertThat(done.status()).isEqualTo("completed");
        String legId = done.attempts().get(0).legCallId();
        assertThat(legId).startsWith("call_");
        JsonNode stored = json(f.call("GET", "/v1/calls/" + id, null));
        assertThat(stored.get("status").asText()).as("bridged: our call carries the audio").isEqualTo("active");
        assertThat(stored.get("transfer").get("status").asText()).isEqualTo("completed");

        assertThat(f.call("POST", "/v1/calls/" + id + "/hangup", null).statusCode()).isEqualTo(202);
        JsonNode record = f.finalRecord(id);
        assertThat(record.get("disconnection_reason").asText()).as("once bridged, the call was transferred")
                .isEqualTo("call_transfer");
        if (f.daemon.dialer().call(legId).isPresent()) {
            assertThat(f.call("POST", "/v1/calls/" + legId + "/hangup", null).statusCode()).isEqualTo(202);
        }
        f.awaitAnalyzed(legId);
    }

    @Test
    void transferRefusals() throws Exception {
        assertThat(f.call("POST", "/v1/calls/call_0000000000/transfer", "{\"to\":\"+12025550201\"}").statusCode())
                .isEqualTo(404);
        assertThat(f.send("POST", "/v1/calls/call_0000000000/transfer", "{\"to\":\"+12025550201\"}").statusCode())
                .as("the API key is needed").isEqualTo(401);

        // +12025559201 rings 9 s before it answers: not active yet.
        String ringing = f.dial("+12025559201");
        HttpResponse<String> early = f.call("POST", "/v1/calls/" + ringing + "/transfer", "{\"to\":\"+12025550201\"}");
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(json(early).get("error").asText()).isEqualTo("call_not_active");
        assertThat(f.call("POST", "/v1/calls/" + ringing + "/hangup", null).statusCode()).isEqualTo(202);
        f.awaitAnalyzed(ringing);

        String id = answered();
        assertField(f.call("POST", "/v1/calls/" + id + "/transfer", "{\"to\":\"12ab\"}"), "to", "letters");
        assertField(f.call("POST", "/v1/calls/" + id + "/transfer", "{}"), "to", "required");
        assertField(f.call("POST", "/v1/calls/" + id + "/transfer", "{\"to\":\"+12025550201\",\"mode\":\"fax\"}"),
                "mode", "fax");
        assertField(f.call("POST", "/v1/calls/" + id + "/transfer",
                "{\"to\":\"+12025550201\",\"caller_id\":\"boss\"}"), "caller_id", "boss");
        assertField(f.call("POST", "/v1/calls/" + id + "/transfer",
                "{\"to\":\"+12025550201\",\"timeout_s\":0}"), "timeout_s", null);
        assertField(f.call("POST", "/v1/calls/" + id + "/transfer",
                "{\"to\":\"+12025550201\",\"colour\":\"blue\"}"), "colour", "unknown");

        // A REFER to a number that rings 9 s keeps the transfer running while a second one is asked for.
        HttpResponse<String> first = f.call("POST", "/v1/calls/" + id + "/transfer",
                "{\"to\":\"+12025559201\",\"mode\":\"refer\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        HttpResponse<String> second = f.call("POST", "/v1/calls/" + id + "/transfer", "{\"to\":\"+12025550201\"}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(json(second).get("error").asText()).isEqualTo("transfer_in_progress");
        assertThat(f.call("POST", "/v1/calls/" + id + "/hangup", null).statusCode()).isEqualTo(202);
        f.awaitAnalyzed(id);
    }

    @Test
    void dtmf() throws Exception {
        String id = answered();
        HttpResponse<String> sent = f.call("POST", "/v1/calls/" + id + "/dtmf", "{\"digits\":\"123#*AD\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(json(sent).get("digits").asText()).isEqualTo("123#*AD");
        assertField(f.call("POST", "/v1/calls/" + id + "/dtmf", "{\"digits\":\"12x\"}"), "digits", "0-9");
        assertField(f.call("POST", "/v1/calls/" + id + "/dtmf", "{\"digits\":\"\"}"), "digits", null);
        assertField(f.call("POST", "/v1/calls/" + id + "/dtmf", "{\"digits\":123}"), "digits", "string");
        assertThat(f.send("POST", "/v1/calls/" + id + "/dtmf", "{\"digits\":\"1\"}").statusCode()).isEqualTo(401);
        assertThat(f.call("POST", "/v1/calls/" + id + "/hangup", null).statusCode()).isEqualTo(202);
        f.awaitAnalyzed(id);
        HttpResponse<String> after = f.call("POST", "/v1/calls/" + id + "/dtmf", "{\"digits\":\"1\"}");
        assertThat(after.statusCode()).isEqualTo(409);
        assertThat(json(after).get("error").asText()).isEqualTo("call_not_active");

        String ringing = f.dial("+12025559201");
        HttpResponse<String> early = f.call("POST", "/v1/calls/" + ringing + "/dtmf", "{\"digits\":\"1\"}");
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(f.call("POST", "/v1/calls/" + ringing + "/hangup", null).statusCode()).isEqualTo(202);
        f.awaitAnalyzed(ringing);
        assertThat(f.call("POST", "/v1/calls/call_0000000000/dtmf", "{\"digits\":\"1\"}").statusCode()).isEqualTo(404);
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
}
