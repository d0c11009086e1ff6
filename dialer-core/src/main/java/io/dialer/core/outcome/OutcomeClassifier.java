package io.dialer.core.outcome;

import static io.dialer.core.DisconnectionReason.CANCELED;
import static io.dialer.core.DisconnectionReason.CONCURRENCY_LIMIT_REACHED;
import static io.dialer.core.DisconnectionReason.DIAL_BUSY;
import static io.dialer.core.DisconnectionReason.DIAL_FAILED;
import static io.dialer.core.DisconnectionReason.DIAL_NO_ANSWER;
import static io.dialer.core.DisconnectionReason.ERROR_UNKNOWN;
import static io.dialer.core.DisconnectionReason.INVALID_DESTINATION;
import static io.dialer.core.DisconnectionReason.MARKED_AS_SPAM;
import static io.dialer.core.DisconnectionReason.SIP_ROUTING_ERROR;
import static io.dialer.core.DisconnectionReason.TELEPHONY_PROVIDER_PERMISSION_DENIED;
import static io.dialer.core.DisconnectionReason.TELEPHONY_PROVIDER_UNAVAILABLE;
import static io.dialer.core.DisconnectionReason.USER_DECLINED;
import static io.dialer.core.DisconnectionReason.VOICEMAIL_PRECONNECT;

