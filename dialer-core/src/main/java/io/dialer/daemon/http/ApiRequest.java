package io.dialer.daemon.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;

/**
 * A request as routes see it: copied out of Netty's buffers, so a route may
 * finish on another thread.
 *
 * @param method     the method
 * @param path       the path without the query
 * @param pathParams values of the route's {@code {name}} segments
 * @param query      query parameters
 * @param headers    request headers (a copy)
 * @param body       the body bytes
 */
public record ApiRequest(HttpMethod method, String path, Map<String, String> pathParams,
                         Map<String, List<String>> query, HttpHeaders headers, byte[] body) {

    /** A query parameter given once, or null; given twice is a 400 naming it. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.invalid(name, name + " is given more than once");
        }
        return values.get(0);
    }
}
