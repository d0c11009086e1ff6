package io.dialer.daemon.http;

import io.dialer.core.Dialer;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the daemon takes a new call now: not while shutting down (503), not
 * past {@code http.max_active_calls} (429). Trunk limits are the dialer's job.
 */
public final class Admission {

    private final Dialer dialer;
    private final int maxActiveCalls;
    private final AtomicBoolean draining = new AtomicBoolean();

    public Admission(Dialer dialer, int maxActiveCalls) {
        this.dialer = dialer;
        this.maxActiveCalls = maxActiveCalls;
    }

    /** @throws ApiException 503 when draining, 429 when too many calls are in progress */
    public void check() {
        if (draining.get()) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting_down", null,
                    "the daemon is shutting down and takes no new calls");
        }
        if (dialer.activeCalls() >= maxActiveCalls) {
            throw new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, "too_many_calls", null,
                    dialer.activeCalls() + " calls are in progress (http.max_active_calls is " + maxActiveCalls
                            + "); retry later");
        }
    }

    /** Stops taking calls (SIGTERM). */
    public void drain() {
        draining.set(true);
    }

    public boolean draining() {
        return draining.get();
    }
}
