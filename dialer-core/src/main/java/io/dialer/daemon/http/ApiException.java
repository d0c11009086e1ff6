package io.dialer.daemon.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the API refuses, answered as {@code {"error", "field", "message"}}.
 *
 * @see ApiResponse#error
 */
public final class ApiException extends RuntimeException {

    private final HttpResponseStatus status;
    private final String error;
    private final String field;

    /**
     * @param status  400, 401, 404, 409, 429, 503...
     * @param error   a stable machine-readable code, e.g. {@code invalid_field}
     * @param field   the request field at fault, or null
     * @param message what is wrong, for a person
     */
    public ApiException(HttpResponseStatus status, String error, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    /** 400 naming the field. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "invalid_field", field, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "not_found", null, message);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }
}
