package io.dialer.core;

import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.core.outcome.CallEvidence;
import io.dialer.core.outcome.CallEvidence.HangupCause;
import io.dialer.core.outcome.CallEvidence.TimedResponse;
import io.dialer.core.outcome.Outcome;
import io.dialer.core.outcome.OutcomeClassifier;
import io.dialer.core.trace.CallTraces;
import io.dialer.core.trace.SipTrace;
import io.dialer.sip.transaction.Scheduler;
import io.dialer.sip.transaction.TransactionFailure;
import io.dialer.sip.transport.Endpoint;
import io.dialer.sip.ua.CallFailure;
import io.dialer.sip.ua.InviteRequest;
import io.dialer.sip.ua.OutgoingCall;
import io.dialer.sip.ua.UserAgent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sip.header.RetryAfterHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outbound call's lifecycle (design.md §3): waits for the trunk's limits,
 * sends the INVITE, follows dialing -> ringing -> active, runs the ring and
 * max-duration timers, and when the call is over classifies it and publishes
 * the final record. All state lives on the SIP stack's scheduler thread; the
 * public methods hop there, and {@link #record()} reads a published snapshot.
 */
final class OutboundCall implements Call {

    private static final Logger log = LoggerFactory.getLogger(OutboundCall.class);

    /** Why we asked to cancel, which decides how the 487 is read. */
    private enum CancelCause { RING_TIMEOUT, APPLICATION }

    private final CallSetup setup;
    private final CallContext ctx;
    private final CallListener listener;
    private final CompletableFuture<CallRecord> completion = new CompletableFuture<>();
    private final List<TimedResponse> provisionals = new ArrayList<>();

    private volatile CallRecord snapshot;
    private CallStatus status;
    private boolean earlyMedia;
    private Instant dialingAt;
    private Instant ringingAt;
    private Instant answeredAt;
    private long dialingNanos;
    private TrunkLimiter.Ticket ticket;
    private OutgoingCall sip;
    private Endpoint lastTarget;
    private Scheduler.Cancellable ringTimer;
    private Scheduler.Cancellable durationTimer;
    private CancelCause cancelCause;
    private HangupCause hangupCause;
    private SIPResponse finalResponse;
    private SIPResponse answer;
    private boolean finished;
    private SipTrace trace;
    private MediaTimers media;
    private ReferTransfer transfer;
    private CompletableFuture<TransferRecord> transferResult;
    private Scheduler.Cancellable transferTimer;

    OutboundCall(CallSetup setup, CallContext ctx, CallListener listener) {
        this.setup = setup;
        this.ctx = ctx;
        this.listener = listener;
        this.status = CallStatus.DIALING;
        this.snapshot = buildRecord(null, now());
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
                hangupActive(switch (reason) {
                    case IVR_REACHED -> HangupCause.IVR_REACHED;
                    case VOICEMAIL_REACHED -> HangupCause.VOICEMAIL_REACHED;
                    default -> HangupCause.AGENT;
                });
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

    /** An RTP packet arrived from the callee (call on the stack's scheduler thread). */
    void rtpReceived() {
        if (media != null) {
            media.packetReceived();
        }
    }

    /** Voice activity detection heard the callee (call on the stack's scheduler thread). */
    void voiceHeard() {
        if (media != null) {
            media.voiceHeard();
        }
    }

    // ---- scheduler thread from here on ----

    /** Starts the call: refused at once for a bad destination, else waits for the trunk's limits. */
    void start() {
        if (setup.invalidDestination() != null) {
            dialingAt = now();
            finish(new CallEvidence.InvalidDestination(setup.to(), setup.invalidDestination()));
            return;
        }
        TrunkConfig trunk = setup.trunk();
        ticket = ctx.limiter().acquire(trunk.limitWait(), new TrunkLimiter.Grant() {
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
                dialingAt = now();
                finish(new CallEvidence.LimitReached(limit, waited));
            }
        });
    }

    private void dial() {
        dialingAt = now();
        dialingNanos = ctx.scheduler().nanoTime();
        // The Call-ID is ours, so the trace is open before the INVITE can go out.
        trace = ctx.traces().open(sipCallId(), dialingAt);
        changeState(CallStatus.DIALING, "dialing");
        Duration ring = setup.timers().ringTimeout();
        if (!ring.isZero()) {
            ringTimer = ctx.scheduler().schedule(this::onRingTimeout, ring);
        }
        InviteRequest invite = setup.invite();
        log.info("call {}: dialing {} via trunk {} (Call-ID {})", id(), setup.to(), setup.trunk().name(), sipCallId());
        sip = ctx.userAgent().invite(invite, setup.sipCallId(), this::onSipEvent);
    }

    private void onRingTimeout() {
        ringTimer = null;
        if (status == CallStatus.DIALING || status == CallStatus.RINGING) {
            log.info("call {}: ring timeout ({}) expired; canceling", id(), seconds(setup.timers().ringTimeout()));
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
        if (transfer != null && !transfer.finished()) {
            throw new IllegalStateException("call " + id() + " already has a transfer in progress");
        }
        Destination target = Destination.parse(request.target(), ctx.defaultRegion());
        TrunkAddress trunk = setup.trunk().address();
        String host = trunk.host().contains(":") ? "[" + trunk.host() + "]" : trunk.host();
        String referTo = target.sipUri() ? target.text() : "sip:" + target.text() + "@" + trunk.hostPort();
        // RFC 3892: Referred-By names who asks for the transfer; the trunk's policy decides
        // whether an asserted identity goes with it (RFC 3325 §9.1).
        String presented = request.callerId() == TransferRequest.CallerIdChoice.USER ? setup.to() : setup.from();
        String identity = presented.startsWith("sip:") ? "<" + presented + ">" : "<sip:" + presented + "@" + host + ">";
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Referred-By", identity);
        if (setup.trunk().callerIdPolicy().assertIdentity()) {
            headers.put("P-Asserted-Identity", identity);
        }
        transfer = new ReferTransfer(referTo);
        transferResult = result;
        ReferTransfer current = transfer;
        transferTimer = ctx.scheduler().schedule(() -> onTransferVerdict(current, current.timedOut(request.timeout())),
                request.timeout());
        log.info("call {}: transferring to {} by REFER (presenting {})", id(), referTo, presented);
        snapshot = buildRecord(null, null);
        publish(EventType.TRANSFER_PROGRESS, null, snapshot);
        sip.refer(referTo, headers, event -> {
            if (current == transfer && !current.finished()) {
                onTransferVerdict(current, current.on(event));
            }
        });
    }

    private void onTransferVerdict(ReferTransfer t, ReferTransfer.Verdict verdict) {
        if (t != transfer || finished) {
            return;
        }
        log.info("call {}: transfer {}", id(), t.explanation());
        snapshot = buildRecord(null, null);
        publish(EventType.TRANSFER_PROGRESS, null, snapshot);
        if (verdict == ReferTransfer.Verdict.PENDING) {
            return;
        }
        cancelTimer(transferTimer);
        TransferRecord record = t.toRecord();
        ctx.events().after(() -> transferResult.complete(record));
        if (verdict == ReferTransfer.Verdict.SUCCEEDED) {
            hangupActive(HangupCause.TRANSFER);
        }
    }

    private void onSipEvent(io.dialer.sip.ua.CallEvent event) {
        if (finished) {
            return;
        }
        if (sip != null && sip.currentTarget() != null) {
            lastTarget = sip.currentTarget();
        }
        if (event instanceof io.dialer.sip.ua.CallEvent.Provisional p) {
            onProvisional(p.response());
        } else if (event instanceof io.dialer.sip.ua.CallEvent.Answered a) {
            onAnswered(a.response());
        } else if (event instanceof io.dialer.sip.ua.CallEvent.Rejected r) {
            finalResponse = r.response();
            finish(endingFor(r.response()));
        } else if (event instanceof io.dialer.sip.ua.CallEvent.Failed f) {
            finish(endingFor(f.failure()));
        } else if (event instanceof io.dialer.sip.ua.CallEvent.Ended e) {
            finish(endingFor(e));
        }
    }

    private void onProvisional(SIPResponse response) {
        int code = response.getStatusCode();
        if (code == 100) {
            return; // RFC 3261 §21.1.1: hop-by-hop, says nothing about the callee
        }
        provisionals.add(new TimedResponse(response, sinceDialing()));
        if (status == CallStatus.DIALING) {
            ringingAt = now();
            log.info("call {}: ringing ({} {})", id(), code, response.getReasonPhrase());
            changeState(CallStatus.RINGING, "ringing");
        }
        if (code == 183 && !earlyMedia && hasSdp(response)) {
            earlyMedia = true;
            log.info("call {}: early media (183 with SDP)", id());
            changeState(status, "early_media");
        } else {
            snapshot = buildRecord(null, null);
        }
    }

    private void onAnswered(SIPResponse response) {
        cancelTimer(ringTimer);
        ringTimer = null;
        answer = response;
        answeredAt = now();
        log.info("call {}: answered ({} {})", id(), response.getStatusCode(), response.getReasonPhrase());
        changeState(CallStatus.ACTIVE, "active");
        publish(EventType.CALL_STARTED, null, snapshot);
        if (cancelCause != null) {
            // RFC 3261 §9.1: the 200 crossed our CANCEL; the UA core sends BYE.
            hangupCause = HangupCause.AGENT;
            return;
        }
        Duration max = setup.timers().maxDuration();
        if (!max.isZero()) {
            durationTimer = ctx.scheduler().schedule(() -> hangupActive(HangupCause.MAX_DURATION), max);
        }
    }

    private CallEvidence.Ending endingFor(SIPResponse response) {
        if (cancelCause == CancelCause.RING_TIMEOUT) {
            return new CallEvidence.RingTimeout(response);
        }
        if (cancelCause == CancelCause.APPLICATION) {
            return new CallEvidence.CanceledByApplication(response);
        }
        return new CallEvidence.Rejected(response);
    }

    private CallEvidence.Ending endingFor(CallFailure failure) {
        if (failure instanceof CallFailure.Canceled) {
            return new CallEvidence.CanceledByApplication(null);
        }
        // A CANCEL that never got its INVITE answered (RFC 3261 §9.1 guard timer) still
        // ends the call the way the CANCEL meant; a dead trunk is the stack's failure.
        if (cancelCause != null && failure instanceof CallFailure.NoResponse nr
                && nr.cause() instanceof TransactionFailure.Timeout t && !t.timerName().equals("B")) {
            return cancelCause == CancelCause.RING_TIMEOUT ? new CallEvidence.RingTimeout(null)
                    : new CallEvidence.CanceledByApplication(null);
        }
        return new CallEvidence.Failed(failure);
    }

    private CallEvidence.Ending endingFor(io.dialer.sip.ua.CallEvent.Ended e) {
        switch (e.cause()) {
            case REMOTE_BYE:
                return new CallEvidence.Hungup(HangupCause.REMOTE_BYE, e.remoteBye(), null, null);
            case DIALOG_LOST:
                return new CallEvidence.Hungup(HangupCause.CONNECTION_LOST, null,
                        e.failure() == null ? "the dialog was lost" : e.failure().describe(), null);
            default:
                HangupCause cause = hangupCause == null ? HangupCause.AGENT : hangupCause;
                String detail = switch (cause) {
                    case TRANSFER -> "to " + transfer.toRecord().target();
                    case MAX_DURATION -> "max call duration " + seconds(setup.timers().maxDuration());
                    case NO_AUDIO -> "no RTP within the media timeout of " + seconds(setup.timers().mediaTimeout());
                    case INACTIVITY -> "no voice within the silence timeout of " + seconds(setup.timers().silenceTimeout());
                    default -> null;
                };
                if (cancelCause != null) {
                    detail = "the call was answered just as it was being canceled, so it was hung up at once";
                }
                return new CallEvidence.Hungup(cause, null, null, detail);
        }
    }

    private void finish(CallEvidence.Ending ending) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer(ringTimer);
        cancelTimer(durationTimer);
        cancelTimer(transferTimer);
        if (transfer != null && !transfer.finished()) {
            ctx.events().after(() -> transferResult.completeExceptionally(
                    new IllegalStateException("the call ended before the transfer finished")));
        }
        if (media != null) {
            media.stop();
        }
        if (ticket != null) {
            ticket.release();
        }
        Instant endedAt = now();
        CallEvidence evidence = new CallEvidence(dialingAt, ringingAt, answeredAt, endedAt, provisionals,
                lastTarget == null ? null : lastTarget.toString(), setup.trunk().credentials().isPresent(),
                new CallEvidence.Settings(setup.timers().ringTimeout(), ctx.preconnectMinRing()), ending);
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
        status = outcome.status();
        CallRecord done = buildRecord(outcome, endedAt);
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

    private void writePcap(SipTrace finalTrace) {
        try {
            if (finalTrace != null) {
                finalTrace.writePcap(setup.pcap());
            } else {
                io.dialer.core.trace.PcapWriter.write(setup.pcap(), List.of());
            }
            log.info("call {}: SIP messages written to {}", id(), setup.pcap());
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("call {}: could not write pcap {}: {}", id(), setup.pcap(), e.toString());
        }
    }

    private void changeState(CallStatus next, String state) {
        status = next;
        snapshot = buildRecord(null, null);
        publish(EventType.CALL_STATE_CHANGED, state, snapshot);
    }

    private void publish(EventType type, String state, CallRecord record) {
        ctx.events().publish(new DialerEvent(type, state, now(), record), listener);
    }

    private CallRecord buildRecord(Outcome outcome, Instant endedAt) {
        Instant end = endedAt != null ? endedAt : now();
        long ringMs = ringingAt == null ? 0 : Duration.between(ringingAt, answeredAt != null ? answeredAt : end).toMillis();
        long talkMs = answeredAt == null ? 0 : Duration.between(answeredAt, end).toMillis();
        return new CallRecord(id(), dialingAt == null ? null : sipCallId(), "outbound", setup.trunk().name(),
                setup.from(), setup.to(), status,
                outcome == null ? null : outcome.reason(),
                outcome == null ? null : outcome.sipStatus(),
                outcome == null ? null : outcome.sipReasonPhrase(),
                outcome == null ? null : outcome.q850Cause(),
                outcome == null ? null : outcome.q850Text(),
                outcome == null ? null : outcome.explanation(),
                dialingAt, ringingAt, answeredAt, outcome == null ? null : end,
                Math.max(0, ringMs), Math.max(0, talkMs), earlyMedia,
                outcome == null ? null : outcome.voicemail(), Amd.unknown(),
                transfer == null ? null : transfer.toRecord(), 1,
                trace == null ? List.of() : trace.entries());
    }

    private Duration sinceDialing() {
        return Duration.ofNanos(ctx.scheduler().nanoTime() - dialingNanos);
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

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** What the dialer shares with each call. */
    interface CallContext {
        Scheduler scheduler();

        UserAgent userAgent();

        TrunkLimiter limiter();

        OutcomeClassifier classifier();

        EventDispatcher events();

        CallTraces traces();

        Clock clock();

        Optional<Duration> preconnectMinRing();

        String defaultRegion();

        void onFinished(OutboundCall call);
    }
}
