package io.dialer.core;

import io.dialer.core.media.AudioRelay;
import io.dialer.core.media.CallMedia;
import io.dialer.media.AudioSink;
import io.dialer.media.AudioSource;
import io.dialer.sip.transaction.Scheduler;
import io.dialer.sip.ua.SipSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One call's transfers (issue 7): by REFER (RFC 3515, followed by
 * {@link ReferTransfer}), by a new INVITE leg through the same trunk whose
 * audio is bridged to this call's, or REFER first with the new leg as the
 * fallback. Every attempt lands in the record's {@code transfer} with its SIP
 * evidence. Runs on the stack's scheduler thread.
 */
final class CallTransfer {

    /** Where a transfer stands, as the call must act on it. */
    enum Step {
        /** Still going: publish progress. */
        PENDING,
        /** The far end took the call over (REFER) or the bridged leg ended: our call leaves. */
        LEAVE,
        /** The new leg answered and is bridged: our call stays up, carrying the audio. */
        BRIDGED,
        /** It failed: the call stays up as it was. */
        FAILED
    }

    /** What a transfer needs from its call. */
    interface Host {
        void step(Step step);

        Call dialLeg(DialRequest request, CallListener listener);
    }

    private final Scheduler scheduler;
    private final EventDispatcher events;
    private final List<TransferRecord.Attempt> attempts = new ArrayList<>();
    private TransferRequest request;
    private CallSetup setup;
    private Host host;
    private CallMedia media;
    private String target;
    private String referTo;
    private ReferTransfer refer;
    private Call leg;
    private TransferRequest.CallerIdChoice legPresents;
    private AudioSource savedSource;
    private AudioSink savedSink;
    private String status;
    private boolean bridged;
    private CompletableFuture<TransferRecord> result;
    private Scheduler.Cancellable timer;

    CallTransfer(Scheduler scheduler, EventDispatcher events) {
        this.scheduler = scheduler;
        this.events = events;
    }

    boolean inProgress() {
        return "in_progress".equals(status);
    }

    /** Whether the call's audio is bridged to a new leg. */
    boolean bridged() {
        return bridged;
    }

    /** The record's {@code transfer}, null when none was asked for. */
    TransferRecord record() {
        if (status == null) {
            return null;
        }
        List<TransferRecord.Attempt> all = new ArrayList<>(attempts);
        if (refer != null && inProgress()) {
            all.add(refer.attempt());
        }
        return new TransferRecord(request.mode().name().toLowerCase(Locale.ROOT),
                request.mode() == TransferRequest.TransferMode.INVITE ? target : referTo, status, all);
    }

    /** Where the call went: the Refer-To URI, or the new leg's destination once bridged. */
    String target() {
        return bridged ? target : referTo;
    }

    /**
     * Starts a transfer of an answered call.
     *
     * @throws IllegalArgumentException for a target that is not a valid number or SIP URI
     * @throws IllegalStateException    for an INVITE transfer of a call without media to bridge
     */
    void start(TransferRequest req, CallSetup call, String defaultRegion, SipSession sip, CallMedia callMedia,
               CompletableFuture<TransferRecord> stage, Host callHost) {
        Destination destination = Destination.parse(req.target(), defaultRegion);
        if (req.mode() == TransferRequest.TransferMode.INVITE && (callMedia == null || !callMedia.running())) {
            throw new IllegalStateException("a transfer by a new INVITE leg bridges audio, and this call has no media");
        }
        request = req;
        setup = call;
        host = callHost;
        media = callMedia;
        target = destination.text();
        referTo = destination.sipUri() ? destination.text()
                : "sip:" + destination.text() + "@" + call.trunk().address().hostPort();
        attempts.clear();
        bridged = false;
        status = "in_progress";
        result = stage;
        timer = scheduler.schedule(this::timedOut, req.timeout());
        if (req.mode() == TransferRequest.TransferMode.INVITE) {
            startLeg(req.callerId());
        } else {
            startRefer(sip);
        }
    }

    // ---- REFER ----

    private void startRefer(SipSession sip) {
        String host = setup.trunk().address().host();
        host = host.contains(":") ? "[" + host + "]" : host;
        // RFC 3892: Referred-By names who asks for the transfer; the trunk's policy decides
        // whether an asserted identity goes with it (RFC 3325 §9.1).
        String presented = presented(request.callerId());
        String identity = presented.startsWith("sip:") ? "<" + presented + ">" : "<sip:" + presented + "@" + host + ">";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Referred-By", identity);
        if (setup.trunk().callerIdPolicy().assertIdentity()) {
            headers.put("P-Asserted-Identity", identity);
        }
        ReferTransfer t = new ReferTransfer(referTo);
        refer = t;
        this.host.step(Step.PENDING);
        sip.refer(referTo, headers, event -> {
            if (t == refer && inProgress()) {
                onRefer(t, t.on(event));
            }
        });
    }

