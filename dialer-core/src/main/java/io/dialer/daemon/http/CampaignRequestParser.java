package io.dialer.daemon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.core.CallRecords;
import io.dialer.core.Destination;
import io.dialer.core.DialerConfig;
import io.dialer.daemon.config.Durations;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code POST /v1/campaigns} into a {@link CampaignRequest}, from JSON
 * ({@code {"name", "trunk", "numbers": [{"to", "variables"}], "max_concurrency",
 * "max_cps", "dnc", "retry": {"busy", "no_answer", "max_attempts"}, "ring_timeout"}})
 * or from CSV (a header row {@code to,var1,var2}, the settings as query parameters).
 * Anything wrong is a 400 naming the field: {@code numbers[3].to} in JSON,
 * {@code line 4.to} in CSV.
 */
final class CampaignRequestParser {

    private static final Set<String> FIELDS = Set.of("name", "trunk", "numbers", "max_concurrency", "max_cps", "dnc",
            "retry", "ring_timeout");
    private static final Set<String> RETRY = Set.of("busy", "no_answer", "max_attempts");
    static final Set<String> CSV_PARAMS = Set.of("name", "trunk", "max_concurrency", "max_cps", "dnc", "ring_timeout",
            "retry_busy", "retry_no_answer", "max_attempts");
    private static final int MAX_NUMBERS = 100_000;

    private final DialerConfig config;

    CampaignRequestParser(DialerConfig config) {
        this.config = config;
    }