import gov.nist.javax.sip.message.SIPResponse;
import io.dialer.core.DisconnectionReason;
import io.dialer.core.outcome.CallEvidence.CanceledByApplication;
import io.dialer.core.outcome.CallEvidence.Failed;
import io.dialer.core.outcome.CallEvidence.Hungup;
import io.dialer.core.outcome.CallEvidence.InvalidDestination;
import io.dialer.core.outcome.CallEvidence.LimitReached;
import io.dialer.core.outcome.CallEvidence.LocalError;
import io.dialer.core.outcome.CallEvidence.Rejected;
import io.dialer.core.outcome.CallEvidence.RingTimeout;
import io.dialer.core.outcome.CallEvidence.SpecialInformationTone;
import io.dialer.sip.ua.CallFailure;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a call saw into its {@link Outcome}: exactly the table of
 * design.md §4. Stateless and thread-safe.
 *
 * <p>For a final failure response the evidence is weighed in this order:
 * <ol>
 *   <li>spam evidence (607, 608, or spam / robocall / fraud in the reason phrase,
 *       Reason text or Warning text) makes it {@code marked_as_spam}, whatever
 *       the code or cause: the block is what the caller must act on;</li>
 *   <li>a decisive Q.850 cause (1, 28, 17, 18, 19, 21; see {@link Q850#decisiveReason})
 *       wins over the status code, because gateways derive the code from the cause
 *       (RFC 3398 §8.2.6.1) and lossy mappings are common (a 480 with cause 17 is busy);
 *       except cause 21 on a 403, which only restates the 403;</li>
 *   <li>otherwise the status code decides ({@link #byStatusCode}); a 3xx whose
 *       Contact points back at the dialed target is a redirect loop ({@link Redirects}).</li>
 * </ol>
 * Pre-connect voicemail is then judged on that result: a 181, Diversion or
 * History-Info sign followed by a failure that says the callee did not take the
 * call (busy, no answer, declined, or an otherwise unexplained failure) is
 * {@code voicemail_preconnect}; failures with their own actionable cause
 * (invalid destination, permission, provider unavailable, routing, spam, media
 * not acceptable) keep their reason and the signs are kept as not detected. So a
 * 486 after {@code Diversion: reason=user-busy} is voicemail: the carrier said it
 * was forwarding the busy call to a mailbox. A 480 or 408 still classified as no
 * answer after ringing at least {@code preconnectMinRing} is voicemail too.
 */
public final class OutcomeClassifier {

    /** Reasons that only say the callee did not take the call, which a prior diversion explains better. */
    private static final Set<DisconnectionReason> EXPLAINED_BY_DIVERSION =
            Set.of(DIAL_BUSY, DIAL_NO_ANSWER, USER_DECLINED, DIAL_FAILED);

    /** Classifies one finished call. Never returns null; unknown evidence falls to {@code dial_failed} or {@code error_unknown}. */
    public Outcome classify(CallEvidence evidence) {
        Objects.requireNonNull(evidence, "evidence");
        CallEvidence.Ending ending = evidence.ending();
        if (ending instanceof Rejected rejected) {
            return rejected(evidence, rejected.response());
        }
        if (ending instanceof RingTimeout timeout) {
            return ringTimeout(evidence, timeout.finalResponse());
        }
        if (ending instanceof CanceledByApplication canceled) {
            return canceled(evidence, canceled.finalResponse());
        }
        if (ending instanceof Failed failed) {
            return failed(evidence, failed.failure());
        }
        if (ending instanceof Hungup hungup) {
            Optional<Q850Cause> q850 = hungup.remoteBye() == null ? Optional.empty()
                    : ReasonHeaders.q850(hungup.remoteBye());
            return outcome(byHangupCause(hungup.cause()), null, q850, HangupExplanations.explain(evidence, hungup, q850),
                    voicemailNotDetected(DiversionEvidence.collect(evidence, null)));
        }
        if (ending instanceof SpecialInformationTone sit) {
            // The tone is the network's own verdict: it decides over the final response that follows,
            // which is often a misleading 487 to our CANCEL, or "ringing" that never ends.
            DisconnectionReason reason = switch (sit.category()) {
                case "invalid_destination" -> INVALID_DESTINATION;
                case "telephony_provider_unavailable" -> TELEPHONY_PROVIDER_UNAVAILABLE;
                default -> DIAL_FAILED;
            };
            String after = sit.finalResponse() == null ? "" : " (" + Explanations.status(sit.finalResponse()) + ")";
            return outcome(reason, sit.finalResponse(), Optional.empty(), "The network played a special information "
                    + "tone (" + sit.code() + ", " + sit.name() + ") in early media at " + Explanations.seconds(sit.at())
                    + "; the dialer canceled the call" + after + ".", Voicemail.none());
        }
        if (ending instanceof InvalidDestination invalid) {
            return outcome(INVALID_DESTINATION, null, Optional.empty(), invalidDestination(invalid), Voicemail.none());
        }
        if (ending instanceof LimitReached limit) {
            return outcome(CONCURRENCY_LIMIT_REACHED, null, Optional.empty(), limitReached(limit), Voicemail.none());
        }
        // LocalError, and any ending added to CallEvidence later that this table does not know yet.
        String what = ending instanceof LocalError local ? Explanations.orElse(local.what(), "no detail was given")
                : "the call ended in a way the dialer does not know (" + ending.getClass().getSimpleName() + ")";
        return outcome(ERROR_UNKNOWN, null, Optional.empty(), "The call failed on the dialer's side: " + what + ".",
                Voicemail.none());
    }

    /**
     * The status-code column of design.md §4 for a final non-2xx response
     * nobody provoked with a CANCEL. 401/407 normally arrive as
     * {@link CallFailure.AuthRejected}; a bare one still means permission denied.
     */
    static DisconnectionReason byStatusCode(int code) {
        return switch (code) {
            case 404, 410, 484, 485, 604 -> INVALID_DESTINATION;
            case 486, 600 -> DIAL_BUSY;
            case 408, 480 -> DIAL_NO_ANSWER;
            case 603 -> USER_DECLINED;
            case 607, 608 -> MARKED_AS_SPAM;
            case 401, 403, 407 -> TELEPHONY_PROVIDER_PERMISSION_DENIED;
            case 500, 502, 503, 504 -> TELEPHONY_PROVIDER_UNAVAILABLE;
            case 482, 483 -> SIP_ROUTING_ERROR;
            // 3xx (we do not follow redirects), 488/606 and every code without a row of its own.
            default -> DIAL_FAILED;
        };
    }

    /** The answered-call rows of design.md §4. */
    static DisconnectionReason byHangupCause(CallEvidence.HangupCause cause) {
        return switch (cause) {
            case REMOTE_BYE -> DisconnectionReason.USER_HANGUP;
            case AGENT -> DisconnectionReason.AGENT_HANGUP;
            case IVR_REACHED -> DisconnectionReason.IVR_REACHED;
            case VOICEMAIL_REACHED -> DisconnectionReason.VOICEMAIL_REACHED;
            case INACTIVITY -> DisconnectionReason.INACTIVITY;
            case MAX_DURATION -> DisconnectionReason.MAX_DURATION_REACHED;
            case TRANSFER -> DisconnectionReason.CALL_TRANSFER;
            case NO_AUDIO -> DisconnectionReason.ERROR_NO_AUDIO_RECEIVED;
            case CONNECTION_LOST -> DisconnectionReason.ERROR_CONNECTION_LOST;
        };
    }

    private Outcome rejected(CallEvidence evidence, SIPResponse response) {
        int code = response.getStatusCode();
        Optional<Q850Cause> q850 = ReasonHeaders.q850(response);
        Optional<String> spam = SpamEvidence.find(response);
        // A 403 with cause 21 stays a refusal by the provider: RFC 3398 §8.2.6.1 maps 403 and
        // cause 21 onto each other, so the cause adds nothing, and a trunk's 403 is its policy
        // (caller ID, source address, balance), not the callee declining.
        DisconnectionReason reason = spam.isPresent() ? MARKED_AS_SPAM
                : q850.filter(cause -> !(code == 403 && cause.cause() == 21))
                        .flatMap(cause -> Q850.decisiveReason(cause.cause())).orElseGet(() -> byResponse(response));

        Optional<String> longRing = Optional.empty();
        if (reason == DIAL_NO_ANSWER && (code == 408 || code == 480) && rangLongEnough(evidence)) {
            // Carriers that end an unanswered call at their mailbox timer answer 480/408
            // after a long ring: the design.md §4 voicemail.preconnect_min_ring rule.
            longRing = Optional.of(Explanations.status(response) + " after ringing "
                    + Explanations.seconds(evidence.ringDuration()) + " (voicemail.preconnect_min_ring "
                    + Explanations.configured(evidence.settings().preconnectMinRing().orElseThrow()) + ")");
        }
        RejectionEvidence seen = new RejectionEvidence(response, q850, spam,
                DiversionEvidence.collect(evidence, response), longRing);
        List<String> signs = seen.voicemailSigns();
        if (!signs.isEmpty() && EXPLAINED_BY_DIVERSION.contains(reason) && !isMediaRejection(code)) {
            reason = VOICEMAIL_PRECONNECT;
        }
        Voicemail voicemail = reason == VOICEMAIL_PRECONNECT ? Voicemail.preconnect(signs) : voicemailNotDetected(signs);
        return outcome(reason, response, q850, RejectionExplanations.explain(reason, evidence, seen), voicemail);
    }

    /** {@link #byStatusCode}, except that a redirect back to the dialed target is a loop. */
    private static DisconnectionReason byResponse(SIPResponse response) {
        int code = response.getStatusCode();
        if (Redirects.isRedirect(code) && Redirects.loopsBack(response)) {
            return SIP_ROUTING_ERROR;
        }
        return byStatusCode(code);
    }

    /** 488 and 606: the far end refused our SDP offer, a fault to fix on our side, never a mailbox. */
    private static boolean isMediaRejection(int code) {
        return code == 488 || code == 606;
    }

    private static boolean rangLongEnough(CallEvidence evidence) {
        Optional<Duration> minimum = evidence.settings().preconnectMinRing();
        return evidence.ringingAt() != null && minimum.isPresent()
                && evidence.ringDuration().compareTo(minimum.get()) >= 0;
    }

    /** design.md §3: on ring timeout we CANCEL and the reason is dial_no_answer, even after a diversion sign. */
    private Outcome ringTimeout(CallEvidence evidence, SIPResponse finalResponse) {
        Optional<Q850Cause> q850 = q850(finalResponse);
        String timeout = Explanations.configured(evidence.settings().ringTimeout());
        String canceled = "the call was canceled (" + finalWords(evidence, finalResponse, q850) + ")";
        String explanation = evidence.ringingAt() != null
                ? "Rang for " + Explanations.seconds(evidence.ringDuration()) + " with no answer; the dialer's ring timeout ("
                        + timeout + ") expired and " + canceled + "."
                : "No answer within the dialer's ring timeout (" + timeout + ") and no ringing was reported; "
                        + canceled + ".";
        return outcome(DIAL_NO_ANSWER, finalResponse, q850, explanation,
                voicemailNotDetected(DiversionEvidence.collect(evidence, finalResponse)));
    }

    private Outcome canceled(CallEvidence evidence, SIPResponse finalResponse) {
        Optional<Q850Cause> q850 = q850(finalResponse);
        String when = evidence.ringingAt() != null
                ? "after ringing " + Explanations.seconds(evidence.ringDuration()) + ", before it was answered"
                : Explanations.seconds(Explanations.sinceDialing(evidence)) + " after dialing, before any ringing";
        String explanation = "The application canceled the call " + when + " ("
                + finalWords(evidence, finalResponse, q850) + ").";
        return outcome(CANCELED, finalResponse, q850, explanation,
                voicemailNotDetected(DiversionEvidence.collect(evidence, finalResponse)));
    }

    /** What ended the INVITE after our CANCEL: {@code "487 Request Terminated from udp 127.0.0.1:5062"}. */
    private static String finalWords(CallEvidence evidence, SIPResponse finalResponse, Optional<Q850Cause> q850) {
        if (finalResponse == null) {
            return "CANCEL sent; no final response to the INVITE arrived";
        }
        return Explanations.facts(finalResponse, q850) + Explanations.source(evidence.peer(), finalResponse);
    }

    private Outcome failed(CallEvidence evidence, CallFailure failure) {
        Voicemail voicemail = voicemailNotDetected(DiversionEvidence.collect(evidence, null));
        if (failure instanceof CallFailure.AuthRejected auth) {
            SIPResponse challenge = auth.challenge();
            Optional<Q850Cause> q850 = q850(challenge);
            String facts = challenge == null ? "no challenge response kept"
                    : Explanations.facts(challenge, q850) + Explanations.source(evidence.peer(), challenge);
            String credentials = evidence.credentialsConfigured()
                    ? "credentials are configured for this trunk and were sent"
                    : "no credentials are configured for this trunk";
            String explanation = "Authentication with the trunk failed (" + facts + "): "
                    + Explanations.orElse(auth.reason(), "the challenge could not be answered") + "; " + credentials + ".";
            return outcome(TELEPHONY_PROVIDER_PERMISSION_DENIED, challenge, q850, explanation, voicemail);
        }
        if (failure instanceof CallFailure.Canceled) {
            return outcome(CANCELED, null, Optional.empty(),
                    "The application canceled the call before the INVITE was sent.", voicemail);
        }
        return outcome(TELEPHONY_PROVIDER_UNAVAILABLE, null, Optional.empty(),
                FailureExplanations.unreachable(evidence, failure), voicemail);
    }

    private static String invalidDestination(InvalidDestination invalid) {
        String input = invalid.input() == null || invalid.input().isBlank() ? "The destination"
                : "The destination \"" + invalid.input().trim() + "\"";
        return input + " is not a valid number: " + Explanations.orElse(invalid.problem(), "it failed validation")
                + "; no INVITE was sent.";
    }

    private static String limitReached(LimitReached limit) {
        String waited = limit.waited() == null ? "its wait budget"
                : Explanations.seconds(limit.waited());
        return "The trunk's " + Explanations.orElse(limit.limit(), "concurrency or rate") + " limit was reached and no"
                + " slot freed up within " + waited + "; the call was not placed.";
    }

    private static Optional<Q850Cause> q850(SIPResponse response) {
        return response == null ? Optional.empty() : ReasonHeaders.q850(response);
    }

    private static Voicemail voicemailNotDetected(List<String> signs) {
        return signs.isEmpty() ? Voicemail.none() : Voicemail.notDetected(signs);
    }

    private static Outcome outcome(DisconnectionReason reason, SIPResponse finalResponse, Optional<Q850Cause> q850,
                                   String explanation, Voicemail voicemail) {
        Integer status = finalResponse == null ? null : finalResponse.getStatusCode();
        String phrase = finalResponse == null ? null : Explanations.phrase(finalResponse);
        return new Outcome(reason.status(), reason, status, phrase,
                q850.map(Q850Cause::cause).orElse(null), q850.map(Q850Cause::text).orElse(null),
                explanation, voicemail);
    }
}
