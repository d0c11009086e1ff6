package io.dialer.core;

import io.dialer.sip.transaction.Scheduler;
import io.dialer.sip.ua.OutgoingCall;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * One call's transfers by REFER: builds the REFER from a {@link TransferRequest}
 * (Refer-To through the call's trunk, Referred-By per RFC 3892, an asserted
 * identity per the trunk's RFC 3325 policy), follows it with
 * {@link ReferTransfer}, times it out, and completes the caller's stage.
 * Runs on the stack's scheduler thread.
 */
final class CallTransfer {

    private final Scheduler scheduler;
    private final EventDispatcher events;
    private ReferTransfer current;
    private CompletableFuture<TransferRecord> result;
    private Scheduler.Cancellable timer;

    CallTransfer(Scheduler scheduler, EventDispatcher events) {
        this.scheduler = scheduler;
        this.events = events;
    }

    boolean inProgress() {
        return current != null && !current.finished();
    }

    /** The record's {@code transfer}, null when none was asked for. */
    TransferRecord record() {
        return current == null ? null : current.toRecord();
    }

    String target() {
        return current == null ? null : current.toRecord().target();
    }

    /**
     * Starts a transfer; {@code onStep} hears each step (with the verdict) so the
     * call can publish progress and leave on success.
     */
    void start(TransferRequest request, CallSetup setup, String defaultRegion, OutgoingCall sip,
               CompletableFuture<TransferRecord> stage, BiConsumer<ReferTransfer, ReferTransfer.Verdict> onStep) {
        Destination target = Destination.parse(request.target(), defaultRegion);
        TrunkAddress trunk = setup.trunk().address();
        String host = trunk.host().contains(":") ? "[" + trunk.host() + "]" : trunk.host();
        String referTo = target.sipUri() ? target.text() : "sip:" + target.text() + "@" + trunk.hostPort();
        // RFC 3892: Referred-By names who asks for the transfer; the trunk's policy decides
        // whether an asserted identity goes with it (RFC 3325 §9.1).
        String presented = request.callerId() == TransferRequest.CallerIdChoice.USER ? setup.to() : setup.from();
        String identity = presented.startsWith("sip:") ? "<" + presented + ">" : "<sip:" + presented + "@" + host + ">";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Referred-By", identity);
        if (setup.trunk().callerIdPolicy().assertIdentity()) {
            headers.put("P-Asserted-Identity", identity);
        }
        ReferTransfer transfer = new ReferTransfer(referTo);
        current = transfer;
        result = stage;
        timer = scheduler.schedule(() -> step(transfer, transfer.timedOut(request.timeout()), onStep), request.timeout());
        onStep.accept(transfer, ReferTransfer.Verdict.PENDING);
        sip.refer(referTo, headers, event -> {
            if (transfer == current && !transfer.finished()) {
                step(transfer, transfer.on(event), onStep);
            }
        });
    }

    private void step(ReferTransfer transfer, ReferTransfer.Verdict verdict,
                      BiConsumer<ReferTransfer, ReferTransfer.Verdict> onStep) {
        if (transfer != current) {
            return;
        }
        if (verdict != ReferTransfer.Verdict.PENDING) {
            timer.cancel();
            TransferRecord record = transfer.toRecord();
            CompletableFuture<TransferRecord> stage = result;
            events.after(() -> stage.complete(record));
        }
        onStep.accept(transfer, verdict);
    }

    /** The call ended first: a transfer still running fails its stage. */
    void callEnded() {
        if (timer != null) {
            timer.cancel();
        }
        if (inProgress()) {
            CompletableFuture<TransferRecord> stage = result;
            events.after(() -> stage.completeExceptionally(
                    new IllegalStateException("the call ended before the transfer finished")));
        }
    }
}
