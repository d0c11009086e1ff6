package io.dialer.daemon.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialer.core.CallRecords;
import java.io.IOException;

/** Reads small JSON request bodies, refusing what is not a JSON object with a 400. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonNode object(byte[] body) {
        JsonNode root;
        try {
            root = CallRecords.mapper().readTree(body);
        } catch (IOException e) {
            throw ApiException.invalid(null, "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalid(null, "the body must be a JSON object");
        }
        return root;
    }

    static String text(JsonNode root, String field, boolean required) {
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
}
