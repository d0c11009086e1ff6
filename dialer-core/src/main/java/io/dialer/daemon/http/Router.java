package io.dialer.daemon.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The API's routes; finds the one for a request (404 for an unknown path, 405 for a wrong method). */
public final class Router {

    private final List<Route> routes = new ArrayList<>();

    public Router add(Route route) {
        routes.add(route);
        return this;
    }

    /** Every route, in the order added (the OpenAPI test compares them with the document). */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** A route and its path variables. */
    public record Match(Route route, Map<String, String> pathParams) {
    }

    /** The route for a request, or an {@link ApiException} (404 or 405). */
    public Match find(HttpMethod method, String path) {
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> vars = r.match(path);
            if (vars != null) {
                if (r.method().equals(method)) {
                    return new Match(r, vars);
                }
                pathKnown = true;
            }
        }
        if (pathKnown) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed", null,
                    method + " is not supported on " + path);
        }
        throw ApiException.notFound("no such route: " + path);
    }
}
