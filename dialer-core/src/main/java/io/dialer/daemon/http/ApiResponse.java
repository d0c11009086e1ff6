package io.dialer.daemon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.core.CallRecords;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a route answers.
 *
 * @param status      HTTP status
 * @param contentType the body's media type
 * @param body        the body
 * @param headers     extra response headers
 */
public record ApiResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    /** A JSON body already serialised (e.g. a stored call record). */
    public static ApiResponse json(HttpResponseStatus status, String json) {
        return new ApiResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A JSON body from a tree or value. */
    public static ApiResponse json(HttpResponseStatus status, Object value) {
        try {
            return json(status, CallRecords.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The error body {@code {"error", "field", "message"}}. */
    public static ApiResponse error(ApiException e) {
        ObjectNode body = CallRecords.mapper().createObjectNode();
        body.put("error", e.error());
        body.put("field", e.field());
        body.put("message", e.getMessage());
        return json(e.status(), body);
    }

    public ApiResponse withHeader(String name, String value) {
        java.util.HashMap<String, String> h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, contentType, body, h);
    }
}
