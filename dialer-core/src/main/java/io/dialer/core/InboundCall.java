package io.dialer.core;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.core.media.CallMedia;
import io.dialer.core.media.MediaRecord;
import io.dialer.core.outcome.CallEvidence;
import io.dialer.core.outcome.CallEvidence.HangupCause;
import io.dialer.core.outcome.Outcome;
import io.dialer.core.outcome.Voicemail;
import io.dialer.media.AudioSink;
import io.dialer.media.AudioSource;
import io.dialer.media.dtmf.DtmfDigit;
import io.dialer.sip.transaction.Scheduler;
import io.dialer.sip.ua.CallEvent;
import io.dialer.sip.ua.IncomingCall;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call the dialer received (issue 7, inbound calls): the offer the
 * application answers, rejects or redirects, and once answered a {@link Call}
 * like any other — record, events, hangup, transfer by REFER or a bridged
 * leg, DTMF. State lives on the SIP stack's scheduler thread.
 */
final class InboundCall implements Call, InboundOffer {

    private static final Logger log = LoggerFactory.getLogger(InboundCall.class);

    private final IncomingCall sip;
    private final CallSetup setup;
    private final OutboundCall.CallContext ctx;
    private final CompletableFuture<CallRecord> completion = new CompletableFuture<>();
    private final CallTimeline timeline = new CallTimeline();
    private final CallTransfer transfer;
    private final AtomicBoolean decided = new AtomicBoolean();
    private volatile CallListener listener;
    private volatile CallRecord snapshot;
    private CallStatus status = CallStatus.RINGING;
    private CallMedia media;
    private MediaTimers mediaTimers;
    private Scheduler.Cancellable durationTimer;
    private HangupCause hangupCause;
    private Outcome refusal;
    private boolean finished;

    InboundCall(IncomingCall sip, CallSetup setup, OutboundCall.CallContext ctx) {
        this.sip = sip;
        this.setup = setup;
        this.ctx = ctx;
        this.transfer = new CallTransfer(ctx.scheduler(), ctx.events());
        timeline.dialing(now(), ctx.scheduler().nanoTime());
        this.snapshot = currentRecord();
        sip.onEvent(event -> onSipEvent(event));
        log.info("call {}: incoming from {} to {} ({})", id(), from(), to(), direction());
        publish(EventType.CALL_STATE_CHANGED, "ringing", snapshot, null);
    }

    // ---- the offer ----

    @Override
    public String id() {
        return setup.callId();
    }

    @Override
    public String from() {
        return setup.to();
    }

    @Override
    public String to() {
        return setup.from();
    }

    @Override
    public String direction() {
        return setup.direction();
    }

    @Override
    public Optional<String> header(String name) {
        SIPRequest invite = sip.request();
        javax.sip.header.Header h = invite.getHeader(name);
        if (h == null) {
            return Optional.empty();
        }
        String text = h.toString();
        int colon = text.indexOf(':');
        return Optional.of((colon >= 0 ? text.substring(colon + 1) : text).strip());
    }

    @Override
    public void ringing() {
        sip.ringing();
    }

    @Override
    public Call answer(CallListener l) {
        return answer(null, null, l);
    }

    @Override
    public Call answer(AudioSource play, AudioSink listen, CallListener l) {
        if (!decided.compareAndSet(false, true)) {
            throw new IllegalStateException("call " + id() + " was already answered, rejected or redirected");
        }
        this.listener = l;
        ctx.scheduler().execute(() -> doAnswer(play, listen));
        return this;
    }

