package io.dialer.probe;

import io.dialer.core.Call;
import io.dialer.core.CallRecord;
import io.dialer.core.CallerIdPolicy;
import io.dialer.core.DialRequest;
import io.dialer.core.Dialer;
import io.dialer.core.DialerConfig;
import io.dialer.core.DisconnectionReason;
import io.dialer.core.EventType;
import io.dialer.core.TrunkAddress;
import io.dialer.core.TrunkConfig;
import io.dialer.sip.ua.StackSettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Check 6 ({@code --to}): a real call through the {@link Dialer}, answered,
 * held briefly and hung up, judged by its call record (design.md §4, §6).
 * The media check reads the record's media section: the codec the trunk
 * chose, where its RTP came from, and whether any arrived while the call was up.
 */
final class TestCallCheck {

    static final String NAME = "call";
    static final String MEDIA = "media";

    /** How long the answered test call stays up before we hang up. */
    private static final Duration HOLD = Duration.ofSeconds(2);
    private static final Duration RING_TIMEOUT = Duration.ofSeconds(30);

    /** Not the trunk's fault: the destination did not take the call. */
    private static final Set<DisconnectionReason> CALLEE_SIDE = Set.of(DisconnectionReason.DIAL_BUSY,
            DisconnectionReason.DIAL_NO_ANSWER, DisconnectionReason.USER_DECLINED,
            DisconnectionReason.VOICEMAIL_PRECONNECT, DisconnectionReason.INVALID_DESTINATION);

    List<CheckResult> run(TrunkAddress address, ProbeOptions options) {
        TrunkConfig trunk = new TrunkConfig("probe", address, options.credentials(), options.from(),
                CallerIdPolicy.defaults(), 0, 0, null, options.caFile());
        StackSettings stack = StackSettings.defaults();
        if (options.dnsServer() != null) {
            stack = stack.withDnsServer(options.dnsServer());
        }
        DialerConfig config = DialerConfig.builder().trunk(trunk).stack(stack).build();
        CallRecord record;
        try (Dialer dialer = Dialer.start(config)) {
            CompletableFuture<Call> placed = new CompletableFuture<>();
            Call call = dialer.dial(DialRequest.to(options.to()).withTimers(config.timers().withRingTimeout(RING_TIMEOUT)),
                    event -> {
                        if (event.type() == EventType.CALL_STARTED) {
                            placed.thenAcceptAsync(Call::hangup,
                                    CompletableFuture.delayedExecutor(HOLD.toMillis(), TimeUnit.MILLISECONDS));
                        }
                    });
            placed.complete(call);
            try {
                // Ring timeout, hold, and Timer B (32 s) for a trunk that never answers at all.
                record = call.completion().toCompletableFuture()
                        .get(RING_TIMEOUT.plus(HOLD).plusSeconds(40).toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                call.hangup();
                record = call.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (IllegalArgumentException e) {
            return List.of(CheckResult.fail(NAME, "cannot place the test call: " + e.getMessage(),
                    "check --to and --from"), CheckResult.skip(MEDIA, "no test call"));
        } catch (Exception e) {
            return List.of(CheckResult.fail(NAME, "the test call did not finish: " + e, null),
                    CheckResult.skip(MEDIA, "no test call"));
        }
        return judge(record);
    }

    private static List<CheckResult> judge(CallRecord r) {
        String summary = r.status().wireName() + " / " + r.disconnectionReason().wireName()
                + (r.sipStatus() != null ? " (" + r.sipStatus() + " " + r.sipReasonPhrase() + ")" : "")
                + ": " + r.explanation();
        CheckResult call;
        CheckResult media;
        if (r.answeredAt() != null) {
            call = CheckResult.ok(NAME, "answered after " + seconds(r.ringDurationMs()) + " of ringing, talked "
                    + seconds(r.talkDurationMs()) + "; " + summary);
            media = judgeMedia(r.media());
        } else if (r.disconnectionReason() == DisconnectionReason.INVALID_DESTINATION && r.sipStatus() == null) {
            call = CheckResult.fail(NAME, "no INVITE sent: " + summary, "give --to in E.164, e.g. +12025550123");
            media = CheckResult.skip(MEDIA, "no test call");
        } else if (CALLEE_SIDE.contains(r.disconnectionReason())) {
            call = CheckResult.warn(NAME, "the trunk carried the call but it was not answered: " + summary,
                    "call a number that answers (your own phone) to test the whole path");
            media = CheckResult.skip(MEDIA, "the call was not answered");
        } else {
            call = CheckResult.fail(NAME, summary, nextStep(r.disconnectionReason()));
            media = CheckResult.skip(MEDIA, "the call was not answered");
        }
        call = call.with("ring_ms", r.ringDurationMs());
        if (r.sipStatus() != null) {
            call = call.with("sip_status", r.sipStatus());
        }
        return List.of(call, media);
    }

    private static CheckResult judgeMedia(io.dialer.core.media.MediaRecord m) {
        if (m == null) {
            return CheckResult.skip(MEDIA, "the call ran without media");
        }
        if (m.problem() != null) {
            return CheckResult.fail(MEDIA, m.problem(), "the trunk must accept PCMU or PCMA (RFC 3551)");
        }
        if (m.codec() == null) {
            return CheckResult.warn(MEDIA, "the 200 OK carried no SDP answer to our offer (RFC 3264 §5): no audio",
                    "ask the provider why the answer has no SDP");
        }
        String where = m.codec() + " to " + m.remote() + "; sent " + m.packetsSent() + " RTP packets, received "
                + m.packetsReceived() + ", lost " + m.packetsLost() + String.format(java.util.Locale.ROOT,
                ", jitter %.1f ms", m.jitterMs()) + (m.rttMs() == null ? "" : String.format(java.util.Locale.ROOT,
                ", RTCP round trip %.1f ms", m.rttMs()));
        CheckResult result = m.packetsReceived() > 0
                ? CheckResult.ok(MEDIA, where)
                : CheckResult.warn(MEDIA, "no RTP arrived while the call was up: " + where,
                        "one-way audio: check that the trunk can reach our RTP port (firewall, NAT) and that the "
                                + "callee sends audio");
        return result.with("rtp_packets_received", m.packetsReceived()).with("rtp_packets_lost", m.packetsLost());
    }

    private static String nextStep(DisconnectionReason reason) {
        return switch (reason) {
            case TELEPHONY_PROVIDER_PERMISSION_DENIED -> "the trunk refused the call: check credentials, the caller "
                    + "ID (--from) and the IP allow-list with the provider";
            case TELEPHONY_PROVIDER_UNAVAILABLE -> "the trunk did not take the call: see the transport and options "
                    + "checks; if they pass, ask the provider about the error";
            case MARKED_AS_SPAM -> "the caller ID is flagged as spam: register it with the carriers' reputation "
                    + "services or use another number";
            case SIP_ROUTING_ERROR -> "a routing loop: check the trunk's routing for this number with the provider";
            default -> "show the explanation and the SIP status to the provider";
        };
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
