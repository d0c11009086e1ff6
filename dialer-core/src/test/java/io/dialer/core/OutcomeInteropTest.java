package io.dialer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.auth.Credentials;
import io.dialer.sip.dns.Dnsmasq;
import io.dialer.sip.testpeers.Kamailio;
import io.dialer.sip.testpeers.Sipp;
import io.dialer.sip.transaction.TimerSettings;
import io.dialer.sip.ua.StackSettings;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One call per row of the outcome table (design.md §4) against real peers:
 * SIPp scenarios in test resources as callee or carrier, Kamailio as an
 * authenticating trunk, dnsmasq as a DNS server that knows no such host.
 * Each test checks status, reason, sip_status and that the explanation names
 * the evidence. (Rows that need media — inactivity, no audio, voicemail after
 * answer, SIT tones — and transfers come with those features.)
 */
class OutcomeInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<DialerEvent> events = new CopyOnWriteArrayList<>();

    private Dialer dialer(int port, UnaryOperator<DialerConfig.Builder> tweak, UnaryOperator<TrunkConfig> trunk) {
        TrunkConfig t = trunk.apply(TrunkConfig.of("carrier", "sip:127.0.0.1:" + port)
                .withCallerId("+12025550100", CallerIdPolicy.defaults()));
        return Dialer.start(tweak.apply(DialerConfig.builder().trunk(t)).build());
    }

    private CallRecord call(int port, String to) throws Exception {
        return call(port, to, b -> b, t -> t);
    }

    private CallRecord call(int port, String to, UnaryOperator<DialerConfig.Builder> tweak,
                            UnaryOperator<TrunkConfig> trunk) throws Exception {
        try (Dialer dialer = dialer(port, tweak, trunk)) {
            Call call = dialer.dial(DialRequest.to(to), events::add);
            return call.completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private CallRecord reject(int code, String phrase, String reason) throws Exception {
        try (Sipp uas = Sipp.serverFilled("uas_reject", java.util.Map.of("code", String.valueOf(code)), "udp", 1, dir,
                "-key", "phrase", phrase, "-key", "reason", reason)) {
            CallRecord r = call(uas.port(), "+12025550" + code);
            assertPassed(uas);
            return r;
        }
    }

    private CallRecord rejectAtOnce(int code, String phrase, String warning) throws Exception {
        try (Sipp uas = Sipp.serverFilled("uas_reject_no_ring", java.util.Map.of("code", String.valueOf(code)), "udp", 1,
                dir, "-key", "phrase", phrase, "-key", "warning", warning)) {
            CallRecord r = call(uas.port(), "+12025550" + code);
            assertPassed(uas);
            return r;
        }
    }

    private void assertPassed(Sipp sipp) throws Exception {
        assertThat(sipp.waitFor(WAIT)).as("SIPp scenario result\n%s\n%s", sipp.output(), sipp.messages(dir)).isZero();
    }

    private static void assertOutcome(CallRecord r, CallStatus status, DisconnectionReason reason, Integer sipStatus) {
        assertThat(r.status()).as(r.explanation()).isEqualTo(status);
        assertThat(r.disconnectionReason()).as(r.explanation()).isEqualTo(reason);
        assertThat(r.sipStatus()).as(r.explanation()).isEqualTo(sipStatus);
        assertThat(r.explanation()).isNotBlank().doesNotContain("null").doesNotContain("undefined");
        if (sipStatus != null && sipStatus >= 300) {
            assertThat(r.explanation()).contains(String.valueOf(sipStatus));
        }
    }

    @Test
    void invalidNumberIsRefusedBeforeAnyInvite() throws Exception {
        CallRecord r = call(9, "+1 202 555 0486");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.INVALID_DESTINATION, null);
        assertThat(r.explanation()).contains("spaces");
        assertThat(r.sipCallId()).isNull();
        assertThat(r.sipTrace()).isEmpty();
    }

    @Test
    void notFoundWithCause1IsInvalidDestination() throws Exception {
        CallRecord r = reject(404, "Not Found", "Q.850;cause=1;text=\"Unallocated number\"");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.INVALID_DESTINATION, 404);
        assertThat(r.q850Cause()).isEqualTo(1);
        assertThat(r.explanation()).contains("Not Found");
    }

    @Test
    void busyHereIsDialBusy() throws Exception {
        CallRecord r = reject(486, "Busy Here", "Q.850;cause=17;text=\"User busy\"");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.DIAL_BUSY, 486);
        assertThat(r.q850Cause()).isEqualTo(17);
        assertThat(r.q850Text()).isEqualToIgnoringCase("User busy");
        assertThat(r.explanation()).contains("Busy Here").contains("17");
    }

    @Test
    void ringTimeoutCancelsAndIsDialNoAnswer() throws Exception {
        try (Sipp uas = Sipp.server("uas_ring_forever", "udp", 1, dir)) {
            CallRecord r = call(uas.port(), "+12025550180",
                    b -> b.timers(CallTimers.defaults().withRingTimeout(Duration.ofSeconds(1))), t -> t);
            assertPassed(uas);
            assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.DIAL_NO_ANSWER, 487);
            assertThat(r.explanation()).contains("ring timeout");
            // The CANCEL goes out when the ring timeout (from the first INVITE) expires; the
            // figure is printed for the issue note and asserted loosely (no timing in unit tests).
            long cancelAt = r.sipTrace().stream().filter(e -> e.firstLine().startsWith("CANCEL"))
                    .findFirst().orElseThrow().tMs();
            long ringingAt = r.sipTrace().stream().filter(e -> e.firstLine().contains(" 180 "))
                    .findFirst().orElseThrow().tMs();
            long finalAt = r.sipTrace().stream().filter(e -> e.firstLine().contains(" 487 "))
                    .findFirst().orElseThrow().tMs();
            System.out.printf("ring timeout 1000 ms: CANCEL at %d ms; ring_duration_ms %d vs 180->487 %d ms%n",
                    cancelAt, r.ringDurationMs(), finalAt - ringingAt);
            assertThat(cancelAt).isBetween(900L, 1500L);
            assertThat(r.ringDurationMs()).isCloseTo(finalAt - ringingAt, org.assertj.core.data.Offset.offset(100L));
        }
    }

    @Test
    void temporarilyUnavailableWithoutLongRingIsNoAnswer() throws Exception {
        CallRecord r = reject(480, "Temporarily Unavailable", "Q.850;cause=19;text=\"No answer from user\"");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.DIAL_NO_ANSWER, 480);
        assertThat(r.voicemail().detected()).isFalse();
    }

    @Test
    void forwardingToVoicemailBeforeAnswerIsVoicemailPreconnect() throws Exception {
        try (Sipp uas = Sipp.server("uas_forward_voicemail", "udp", 1, dir)) {
            CallRecord r = call(uas.port(), "+12025550181");
            assertPassed(uas);
            assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.VOICEMAIL_PRECONNECT, 480);
            assertThat(r.voicemail().detected()).isTrue();
            assertThat(r.voicemail().phase()).isEqualTo("preconnect");
            assertThat(String.join(" ", r.voicemail().evidence())).contains("181").contains("no-answer");
        }
    }

    @Test
    void longRingThen480IsVoicemailPreconnect() throws Exception {
        try (Sipp uas = Sipp.server("uas_ring_then_480", "udp", 1, dir)) {
            CallRecord r = call(uas.port(), "+12025551480", b -> b.preconnectMinRing(Duration.ofSeconds(1)), t -> t);
            assertPassed(uas);
            assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.VOICEMAIL_PRECONNECT, 480);
            assertThat(r.voicemail().evidence()).isNotEmpty();
        }
    }

    @Test
    void longRingThen480WithTheRuleOffIsNoAnswer() throws Exception {
        try (Sipp uas = Sipp.server("uas_ring_then_480", "udp", 1, dir)) {
            CallRecord r = call(uas.port(), "+12025551480", b -> b.preconnectMinRing(Duration.ZERO), t -> t);
            assertPassed(uas);
            assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.DIAL_NO_ANSWER, 480);
        }
    }

    @Test
    void declineIsUserDeclined() throws Exception {
        CallRecord r = reject(603, "Decline", "Q.850;cause=21;text=\"Call rejected\"");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.USER_DECLINED, 603);
    }

    @Test
    void unwantedIsMarkedAsSpam() throws Exception {
        CallRecord r = rejectAtOnce(607, "Unwanted", "399 carrier \"call blocked\"");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.MARKED_AS_SPAM, 607);
    }

    @Test
    void declineWithSpamWarningIsMarkedAsSpam() throws Exception {
        CallRecord r = rejectAtOnce(603, "Decline", "399 carrier \"Suspected robocall\"");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.MARKED_AS_SPAM, 603);
    }

    @Test
    void forbiddenIsPermissionDenied() throws Exception {
        CallRecord r = rejectAtOnce(403, "Forbidden", "399 carrier \"caller ID not allowed\"");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.TELEPHONY_PROVIDER_PERMISSION_DENIED, 403);
    }

    @Test
    void wrongPasswordThroughKamailioIsPermissionDenied() throws Exception {
        try (Kamailio trunk = Kamailio.trunk(dir, "trunk.test", "alice", "secret", "sip:127.0.0.1:9", null, null)) {
            CallRecord r = call(trunk.udpPort(), "+12025550200", b -> b,
                    t -> t.withCredentials(Credentials.of("alice", "wrong")));
            assertThat(r.disconnectionReason()).as(r.explanation())
                    .isEqualTo(DisconnectionReason.TELEPHONY_PROVIDER_PERMISSION_DENIED);
            assertThat(r.sipStatus()).isIn(401, 407, 403);
            assertThat(r.explanation()).contains(String.valueOf(r.sipStatus())).doesNotContain("wrong");
        }
    }

    @Test
    void serviceUnavailableIsProviderUnavailable() throws Exception {
        CallRecord r = rejectAtOnce(503, "Service Unavailable", "399 carrier \"overloaded\"");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE, 503);
    }

    @Test
    void closedPortIsProviderUnavailableAtOnce() throws Exception {
        int closed;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        long start = System.nanoTime();
        CallRecord r = call(closed, "+12025550200");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE, null);
        assertThat(r.explanation()).containsIgnoringCase("unreachable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10)); // not Timer B
    }

    @Test
    void unknownHostIsProviderUnavailableAtOnce() throws Exception {
        try (Dnsmasq dns = Dnsmasq.start("--host-record=known.trunk.test,127.0.0.1")) {
            TrunkConfig t = TrunkConfig.of("carrier", "sip:nosuch.trunk.test");
            DialerConfig config = DialerConfig.builder().trunk(t)
                    .stack(StackSettings.defaults().withDnsServer(dns.address())).build();
            long start = System.nanoTime();
            try (Dialer dialer = Dialer.start(config)) {
                CallRecord r = dialer.dial(DialRequest.to("+12025550200")).completion().toCompletableFuture()
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE, null);
                assertThat(r.explanation()).contains("nosuch.trunk.test");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void silentTrunkIsProviderUnavailableAfterTimerB() throws Exception {
        try (Sipp uas = Sipp.server("uas_silent", "udp", 1, dir)) {
            // T1 = 50 ms makes Timer B 3.2 s (RFC 3261 §17.1.1.2: 64*T1).
            TimerSettings fast = new TimerSettings(Duration.ofMillis(50), Duration.ofMillis(400),
                    Duration.ofMillis(500), Duration.ofMillis(200));
            CallRecord r = call(uas.port(), "+12025550200",
                    b -> b.stack(StackSettings.defaults().withTimers(fast)), t -> t);
            assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE, null);
            assertThat(r.explanation()).contains("Timer B");
        }
    }

    @Test
    void loopDetectedIsRoutingError() throws Exception {
        CallRecord r = rejectAtOnce(482, "Loop Detected", "399 proxy \"loop\"");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.SIP_ROUTING_ERROR, 482);
    }

    @Test
    void notAcceptableHereIsDialFailed() throws Exception {
        CallRecord r = rejectAtOnce(488, "Not Acceptable Here", "304 carrier \"no common codec\"");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.DIAL_FAILED, 488);
    }

    @Test
    void unknownCodeIsDialFailedNamingTheCode() throws Exception {
        CallRecord r = rejectAtOnce(499, "Whatever", "399 carrier \"custom\"");
        assertOutcome(r, CallStatus.NOT_CONNECTED, DisconnectionReason.DIAL_FAILED, 499);
    }

    @Test
    void applicationCancelWhileRingingIsCanceled() throws Exception {
        try (Sipp uas = Sipp.server("uas_ring_forever", "udp", 1, dir);
             Dialer dialer = dialer(uas.port(), b -> b, t -> t)) {
            Call call = dialer.dial(DialRequest.to("+12025550180"), e -> {
                if (e.type() == EventType.CALL_STATE_CHANGED && "ringing".equals(e.state())) {
                    dialer.call(e.record().callId()).ifPresent(Call::cancel);
                }
            });
            CallRecord r = call.completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertPassed(uas);
            assertOutcome(r, CallStatus.CANCELED, DisconnectionReason.CANCELED, 487);
        }
    }

    @Test
    void calleeByeIsUserHangup() throws Exception {
        try (Sipp uas = Sipp.server("uas_answer_then_bye", "udp", 1, dir)) {
            CallRecord r = call(uas.port(), "+12025550200");
            assertPassed(uas);
            assertOutcome(r, CallStatus.ENDED, DisconnectionReason.USER_HANGUP, 200);
            assertThat(r.answeredAt()).isNotNull();
            assertThat(r.talkDurationMs()).isBetween(300L, 5000L);
        }
    }

    @Test
    void applicationHangupIsAgentHangupAndIvrIsIvrReached() throws Exception {
        for (HangupReason reason : List.of(HangupReason.AGENT_HANGUP, HangupReason.IVR_REACHED)) {
            try (Sipp uas = Sipp.server("builtin:uas", "udp", 1, dir);
                 Dialer dialer = dialer(uas.port(), b -> b, t -> t)) {
                Call call = dialer.dial(DialRequest.to("+12025550201"), e -> {
                    if (e.type() == EventType.CALL_STARTED) {
                        dialer.call(e.record().callId()).ifPresent(c -> c.hangup(reason));
                    }
                });
                CallRecord r = call.completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertPassed(uas);
                assertOutcome(r, CallStatus.ENDED, reason == HangupReason.AGENT_HANGUP
                        ? DisconnectionReason.AGENT_HANGUP : DisconnectionReason.IVR_REACHED, 200);
            }
        }
    }

    @Test
    void maxDurationHangsUp() throws Exception {
        try (Sipp uas = Sipp.server("builtin:uas", "udp", 1, dir)) {
            CallRecord r = call(uas.port(), "+12025550201",
                    b -> b.timers(CallTimers.defaults().withMaxDuration(Duration.ofMillis(500))), t -> t);
            assertPassed(uas);
            assertOutcome(r, CallStatus.ENDED, DisconnectionReason.MAX_DURATION_REACHED, 200);
            assertThat(r.talkDurationMs()).isBetween(400L, 3000L);
        }
    }

    @Test
    void mediaTimeoutAndSilenceTimeoutEndAnsweredCalls() throws Exception {
        // No media layer yet: the test plays its part, starting the media session at answer
        // and feeding packets without voice for the silence case.
        CallTimers noAudio = CallTimers.defaults().withMediaTimeout(Duration.ofMillis(300));
        CallTimers silence = CallTimers.defaults().withSilenceTimeout(Duration.ofMillis(300));
        for (CallTimers timers : List.of(noAudio, silence)) {
            try (Sipp uas = Sipp.server("builtin:uas", "udp", 1, dir);
                 Dialer dialer = dialer(uas.port(), b -> b.timers(timers), t -> t)) {
                Call call = dialer.dial(DialRequest.to("+12025550201"), e -> {
                    if (e.type() == EventType.CALL_STARTED) {
                        OutboundCall c = (OutboundCall) dialer.call(e.record().callId()).orElseThrow();
                        c.mediaStarted();
                    }
                });
                if (timers == silence) {
                    OutboundCall c = (OutboundCall) call;
                    java.util.concurrent.ScheduledExecutorService feeder =
                            java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
                    feeder.scheduleAtFixedRate(() -> dialer.scheduler().execute(c::rtpReceived), 0, 20,
                            TimeUnit.MILLISECONDS);
                    call.completion().whenComplete((r, x) -> feeder.shutdownNow());
                }
                CallRecord r = call.completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertPassed(uas);
                if (timers == noAudio) {
                    assertOutcome(r, CallStatus.ERROR, DisconnectionReason.ERROR_NO_AUDIO_RECEIVED, 200);
                    assertThat(r.explanation()).containsIgnoringCase("RTP");
                } else {
                    assertOutcome(r, CallStatus.ENDED, DisconnectionReason.INACTIVITY, 200);
                }
            }
        }
    }

    @Test
    void concurrencyLimitRefusesTheCallThatWaitedTooLong() throws Exception {
        try (Sipp uas = Sipp.server("uas_ring_forever", "udp", 1, dir);
             Dialer dialer = dialer(uas.port(), b -> b.timers(CallTimers.defaults().withRingTimeout(Duration.ofSeconds(2))),
                     t -> t.withLimits(1, 0, Duration.ofMillis(300)))) {
            Call first = dialer.dial(DialRequest.to("+12025550180"));
            Call second = dialer.dial(DialRequest.to("+12025550180"));
            CallRecord r = second.completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertOutcome(r, CallStatus.ERROR, DisconnectionReason.CONCURRENCY_LIMIT_REACHED, null);
            assertThat(r.explanation()).contains("concurrent");
            assertThat(first.completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .disconnectionReason()).isEqualTo(DisconnectionReason.DIAL_NO_ANSWER);
            assertPassed(uas);
        }
    }

    @Test
    void pcapOfTheCallHoldsEveryMessage() throws Exception {
        Path pcap = dir.resolve("call.pcap");
        try (Sipp uas = Sipp.server("uas_answer_then_bye", "udp", 1, dir);
             Dialer dialer = dialer(uas.port(), b -> b, t -> t)) {
            CallRecord r = dialer.dial(DialRequest.to("+12025550200").withPcap(pcap)).completion()
                    .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertPassed(uas);
            List<String> seen = io.dialer.core.trace.Tshark.fields(pcap, "sip", "sip.Method", "sip.Status-Code",
                    "sip.Call-ID");
            assertThat(r.sipTrace()).extracting(e -> e.dir() + " " + e.firstLine().split(" ")[0]
                    + (e.firstLine().startsWith("SIP/2.0") ? " " + e.firstLine().split(" ")[1] : ""))
                    .containsExactly("out INVITE", "in SIP/2.0 180", "in SIP/2.0 200", "out ACK", "in BYE",
                            "out SIP/2.0 200");
            assertThat(seen).hasSize(r.sipTrace().size()).allMatch(line -> line.contains(r.sipCallId()));
            assertThat(String.join("\n", seen)).contains("INVITE").contains("ACK").contains("BYE").contains("180");
        }
    }

    @Test
    void earlyMediaIsFlaggedAndAnnounced() throws Exception {
        try (io.dialer.sim.Simulator sim = io.dialer.sim.Simulator.start(io.dialer.sim.SimSettings.defaults()
                .withHold(Duration.ofMillis(300)))) {
            CallRecord r = call(sim.port(), "+12025550183");
            assertOutcome(r, CallStatus.ENDED, DisconnectionReason.USER_HANGUP, 200);
            assertThat(r.earlyMedia()).isTrue();
            assertThat(events).extracting(e -> e.state() == null ? e.type().wireName() : e.state())
                    .containsSubsequence("dialing", "ringing", "early_media", "active", "call_started", "ended");
        }
    }

    @Test
    void callerIdGoesInFromAndAssertedIdentityWithPrivacyWhenAsked() throws Exception {
        try (Sipp uas = Sipp.server("builtin:uas", "udp", 1, dir)) {
            try (Dialer dialer = dialer(uas.port(), b -> b,
                    t -> t.withCallerId("+12025550100", new CallerIdPolicy(true, true)))) {
                Call call = dialer.dial(DialRequest.to("+12025550201"), e -> {
                    if (e.type() == EventType.CALL_STARTED) {
                        dialer.call(e.record().callId()).ifPresent(Call::hangup);
                    }
                });
                call.completion().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            assertPassed(uas);
            String invite = uas.messages(dir).split("INVITE sip:", 2)[1].split("\\r?\\n\\r?\\n", 2)[0];
            assertThat(invite).startsWith("+12025550201@127.0.0.1:" + uas.port())
                    .containsPattern("From: <sip:\\+12025550100@127\\.0\\.0\\.1>;tag=")
                    .contains("P-Asserted-Identity: <sip:+12025550100@127.0.0.1>")
                    .contains("Privacy: id");
        }
    }

    @Test
    void eventsComeInContractOrder() throws Exception {
        reject(486, "Busy Here", "Q.850;cause=17");
        assertThat(events).extracting(e -> e.type().wireName() + (e.state() == null ? "" : ":" + e.state()))
                .containsExactly("call_state_changed:dialing", "call_state_changed:ringing",
                        "call_state_changed:not_connected", "call_ended", "call_analyzed");
        events.clear();
        try (Sipp uas = Sipp.server("uas_answer_then_bye", "udp", 1, dir)) {
            call(uas.port(), "+12025550200");
        }
        assertThat(events).extracting(e -> e.type().wireName() + (e.state() == null ? "" : ":" + e.state()))
                .containsExactly("call_state_changed:dialing", "call_state_changed:ringing",
                        "call_state_changed:active", "call_started", "call_state_changed:ended", "call_ended",
                        "call_analyzed");
    }
}