    /** A JSON body. */
    CampaignRequest json(byte[] body) {
        JsonNode root = JsonBodies.object(body);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw ApiException.invalid(f, "unknown field (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        JsonNode retry = root.get("retry");
        if (retry != null && !retry.isNull() && !retry.isObject()) {
            throw ApiException.invalid("retry", "retry must be an object");
        }
        if (retry != null && retry.isObject()) {
            for (Iterator<String> it = retry.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!RETRY.contains(f)) {
                    throw ApiException.invalid("retry." + f, "unknown field (known: busy, max_attempts, no_answer)");
                }
            }
        }
        Function<String, JsonNode> retryField = f -> retry == null || !retry.isObject() ? null : retry.get(f);
        Set<String> dnc = new HashSet<>();
        JsonNode dncNode = root.get("dnc");
        if (dncNode != null && !dncNode.isNull()) {
            if (!dncNode.isArray()) {
                throw ApiException.invalid("dnc", "dnc must be an array of numbers");
            }
            for (int i = 0; i < dncNode.size(); i++) {
                JsonNode n = dncNode.get(i);
                if (!n.isTextual()) {
                    throw ApiException.invalid("dnc[" + i + "]", "must be a string");
                }
                dnc.add(normalise(n.asText(), "dnc[" + i + "]"));
            }
        }
        JsonNode numbersNode = root.get("numbers");
        if (numbersNode == null || numbersNode.isNull()) {
            throw ApiException.invalid("numbers", "numbers is required");
        }
        if (!numbersNode.isArray()) {
            throw ApiException.invalid("numbers", "numbers must be an array of {\"to\", \"variables\"}");
        }
        List<io.dialer.daemon.store.NewNumber> numbers = new ArrayList<>();
        for (int i = 0; i < numbersNode.size(); i++) {
            String at = "numbers[" + i + "]";
            JsonNode n = numbersNode.get(i);
            if (!n.isObject()) {
                throw ApiException.invalid(at, "must be an object {\"to\", \"variables\"}");
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("to") && !f.equals("variables")) {
                    throw ApiException.invalid(at + "." + f, "unknown field (known: to, variables)");
                }
            }
            JsonNode to = n.get("to");
            if (to == null || !to.isTextual()) {
                throw ApiException.invalid(at + ".to", "to is required and must be a string");
            }
            JsonNode vars = n.get("variables");
            if (vars != null && !vars.isNull() && !vars.isObject()) {
                throw ApiException.invalid(at + ".variables", "variables must be an object");
            }
            String number = normalise(to.asText(), at + ".to");
            numbers.add(new io.dialer.daemon.store.NewNumber(number,
                    vars == null || vars.isNull() ? "{}" : vars.toString(), dnc.contains(number)));
        }
        return build(JsonBodies.text(root, "name", true), JsonBodies.text(root, "trunk", false),
                integer(root.get("max_concurrency"), "max_concurrency", 5, 1, 10_000),
                cps(root.get("max_cps"), "max_cps"),
                integer(retryField.apply("max_attempts"), "retry.max_attempts", 3, 1, 20),
                duration(retryField.apply("busy"), "retry.busy", Duration.ofMinutes(10)),
                duration(retryField.apply("no_answer"), "retry.no_answer", Duration.ofHours(1)),
                duration(root.get("ring_timeout"), "ring_timeout", null), numbers);
    }

    /** A CSV body: header {@code to,var1,...}; the settings from the query. */
    CampaignRequest csv(byte[] body, ApiRequest request) {
        for (String p : request.query().keySet()) {
            if (!CSV_PARAMS.contains(p)) {
                throw ApiException.invalid(p, "unknown query parameter (known: "
                        + String.join(", ", CSV_PARAMS.stream().sorted().toList()) + ")");
            }
        }
        Set<String> dnc = new HashSet<>();
        String dncParam = request.queryParam("dnc");
        if (dncParam != null && !dncParam.isBlank()) {
            String[] entries = dncParam.split(",");
            for (int i = 0; i < entries.length; i++) {
                dnc.add(normalise(entries[i].strip(), "dnc[" + i + "]"));
            }
        }
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\\r?\\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw ApiException.invalid("line 1", "the CSV needs a header row starting with 'to'");
        }
        List<String> header = Csv.fields(lines[0], "line 1");
        if (!header.get(0).strip().equals("to")) {
            throw ApiException.invalid("line 1", "the first column of the header must be 'to'");
        }
        List<io.dialer.daemon.store.NewNumber> numbers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String at = "line " + (i + 1);
            List<String> row = Csv.fields(lines[i], at);
            if (row.size() != header.size()) {
                throw ApiException.invalid(at, row.size() + " columns where the header has " + header.size());
            }
            String number = normalise(row.get(0).strip(), at + ".to");
            ObjectNode vars = CallRecords.mapper().createObjectNode();
            for (int c = 1; c < header.size(); c++) {
                vars.put(header.get(c).strip(), row.get(c));
            }
            numbers.add(new io.dialer.daemon.store.NewNumber(number, vars.toString(), dnc.contains(number)));
        }
        Map<String, String> q = new java.util.HashMap<>();
        for (String p : CSV_PARAMS) {
            String v = request.queryParam(p);
            if (v != null) {
                q.put(p, v);
            }
        }
        return build(q.getOrDefault("name", "csv upload"), q.get("trunk"),
                integer(textNode(q.get("max_concurrency"), true), "max_concurrency", 5, 1, 10_000),
                cps(textNode(q.get("max_cps"), true), "max_cps"),
                integer(textNode(q.get("max_attempts"), true), "max_attempts", 3, 1, 20),
                duration(textNode(q.get("retry_busy"), false), "retry_busy", Duration.ofMinutes(10)),
                duration(textNode(q.get("retry_no_answer"), false), "retry_no_answer", Duration.ofHours(1)),
                duration(textNode(q.get("ring_timeout"), false), "ring_timeout", null), numbers);
    }

    private CampaignRequest build(String name, String trunk, int maxConcurrency, double maxCps, int maxAttempts,
                                  Duration busy, Duration noAnswer, Duration ring,
                                  List<io.dialer.daemon.store.NewNumber> numbers) {
        if (name.isBlank() || name.length() > 200) {
            throw ApiException.invalid("name", "name must be 1-200 characters");
        }
        String trunkName = trunk != null ? trunk : config.defaultTrunk().name();
        if (!config.trunks().containsKey(trunkName)) {
            throw ApiException.invalid("trunk", "no trunk named '" + trunkName + "' (configured: "
                    + String.join(", ", config.trunks().keySet()) + ")");
        }
        if (numbers.isEmpty()) {
            throw ApiException.invalid("numbers", "a campaign needs at least one number");
        }
        if (numbers.size() > MAX_NUMBERS) {
            throw ApiException.invalid("numbers", "at most " + MAX_NUMBERS + " numbers per request");
        }
        return new CampaignRequest(name, trunkName, maxConcurrency, maxCps, maxAttempts, busy, noAnswer, ring, numbers);
    }

    private String normalise(String to, String field) {
        try {
            return Destination.parse(to, config.defaultRegion()).text();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, e.getMessage());
        }
    }

    /** A query value as a JSON node: a number when it reads as one, else text (then refused by the reader). */
    private static JsonNode textNode(String v, boolean numeric) {
        if (v == null) {
            return null;
        }
        if (numeric) {
            try {
                return CallRecords.mapper().readTree(v).isNumber() ? CallRecords.mapper().readTree(v)
                        : CallRecords.mapper().getNodeFactory().textNode(v);
            } catch (JsonProcessingException e) {
                return CallRecords.mapper().getNodeFactory().textNode(v);
            } catch (UncheckedIOException e) {
                return CallRecords.mapper().getNodeFactory().textNode(v);
            }
        }
        return CallRecords.mapper().getNodeFactory().textNode(v);
    }

    private static int integer(JsonNode v, String field, int dflt, int min, int max) {
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw ApiException.invalid(field, field + " must be a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    private static double cps(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return 1;
        }
        if (!v.isNumber() || !(v.asDouble() > 0) || v.asDouble() > 10_000) {
            throw ApiException.invalid(field, field + " must be a number of calls per second above 0 (at most 10000)");
        }
        return v.asDouble();
    }

    private static Duration duration(JsonNode v, String field, Duration dflt) {
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isTextual()) {
            throw ApiException.invalid(field, "must be a duration string like \"10m\"");
        }
        try {
            return Durations.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "'" + v.asText() + "' " + e.getMessage());
        }
    }
}
