package io.dialer.daemon.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.core.CallRecords;
import io.dialer.core.Dialer;
import io.dialer.daemon.store.CallStore;
import io.dialer.sip.transport.Transport;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@code /healthz} (the process answers) and {@code /readyz} (it can take calls: the
 * store answers, the SIP transports are bound, and it is not shutting down). Both
 * open, for load balancers and orchestrators, and say nothing secret.
 */
public final class HealthApi {

    private final Dialer dialer;
    private final CallStore store;
    private final Admission admission;

    public HealthApi(Dialer dialer, CallStore store, Admission admission) {
        this.dialer = dialer;
        this.store = store;
        this.admission = admission;
    }

    public void register(Router router) {
        router.add(new Route(HttpMethod.GET, "/healthz", true, r -> CompletableFuture.completedFuture(
                        ApiResponse.json(HttpResponseStatus.OK, "{\"status\":\"ok\"}"))))
                .add(new Route(HttpMethod.GET, "/readyz", true, r -> ready()));
    }

    private CompletionStage<ApiResponse> ready() {
        return store.submit(tx -> {
                    tx.ping();
                    return "ok";
                })
                .orTimeout(2, TimeUnit.SECONDS)
                .exceptionally(e -> "unreachable")
                .thenApply(storeState -> {
                    String sip = sipBound() ? "ok" : "not bound";
                    String accepting = admission.draining() ? "shutting down" : "ok";
                    boolean ready = storeState.equals("ok") && sip.equals("ok") && accepting.equals("ok");
                    ObjectNode body = CallRecords.mapper().createObjectNode();
                    body.put("status", ready ? "ready" : "not_ready");
                    ObjectNode checks = body.putObject("checks");
                    checks.put("store", storeState);
                    checks.put("sip", sip);
                    checks.put("calls", accepting);
                    return ApiResponse.json(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
                });
    }

    private boolean sipBound() {
        for (Transport t : new Transport[] {Transport.UDP, Transport.TCP}) {
            try {
                if (dialer.localAddress(t) == null) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }
}
