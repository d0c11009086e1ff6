package io.dialer.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialer.core.DialerEvent;
import io.dialer.core.EventType;
import io.dialer.daemon.config.ConfigLoader;
import io.dialer.sim.SimSettings;
import io.dialer.sim.Simulator;
import io.dialer.sip.transport.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A daemon started in the test, its trunk the in-process simulator
 * (docs/sim.md), plus an HTTP client for its API and the events its dialer
 * emitted, per call, in order.
 */
final class DaemonFixture implements AutoCloseable {

    static final String KEY = "test-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Simulator sim;
    final Daemon daemon;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final URI base;
    final Map<String, List<DialerEvent>> events = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<DialerEvent>> started = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<DialerEvent>> analyzed = new ConcurrentHashMap<>();

    private DaemonFixture(Simulator sim, Daemon daemon) {
        this.sim = sim;
        this.daemon = daemon;
        this.base = URI.create("http://127.0.0.1:" + daemon.httpAddress().getPort());
        daemon.dialer().addListener(e -> {
            events.computeIfAbsent(e.record().callId(), k -> new CopyOnWriteArrayList<>()).add(e);
            if (e.type() == EventType.CALL_STARTED) {
                started(e.record().callId()).complete(e);
            } else if (e.type() == EventType.CALL_ANALYZED) {
                analyzed(e.record().callId()).complete(e);
            }
        });
    }

    /**
     * @param store a {@code store:} block's body, e.g. {@code "path: /tmp/x.db"}
     * @param extra more YAML appended (webhooks, shutdown, ...)
     */
    static DaemonFixture start(String store, String extra) throws Exception {
        Simulator sim = Simulator.start(SimSettings.defaults().withHold(Duration.ofMillis(300)));
        try {
            String yaml = """
                    http:
                      listen: 127.0.0.1:0
                      max_active_calls: 3
                    api_keys: ["%s", "second-key-0123456789"]
                    trunks:
                      - name: sim
                        uri: sip:127.0.0.1:%d
                        caller_id: "+12025550100"
                    timers:
                      ring_timeout: 10s
                    store:
                      %s
                    %s
                    """.formatted(KEY, sim.localAddress(Transport.UDP).getPort(), store, extra);
            return new DaemonFixture(sim, Daemon.start(new ConfigLoader(Map.of()).parse(yaml)));
        } catch (Exception | AssertionError e) {
            sim.close();
            throw e;
        }
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with the API key. */
    HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + KEY;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send(method, path, body, all);
    }

    /** Places a call through the API and returns its id. */
    String dial(String to) throws Exception {
        HttpResponse<String> r = call("POST", "/v1/calls", "{\"to\":\"" + to + "\"}");
        if (r.statusCode() != 201) {
            throw new AssertionError("POST /v1/calls " + to + ": " + r.statusCode() + " " + r.body());
        }
        return json(r).get("call_id").asText();
    }

    /** The stored record once the call is over (its call_analyzed went out). */
    JsonNode finalRecord(String callId) throws Exception {
        analyzed(callId).get(20, TimeUnit.SECONDS);
        return json(call("GET", "/v1/calls/" + callId, null));
    }

    void awaitStarted(String callId) throws Exception {
        started(callId).get(20, TimeUnit.SECONDS);
    }

    void awaitAnalyzed(String callId) throws Exception {
        analyzed(callId).get(20, TimeUnit.SECONDS);
    }

    private CompletableFuture<DialerEvent> started(String id) {
        return started.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    private CompletableFuture<DialerEvent> analyzed(String id) {
        return analyzed.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Override
    public void close() throws Exception {
        try {
            daemon.shutdown();
        } finally {
            sim.close();
        }
    }
}
