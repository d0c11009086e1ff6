package io.dialer.daemon.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.core.Call;
import io.dialer.core.CallRecords;
import io.dialer.core.CallStatus;
import io.dialer.core.Dialer;
import io.dialer.core.TransferRecord;
import io.dialer.core.TransferRequest;
import io.dialer.daemon.store.CallStore;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The routes of design.md §8 that act on a call in progress: transfer it, send it DTMF.
 * They answer from the dialer's live call and its stages' callbacks, never blocking the
 * HTTP event loop; the store only tells an ended call (409) from an unknown one (404).
 */
public final class CallControlApi {

    /** RFC 4733 §3.2: the DTMF events 0-15 are 0-9, *, #, A-D. */
    private static final Pattern DIGITS = Pattern.compile("[0-9*#A-D]{1,64}");
    /**
     * A refusal fails the transfer's stage as soon as the SIP thread looks at it; this bounds
     * the wait for either that or the first progress event, which both come within milliseconds.
     */
    private static final long ACCEPT_WAIT_S = 5;

    private final Dialer dialer;
    private final CallStore store;
    private final TransferRequestParser transfers;
    private final TransferWatch watch = new TransferWatch();

    public CallControlApi(Dialer dialer, CallStore store) {
        this.dialer = dialer;
        this.store = store;
        this.transfers = new TransferRequestParser(dialer.config().defaultRegion());
        dialer.addListener(watch);
    }

    /** Adds the routes to a router. */
    public void register(Router router) {
        router.add(new Route(HttpMethod.POST, "/v1/calls/{id}/transfer", false, this::transfer))
                .add(new Route(HttpMethod.POST, "/v1/calls/{id}/dtmf", false, this::dtmf));
    }

    /**
     * {@code POST /v1/calls/{id}/transfer}: 202 with the transfer as it stands once the call took
     * it on; its outcome follows in {@code transfer_progress} events and the call's record.
     */
    private CompletionStage<ApiResponse> transfer(ApiRequest request) {
        String id = CallsApi.callId(request);
        TransferRequest transfer = transfers.parse(request.body());
        Call call = dialer.call(id).orElse(null);
        if (call == null) {
            return ended(id);
        }
        refuseUnlessActive(call);
        TransferRecord current = call.record().transfer();
        if (current != null && "in_progress".equals(current.status())) {
            throw transferRunning(id);
        }
        CompletableFuture<TransferRecord> accepted = watch.next(id);
        CompletableFuture<ApiResponse> response = new CompletableFuture<>();
        call.transfer(transfer).whenComplete((record, e) -> {
            if (e == null) {
                response.complete(transferAccepted(id, record));
            } else {
                response.completeExceptionally(refusal(call, cause(e)));
            }
        });
        accepted.orTimeout(ACCEPT_WAIT_S, TimeUnit.SECONDS).whenComplete((record, e) ->
                response.complete(transferAccepted(id, e == null ? record : call.record().transfer())));
        response.whenComplete((r, e) -> watch.forget(id, accepted));
        return response;
    }

    private static ApiResponse transferAccepted(String id, TransferRecord record) {
        ObjectNode body = CallRecords.mapper().createObjectNode();
        body.put("call_id", id);
        body.set("transfer", CallRecords.mapper().valueToTree(record));
        return ApiResponse.json(HttpResponseStatus.ACCEPTED, body);
    }

    /** The stage's failure as the API answers it; anything but a refusal goes on as it is (a 500). */
    private static Throwable refusal(Call call, Throwable e) {
        if (e instanceof IllegalArgumentException) {
            return ApiException.invalid("to", e.getMessage());
        }
        if (e instanceof IllegalStateException) {
            TransferRecord t = call.record().transfer();
            if (t != null && "in_progress".equals(t.status())) {
                return transferRunning(call.id());
            }
            return new ApiException(HttpResponseStatus.CONFLICT, "call_not_active", null, e.getMessage());
        }
        return e;
    }

    private static ApiException transferRunning(String id) {
        return new ApiException(HttpResponseStatus.CONFLICT, "transfer_in_progress", null,
                "call " + id + " already has a transfer in progress");
    }

    /** {@code POST /v1/calls/{id}/dtmf}: 202 once the digits were handed to the call's media. */
    private CompletionStage<ApiResponse> dtmf(ApiRequest request) {
        String id = CallsApi.callId(request);
        String digits = digits(request.body());
        Call call = dialer.call(id).orElse(null);
        if (call == null) {
            return ended(id);
        }
        refuseUnlessActive(call);
        return call.sendDtmf(digits).handle((v, e) -> {
            if (e == null) {
                ObjectNode body = CallRecords.mapper().createObjectNode();
                body.put("call_id", id);
                body.put("digits", digits);
                return ApiResponse.json(HttpResponseStatus.ACCEPTED, body);
            }
            Throwable cause = cause(e);
            if (cause instanceof IllegalArgumentException) {
                throw ApiException.invalid("digits", cause.getMessage());
            }
            if (cause instanceof IllegalStateException) {
                throw new ApiException(HttpResponseStatus.CONFLICT, "no_media", null, cause.getMessage());
            }
            throw new CompletionException(cause);
        });
    }

    private static String digits(byte[] body) {
        JsonNode root = JsonBodies.object(body);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("digits")) {
                throw ApiException.invalid(f, "unknown field (known: digits)");
            }
        }
        String digits = JsonBodies.text(root, "digits", true);
        if (!DIGITS.matcher(digits).matches()) {
            throw ApiException.invalid("digits", "'" + digits + "' must be 1-64 DTMF characters: 0-9, *, #, A-D");
        }
        return digits;
    }

    private static void refuseUnlessActive(Call call) {
        CallStatus status = call.status();
        if (status != CallStatus.ACTIVE) {
            throw new ApiException(HttpResponseStatus.CONFLICT, "call_not_active", null,
                    "call " + call.id() + " is " + status.wireName() + ", not active (answered)");
        }
    }

    /** A call the dialer no longer runs: 409 when it is stored (it ended), else 404. */
    private CompletionStage<ApiResponse> ended(String id) {
        return store.submit(tx -> tx.callJson(id)).thenApply(json -> {
            if (json.isEmpty()) {
                throw ApiException.notFound("no call " + id);
            }
            throw new ApiException(HttpResponseStatus.CONFLICT, "call_not_active", null, "call " + id + " already ended");
        });
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
