package io.dialer.core;

import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.core.outcome.CallEvidence;
import io.dialer.core.outcome.CallEvidence.HangupCause;
import io.dialer.sip.transaction.TransactionFailure;
import io.dialer.sip.ua.CallEvent;
import io.dialer.sip.ua.CallFailure;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads what the SIP stack reported at the end of a call as the classifier's
 * {@link CallEvidence.Ending}, given what the call itself had asked for: a
 * CANCEL (and why), or a hangup (and why).
 */
final class Endings {

    /** Why we asked to cancel, which decides how the 487 is read. */
    enum CancelCause { RING_TIMEOUT, APPLICATION }

    private Endings() {
    }

    /** The record's hang-up cause for the reason the application gave. */
    static HangupCause causeOf(HangupReason reason) {
        return switch (reason) {
            case IVR_REACHED -> HangupCause.IVR_REACHED;
            case VOICEMAIL_REACHED -> HangupCause.VOICEMAIL_REACHED;
            default -> HangupCause.AGENT;
        };
    }

    static CallEvidence.Ending forFinal(SIPResponse response, CancelCause cancel) {
        if (cancel == CancelCause.RING_TIMEOUT) {
            return new CallEvidence.RingTimeout(response);
        }
        if (cancel == CancelCause.APPLICATION) {
            return new CallEvidence.CanceledByApplication(response);
        }
        return new CallEvidence.Rejected(response);
    }

    static CallEvidence.Ending forFailure(CallFailure failure, CancelCause cancel) {
        if (failure instanceof CallFailure.Canceled) {
            return new CallEvidence.CanceledByApplication(null);
        }
        // A CANCEL that never got its INVITE answered (RFC 3261 §9.1 guard timer) still
        // ends the call the way the CANCEL meant; a dead trunk is the stack's failure.
        if (cancel != null && failure instanceof CallFailure.NoResponse nr
                && nr.cause() instanceof TransactionFailure.Timeout t && !t.timerName().equals("B")) {
            return cancel == CancelCause.RING_TIMEOUT ? new CallEvidence.RingTimeout(null)
                    : new CallEvidence.CanceledByApplication(null);
        }
        return new CallEvidence.Failed(failure);
    }

    /**
     * An answered call's end. {@code ours} is why we hung up (null when we did not ask);
     * {@code canceled} says the 2xx crossed our CANCEL.
     */
    static CallEvidence.Ending forEnded(CallEvent.Ended e, HangupCause ours, boolean canceled, CallTimers timers,
                                        String transferTarget) {
        switch (e.cause()) {
            case REMOTE_BYE:
                return new CallEvidence.Hungup(HangupCause.REMOTE_BYE, e.remoteBye(), null, null);
            case DIALOG_LOST:
                return new CallEvidence.Hungup(HangupCause.CONNECTION_LOST, null,
                        e.failure() == null ? "the dialog was lost" : e.failure().describe(), null);
            default:
                HangupCause cause = ours == null ? HangupCause.AGENT : ours;
                String detail = switch (cause) {
                    case TRANSFER -> "to " + transferTarget;
                    case MAX_DURATION -> "max call duration " + seconds(timers.maxDuration());
                    case NO_AUDIO -> "no RTP within the media timeout of " + seconds(timers.mediaTimeout());
                    case INACTIVITY -> "no voice within the silence timeout of " + seconds(timers.silenceTimeout());
                    default -> null;
                };
                if (canceled) {
                    detail = "the call was answered just as it was being canceled, so it was hung up at once";
                }
                return new CallEvidence.Hungup(cause, null, null, detail);
        }
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
