package io.dialer.daemon.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One route: method, path template ({@code /v1/calls/{id}}), whether it needs an API key, and its handler.
 *
 * @param method   the HTTP method
 * @param template the path, with {@code {name}} for a variable segment
 * @param open     true when no API key is needed (health checks, the OpenAPI document)
 * @param handler  what answers it
 */
public record Route(HttpMethod method, String template, boolean open, Handler handler) {

    /** Answers a request; may complete on any thread. Throwing {@link ApiException} answers with that error. */
    @FunctionalInterface
    public interface Handler {
        CompletionStage<ApiResponse> handle(ApiRequest request);
    }

    /** The path variables if the path fits the template, else null. */
    Map<String, String> match(String path) {
        List<String> want = List.of(template.substring(1).split("/", -1));
        List<String> have = List.of(path.substring(1).split("/", -1));
        if (want.size() != have.size()) {
            return null;
        }
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            if (w.startsWith("{") && w.endsWith("}")) {
                if (have.get(i).isEmpty()) {
                    return null;
                }
                vars.put(w.substring(1, w.length() - 1), have.get(i));
            } else if (!w.equals(have.get(i))) {
                return null;
            }
        }
        return vars;
    }
}
