package io.dialer.sim;

import io.dialer.sip.transaction.Scheduler;
import io.dialer.sip.ua.CallEvent;
import io.dialer.sip.ua.IncomingCall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Plays one {@link Behaviour} on one inbound call. Every step is a timer on
 * the stack's scheduler and every event arrives on its thread, so a call
 * costs no thread and needs no locks.
 */
final class SimCall {

    /** RFC 5806 leaves the gap open; a second is what a carrier's voicemail redirect typically takes. */
    static final Duration FORWARD_TO_FAILURE = Duration.ofSeconds(1);

    /**
     * Calls the plan keeps open (code 201 answered, code 180 ringing) end
     * after this, so a caller that vanished without BYE or CANCEL does not
     * hold the call for ever.
     */
    static final Duration SAFETY_CAP = Duration.ofHours(1);

    private final IncomingCall call;
    private final Behaviour behaviour;
    private final String number;
    private final Scheduler scheduler;
    private final Duration hold;
    private final byte[] sdp;
    private final SimMedia media;
    private final Consumer<SimCallReport> onDone;
    private final long startNanos;
    private final List<Scheduler.Cancellable> timers = new ArrayList<>();
    private boolean done;

    SimCall(IncomingCall call, Behaviour behaviour, String number, Scheduler scheduler, Duration hold, byte[] sdp,
            SimMedia media, Consumer<SimCallReport> onDone) {
        this.media = media;
        this.call = call;
        this.behaviour = behaviour;
        this.number = number;
        this.scheduler = scheduler;
        this.hold = hold;
        this.sdp = sdp;
        this.onDone = onDone;
        this.startNanos = scheduler.nanoTime();
    }

    /** Starts the script; call on the scheduler thread, where the stack hands over new calls. */
    void start() {
        call.onEvent(this::onEvent);
        if (behaviour.ringingAtOnce()) {
            call.ringing();
        }
        switch (behaviour.kind()) {
            case ANSWER_THEN_HANG_UP, ANSWER_THEN_WAIT -> after(behaviour.ring(), () -> call.answer(sdp));
            case EARLY_MEDIA_THEN_ANSWER -> {
                // RFC 3960 §3: the 183's SDP is the answer the early media flows by; the 200 repeats it.
                call.progress(sdp);
                after(behaviour.ring(), () -> call.answer(sdp));
            }
            case RING_FOREVER -> after(SAFETY_CAP, () -> call.reject(480, ResponseTable.phrase(480)));
            case ANSWER_HUMAN, ANSWER_MACHINE -> {
                call.answer(sdp);
                if (media != null) {
                    media.play(behaviour.kind() == Behaviour.Kind.ANSWER_HUMAN ? SimVoice.human() : SimVoice.machine());
                }
            }
            case EARLY_SIT -> {
                call.progress(sdp);
                if (media != null) {
                    media.play(sitTone(behaviour.finalPhrase()));
                }
                after(SAFETY_CAP, () -> call.reject(480, ResponseTable.phrase(480)));
            }
            case FORWARD_THEN_UNAVAILABLE -> after(behaviour.ring(), () -> {
                call.provisional(181, "Call Is Being Forwarded", null,
                        HeaderField.toMap(behaviour.provisionalHeaders()));
                after(FORWARD_TO_FAILURE, this::rejectAsPlanned);
            });
            case REJECT, NOT_IN_PLAN -> after(behaviour.ring(), this::rejectAsPlanned);
        }
    }

    /** The three segments of the Telcordia tone with this code, then a second of silence. */
    private static short[] sitTone(String code) {
        io.dialer.media.tone.SitKind kind = java.util.Arrays.stream(io.dialer.media.tone.SitKind.values())
                .filter(k -> k.code().equals(code)).findFirst().orElseThrow();
        java.util.List<io.dialer.media.tone.Tone> tones = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            tones.add(io.dialer.media.tone.Tone.sine(kind.frequency(i), kind.millis(i)));
        }
        tones.add(io.dialer.media.tone.Tone.silence(1000));
        return io.dialer.media.tone.ToneGenerator.telephone().render(tones);
    }

    private void rejectAsPlanned() {
        call.reject(behaviour.finalStatus(), behaviour.finalPhrase(), HeaderField.toMap(behaviour.finalHeaders()));
    }

    private void after(Duration delay, Runnable step) {
        if (delay.isZero()) {
            step.run();
        } else {
            timers.add(scheduler.schedule(() -> {
                if (!done) {
                    step.run();
                }
            }, delay));
        }
    }

    private void onEvent(CallEvent event) {
        if (event instanceof CallEvent.Answered) {
            boolean waits = behaviour.kind() == Behaviour.Kind.ANSWER_THEN_WAIT
                    || behaviour.kind() == Behaviour.Kind.ANSWER_HUMAN || behaviour.kind() == Behaviour.Kind.ANSWER_MACHINE;
            after(waits ? SAFETY_CAP : hold, call::hangup);
        } else if (event instanceof CallEvent.Rejected rejected) {
            int status = rejected.response().getStatusCode();
            boolean canceled = status == 487 && behaviour.finalStatus() != 487;
            finish(status, rejected.response().getReasonPhrase(), canceled ? "caller canceled" : "rejected");
        } else if (event instanceof CallEvent.Ended ended) {
            finish(200, "OK", switch (ended.cause()) {
                case REMOTE_BYE -> "caller hung up";
                case LOCAL_BYE -> "callee hung up";
                case DIALOG_LOST -> "dialog lost";
            });
        } else if (event instanceof CallEvent.Failed failed) {
            finish(0, "none", "failed: " + failed.failure());
        }
    }

    private void finish(int status, String phrase, String ending) {
        if (done) {
            return;
        }
        done = true;
        timers.forEach(Scheduler.Cancellable::cancel);
        timers.clear();
        onDone.accept(new SimCallReport(call.callId(), number, behaviour, status, phrase, ending,
                Duration.ofNanos(scheduler.nanoTime() - startNanos)));
    }
}