    private void onRefer(ReferTransfer t, ReferTransfer.Verdict verdict) {
        switch (verdict) {
            case PENDING -> host.step(Step.PENDING);
            case SUCCEEDED -> {
                attempts.add(t.attempt());
                refer = null;
                finish("completed", Step.LEAVE);
            }
            default -> {
                attempts.add(t.attempt());
                refer = null;
                if (request.mode() == TransferRequest.TransferMode.AUTO && t.failedBeforeRinging()
                        && media != null && media.running()) {
                    startLeg(request.callerId());
                } else {
                    finish("failed", Step.FAILED);
                }
            }
        }
    }

    // ---- INVITE leg, bridged ----

    private void startLeg(TransferRequest.CallerIdChoice presents) {
        AudioRelay toLeg = new AudioRelay();
        AudioRelay fromLeg = new AudioRelay();
        legPresents = presents;
        DialRequest legRequest = DialRequest.to(target).viaTrunk(setup.trunk().name()).from(presented(presents))
                .withAudio(toLeg, fromLeg);
        Call[] placed = new Call[1];
        placed[0] = host.dialLeg(legRequest, event -> scheduler.execute(() -> onLegEvent(placed[0], event,
                toLeg, fromLeg)));
        leg = placed[0];
        host.step(Step.PENDING);
    }

    private void onLegEvent(Call l, DialerEvent event, AudioRelay toLeg, AudioRelay fromLeg) {
        if (l != leg) {
            return;
        }
        if (event.type() == EventType.CALL_STARTED && inProgress()) {
            // The target answered: our callee now hears the new leg and the new leg hears our callee.
            savedSource = media.source();
            savedSink = media.sink();
            media.audio(fromLeg, toLeg);
            bridged = true;
            attempts.add(new TransferRecord.Attempt("invite", "done", 200, null, "The new leg to " + target
                    + " (" + l.id() + ", presenting " + presented(legPresents) + ") answered; the calls are bridged.",
                    l.id()));
            finish("completed", Step.BRIDGED);
        } else if (event.type() == EventType.CALL_ENDED) {
            CallRecord r = event.record();
            if (bridged) {
                leg = null;
                host.step(Step.LEAVE); // the target hung up: the bridge is over
                return;
            }
            if (!inProgress()) {
                return;
            }
            attempts.add(new TransferRecord.Attempt("invite", "leg", r.sipStatus(), null, "The new leg to " + target
                    + " presenting " + presented(legPresents) + " ended " + r.status().wireName() + " / "
                    + r.disconnectionReason().wireName() + ": " + r.explanation(), l.id()));
            leg = null;
            boolean refusedCaller = r.sipStatus() != null && (r.sipStatus() == 403 || r.sipStatus() == 603);
            if (refusedCaller && legPresents == TransferRequest.CallerIdChoice.USER && request.retryAsAgent()) {
                startLeg(TransferRequest.CallerIdChoice.AGENT); // RFC 3325: the trunk may only assert our own numbers
            } else {
                finish("failed", Step.FAILED);
            }
        }
    }

    // ---- endings ----

    private void timedOut() {
        if (!inProgress()) {
            return;
        }
        if (refer != null) {
            refer.timedOut(request.timeout());
            attempts.add(refer.attempt());
            refer = null;
        }
        if (leg != null) {
            Call l = leg;
            leg = null;
            attempts.add(new TransferRecord.Attempt("invite", "leg", null, null, "The new leg to " + target
                    + " was not answered within " + request.timeout().toSeconds() + " s; it was canceled.", l.id()));
            l.hangup();
        }
        finish("failed", Step.FAILED);
    }

    private void finish(String outcome, Step step) {
        status = outcome;
        if (timer != null) {
            timer.cancel();
        }
        TransferRecord record = record();
        CompletableFuture<TransferRecord> stage = result;
        events.after(() -> stage.complete(record));
        host.step(step);
    }

    /** Our call ended: a running transfer fails its stage, a bridged or ringing leg is hung up. */
    void callEnded() {
        if (timer != null) {
            timer.cancel();
        }
        if (leg != null) {
            leg.hangup();
            leg = null;
        }
        if (inProgress()) {
            status = "failed";
            CompletableFuture<TransferRecord> stage = result;
            events.after(() -> stage.completeExceptionally(
                    new IllegalStateException("the call ended before the transfer finished")));
        }
        if (bridged && media != null) {
            media.audio(savedSource, savedSink);
        }
    }

    /** The number (or URI) a new leg or a Referred-By presents. */
    private String presented(TransferRequest.CallerIdChoice choice) {
        // A callee reached by SIP URI has no number to present: ours is used then.
        if (choice == TransferRequest.CallerIdChoice.USER && setup.to().startsWith("+")) {
            return setup.to();
        }
        return setup.from();
    }
}