    @Override
    public void reject(int status, String reasonPhrase) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("a rejection needs a 3xx-6xx status, got " + status);
        }
        if (decided.compareAndSet(false, true)) {
            ctx.scheduler().execute(() -> {
                refusal = refused(status, reasonPhrase, "The application rejected the incoming call");
                sip.reject(status, reasonPhrase);
            });
        }
    }

    @Override
    public void redirect(String uri) {
        if (decided.compareAndSet(false, true)) {
            ctx.scheduler().execute(() -> {
                // RFC 3261 §21.3.3: 302 names the new location in Contact.
                refusal = new Outcome(CallStatus.NOT_CONNECTED, DisconnectionReason.DIAL_FAILED, 302,
                        "Moved Temporarily", null, null, "The application redirected the incoming call to " + uri
                        + " (302 Moved Temporarily).", Voicemail.none());
                sip.reject(302, "Moved Temporarily", Map.of("Contact", "<" + uri + ">"));
            });
        }
    }

    // ---- the call ----

    @Override
    public String sipCallId() {
        return setup.sipCallId();
    }

    @Override
    public CallStatus status() {
        return snapshot.status();
    }

    @Override
    public CallRecord record() {
        return snapshot;
    }

    @Override
    public void hangup() {
        hangup(HangupReason.AGENT_HANGUP);
    }

    @Override
    public void hangup(HangupReason reason) {
        if (!decided.get()) {
            reject(603, "Decline"); // not answered yet: declining is hanging up
            return;
        }
        ctx.scheduler().execute(() -> hangupActive(Endings.causeOf(reason)));
    }

    @Override
    public void cancel() {
        if (!decided.get()) {
            reject(480, "Temporarily Unavailable");
        }
    }

    @Override
    public CompletionStage<TransferRecord> transfer(TransferRequest request) {
        CompletableFuture<TransferRecord> result = new CompletableFuture<>();
        ctx.scheduler().execute(() -> {
            try {
                if (status != CallStatus.ACTIVE || finished || hangupCause != null) {
                    throw new IllegalStateException("call " + id() + " is " + status.wireName() + ", not active");
                }
                if (transfer.inProgress()) {
                    throw new IllegalStateException("call " + id() + " already has a transfer in progress");
                }
                transfer.start(request, setup, ctx.defaultRegion(), sip, media, result, new CallTransfer.Host() {
                    @Override
                    public void step(CallTransfer.Step step) {
                        if (finished) {
                            return;
                        }
                        snapshot = currentRecord();
                        publish(EventType.TRANSFER_PROGRESS, null, snapshot, null);
                        if (step == CallTransfer.Step.LEAVE) {
                            hangupActive(HangupCause.TRANSFER);
                        }
                    }

                    @Override
                    public Call dialLeg(DialRequest legRequest, CallListener legListener) {
                        return ctx.dialLeg(legRequest, legListener);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public CompletionStage<Void> sendDtmf(String digits) {
        return OnScheduler.run(ctx.scheduler(), () -> {
            if (status != CallStatus.ACTIVE || media == null) {
                throw new IllegalStateException("call " + id() + " has no media to send DTMF on");
            }
            media.sendDtmf(digits);
            log.info("call {}: sent DTMF {}", id(), digits);
        });
    }

    @Override
    public CompletionStage<CallRecord> completion() {
        return completion;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    // ---- scheduler thread ----

    private void doAnswer(AudioSource play, AudioSink listen) {
        if (finished) {
            return;
        }
        byte[] sdp = null;
        if (ctx.rtp() != null) {
            try {
                CallMedia.Answered answered = CallMedia.answering(ctx.rtp(), ctx.mediaAddress(),
                        sip.request().getRawContent(), play, listen, activity());
                if (answered.media() == null) {
                    // RFC 3261 §13.3.1.3, RFC 3264 §6: nothing in the offer we can take.
                    refusal = refused(488, "Not Acceptable Here", "The incoming call could not be answered: "
                            + answered.problem() + "; it was refused");
                    sip.reject(488, "Not Acceptable Here");
                    return;
                }
                media = answered.media();
                sdp = answered.sdp();
            } catch (IOException e) {
                refusal = refused(503, "Service Unavailable", "The incoming call could not be answered: no RTP port "
                        + "was free (" + e.getMessage() + ")");
                sip.reject(503, "Service Unavailable");
                return;
            }
        }
        sip.answer(sdp);
    }

    private CallMedia.Activity activity() {
        return new CallMedia.Activity() {
            @Override
            public void packet() {
                MediaTimers m = mediaTimers;
                if (m != null) {
                    m.packetReceived();
                }
            }

            @Override
            public void voice() {
                MediaTimers m = mediaTimers;
                if (m != null) {
                    m.voiceHeard();
                }
            }

            @Override
            public void dtmf(DtmfDigit digit) {
                ctx.scheduler().execute(() -> {
                    if (!finished) {
                        publish(EventType.DTMF_RECEIVED, null, snapshot, String.valueOf(digit.digit()));
                    }
                });
            }
        };
    }

    private void onSipEvent(CallEvent event) {
        if (finished) {
            return;
        }
        if (event instanceof CallEvent.Answered) {
            timeline.answered(now());
            status = CallStatus.ACTIVE;
            snapshot = currentRecord();
            log.info("call {}: answered (incoming from {})", id(), from());
            publish(EventType.CALL_STATE_CHANGED, "active", snapshot, null);
            publish(EventType.CALL_STARTED, null, snapshot, null);
            Duration max = setup.timers().maxDuration();
            if (!max.isZero()) {
                durationTimer = ctx.scheduler().schedule(() -> hangupActive(HangupCause.MAX_DURATION), max);
            }
            if (media != null) {
                mediaTimers = new MediaTimers(ctx.scheduler(), setup.timers(), () -> hangupActive(HangupCause.NO_AUDIO),
                        () -> hangupActive(HangupCause.INACTIVITY));
                mediaTimers.start();
            }
        } else if (event instanceof CallEvent.Rejected r) {
            SIPResponse response = r.response();
            Outcome outcome = refusal != null ? refusal
                    : new Outcome(CallStatus.CANCELED, DisconnectionReason.CANCELED, response.getStatusCode(),
                    response.getReasonPhrase(), null, null, "The caller canceled before the call was answered ("
                    + response.getStatusCode() + " " + response.getReasonPhrase() + ").", Voicemail.none());
            finish(outcome);
        } else if (event instanceof CallEvent.Ended e) {
            CallEvidence.Ending ending = transfer.bridged()
                    ? new CallEvidence.Hungup(HangupCause.TRANSFER, null, null, "to " + transfer.target()
                            + " by a new call, bridged until one side hung up")
                    : Endings.forEnded(e, hangupCause, false, setup.timers(), transfer.target());
            Outcome outcome = ctx.classifier().classify(timeline.evidence(now(), setup,
                    new CallEvidence.Settings(setup.timers().ringTimeout(), ctx.preconnectMinRing()), ending));
            finish(new Outcome(outcome.status(), outcome.reason(), 200, "OK", outcome.q850Cause(), outcome.q850Text(),
                    outcome.explanation(), outcome.voicemail()));
        }
    }

    private void hangupActive(HangupCause cause) {
        if (finished || hangupCause != null || status != CallStatus.ACTIVE) {
            return;
        }
        hangupCause = cause;
        log.info("call {}: hanging up ({})", id(), cause);
        sip.hangup();
    }

    private void finish(Outcome outcome) {
        if (finished) {
            return;
        }
        finished = true;
        if (durationTimer != null) {
            durationTimer.cancel();
        }
        if (mediaTimers != null) {
            mediaTimers.stop();
        }
        transfer.callEnded();
        status = outcome.status();
        Instant endedAt = now();
        Runnable publishFinal = () -> {
            CallRecord done = timeline.record(setup, status, outcome, endedAt, mediaRecord(), transfer.record(),
                    List.of());
            snapshot = done;
            log.info("call {}: {} / {}: {}", id(), outcome.status().wireName(), outcome.reason().wireName(),
                    outcome.explanation());
            ctx.onFinished(this);
            publish(EventType.CALL_STATE_CHANGED, status.wireName(), done, null);
            publish(EventType.CALL_ENDED, null, done, null);
            publish(EventType.CALL_ANALYZED, null, done, null);
            ctx.events().after(() -> completion.complete(done));
        };
        if (media == null) {
            publishFinal.run();
        } else {
            media.closeAsync().whenComplete((v, e) -> ctx.scheduler().execute(publishFinal));
        }
    }

    private Outcome refused(int status, String phrase, String what) {
        return new Outcome(CallStatus.NOT_CONNECTED, status == 488 ? DisconnectionReason.DIAL_FAILED
                : DisconnectionReason.USER_DECLINED, status, phrase, null, null,
                what + " (" + status + " " + phrase + ").", Voicemail.none());
    }

    private MediaRecord mediaRecord() {
        CallMedia m = media;
        return m == null ? null : m.record();
    }

    private CallRecord currentRecord() {
        return timeline.record(setup, status, null, now(), mediaRecord(), transfer.record(), List.of());
    }

    private void publish(EventType type, String state, CallRecord record, String digit) {
        ctx.events().publish(new DialerEvent(type, state, now(), record, digit), listener);
    }

    private Instant now() {
        return ctx.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
