package io.dialer.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One outbound call placed by a {@link Dialer}. Every method is safe to call
 * from any thread; the work happens on the SIP stack's thread.
 *
 * <pre>{@code
 * Call call = dialer.dial(DialRequest.to("+12025550200"), event -> System.out.println(event));
 * CallRecord done = call.completion().toCompletableFuture().join();
 * System.out.println(done.disconnectionReason() + ": " + done.explanation());
 * }</pre>
 */
public interface Call {

    /** The dialer's id for this call ({@code call_...}). */
    String id();

    /** The SIP Call-ID of its INVITE; null for a call refused before dialing. */
    String sipCallId();

    /** The current status. */
    CallStatus status();

    /** The record as it stands now (final once {@link #status()} is terminal). */
    CallRecord record();

    /**
     * Hangs up with {@code agent_hangup}: BYE when answered; before answer
     * this cancels the call (it ends {@code canceled}).
     */
    void hangup();

    /** Hangs up an answered call with the given reason; before answer, as {@link #cancel()}. */
    void hangup(HangupReason reason);

    /**
     * Cancels the call before answer (RFC 3261 §9.1: CANCEL once a provisional
     * arrived, then the 487); it ends {@code canceled}. Does nothing once answered.
     */
    void cancel();

    /**
     * Transfers the answered call (see {@link TransferRequest}). {@code transfer_progress}
     * events follow each step; the stage completes with the transfer's record once it
     * succeeded (the call then ends {@code ended / call_transfer}) or failed (the call stays
     * up and the record says at which step and with what code). Fails at once with
     * {@link IllegalStateException} when the call is not active or a transfer is already
     * running, and {@link IllegalArgumentException} for a target that is not a valid number or SIP URI.
     */
    CompletionStage<TransferRecord> transfer(TransferRequest request);

    /**
     * Sends DTMF digits (0-9, *, #, A-D) to the callee as RFC 4733 telephone-events.
     * The stage fails with {@link IllegalStateException} when the call has no media or the
     * callee did not accept telephone-event, {@link IllegalArgumentException} for other characters.
     */
    CompletionStage<Void> sendDtmf(String digits);

    /** Completes with the final record once the call ended and {@code call_ended} went out. */
    CompletionStage<CallRecord> completion();

    /** The final response's Retry-After (RFC 3261 §20.33), if it had one: for retry policies. */
    Optional<Duration> retryAfter();
}
