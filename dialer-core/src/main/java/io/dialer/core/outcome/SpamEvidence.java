package io.dialer.core.outcome;

import gov.nist.javax.sip.message.SIPResponse;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds signs that a rejection means "blocked as spam": 607 Unwanted
 * (RFC 8197), 608 Rejected (RFC 8688), or a reason phrase, Reason text or
 * Warning text that says spam, robocall or fraud. Carriers that label calls
 * before RFC 8197 usually say so in one of those texts on a 403, 603 or 480.
 */
final class SpamEvidence {

    /** Word starts only, so "spammer" and "fraudulent" count but "antispam" does not. */
    private static final Pattern SPAM_WORDS = Pattern.compile("\\b(spam|robocall|robo-call|fraud)",
            Pattern.CASE_INSENSITIVE);

    private SpamEvidence() {
    }

    /** What marks {@code response} as a spam block, in words for the explanation; empty when nothing does. */
    static Optional<String> find(SIPResponse response) {
        int code = response.getStatusCode();
        if (code == 607) {
            return Optional.of("607 means the callee or its network marked the call as unwanted (RFC 8197)");
        }
        if (code == 608) {
            return Optional.of("608 means an intermediary rejected the call as unwanted (RFC 8688)");
        }
        String phrase = response.getReasonPhrase();
        if (says(phrase)) {
            return Optional.of("the reason phrase \"" + phrase + "\" says so");
        }
        for (ReasonHeaders.Value reason : ReasonHeaders.of(response)) {
            if (says(reason.text())) {
                return Optional.of("the Reason header says \"" + reason.text() + "\"");
            }
        }
        for (String warning : HeaderValues.values(response, "Warning")) {
            for (String element : HeaderValues.elements(warning)) {
                if (says(warnText(element))) {
                    return Optional.of("the Warning header says " + element);
                }
            }
        }
        return Optional.empty();
    }

    /** The warn-text of a warning-value (RFC 3261 §20.43), so a warn-agent host name cannot match. */
    private static String warnText(String warningValue) {
        int quote = warningValue.indexOf('"');
        return quote < 0 ? warningValue : HeaderValues.unquote(warningValue.substring(quote));
    }

    private static boolean says(String text) {
        return text != null && SPAM_WORDS.matcher(text).find();
    }
}
