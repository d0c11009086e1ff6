package io.dialer.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialer.sip.testpeers.Sipp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls the dialer receives (issue 7, inbound calls) from a SIPp caller.
 * Requirements checked:
 * - answered: 200 with an SDP answer, media both ways, an inbound record with
 *   the caller in from, ended by the caller's BYE (user_hangup);
 * - rejected with a chosen code, or redirected with 302 and a Contact;
 * - the direction is taken from the configured header where the platform marks it.
 */
class InboundCallTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static Dialer dialer() {
        return Dialer.start(DialerConfig.builder().trunk(TrunkConfig.of("trunk", "sip:127.0.0.1:9"))
                .directionHeader("X-Call-Direction").build());
    }

    @Test
    void answeredCallHasMediaAndAnInboundRecord() throws Exception {
        try (Dialer dialer = dialer()) {
            CompletableFuture<CallRecord> done = new CompletableFuture<>();
            dialer.onIncomingCall(offer -> {
                offer.ringing();
                offer.answer(null).completion().thenAccept(done::complete);
            });
            int port = dialer.localAddress(io.dialer.sip.transport.Transport.UDP).getPort();
            try (Sipp caller = Sipp.client("builtin:uac", "udp", port, 1, dir, "-d", "1000", "-rtp_echo")) {
                CallRecord r = done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(caller.waitFor(WAIT)).as("SIPp\n%s", caller.output()).isZero();
                assertThat(r.direction()).isEqualTo("inbound");
                assertThat(r.status()).isEqualTo(CallStatus.ENDED);
                assertThat(r.disconnectionReason()).as(r.explanation()).isEqualTo(DisconnectionReason.USER_HANGUP);
                assertThat(r.answeredAt()).isNotNull();
                assertThat(r.from()).isEqualTo("sipp");
                assertThat(r.media().codec()).isEqualTo("PCMU");
                assertThat(r.media().packetsSent()).isPositive();
            }
        }
    }

    @Test
    void rejectedAndRedirectedCallsSayHowAndTheDirectionHeaderCounts() throws Exception {
        for (int code : new int[] {486, 302, 603}) {
            try (Dialer dialer = dialer()) {
                CompletableFuture<CallRecord> done = new CompletableFuture<>();
                CompletableFuture<InboundOffer> seen = new CompletableFuture<>();
                dialer.addListener(e -> {
                    if (e.type() == EventType.CALL_ENDED) {
                        done.complete(e.record());
                    }
                });
                dialer.onIncomingCall(offer -> {
                    seen.complete(offer);
                    if (code == 486) {
                        offer.reject(486, "Busy Here");
                    } else if (code == 603) {
                        ((Call) offer).hangup(); // hanging up before answering declines
                    } else {
                        offer.redirect("sip:+12025550199@127.0.0.1:5080");
                    }
                });
                int port = dialer.localAddress(io.dialer.sip.transport.Transport.UDP).getPort();
                try (Sipp caller = Sipp.clientFilled("uac_expect_final", Map.of("code", String.valueOf(code)), "udp",
                        port, 1, dir)) {
                    CallRecord r = done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    assertThat(caller.waitFor(WAIT)).as("SIPp\n%s\n%s", caller.output(), caller.messages(dir)).isZero();
                    InboundOffer offer = seen.get();
                    assertThat(offer.from()).isEqualTo("+12025550177");
                    assertThat(offer.to()).isEqualTo("+12025550142");
                    assertThat(offer.header("X-Call-Direction")).contains("outbound");
                    assertThat(r.direction()).isEqualTo("outbound");
                    assertThat(r.from()).isEqualTo("+12025550177");
                    assertThat(r.to()).isEqualTo("+12025550142");
                    assertThat(r.status()).isEqualTo(CallStatus.NOT_CONNECTED);
                    assertThat(r.sipStatus()).isEqualTo(code);
                    if (code == 302) {
                        assertThat(r.explanation()).contains("redirected").contains("+12025550199");
                        assertThat(caller.messages(dir)).contains("Contact: <sip:+12025550199@127.0.0.1:5080>");
                    } else {
                        assertThat(r.disconnectionReason()).isEqualTo(DisconnectionReason.USER_DECLINED);
                        assertThat(r.explanation()).contains(code == 486 ? "486 Busy Here" : "603 Decline");
                    }
                }
            }
        }
    }
}
