package io.dialer.daemon.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialer.core.CallTimers;
import io.dialer.core.DialRequest;
import io.dialer.core.Destination;
import io.dialer.core.DialerConfig;
import io.dialer.daemon.config.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /v1/calls} into a {@link DialRequest}, refusing
 * anything a call could not be placed with as a 400 naming the field:
 * {@code {"to": "+12025550200", "from": "+12025550100", "trunk": "default",
 * "timers": {"ring_timeout": "30s", "max_duration": "1h", "silence_timeout": "60s", "media_timeout": "10s"}}}.
 */
final class CallRequestParser {

    private static final Set<String> FIELDS = Set.of("to", "from", "trunk", "timers");
    private static final Set<String> TIMERS = Set.of("ring_timeout", "max_duration", "silence_timeout", "media_timeout");
    private static final Pattern CALLER_ID = Pattern.compile("\\+?[0-9]{3,15}|[A-Za-z0-9._-]{1,64}");

    private final DialerConfig config;

    CallRequestParser(DialerConfig config) {
        this.config = config;
    }

    DialRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = io.dialer.core.CallRecords.mapper().readTree(body);
        } catch (IOException e) {
            throw ApiException.invalid(null, "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalid(null, "the body must be a JSON object");
        }
        unknownFields(root, FIELDS, "");
        String to = text(root, "to", true);
        try {
            Destination.parse(to, config.defaultRegion());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("to", e.getMessage());
        }
        String trunk = text(root, "trunk", false);
        if (trunk != null && !config.trunks().containsKey(trunk)) {
            throw ApiException.invalid("trunk", "no trunk named '" + trunk + "' (configured: "
                    + String.join(", ", config.trunks().keySet()) + ")");
        }
        String from = text(root, "from", false);
        if (from != null && !CALLER_ID.matcher(from).matches()) {
            throw ApiException.invalid("from", "'" + from + "' is not a calling number (+<country><number>) or SIP user");
        }
        return new DialRequest(to, from, trunk, timers(root.get("timers")), null);
    }

    private CallTimers timers(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.invalid("timers", "timers must be an object");
        }
        unknownFields(node, TIMERS, "timers.");
        CallTimers t = config.timers();
        t = timer(node, "ring_timeout", t, CallTimers::withRingTimeout);
        t = timer(node, "max_duration", t, CallTimers::withMaxDuration);
        t = timer(node, "silence_timeout", t, CallTimers::withSilenceTimeout);
        return timer(node, "media_timeout", t, CallTimers::withMediaTimeout);
    }

    private static CallTimers timer(JsonNode node, String name, CallTimers t,
                                    BiFunction<CallTimers, Duration, CallTimers> with) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return t;
        }
        if (!v.isTextual()) {
            throw ApiException.invalid("timers." + name, "must be a duration string like \"30s\"");
        }
        try {
            return with.apply(t, Durations.parse(v.asText()));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("timers." + name, "'" + v.asText() + "' " + e.getMessage());
        }
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.invalid(field, field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(field, field + " must be a string");
        }
        return v.asText();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw ApiException.invalid(prefix + f, "unknown field (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }
}
