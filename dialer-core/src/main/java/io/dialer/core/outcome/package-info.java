/**
 * Outcome classification (design.md §4): {@link io.dialer.core.outcome.OutcomeClassifier}
 * turns a finished call's {@link io.dialer.core.outcome.CallEvidence} into an
 * {@link io.dialer.core.outcome.Outcome}: status, disconnection reason, the final
 * response's code and phrase, the Q.850 cause of its Reason header (RFC 3326),
 * pre-connect voicemail evidence, and a plain-words explanation naming all of it.
 *
 * <p>The header readers here ({@code ReasonHeaders}, {@code DiversionEvidence},
 * {@code SpamEvidence}, {@link io.dialer.core.outcome.RetryAfter}) work on the
 * header text of jain-sip messages and never throw: a header they cannot read
 * is no evidence.
 */
package io.dialer.core.outcome;
