package io.dialer.sip.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A hand-written parser for the challenge list grammar (RFC 7235 §4.1,
 * RFC 3261 §25.1 {@code challenge}): {@code scheme [token68 | param *("," param)]},
 * several challenges separated by commas, where a bare token not followed by
 * {@code =} starts the next challenge. One instance parses one value.
 */
final class ChallengeParser {

    private static final int MAX_LENGTH = 8192;

    private final String s;
    private int pos;

    private ChallengeParser(String s) {
        this.s = s;
    }

    static ChallengeParseResult parse(String value) {
        if (value == null) {
            return new ChallengeParseResult.Invalid("no challenge: the header value is missing");
        }
        if (value.length() > MAX_LENGTH) {
            return new ChallengeParseResult.Invalid("challenge is " + value.length() + " characters long (limit " + MAX_LENGTH + ")");
        }
        try {
            return new ChallengeParser(value).challenges();
        } catch (Problem p) {
            return new ChallengeParseResult.Invalid(p.getMessage());
        }
    }

    private ChallengeParseResult challenges() {
        List<DigestChallenge> digest = new ArrayList<>();
        List<String> otherSchemes = new ArrayList<>();
        List<String> digestProblems = new ArrayList<>();
        skipSeparators();
        if (pos >= s.length()) {
            throw new Problem("no challenge: the header value is empty");
        }
        while (pos < s.length()) {
            int schemeAt = pos;
            String scheme = token();
            if (scheme.isEmpty()) {
                throw new Problem("expected an authentication scheme at offset " + schemeAt + " but found '" + s.charAt(pos) + "'");
            }
            Map<String, String> params = parameters(scheme.equalsIgnoreCase("Digest"));
            if (scheme.equalsIgnoreCase("Digest")) {
                String problem = toDigest(params, digest);
                if (problem != null) {
                    digestProblems.add(problem + " (challenge at offset " + schemeAt + ")");
                }
            } else {
                otherSchemes.add(scheme);
            }
            skipSeparators();
        }
        if (!digest.isEmpty()) {
            return new ChallengeParseResult.Parsed(digest);
        }
        if (!digestProblems.isEmpty()) {
            return new ChallengeParseResult.Invalid(String.join("; ", digestProblems));
        }
        return new ChallengeParseResult.Invalid("no Digest challenge (only " + String.join(", ", otherSchemes) + ")");
    }

    /** Returns a problem description, or null after adding the challenge. */
    private static String toDigest(Map<String, String> params, List<DigestChallenge> out) {
        String realm = params.get("realm");
        String nonce = params.get("nonce");
        if (realm == null) {
            return "Digest challenge without realm";
        }
        if (nonce == null) {
            return "Digest challenge without nonce";
        }
        List<String> qop = new ArrayList<>();
        String qopValue = params.get("qop");
        if (qopValue != null) {
            // RFC 2617 §3.2.1: qop-options is a quoted, comma-separated list of tokens.
            for (String option : qopValue.split(",")) {
                String o = option.trim().toLowerCase(Locale.ROOT);
                if (!o.isEmpty()) {
                    qop.add(o);
                }
            }
        }
        boolean stale = "true".equalsIgnoreCase(params.getOrDefault("stale", "").trim());
        out.add(new DigestChallenge(realm, nonce, params.get("opaque"), params.get("algorithm"), qop, stale, params));
        return null;
    }

    /** Parameters of one challenge, up to the start of the next challenge or the end. */
    private Map<String, String> parameters(boolean digest) {
        Map<String, String> params = new LinkedHashMap<>();
        skipWhitespace();
        // Digest never uses a token68 (RFC 7616 §3.3), so "realm=" there is a missing value.
        if (!digest && token68()) {
            return params;
        }
        while (pos < s.length()) {
            int nameAt = pos;
            String name = token();
            if (name.isEmpty()) {
                throw new Problem("expected a parameter name at offset " + pos + " but found '" + s.charAt(pos) + "'");
            }
            skipWhitespace();
            if (pos >= s.length() || s.charAt(pos) != '=') {
                // A bare token: the scheme of the next challenge.
                pos = nameAt;
                return params;
            }
            pos++;
            skipWhitespace();
            String value = value(name);
            String key = name.toLowerCase(Locale.ROOT);
            // RFC 7235 §2.1: each parameter name MUST only occur once per challenge.
            if (params.putIfAbsent(key, value) != null) {
                throw new Problem("parameter '" + key + "' appears twice in one challenge (offset " + nameAt + ")");
            }
            skipWhitespace();
            if (pos >= s.length()) {
                return params;
            }
            if (s.charAt(pos) != ',') {
                throw new Problem("expected ',' after parameter '" + key + "' at offset " + pos + " but found '" + s.charAt(pos) + "'");
            }
            skipSeparators();
        }
        return params;
    }

    /**
     * Consumes an RFC 7235 token68 (e.g. a Basic credential blob) when one is
     * followed by the end or a comma; a {@code name=value} pair is left alone.
     */
    private boolean token68() {
        int end = pos;
        while (end < s.length() && isToken68Char(s.charAt(end))) {
            end++;
        }
        if (end == pos) {
            return false;
        }
        int equalsRun = end;
        while (equalsRun < s.length() && s.charAt(equalsRun) == '=') {
            equalsRun++;
        }
        int after = equalsRun;
        while (after < s.length() && isWhitespace(s.charAt(after))) {
            after++;
        }
        if (equalsRun == end) {
            // A bare word without '=' padding is the scheme of the next challenge.
            return false;
        }
        if (after < s.length() && s.charAt(after) != ',') {
            return false;
        }
        pos = equalsRun;
        return true;
    }

    private String value(String name) {
        if (pos >= s.length()) {
            throw new Problem("parameter '" + name + "' has no value (end of input)");
        }
        if (s.charAt(pos) == '"') {
            return quotedString();
        }
        int start = pos;
        // Lenient: servers send unquoted values that are not strict tokens (base64
        // nonces with '/', '='), so accept anything up to whitespace or a comma.
        while (pos < s.length() && !isWhitespace(s.charAt(pos)) && s.charAt(pos) != ',' && s.charAt(pos) != '"') {
            pos++;
        }
        if (pos == start) {
            throw new Problem("parameter '" + name + "' has an empty value at offset " + start);
        }
        return s.substring(start, pos);
    }

    /** RFC 3261 §25.1 quoted-string with quoted-pair ("\" followed by any character). */
    private String quotedString() {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    break;
                }
                out.append(s.charAt(pos++));
            } else {
                out.append(c);
            }
        }
        throw new Problem("unterminated quoted string starting at offset " + start);
    }

    private String token() {
        int start = pos;
        while (pos < s.length() && isTokenChar(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private void skipWhitespace() {
        while (pos < s.length() && isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private void skipSeparators() {
        while (pos < s.length() && (isWhitespace(s.charAt(pos)) || s.charAt(pos) == ',')) {
            pos++;
        }
    }

    /** Whitespace including the CR LF of folded lines (RFC 3261 §7.3.1 LWS). */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** RFC 3261 §25.1 token characters. */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    /** RFC 7235 §2.1 token68 characters, without the trailing '='. */
    private static boolean isToken68Char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~+/".indexOf(c) >= 0;
    }

    /** Internal control flow for a parse failure; never escapes {@link #parse}. */
    private static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message, null, false, false);
        }
    }
}
