package io.dialer.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads typed values out of a parsed YAML tree and collects every problem
 * with its key path instead of stopping at the first, so one start of
 * {@code dialer serve} lists all of them.
 *
 * <p>Strings may be {@code ${ENV_VAR}} references, resolved from the
 * environment given; a missing variable is an error naming it. Errors show
 * values as written in the file, and none at all for keys that hold secrets,
 * so a bad secret never ends up in a log.
 */
final class ConfigReader {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, String> env;
    private final List<ConfigError> errors = new ArrayList<>();

    ConfigReader(Map<String, String> env) {
        this.env = env;
    }

    List<ConfigError> errors() {
        return errors;
    }

    void error(String path, String value, String why) {
        errors.add(new ConfigError(path, value, why));
    }

    /** Reports keys of an object that this version does not know (a typo must not be silently ignored). */
    void onlyKeys(JsonNode node, String path, Set<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                error(join(path, key), null, "unknown key (known here: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /** The object at a key, or null (with an error when it is there but not an object). */
    JsonNode object(JsonNode parent, String path, String key) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            error(join(path, key), n.asText(), "must be a mapping of keys");
            return null;
        }
        return n;
    }

    /** The list at a key, or an empty list (with an error when it is not a list). */
    List<JsonNode> list(JsonNode parent, String path, String key) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            error(join(path, key), n.asText(), "must be a list");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    /** A string with {@code ${VAR}} references resolved; null when absent (an error if required). */
    String string(JsonNode parent, String path, String key, boolean required) {
        JsonNode n = parent == null ? null : parent.get(key);
        String p = join(path, key);
        if (n == null || n.isNull()) {
            if (required) {
                error(p, null, "is required");
            }
            return null;
        }
        if (!n.isValueNode()) {
            error(p, null, "must be a single value, not a list or mapping");
            return null;
        }
        return resolve(p, n.asText());
    }

    /** Resolves {@code ${VAR}} references in a value read at {@code path}; null if a variable is missing. */
    String resolve(String path, String raw) {
        Matcher m = ENV_REF.matcher(raw);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                error(path, raw, "environment variable " + m.group(1) + " is not set");
                ok = false;
                m.appendReplacement(out, "");
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        m.appendTail(out);
        return ok ? out.toString() : null;
    }

    /** A value as written in the file, for error messages: never the resolved form of a reference. */
    static String raw(JsonNode parent, String key) {
        JsonNode n = parent == null ? null : parent.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }

    int integer(JsonNode parent, String path, String key, int dflt, int min, int max) {
        return (int) number(parent, path, key, dflt, min, max, true);
    }

    double decimal(JsonNode parent, String path, String key, double dflt, double min, double max) {
        return number(parent, path, key, dflt, min, max, false);
    }

    private double number(JsonNode parent, String path, String key, double dflt, double min, double max,
                          boolean whole) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        String p = join(path, key);
        if (!n.isNumber() || (whole && !n.canConvertToLong())) {
            error(p, n.asText(), whole ? "must be a whole number" : "must be a number");
            return dflt;
        }
        double v = n.asDouble();
        if (v < min || v > max) {
            error(p, n.asText(), "must be between " + fmt(min) + " and " + fmt(max));
            return dflt;
        }
        return v;
    }

    boolean bool(JsonNode parent, String path, String key, boolean dflt) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            error(join(path, key), n.asText(), "must be true or false");
            return dflt;
        }
        return n.asBoolean();
    }

    /** A duration written {@code 30s}, {@code 500ms}, {@code 10m}, {@code 1h}, {@code 7d}, or {@code 0}. */
    Duration duration(JsonNode parent, String path, String key, Duration dflt) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isValueNode()) {
            error(join(path, key), null, "must be a duration like 500ms, 30s, 10m, 1h or 7d");
            return dflt;
        }
        try {
            return Durations.parse(n.asText());
        } catch (IllegalArgumentException e) {
            error(join(path, key), n.asText(), e.getMessage());
            return dflt;
        }
    }

    /** Applies a parser that throws IllegalArgumentException with a reason; null on failure. */
    <T> T parse(String path, String rawValue, String value, Function<String, T> parser) {
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            error(path, rawValue, e.getMessage());
            return null;
        }
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }
}
