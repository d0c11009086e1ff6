package io.dialer.core.outcome;

import gov.nist.javax.sip.message.SIPResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signs that the carrier diverted the call before answer, the usual way a
 * callee's mailbox takes an unanswered or busy call: a 181 Call Is Being
 * Forwarded (RFC 3261 §21.1.3), a Diversion header (RFC 5806) or a
 * History-Info entry (RFC 7044) whose cause is busy, no answer or
 * unavailable. Each sign becomes one plain item, e.g.
 * {@code "Diversion: reason=no-answer on 180 at 1.0 s"}.
 */
final class DiversionEvidence {

    /** RFC 5806 §4.1 diversion reasons that mean the callee did not take the call (so a mailbox may have). */
    private static final Set<String> VOICEMAIL_DIVERSION_REASONS = Set.of("no-answer", "user-busy", "unavailable");

    /** RFC 4458 §3.2 cause values: 486 user busy, 408 no reply, 480 unavailable. */
    private static final Set<Integer> VOICEMAIL_CAUSES = Set.of(408, 480, 486);

    private DiversionEvidence() {
    }

    /**
     * The diversion signs on every provisional of {@code evidence} and on
     * {@code finalResponse} (null if none), in arrival order. A sign repeated on
     * later responses (a carrier copies its Diversion onto each 18x) is listed
     * once, where it first appeared.
     */
    static List<String> collect(CallEvidence evidence, SIPResponse finalResponse) {
        Map<String, String> items = new LinkedHashMap<>();
        for (CallEvidence.TimedResponse provisional : evidence.provisionals()) {
            scan(provisional.response(), provisional.at(), items);
        }
        if (finalResponse != null) {
            scan(finalResponse, Explanations.sinceDialing(evidence), items);
        }
        return List.copyOf(items.values());
    }

    private static void scan(SIPResponse response, Duration at, Map<String, String> items) {
        String where = " on " + response.getStatusCode() + " at " + Explanations.seconds(at);
        if (response.getStatusCode() == 181) {
            items.putIfAbsent("181", Explanations.status(response) + " at " + Explanations.seconds(at));
        }
        for (String header : HeaderValues.values(response, "Diversion")) {
            for (String entry : HeaderValues.elements(header)) {
                String reason = HeaderValues.params(entry).getOrDefault("reason", "").toLowerCase(Locale.ROOT);
                if (VOICEMAIL_DIVERSION_REASONS.contains(reason)) {
                    String sign = "Diversion: reason=" + reason;
                    items.putIfAbsent(sign, sign + where);
                }
            }
        }
        for (String header : HeaderValues.values(response, "History-Info")) {
            for (String entry : HeaderValues.elements(header)) {
                historyInfoCause(entry).filter(VOICEMAIL_CAUSES::contains).ifPresent(cause -> {
                    String sign = "History-Info: cause=" + cause;
                    items.putIfAbsent(sign, sign + where);
                });
            }
        }
    }

    /**
     * The retargeting cause of one History-Info entry: the {@code cause} URI
     * parameter of RFC 4458 §3.2 ({@code <sip:vm@x;cause=480>;index=1.1}), else
     * the cause of a Reason header escaped into the URI (RFC 7044 §4.3.1,
     * {@code <sip:bob@x?Reason=SIP%3Bcause%3D408>}).
     */
    static Optional<Integer> historyInfoCause(String entry) {
        Optional<String> uri = HeaderValues.uri(entry);
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        String text = uri.get();
        int question = text.indexOf('?');
        String address = question < 0 ? text : text.substring(0, question);
        Optional<Integer> cause = number(HeaderValues.params(address).get("cause"));
        if (cause.isPresent() || question < 0) {
            return cause;
        }
        for (String header : text.substring(question + 1).split("&")) {
            int eq = header.indexOf('=');
            if (eq > 0 && header.substring(0, eq).trim().equalsIgnoreCase("Reason")) {
                Optional<ReasonHeaders.Value> reason = decode(header.substring(eq + 1)).flatMap(ReasonHeaders::parse);
                // Only a SIP cause is a status code; a Q.850 cause value here means something else.
                if (reason.isPresent() && "SIP".equalsIgnoreCase(reason.get().protocol()) && reason.get().cause() != null) {
                    return Optional.of(reason.get().cause());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> decode(String escaped) {
        try {
            return Optional.of(URLDecoder.decode(escaped.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException badEscape) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> number(String text) {
        if (text == null || text.length() != 3 || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Integer.valueOf(text));
    }
}
