package io.dialer.daemon.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /v1/openapi.json}: the OpenAPI 3.1 description of the routes, from
 * {@code openapi.json} beside this class (OpenApiDocumentTest keeps it in step with the router).
 */
public final class OpenApiDocument {

    private final byte[] document;

    public OpenApiDocument() {
        this.document = load();
    }

    static byte[] load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(Router router) {
        router.add(new Route(HttpMethod.GET, "/v1/openapi.json", true, r -> CompletableFuture.completedFuture(
                new ApiResponse(HttpResponseStatus.OK, "application/json", document, Map.of()))));
    }
}
