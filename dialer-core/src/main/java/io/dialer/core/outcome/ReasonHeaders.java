package io.dialer.core.outcome;

import gov.nist.javax.sip.message.SIPMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads RFC 3326 Reason headers: {@code Reason: Q.850;cause=17;text="User busy"}.
 * A message may carry several (one per protocol, RFC 3326 §2), as separate
 * lines or a comma list. Values that cannot be parsed are skipped.
 */
final class ReasonHeaders {

    /** The highest cause value Q.850 can carry (a 7-bit field, Q.850 §2.2.5). */
    private static final int MAX_Q850_CAUSE = 127;

    private ReasonHeaders() {
    }

    /**
     * One Reason value.
     *
     * @param protocol the protocol token, e.g. {@code Q.850} or {@code SIP}
     * @param cause    the cause parameter, null when absent or not a number
     * @param text     the text parameter unquoted, null when absent
     */
    record Value(String protocol, Integer cause, String text) {
        boolean isQ850() {
            return "Q.850".equalsIgnoreCase(protocol);
        }
    }

    /** Every Reason value of {@code message}, in order. */
    static List<Value> of(SIPMessage message) {
        List<Value> out = new ArrayList<>();
        for (String header : HeaderValues.values(message, "Reason")) {
            for (String element : HeaderValues.elements(header)) {
                parse(element).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Parses one reason-value ({@code protocol *(;param)}); empty when there is no protocol token. */
    static Optional<Value> parse(String element) {
        String protocol = HeaderValues.head(element);
        if (protocol.isEmpty() || protocol.contains(" ") || protocol.contains("\"")) {
            return Optional.empty();
        }
        Map<String, String> params = HeaderValues.params(element);
        String text = params.get("text");
        return Optional.of(new Value(protocol, number(params.get("cause")), text == null || text.isBlank() ? null : text));
    }

    /**
     * The Q.850 cause of {@code message}, named from the Q.850 table and
     * falling back to the header's own text for values the table lacks.
     */
    static Optional<Q850Cause> q850(SIPMessage message) {
        for (Value value : of(message)) {
            if (value.isQ850() && value.cause() != null && value.cause() <= MAX_Q850_CAUSE) {
                String text = Q850.name(value.cause()).orElse(value.text());
                return Optional.of(new Q850Cause(value.cause(), text));
            }
        }
        return Optional.empty();
    }

    private static Integer number(String text) {
        if (text == null || text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Integer.valueOf(text);
    }
}
