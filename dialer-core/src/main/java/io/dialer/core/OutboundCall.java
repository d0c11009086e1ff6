package io.dialer.core;

import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.core.Endings.CancelCause;
import io.dialer.core.media.CallMedia;
import io.dialer.core.media.MediaRecord;
import io.dialer.core.outcome.CallEvidence;
import io.dialer.core.outcome.CallEvidence.HangupCause;
import io.dialer.core.outcome.Outcome;
import io.dialer.core.outcome.OutcomeClassifier;
import io.dialer.core.trace.CallTraces;
import io.dialer.core.trace.PcapWriter;
import io.dialer.core.trace.SipTrace;
import io.dialer.sip.transaction.Scheduler;
import io.dialer.media.rtp.RtpEngine;
import io.dialer.sip.ua.CallEvent;
import io.dialer.sip.ua.InviteRequest;
import io.dialer.sip.ua.OutgoingCall;
import io.dialer.sip.ua.UserAgent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.header.RetryAfterHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outbound call's lifecycle (design.md §3): waits for the trunk's limits,
 * sends the INVITE, follows dialing -> ringing -> active, runs the ring,
 * max-duration and media timers, and when the call is over classifies it and
 * publishes the final record. All state lives on the SIP stack's scheduler
 * thread; the public methods hop there, and {@link #record()} reads a
 * published snapshot.
 */
final class OutboundCall implements Call {

    private static final Logger log = LoggerFactory.getLogger(OutboundCall.class);

    private final CallSetup setup;
    private final CallContext ctx;
    private final CallListener listener;
    private final CompletableFuture<CallRecord> completion = new CompletableFuture<>();
    private final CallTimeline timeline = new CallTimeline();
    private final CallTransfer transfer;

    private volatile CallRecord snapshot;
    private volatile SIPResponse finalResponse;
    private CallStatus status = CallStatus.DIALING;
    private TrunkLimiter.Ticket ticket;
    private OutgoingCall sip;
    private Scheduler.Cancellable ringTimer;
    private Scheduler.Cancellable durationTimer;
    private CancelCause cancelCause;
    private HangupCause hangupCause;
    private SIPResponse answer;
    private boolean finished;
    private SipTrace trace;
    private volatile MediaTimers media;
    private volatile CallMedia callMedia;
    private String mediaProblem;
    private CallEvidence.SpecialInformationTone sit;
    private Amd amd = Amd.unknown();
    private String amdReason;
    private boolean awaitingBeep;
    private volatile boolean calleeSpoke;
    /** A far end that hangs up this soon without a word, with AMD on, was a machine (issue 5, post-connect rule). */
    private static final Duration SILENT_HANGUP_WINDOW = Duration.ofSeconds(8);
    private Scheduler.Cancellable beepTimer;

    OutboundCall(CallSetup setup, CallContext ctx, CallListener listener) {
        this.setup = setup;
        this.ctx = ctx;
        this.listener = listener;
        this.transfer = new CallTransfer(ctx.scheduler(), ctx.events());
        this.snapshot = currentRecord();
    }

    // ---- public API, any thread ----

    @Override
    public String id() {
        return setup.callId();
    }

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
        ctx.scheduler().execute(() -> {
            if (status == CallStatus.ACTIVE) {
                hangupActive(Endings.causeOf(reason));
            } else {
                cancelBeforeAnswer(CancelCause.APPLICATION);
            }
        });
    }

    @Override
    public void cancel() {
        ctx.scheduler().execute(() -> cancelBeforeAnswer(CancelCause.APPLICATION));
    }

    @Override
    public CompletionStage<CallRecord> completion() {
        return completion;
    }

    @Override
    public CompletionStage<TransferRecord> transfer(TransferRequest request) {
        CompletableFuture<TransferRecord> result = new CompletableFuture<>();
        ctx.scheduler().execute(() -> {
            try {
                startTransfer(request, result);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public CompletionStage<Void> sendDtmf(String digits) {
        return OnScheduler.run(ctx.scheduler(), () -> {
            if (status != CallStatus.ACTIVE || callMedia == null || !callMedia.running()) {
                throw new IllegalStateException("call " + id() + " has no media to send DTMF on");
            }
            callMedia.sendDtmf(digits);
            log.info("call {}: sent DTMF {}", id(), digits);
        });
    }

    @Override
    public Optional<Duration> retryAfter() {
        SIPResponse r = finalResponse;
        if (r == null || !(r.getHeader(RetryAfterHeader.NAME) instanceof RetryAfterHeader h)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(h.getRetryAfter()));
    }

    // ---- media hooks: the media layer calls these once a call has RTP ----

    /**
     * The call's media session started after answer: arms the media timeout
     * ({@code error_no_audio_received}) and the silence timeout ({@code inactivity}).
     */
    void mediaStarted() {
        ctx.scheduler().execute(() -> {
            if (status != CallStatus.ACTIVE || finished || media != null) {
                return;
            }
            media = new MediaTimers(ctx.scheduler(), setup.timers(), () -> hangupActive(HangupCause.NO_AUDIO),
                    () -> hangupActive(HangupCause.INACTIVITY));
            media.start();
        });
    }

    /** An RTP packet arrived from the callee (any thread). */
    void rtpReceived() {
        MediaTimers m = media;
        if (m != null) {
            m.packetReceived();
        }
    }

    /** Voice activity detection heard the callee (any thread). */
    void voiceHeard() {
        calleeSpoke = true;
        MediaTimers m = media;
        if (m != null) {
            m.voiceHeard();
        }
    }

    // ---- scheduler thread from here on ----

    /** Starts the call: refused at once for a bad destination, else waits for the trunk's limits. */
    void start() {
        if (setup.invalidDestination() != null) {
            finish(new CallEvidence.InvalidDestination(setup.to(), setup.invalidDestination()));
            return;
        }
        ticket = ctx.limiter().acquire(setup.trunk().limitWait(), new TrunkLimiter.Grant() {
            @Override
            public void granted(TrunkLimiter.Ticket t) {
                if (finished) {
                    t.release();
                } else {
                    dial();
                }
            }

            @Override
            public void refused(String limit, Duration waited) {
                finish(new CallEvidence.LimitReached(limit, waited));
            }
        });
    }

    private void dial() {
        InviteRequest invite = setup.invite();
        if (ctx.rtp() != null) {
            try {
                callMedia = CallMedia.open(ctx.rtp(), ctx.mediaAddress(), setup.play(), setup.listen(),
                        new CallMedia.Activity() {
                            @Override
                            public void packet() {
                                rtpReceived();
                            }

                            @Override
                            public void voice() {
                                voiceHeard();
                            }

                            @Override
                            public void dtmf(io.dialer.media.dtmf.DtmfDigit digit) {
                                ctx.scheduler().execute(() -> onDtmf(digit));
                            }

                            @Override
                            public void sit(io.dialer.media.tone.SitTone tone) {
                                ctx.scheduler().execute(() -> onSit(tone));
                            }

                            @Override
                            public void amd(io.dialer.media.amd.AmdResult result) {
                                ctx.scheduler().execute(() -> onAmd(result));
                            }

                            @Override
                            public void beep(io.dialer.media.amd.Beep beep) {
                                ctx.scheduler().execute(() -> onBeep(beep));
                            }
                        });
                invite = invite.withSdp(callMedia.offer()); // RFC 3264 §5: the offer goes in the INVITE
            } catch (IOException | RuntimeException e) {
                finish(new CallEvidence.LocalError("no RTP port could be opened for the call: " + e.getMessage()));
                return;
            }
        }
        Instant now = now();
        timeline.dialing(now, ctx.scheduler().nanoTime());
        // The Call-ID is ours, so the trace is open before the INVITE can go out.
        trace = ctx.traces().open(sipCallId(), now);
        changeState(CallStatus.DIALING, "dialing");
        Duration ring = setup.timers().ringTimeout();
        if (!ring.isZero()) {
            ringTimer = ctx.scheduler().schedule(this::onRingTimeout, ring);
        }
        log.info("call {}: dialing {} via trunk {} (Call-ID {})", id(), setup.to(), setup.trunk().name(), sipCallId());
        sip = ctx.userAgent().invite(invite, sipCallId(), this::onSipEvent);
    }

    private void onRingTimeout() {
        ringTimer = null;
        if (status == CallStatus.DIALING || status == CallStatus.RINGING) {
            log.info("call {}: ring timeout ({}) expired; canceling", id(), Endings.seconds(setup.timers().ringTimeout()));
            cancelBeforeAnswer(CancelCause.RING_TIMEOUT);
        }
    }

    private void cancelBeforeAnswer(CancelCause cause) {
        if (finished || status == CallStatus.ACTIVE || cancelCause != null) {
            return;
        }
        cancelCause = cause;
        if (sip == null) {
            // Still waiting for a trunk limit: nothing was sent, so nothing to cancel on the wire.
            finish(new CallEvidence.CanceledByApplication(null));
            return;
        }
        sip.cancel();
    }

    private void hangupActive(HangupCause cause) {
        if (finished || hangupCause != null) {
            return;
        }
        hangupCause = cause;
        log.info("call {}: hanging up ({})", id(), cause);
        sip.hangup();
    }

    private void startTransfer(TransferRequest request, CompletableFuture<TransferRecord> result) {
        if (status != CallStatus.ACTIVE || finished || hangupCause != null) {
            throw new IllegalStateException("call " + id() + " is " + status.wireName() + ", not active: nothing to transfer");
        }
        if (transfer.inProgress()) {
            throw new IllegalStateException("call " + id() + " already has a transfer in progress");
        }
        transfer.start(request, setup, ctx.defaultRegion(), sip, callMedia, result, new CallTransfer.Host() {
            @Override
            public void step(CallTransfer.Step step) {
                if (finished) {
                    return;
                }
                snapshot = currentRecord();
                publish(EventType.TRANSFER_PROGRESS, null, snapshot);
                if (step == CallTransfer.Step.LEAVE) {
                    hangupActive(HangupCause.TRANSFER);
                }
            }

            @Override
            public Call dialLeg(DialRequest request, CallListener legListener) {
                return ctx.dialLeg(request, legListener);
            }
        });
    }

    private void onSipEvent(CallEvent event) {
        if (finished) {
            return;
        }
        timeline.target(sip == null ? null : sip.currentTarget());
        if (event instanceof CallEvent.Provisional p) {
            onProvisional(p.response());
        } else if (event instanceof CallEvent.Answered a) {
            onAnswered(a.response());
        } else if (event instanceof CallEvent.Rejected r) {
            finalResponse = r.response();
            finish(withSit(Endings.forFinal(r.response(), cancelCause), r.response()));
        } else if (event instanceof CallEvent.Failed f) {
            finish(withSit(Endings.forFailure(f.failure(), cancelCause), null));
        } else if (event instanceof CallEvent.Ended e) {
            CallEvidence.Ending ending;
            if (mediaProblem != null && e.cause() == CallEvent.EndCause.LOCAL_BYE) {
                ending = new CallEvidence.LocalError("the call was answered but " + mediaProblem + ", so it was hung up");
            } else if (transfer.bridged()) {
                // Once bridged, our side has left the conversation: whoever hangs up, the call was transferred.
                ending = new CallEvidence.Hungup(HangupCause.TRANSFER, null, null, "to " + transfer.target()
                        + " by a new call, bridged until " + (e.cause() == CallEvent.EndCause.REMOTE_BYE
                        ? "the callee hung up" : "the target hung up"));
            } else if (e.cause() == CallEvent.EndCause.REMOTE_BYE && setup.amd().mode() != AmdPolicy.Mode.OFF
                    && !calleeSpoke && timeline.talk(now()).compareTo(SILENT_HANGUP_WINDOW) < 0) {
                // A voicemail system that found nothing to record, or a machine that hung up on silence.
                amd = new Amd("machine", timeline.talk(now()).toMillis());
                ending = new CallEvidence.Hungup(HangupCause.VOICEMAIL_REACHED, null, null, "the callee never spoke "
                        + "and hung up after " + Endings.seconds(timeline.talk(now())) + ", as voicemail systems do");
            } else if (hangupCause == HangupCause.VOICEMAIL_REACHED && amdReason != null
                    && e.cause() == CallEvent.EndCause.LOCAL_BYE) {
                ending = new CallEvidence.Hungup(HangupCause.VOICEMAIL_REACHED, null, null, amdReason);
            } else {
                ending = Endings.forEnded(e, hangupCause, cancelCause != null, setup.timers(), transfer.target());
            }
            finish(ending);
        }
    }

    /**
     * A special information tone before answer: the network says the call cannot
     * complete (ITU-T E.180); it is canceled at once, whatever the signalling still claims.
     */
    private void onSit(io.dialer.media.tone.SitTone tone) {
        if (finished || sit != null || status == CallStatus.ACTIVE) {
            return;
        }
        io.dialer.media.tone.SitKind kind = tone.kind();
        sit = new CallEvidence.SpecialInformationTone(kind.code(), kind.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' '), kind.category(), timeline.sinceDialing(ctx.scheduler().nanoTime()), null);
        log.info("call {}: special information tone {} ({}) in early media; canceling", id(), kind.code(), sit.name());
        cancelBeforeAnswer(CancelCause.APPLICATION);
    }

    private CallEvidence.Ending withSit(CallEvidence.Ending ending, SIPResponse finalResponse) {
        if (sit == null) {
            return ending;
        }
        return new CallEvidence.SpecialInformationTone(sit.code(), sit.name(), sit.category(), sit.at(), finalResponse);
    }

    /** RFC-less but standard dialer practice: decide human or machine from the callee's first seconds. */
    private void onAmd(io.dialer.media.amd.AmdResult result) {
        if (finished || status != CallStatus.ACTIVE) {
            return;
        }
        amd = new Amd(result.verdict().name().toLowerCase(java.util.Locale.ROOT), result.decisionMillis());
        amdReason = "answering-machine detection found a " + amd.result() + " (" + result.reason() + ") after "
                + Endings.seconds(Duration.ofMillis(result.decisionMillis()));
        log.info("call {}: {}", id(), amdReason);
        snapshot = currentRecord();
        if (result.verdict() != io.dialer.media.amd.Verdict.MACHINE) {
            callMedia.stopBeepDetection();
            return;
        }
        switch (setup.amd().mode()) {
            case HANG_UP_ON_MACHINE -> hangupActive(HangupCause.VOICEMAIL_REACHED);
            case LEAVE_MESSAGE -> {
                awaitingBeep = true;
                // Some mailboxes never beep: leave the message after 10 s at the latest.
                beepTimer = ctx.scheduler().schedule(this::leaveMessage, Duration.ofSeconds(10));
            }
            default -> callMedia.stopBeepDetection();
        }
    }

    private void onBeep(io.dialer.media.amd.Beep beep) {
        if (awaitingBeep && !finished) {
            log.info("call {}: voicemail beep at {} Hz; leaving the message", id(), Math.round(beep.frequency()));
            cancelTimer(beepTimer);
            leaveMessage();
        }
    }

    private void leaveMessage() {
        if (!awaitingBeep || finished) {
            return;
        }
        awaitingBeep = false;
        callMedia.stopBeepDetection();
        io.dialer.media.AudioSource message = setup.amd().message();
        AtomicBoolean over = new AtomicBoolean();
        callMedia.audio(() -> {
            io.dialer.media.AudioFrame frame = message.read();
            if (frame == null && over.compareAndSet(false, true)) {
                ctx.scheduler().execute(() -> hangupActive(HangupCause.VOICEMAIL_REACHED));
            }
            return frame;
        }, callMedia.sink());
    }

    private void onDtmf(io.dialer.media.dtmf.DtmfDigit digit) {
        if (finished) {
            return;
        }
        log.info("call {}: DTMF {} received ({} ms)", id(), digit.digit(), digit.durationMillis());
        ctx.events().publish(new DialerEvent(EventType.DTMF_RECEIVED, null, now(), snapshot,
                String.valueOf(digit.digit())), listener);
    }

    private void onProvisional(SIPResponse response) {
        int code = response.getStatusCode();
        if (code == 100) {
            return; // RFC 3261 §21.1.1: hop-by-hop, says nothing about the callee
        }
        boolean firstRing = timeline.provisional(response, ctx.scheduler().nanoTime(), now());
        if (firstRing && status == CallStatus.DIALING) {
            log.info("call {}: ringing ({} {})", id(), code, response.getReasonPhrase());
            changeState(CallStatus.RINGING, "ringing");
        }
        if (code == 183 && hasSdp(response) && timeline.earlyMedia()) {
            log.info("call {}: early media (183 with SDP)", id());
            startMedia(response);
            changeState(status, "early_media");
        } else {
            snapshot = currentRecord();
        }
    }

    private void onAnswered(SIPResponse response) {
        cancelTimer(ringTimer);
        ringTimer = null;
        answer = response;
        timeline.answered(now());
        if (callMedia != null) {
            callMedia.answered();
        }
        log.info("call {}: answered ({} {})", id(), response.getStatusCode(), response.getReasonPhrase());
        if (hasSdp(response)) {
            startMedia(response);
        } else if (callMedia != null && !callMedia.running()) {
            log.warn("call {}: the 2xx carried no SDP answer to our offer (RFC 3264 §5); no media", id());
        }
        changeState(CallStatus.ACTIVE, "active");
        publish(EventType.CALL_STARTED, null, snapshot);
        if (cancelCause != null) {
            // RFC 3261 §9.1: the 200 crossed our CANCEL; the UA core sends BYE.
            hangupCause = HangupCause.AGENT;
            return;
        }
        if (mediaProblem != null) {
            // RFC 3264 §6: an answer that accepts none of our formats cannot carry the call.
            hangupActive(HangupCause.AGENT);
            return;
        }
        Duration max = setup.timers().maxDuration();
        if (!max.isZero()) {
            durationTimer = ctx.scheduler().schedule(() -> hangupActive(HangupCause.MAX_DURATION), max);
        }
        if (callMedia != null && callMedia.running() && setup.amd().mode() != AmdPolicy.Mode.OFF) {
            callMedia.detectMachine();
        }
        if (callMedia != null && callMedia.expectsAudio()) {
            media = new MediaTimers(ctx.scheduler(), setup.timers(), () -> hangupActive(HangupCause.NO_AUDIO),
                    () -> hangupActive(HangupCause.INACTIVITY));
            media.start();
        }
    }

    /** The peer's SDP answer (183 or 2xx): media runs from here, or the problem is kept for the record. */
    private void startMedia(SIPResponse response) {
        if (callMedia == null || callMedia.running()) {
            return;
        }
        callMedia.answer(response.getRawContent()).ifPresent(problem -> {
            log.warn("call {}: media: {}", id(), problem);
            if (response.getStatusCode() >= 200) {
                mediaProblem = problem;
            }
        });
    }

    private void finish(CallEvidence.Ending ending) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer(ringTimer);
        cancelTimer(durationTimer);
        cancelTimer(beepTimer);
        transfer.callEnded();
        if (media != null) {
            media.stop();
        }
        if (ticket != null) {
            ticket.release();
        }
        Instant endedAt = now();
        Outcome outcome = classify(timeline.evidence(endedAt, setup,
                new CallEvidence.Settings(setup.timers().ringTimeout(), ctx.preconnectMinRing()), ending));
        status = outcome.status();
        if (callMedia == null) {
            publishFinal(outcome, endedAt);
        } else {
            // Never block the SIP thread on the RTP loop: the record waits for the session's
            // final statistics (its close is a task on its own event loop, well under a millisecond).
            callMedia.closeAsync().whenComplete((done, error) ->
                    ctx.scheduler().execute(() -> publishFinal(outcome, endedAt)));
        }
    }

    private void publishFinal(Outcome outcome, Instant endedAt) {
        CallRecord done = timeline.record(setup, status, outcome, endedAt, mediaRecord(), transfer.record(),
                trace == null ? List.of() : trace.entries(), amd);
        snapshot = done;
        log.info("call {}: {} / {}: {}", id(), outcome.status().wireName(), outcome.reason().wireName(),
                outcome.explanation());
        ctx.onFinished(this);
        if (trace != null) {
            ctx.traces().close(sipCallId());
        }
        publish(EventType.CALL_STATE_CHANGED, status.wireName(), done);
        publish(EventType.CALL_ENDED, null, done);
        publish(EventType.CALL_ANALYZED, null, done);
        if (setup.pcap() != null) {
            SipTrace finalTrace = trace;
            // File I/O on the event thread, never the SIP stack's; before completion, so
            // whoever waits on the record finds the file written.
            ctx.events().after(() -> writePcap(finalTrace));
        }
        ctx.events().after(() -> completion.complete(done));
    }

    private Outcome classify(CallEvidence evidence) {
        Outcome outcome;
        try {
            outcome = ctx.classifier().classify(evidence);
        } catch (RuntimeException e) {
            log.error("call {}: classification failed", id(), e);
            outcome = new Outcome(CallStatus.ERROR, DisconnectionReason.ERROR_UNKNOWN, null, null, null, null,
                    "The call ended but could not be classified: " + e, null);
        }
        if (answer != null && outcome.sipStatus() == null) {
            // design.md §4: the record's SIP status is the INVITE's final response, here the 2xx.
            outcome = new Outcome(outcome.status(), outcome.reason(), answer.getStatusCode(), answer.getReasonPhrase(),
                    outcome.q850Cause(), outcome.q850Text(), outcome.explanation(), outcome.voicemail());
        }
        return outcome;
    }

    private void writePcap(SipTrace finalTrace) {
        try {
            if (finalTrace != null) {
                finalTrace.writePcap(setup.pcap());
            } else {
                PcapWriter.write(setup.pcap(), List.of());
            }
            log.info("call {}: SIP messages written to {}", id(), setup.pcap());
        } catch (IOException | RuntimeException e) {
            log.warn("call {}: could not write pcap {}: {}", id(), setup.pcap(), e.toString());
        }
    }

    private void changeState(CallStatus next, String state) {
        status = next;
        snapshot = currentRecord();
        publish(EventType.CALL_STATE_CHANGED, state, snapshot);
    }

    private CallRecord currentRecord() {
        return timeline.record(setup, status, null, now(), mediaRecord(), transfer.record(),
                trace == null ? List.of() : trace.entries(), amd);
    }

    private MediaRecord mediaRecord() {
        CallMedia m = callMedia;
        return m == null ? null : m.record();
    }

    private void publish(EventType type, String state, CallRecord record) {
        ctx.events().publish(new DialerEvent(type, state, now(), record), listener);
    }

    private Instant now() {
        return ctx.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean hasSdp(SIPResponse response) {
        byte[] body = response.getRawContent();
        return body != null && body.length > 0 && response.getContentTypeHeader() != null
                && "sdp".equalsIgnoreCase(response.getContentTypeHeader().getContentSubType());
    }

    private static void cancelTimer(Scheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    /** What the dialer shares with each call. */
    interface CallContext {
        Scheduler scheduler();

        UserAgent userAgent();

        TrunkLimiter limiter();

        OutcomeClassifier classifier();

        EventDispatcher events();

        CallTraces traces();

        /** The RTP engine, null when calls run without media. */
        RtpEngine rtp();

        java.net.InetAddress mediaAddress();

        Clock clock();

        Optional<Duration> preconnectMinRing();

        String defaultRegion();

        /** Places another call through the dialer (a transfer's new leg). */
        Call dialLeg(DialRequest request, CallListener listener);

        void onFinished(Call call);
    }
}
