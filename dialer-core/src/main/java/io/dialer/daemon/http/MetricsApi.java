package io.dialer.daemon.http;

import io.dialer.daemon.metrics.DaemonMetrics;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code GET /metrics}: the Prometheus text format (needs the API key, like the call routes). */
public final class MetricsApi {

    private final DaemonMetrics metrics;

    public MetricsApi(DaemonMetrics metrics) {
        this.metrics = metrics;
    }

    public void register(Router router) {
        router.add(new Route(HttpMethod.GET, "/metrics", false, r -> CompletableFuture.completedFuture(
                new ApiResponse(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                        metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of()))));
    }
}
