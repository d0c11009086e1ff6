package io.dialer.daemon.http;

import io.dialer.core.Call;
import io.dialer.core.CallRecord;
import io.dialer.core.CallRecords;
import io.dialer.core.CallStatus;
import io.dialer.core.DialRequest;
import io.dialer.core.Dialer;
import io.dialer.core.DisconnectionReason;
import io.dialer.daemon.config.Durations;
import io.dialer.daemon.store.CallQuery;
import io.dialer.daemon.store.CallStore;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The call routes of design.md §8: place a call, read one, list them, hang one up.
 * Records are read from the store, which events keep current.
 */
public final class CallsApi {

    private static final Pattern CALL_ID = Pattern.compile("call_[0-9a-f]{1,64}");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Set<String> LIST_PARAMS = Set.of("status", "reason", "since", "limit");

    private final Dialer dialer;
    private final CallStore store;
    private final Admission admission;
    private final CallRequestParser parser;
    private final Clock clock;

    public CallsApi(Dialer dialer, CallStore store, Admission admission, Clock clock) {
        this.dialer = dialer;
        this.store = store;
        this.admission = admission;
        this.parser = new CallRequestParser(dialer.config());
        this.clock = clock;
    }

    /** Adds the routes to a router. */
    public void register(Router router) {
        router.add(new Route(HttpMethod.POST, "/v1/calls", false, this::create))
                .add(new Route(HttpMethod.GET, "/v1/calls", false, this::list))
                .add(new Route(HttpMethod.GET, "/v1/calls/{id}", false, this::get))
                .add(new Route(HttpMethod.POST, "/v1/calls/{id}/hangup", false, this::hangup));
    }

    /**
     * {@code POST /v1/calls}: 201 with the record. With an {@code Idempotency-Key} the key is
     * claimed in the store before the call is placed, so a retry gets the first call's
     * record (same body) or 409 (different body) and never places a second call.
     */
    private CompletionStage<ApiResponse> create(ApiRequest request) {
        DialRequest dial = parser.parse(request.body());
        String key = request.headers().get("Idempotency-Key");
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiException.invalid("Idempotency-Key", "must be 1-255 visible ASCII characters");
        }
        admission.check();
        if (key == null) {
            return store.submit(tx -> {
                CallRecord record = place(dial).record();
                tx.saveNewCall(record, clock.instant());
                return created(record);
            });
        }
        String hash = bodyHash(request.body());
        return store.submit(tx -> tx.claimKey(key, hash, clock.instant())).thenCompose(claim -> switch (claim.outcome()) {
            case CLAIMED -> placeClaimed(dial, key);
            case REPLAY -> store.submit(tx -> tx.callJson(claim.callId()))
                    .thenApply(json -> ApiResponse.json(HttpResponseStatus.CREATED,
                            json.orElseThrow(() -> ApiException.notFound("call " + claim.callId() + " is gone")))
                            .withHeader("Idempotent-Replayed", "true"));
            case CONFLICT -> CompletableFuture.failedFuture(new ApiException(HttpResponseStatus.CONFLICT,
                    "idempotency_key_reused", "Idempotency-Key",
                    "this Idempotency-Key was already used with a different request body"));
            case IN_PROGRESS -> CompletableFuture.failedFuture(new ApiException(HttpResponseStatus.CONFLICT,
                    "idempotency_key_in_progress", "Idempotency-Key",
                    "the first request with this Idempotency-Key is still being processed; retry shortly"));
        });
    }

    private CompletionStage<ApiResponse> placeClaimed(DialRequest dial, String key) {
        return store.submit(tx -> {
            Call call;
            try {
                call = place(dial);
            } catch (ApiException e) {
                tx.releaseKey(key);
                return ApiResponse.error(e);
            }
            tx.saveNewCall(call.record(), clock.instant());
            tx.bindKey(key, call.id());
            return created(call.record());
        });
    }

    private Call place(DialRequest dial) {
        try {
            return dialer.dial(dial);
        } catch (IllegalArgumentException e) {
            // Dialer.dial refuses only an unknown trunk (checked already) or a caller ID it cannot use.
            throw ApiException.invalid("from", e.getMessage());
        }
    }

    /** The request's fingerprint for its Idempotency-Key: the exact body bytes, as a retry resends them. */
    private static String bodyHash(byte[] body) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }

    private static ApiResponse created(CallRecord record) {
        return ApiResponse.json(HttpResponseStatus.CREATED, CallRecords.toJson(record, false))
                .withHeader("Location", "/v1/calls/" + record.callId());
    }

    private CompletionStage<ApiResponse> get(ApiRequest request) {
        String id = callId(request);
        return store.submit(tx -> tx.callJson(id)).thenApply(json -> ApiResponse.json(HttpResponseStatus.OK,
                json.orElseThrow(() -> ApiException.notFound("no call " + id))));
    }

    /** {@code GET /v1/calls?status=&reason=&since=&limit=}: {@code {"calls": [...]}}, newest first. */
    private CompletionStage<ApiResponse> list(ApiRequest request) {
        for (String p : request.query().keySet()) {
            if (!LIST_PARAMS.contains(p)) {
                throw ApiException.invalid(p, "unknown query parameter (known: limit, reason, since, status)");
            }
        }
        String status = request.queryParam("status");
        if (status != null && Arrays.stream(CallStatus.values()).noneMatch(s -> s.wireName().equals(status))) {
            throw ApiException.invalid("status", "'" + status + "' is not a call status (dialing, ringing, active, "
                    + "ended, not_connected, canceled, error)");
        }
        String reason = request.queryParam("reason");
        if (reason != null && Arrays.stream(DisconnectionReason.values()).noneMatch(r -> r.wireName().equals(reason))) {
            throw ApiException.invalid("reason", "'" + reason + "' is not a disconnection reason (design.md §4)");
        }
        Instant since = since(request.queryParam("since"));
        int limit = limit(request.queryParam("limit"));
        CallQuery query = new CallQuery(status, reason, since, limit);
        return store.submit(tx -> tx.calls(query))
                .thenApply(rows -> ApiResponse.json(HttpResponseStatus.OK, "{\"calls\":[" + String.join(",", rows) + "]}"));
    }

    /** {@code POST /v1/calls/{id}/hangup}: 202 with the record; 409 when the call already ended. */
    private CompletionStage<ApiResponse> hangup(ApiRequest request) {
        String id = callId(request);
        Call call = dialer.call(id).orElse(null);
        if (call != null) {
            call.hangup();
            return CompletableFuture.completedFuture(ApiResponse.json(HttpResponseStatus.ACCEPTED,
                    CallRecords.toJson(call.record(), false)));
        }
        return store.submit(tx -> tx.callJson(id)).thenApply(json -> {
            if (json.isEmpty()) {
                throw ApiException.notFound("no call " + id);
            }
            throw new ApiException(HttpResponseStatus.CONFLICT, "call_not_active", null, "call " + id + " already ended");
        });
    }

    /** The {@code {id}} path variable; 404 when it cannot be a call id. */
    static String callId(ApiRequest request) {
        String id = request.pathParams().get("id");
        if (!CALL_ID.matcher(id).matches()) {
            throw ApiException.notFound("no call " + id);
        }
        return id;
    }

    private Instant since(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return clock.instant().minus(Durations.parse(text));
            } catch (IllegalArgumentException e2) {
                throw ApiException.invalid("since", "'" + text + "' is neither an ISO-8601 instant "
                        + "(2026-01-28T18:45:11Z) nor a duration back from now (24h)");
            }
        }
    }

    private static int limit(String text) {
        if (text == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid("limit", "must be a whole number from 1 to 1000");
    }
}
