package io.dialer.core;

import io.dialer.sip.ua.ReferEvent;
import java.util.Locale;

/**
 * Follows one REFER transfer (RFC 3515) and keeps what the record says about
 * it: the REFER's response, each NOTIFY's sipfrag status, and the verdict.
 * Success is a 2xx sipfrag (RFC 3515 §2.4.5: the referred request succeeded);
 * a refusal of the REFER or a final non-2xx sipfrag is a failure at that
 * step, and the call stays up.
 */
final class ReferTransfer {

    /** What an event means for the call. */
    enum Verdict { PENDING, SUCCEEDED, FAILED }

    private final String target;
    private Integer referStatus;
    private Integer notifyStatus;
    private int highestProgress;
    private String step = "refer";
    private String status = "in_progress";
    private String explanation;

    ReferTransfer(String target) {
        this.target = target;
        this.explanation = "REFER to " + target + " sent; waiting for its response.";
    }

    Verdict on(ReferEvent event) {
        if (event instanceof ReferEvent.Accepted a) {
            referStatus = a.response().getStatusCode();
            step = "notify";
            explanation = "The far end accepted the REFER (" + status(a.response().getStatusCode(),
                    a.response().getReasonPhrase()) + ") and is calling " + target + ".";
            return Verdict.PENDING;
        }
        if (event instanceof ReferEvent.Refused r) {
            referStatus = r.response().getStatusCode();
            return fail("The far end refused the REFER (" + status(referStatus, r.response().getReasonPhrase())
                    + "); " + refusalAdvice(referStatus) + " The call stays up.");
        }
        if (event instanceof ReferEvent.Failed f) {
            return fail("The REFER could not be completed: " + f.reason() + ". The call stays up.");
        }
        ReferEvent.Progress p = (ReferEvent.Progress) event;
        if (p.status() > 0) {
            notifyStatus = p.status();
            if (p.status() < 200) {
                highestProgress = Math.max(highestProgress, p.status());
            }
        }
        if (p.status() >= 200 && p.status() < 300) {
            step = "done";
            status = "completed";
            explanation = "The transfer to " + target + " succeeded (NOTIFY " + status(p.status(), p.reasonPhrase())
                    + "); our leg left the call.";
            return Verdict.SUCCEEDED;
        }
        if (p.status() >= 300) {
            return fail("The far end's call to " + target + " failed (NOTIFY " + status(p.status(), p.reasonPhrase())
                    + "). The call stays up.");
        }
        if (p.terminated()) {
            return fail("The referral's subscription ended without a final status (last NOTIFY "
                    + (notifyStatus == null ? "had none" : String.valueOf(notifyStatus)) + "). The call stays up.");
        }
        explanation = "Transfer to " + target + " in progress (NOTIFY " + status(p.status(), p.reasonPhrase()) + ").";
        return Verdict.PENDING;
    }

    /** No outcome within the timeout. */
    Verdict timedOut(java.time.Duration timeout) {
        return fail("No outcome of the transfer to " + target + " within " + timeout.toSeconds() + " s (step "
                + step + (notifyStatus == null ? "" : ", last NOTIFY " + notifyStatus) + "). The call stays up.");
    }

    boolean finished() {
        return !"in_progress".equals(status);
    }

    String explanation() {
        return explanation;
    }

    /**
     * Whether it failed before the target rang (no sipfrag 180 or 183, RFC 3515 §2.4.5): then a new
     * INVITE leg may still work where the far end could not or would not place the call.
     */
    boolean failedBeforeRinging() {
        return "failed".equals(status) && highestProgress < 180;
    }

    String target() {
        return target;
    }

    TransferRecord.Attempt attempt() {
        return new TransferRecord.Attempt("refer", step, referStatus, notifyStatus, explanation, null);
    }

    private Verdict fail(String why) {
        status = "failed";
        explanation = why;
        return Verdict.FAILED;
    }

    private static String status(int code, String phrase) {
        return code + (phrase == null || phrase.isEmpty() ? "" : " " + phrase);
    }

    private static String refusalAdvice(int code) {
        return switch (code) {
            case 405, 501 -> "the far end or trunk does not support REFER; transfer by a new INVITE leg instead.";
            case 403, 603 -> "the trunk does not allow transfers to this target or from this caller ID.";
            default -> String.format(Locale.ROOT, "code %d names the reason.", code);
        };
    }
}
