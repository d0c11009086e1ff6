package io.dialer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dialer.sip.testpeers.Sipp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold transfer by REFER (issue 7 item 1) through the Dialer API against SIPp
 * callees. Requirements checked:
 * - accepted REFER and a 200 sipfrag: our leg leaves with BYE, the call ends
 *   {@code ended / call_transfer}, the record's transfer is completed;
 * - a failing NOTIFY (486) or a refused REFER (405): the call stays up and the
 *   transfer record names the step and the code;
 * - transfer_progress events for each step; Referred-By presents the chosen number.
 */
class TransferInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TARGET = "sip:transfer-target@example.test";

    @TempDir
    Path dir;

    private final List<DialerEvent> events = new CopyOnWriteArrayList<>();

    private Dialer dialer(Sipp uas) {
        return Dialer.start(DialerConfig.builder().trunk(TrunkConfig.of("carrier", "sip:127.0.0.1:" + uas.port())
                .withCallerId("+12025550100", CallerIdPolicy.defaults())).build());
    }

    /** Dials, waits for the answer, then asks for the transfer. */
    private CompletableFuture<TransferRecord> answeredThenTransfer(Dialer dialer, Call[] call, TransferRequest request)
            throws Exception {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        call[0] = dialer.dial(DialRequest.to("+12025550201"), e -> {
            events.add(e);
            if (e.type() == EventType.CALL_STARTED) {
                answered.complete(null);
            }
        });
        answered.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return call[0].transfer(request).toCompletableFuture();
    }

    @Test
    void acceptedReferEndsOurLegAsCallTransfer() throws Exception {
        try (Sipp uas = Sipp.server("uas_refer", "udp", 1, dir, "-key", "frag", "200 OK");
             Dialer dialer = dialer(uas)) {
            Call[] call = new Call[1];
            TransferRecord t = answeredThenTransfer(dialer, call, TransferRequest.refer(TARGET)
                    .presenting(TransferRequest.CallerIdChoice.USER)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(t.status()).isEqualTo("completed");
            assertThat(t.attempts()).singleElement().satisfies(a -> {
                assertThat(a.sipStatus()).isEqualTo(202);
                assertThat(a.notifyStatus()).isEqualTo(200);
            });
            CallRecord r = call[0].completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(CallStatus.ENDED);
            assertThat(r.disconnectionReason()).as(r.explanation()).isEqualTo(DisconnectionReason.CALL_TRANSFER);
            assertThat(r.explanation()).contains(TARGET);
            assertThat(r.transfer().status()).isEqualTo("completed");
            assertThat(events).filteredOn(e -> e.type() == EventType.TRANSFER_PROGRESS).hasSizeGreaterThanOrEqualTo(3);
            assertThat(uas.waitFor(WAIT)).as("SIPp\n%s\n%s", uas.output(), uas.messages(dir)).isZero();
            // USER: the callee's number is presented as the referrer (RFC 3892).
            assertThat(uas.messages(dir)).contains("Referred-By: <sip:+12025550201@127.0.0.1>")
                    .contains("Refer-To: <" + TARGET + ">");
        }
    }

    @Test
    void failingNotifyLeavesTheCallUpAndSaysWhere() throws Exception {
        try (Sipp uas = Sipp.server("uas_refer", "udp", 1, dir, "-key", "frag", "486 Busy Here");
             Dialer dialer = dialer(uas)) {
            Call[] call = new Call[1];
            TransferRecord t = answeredThenTransfer(dialer, call, TransferRequest.refer(TARGET))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(t.status()).isEqualTo("failed");
            assertThat(t.attempts()).singleElement().satisfies(a -> {
                assertThat(a.step()).isEqualTo("notify");
                assertThat(a.notifyStatus()).isEqualTo(486);
                assertThat(a.explanation()).contains("486 Busy Here").contains("stays up");
            });
            assertThat(call[0].status()).isEqualTo(CallStatus.ACTIVE);
            call[0].hangup();
            CallRecord r = call[0].completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(r.disconnectionReason()).isEqualTo(DisconnectionReason.AGENT_HANGUP);
            assertThat(r.transfer().status()).isEqualTo("failed");
            assertThat(uas.waitFor(WAIT)).as("SIPp\n%s\n%s", uas.output(), uas.messages(dir)).isZero();
            assertThat(uas.messages(dir)).contains("Referred-By: <sip:+12025550100@127.0.0.1>");
        }
    }

    @Test
    void refusedReferNamesTheStepAndCode() throws Exception {
        try (Sipp uas = Sipp.serverFilled("uas_refer_refused", Map.of("code", "405"), "udp", 1, dir);
             Dialer dialer = dialer(uas)) {
            Call[] call = new Call[1];
            TransferRecord t = answeredThenTransfer(dialer, call, TransferRequest.refer("+12025550300"))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(t.status()).isEqualTo("failed");
            assertThat(t.target()).isEqualTo("sip:+12025550300@127.0.0.1:" + uas.port());
            assertThat(t.attempts()).singleElement().satisfies(a -> {
                assertThat(a.step()).isEqualTo("refer");
                assertThat(a.sipStatus()).isEqualTo(405);
                assertThat(a.explanation()).contains("405").contains("does not support REFER");
            });
            assertThat(call[0].status()).isEqualTo(CallStatus.ACTIVE);
            call[0].hangup();
            call[0].completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(uas.waitFor(WAIT)).as("SIPp\n%s\n%s", uas.output(), uas.messages(dir)).isZero();
        }
    }

    @Test
    void simulatorPlaysTheReferredCallByItsNumberPlan() throws Exception {
        try (io.dialer.sim.Simulator sim = io.dialer.sim.Simulator.start(io.dialer.sim.SimSettings.defaults());
             Dialer dialer = Dialer.start(DialerConfig.builder().trunk(TrunkConfig.of("sim", "sip:127.0.0.1:" + sim.port())
                     .withCallerId("+12025550100", CallerIdPolicy.defaults())).build())) {
            Call[] busy = new Call[1];
            TransferRecord failed = answeredThenTransfer(dialer, busy, TransferRequest.refer("+12025551486"))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(failed.status()).isEqualTo("failed");
            assertThat(failed.attempts().get(0).notifyStatus()).isEqualTo(486);
            busy[0].hangup();
            busy[0].completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            Call[] ok = new Call[1];
            TransferRecord done = answeredThenTransfer(dialer, ok, TransferRequest.refer("+12025551200"))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(done.status()).isEqualTo("completed");
            assertThat(ok[0].completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .disconnectionReason()).isEqualTo(DisconnectionReason.CALL_TRANSFER);
            assertThat(events).filteredOn(e -> e.type() == EventType.TRANSFER_PROGRESS)
                    .extracting(e -> e.record().transfer().attempts().get(0).notifyStatus())
                    .contains(100, 180, 200);
        }
    }

    private Dialer simDialer(io.dialer.sim.Simulator sim) {
        return Dialer.start(DialerConfig.builder().trunk(TrunkConfig.of("sim", "sip:127.0.0.1:" + sim.port())
                .withCallerId("+12025550100", CallerIdPolicy.defaults())).build());
    }

    @Test
    void inviteTransferBridgesTheNewLegUntilItHangsUp() throws Exception {
        try (io.dialer.sim.Simulator sim = io.dialer.sim.Simulator.start(io.dialer.sim.SimSettings.defaults()
                .withHold(Duration.ofSeconds(2)));
             Dialer dialer = simDialer(sim)) {
            List<DialerEvent> all = new CopyOnWriteArrayList<>();
            dialer.addListener(all::add);
            Call[] call = new Call[1];
            TransferRecord t = answeredThenTransfer(dialer, call, TransferRequest.invite("+12025551200"))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(t.status()).isEqualTo("completed");
            assertThat(t.mode()).isEqualTo("invite");
            TransferRecord.Attempt bridge = t.attempts().get(0);
            assertThat(bridge.step()).isEqualTo("done");
            assertThat(bridge.explanation()).contains("bridged");
            // The target (the simulator's 1200) hangs up after its hold time; our call leaves with it.
            CallRecord r = call[0].completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(r.disconnectionReason()).as(r.explanation()).isEqualTo(DisconnectionReason.CALL_TRANSFER);
            assertThat(r.explanation()).contains("+12025551200").contains("bridged");
            // The new leg has its own full record; both legs carried RTP through the bridge.
            CallRecord legRecord = all.stream().filter(e -> e.type() == EventType.CALL_ENDED)
                    .map(DialerEvent::record).filter(rec -> rec.callId().equals(bridge.legCallId())).findFirst()
                    .orElseThrow();
            assertThat(legRecord.disconnectionReason()).isEqualTo(DisconnectionReason.USER_HANGUP);
            assertThat(legRecord.from()).isEqualTo("+12025550100");
            assertThat(legRecord.media().packetsReceived()).isPositive();
            assertThat(legRecord.media().packetsSent()).isPositive();
        }
    }

    @Test
    void failingLegKeepsTheCallAndRetriesARefusedCallerIdAsTheAgent() throws Exception {
        try (io.dialer.sim.Simulator sim = io.dialer.sim.Simulator.start(io.dialer.sim.SimSettings.defaults());
             Dialer dialer = simDialer(sim)) {
            Call[] call = new Call[1];
            TransferRecord busy = answeredThenTransfer(dialer, call, TransferRequest.invite("+12025551486"))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(busy.status()).isEqualTo("failed");
            assertThat(busy.attempts()).singleElement().satisfies(a -> {
                assertThat(a.step()).isEqualTo("leg");
                assertThat(a.sipStatus()).isEqualTo(486);
                assertThat(a.explanation()).contains("dial_busy");
            });
            assertThat(call[0].status()).isEqualTo(CallStatus.ACTIVE);

            // Presenting the callee's number: the simulator's 0403 refuses it, then (as the agent) again.
            TransferRecord refused = call[0].transfer(TransferRequest.invite("+12025550403")
                    .presenting(TransferRequest.CallerIdChoice.USER)).toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(refused.attempts()).hasSize(2);
            assertThat(refused.attempts().get(0).explanation()).contains("presenting +12025550201");
            assertThat(refused.attempts().get(1).explanation()).contains("presenting +12025550100");
            assertThat(refused.attempts()).allSatisfy(a -> assertThat(a.sipStatus()).isEqualTo(403));
            call[0].hangup();
            assertThat(call[0].completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .disconnectionReason()).isEqualTo(DisconnectionReason.AGENT_HANGUP);
        }
    }

    @Test
    void autoFallsBackToANewLegWhenTheReferFailsBeforeRinging() throws Exception {
        try (io.dialer.sim.Simulator sim = io.dialer.sim.Simulator.start(io.dialer.sim.SimSettings.defaults());
             Dialer dialer = simDialer(sim)) {
            Call[] call = new Call[1];
            // The simulator plays 0404 for the REFER (NOTIFY 404, nothing rang), then for the new leg (404).
            TransferRecord t = answeredThenTransfer(dialer, call, TransferRequest.auto("+12025550404"))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(t.mode()).isEqualTo("auto");
            assertThat(t.status()).isEqualTo("failed");
            assertThat(t.attempts()).extracting(TransferRecord.Attempt::mode).containsExactly("refer", "invite");
            assertThat(t.attempts().get(0).notifyStatus()).isEqualTo(404);
            assertThat(t.attempts().get(1).sipStatus()).isEqualTo(404);
            assertThat(call[0].status()).isEqualTo(CallStatus.ACTIVE);
            call[0].hangup();
            call[0].completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void transferNeedsAnActiveCallAndAValidTarget() throws Exception {
        try (Sipp uas = Sipp.server("builtin:uas", "udp", 1, dir);
             Dialer dialer = dialer(uas)) {
            Call[] call = new Call[1];
            CompletableFuture<TransferRecord> bad = answeredThenTransfer(dialer, call, TransferRequest.refer("+1 202"));
            assertThatThrownBy(() -> bad.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("contains spaces");
            call[0].hangup();
            call[0].completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThatThrownBy(() -> call[0].transfer(TransferRequest.refer(TARGET)).toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasMessageContaining("not active");
        }
    }
}
