package io.dialer.daemon.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialer.core.Destination;
import io.dialer.core.TransferRequest;
import io.dialer.core.TransferRequest.CallerIdChoice;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads the body of {@code POST /v1/calls/{id}/transfer} into a {@link TransferRequest},
 * refusing bad input as a 400 naming the field:
 * {@code {"to": "+12025550201", "mode": "refer|invite|auto", "caller_id": "user|agent", "timeout_s": 60}}.
 */
final class TransferRequestParser {

    private static final Set<String> FIELDS = Set.of("to", "mode", "caller_id", "timeout_s");
    private static final int MAX_TIMEOUT_S = 600;

    private final String defaultRegion;

    TransferRequestParser(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    TransferRequest parse(byte[] body) {
        JsonNode root = JsonBodies.object(body);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw ApiException.invalid(f, "unknown field (known: caller_id, mode, timeout_s, to)");
            }
        }
        String to = JsonBodies.text(root, "to", true);
        try {
            // Checked here too (Call.transfer would refuse it through its stage) so the 400 needs no SIP thread.
            Destination.parse(to, defaultRegion);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("to", e.getMessage());
        }
        TransferRequest request = switch (orDefault(JsonBodies.text(root, "mode", false), "auto")) {
            case "refer" -> TransferRequest.refer(to);
            case "invite" -> TransferRequest.invite(to);
            case "auto" -> TransferRequest.auto(to);
            default -> throw ApiException.invalid("mode", "'" + root.get("mode").asText()
                    + "' is not a transfer mode (refer, invite, auto)");
        };
        request = request.presenting(switch (orDefault(JsonBodies.text(root, "caller_id", false), "agent")) {
            case "user" -> CallerIdChoice.USER;
            case "agent" -> CallerIdChoice.AGENT;
            default -> throw ApiException.invalid("caller_id", "'" + root.get("caller_id").asText()
                    + "' is not a caller ID choice (user: the callee's number, agent: ours)");
        });
        return new TransferRequest(request.target(), request.mode(), request.callerId(), timeout(root.get("timeout_s")),
                request.retryAsAgent());
    }

    private static Duration timeout(JsonNode v) {
        if (v == null || v.isNull()) {
            return Duration.ofSeconds(60);
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > MAX_TIMEOUT_S) {
            throw ApiException.invalid("timeout_s", "must be a whole number of seconds from 1 to " + MAX_TIMEOUT_S);
        }
        return Duration.ofSeconds(v.asInt());
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
