package io.dialer.daemon.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.core.CallRecords;
import io.dialer.core.Dialer;
import io.dialer.daemon.store.Campaign;
import io.dialer.daemon.store.CampaignProgress;
import io.dialer.daemon.store.CampaignTransaction;
import io.dialer.daemon.store.CallStore;
import io.dialer.daemon.store.IdempotencyClaim;
import io.dialer.daemon.store.StoreTransaction;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * The campaign routes: create one (JSON or CSV), read its progress, pause,
 * resume and cancel it. The {@code CampaignRunner} does the dialing.
 */
public final class CampaignsApi {

    private static final Pattern CAMPAIGN_ID = Pattern.compile("cmp_[0-9a-f]{1,64}");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    /** Campaign keys share the table with call keys; the prefix keeps the two apart. */
    private static final String KEY_PREFIX = "campaign:";

    private final CallStore store;
    private final CampaignRequestParser parser;
    private final ToIntFunction<String> inFlight;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param inFlight calls of a campaign in flight on this node (for the progress)
     */
    public CampaignsApi(Dialer dialer, CallStore store, ToIntFunction<String> inFlight, Clock clock) {
        this.store = store;
        this.parser = new CampaignRequestParser(dialer.config());
        this.inFlight = inFlight;
        this.clock = clock;
    }

    /** Adds the routes to a router. */
    public void register(Router router) {
        router.add(new Route(HttpMethod.POST, "/v1/campaigns", false, this::create))
                .add(new Route(HttpMethod.GET, "/v1/campaigns/{id}", false, this::get))
                .add(new Route(HttpMethod.POST, "/v1/campaigns/{id}/pause", false,
                        r -> transition(r, List.of(Campaign.RUNNING), Campaign.PAUSED)))
                .add(new Route(HttpMethod.POST, "/v1/campaigns/{id}/resume", false,
                        r -> transition(r, List.of(Campaign.PAUSED), Campaign.RUNNING)))
                .add(new Route(HttpMethod.POST, "/v1/campaigns/{id}/cancel", false,
                        r -> transition(r, List.of(Campaign.RUNNING, Campaign.PAUSED), Campaign.CANCELED)));
    }

    /**
     * {@code POST /v1/campaigns}: 201 with the campaign. With an {@code Idempotency-Key}, the
     * key is claimed in the same transaction that creates the campaign, so a retry gets the
     * first campaign (same request) or 409 (different request), never a second campaign.
     */
    private CompletionStage<ApiResponse> create(ApiRequest request) {
        String type = request.headers().get("Content-Type");
        boolean csv = type != null && type.toLowerCase(Locale.ROOT).startsWith("text/csv");
        CampaignRequest req = csv ? parser.csv(request.body(), request) : parser.json(request.body());
        String key = request.headers().get("Idempotency-Key");
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw ApiException.invalid("Idempotency-Key", "must be 1-255 visible ASCII characters");
        }
        String hash = fingerprint(request, csv);
        return store.submit(tx -> {
            Instant now = clock.instant();
            if (key != null) {
                IdempotencyClaim claim = tx.claimKey(KEY_PREFIX + key, hash, now);
                switch (claim.outcome()) {
                    case REPLAY:
                        return view(tx, tx.campaigns().campaign(claim.callId()).orElseThrow(
                                () -> ApiException.notFound("campaign " + claim.callId() + " is gone")),
                                HttpResponseStatus.CREATED).withHeader("Idempotent-Replayed", "true");
                    case CONFLICT:
                        return ApiResponse.error(new ApiException(HttpResponseStatus.CONFLICT, "idempotency_key_reused",
                                "Idempotency-Key", "this Idempotency-Key was already used with a different request"));
                    case IN_PROGRESS:
                        return ApiResponse.error(new ApiException(HttpResponseStatus.CONFLICT,
                                "idempotency_key_in_progress", "Idempotency-Key",
                                "the first request with this Idempotency-Key is still being processed; retry shortly"));
                    default:
                        break;
                }
            }
            Campaign campaign = new Campaign("cmp_" + HexFormat.of().formatHex(randomBytes()), req.name(), req.trunk(),
                    Campaign.RUNNING, req.maxConcurrency(), req.maxCps(), req.maxAttempts(), req.busyRetry(),
                    req.noAnswerRetry(), req.ringTimeout(), now);
            tx.campaigns().insert(campaign, req.numbers(), now);
            if (key != null) {
                tx.bindKey(KEY_PREFIX + key, campaign.id());
            }
            return view(tx, campaign, HttpResponseStatus.CREATED)
                    .withHeader("Location", "/v1/campaigns/" + campaign.id());
        });
    }

    private CompletionStage<ApiResponse> get(ApiRequest request) {
        String id = campaignId(request);
        return store.submit(tx -> view(tx, tx.campaigns().campaign(id)
                .orElseThrow(() -> ApiException.notFound("no campaign " + id)), HttpResponseStatus.OK));
    }

    /** pause / resume / cancel: 200 with the campaign; 409 when its status does not allow the step. */
    private CompletionStage<ApiResponse> transition(ApiRequest request, List<String> from, String to) {
        String id = campaignId(request);
        return store.submit(tx -> {
            CampaignTransaction ct = tx.campaigns();
            Campaign c = ct.campaign(id).orElseThrow(() -> ApiException.notFound("no campaign " + id));
            if (!ct.setStatus(id, from, to, clock.instant())) {
                return ApiResponse.error(new ApiException(HttpResponseStatus.CONFLICT, "campaign_" + c.status(), null,
                        "campaign " + id + " is " + c.status() + "; only a " + String.join(" or ", from)
                                + " campaign can become " + to));
            }
            return view(tx, ct.campaign(id).orElseThrow(), HttpResponseStatus.OK);
        });
    }

    /** The campaign with its progress and an ETA. */
    private ApiResponse view(StoreTransaction tx, Campaign c, HttpResponseStatus status) throws SQLException {
        CampaignProgress p = tx.campaigns().progress(c.id());
        Instant now = clock.instant();
        ObjectNode o = CallRecords.mapper().createObjectNode();
        o.put("campaign_id", c.id());
        o.put("name", c.name());
        o.put("trunk", c.trunk());
        o.put("status", c.status());
        o.put("max_concurrency", c.maxConcurrency());
        o.put("max_cps", c.maxCps());
        ObjectNode retry = o.putObject("retry");
        retry.put("busy", seconds(c.busyRetry()));
        retry.put("no_answer", seconds(c.noAnswerRetry()));
        retry.put("max_attempts", c.maxAttempts());
        if (c.ringTimeout() != null) {
            o.put("ring_timeout", seconds(c.ringTimeout()));
        }
        o.put("created_at", CallRecords.format(c.createdAt()));
        ObjectNode progress = o.putObject("progress");
        long total = p.byState().values().stream().mapToLong(Long::longValue).sum();
        progress.put("total", total);
        ObjectNode byState = progress.putObject("by_state");
        p.byState().forEach(byState::put);
        progress.put("waiting_retry", p.waitingRetry());
        progress.put("attempts", p.attempts());
        progress.put("in_flight", inFlight.applyAsInt(c.id()));
        ArrayNode outcomes = progress.putArray("by_outcome");
        for (CampaignProgress.Outcome out : p.outcomes()) {
            ObjectNode row = outcomes.addObject();
            row.put("status", out.status());
            row.put("reason", out.reason());
            row.put("count", out.count());
        }
        long remaining = p.byState().get(CampaignTransaction.PENDING) + p.byState().get(CampaignTransaction.DIALING);
        Long eta = eta(c, p, remaining, now);
        if (eta == null) {
            progress.putNull("eta_seconds");
        } else {
            progress.put("eta_seconds", eta);
        }
        return ApiResponse.json(status, o);
    }

    /**
     * Seconds until the last number is through: the remaining numbers at the rate
     * achieved so far (or at max_cps before any attempt ended), but never before the
     * latest scheduled retry. Null once nothing is left to dial in a stopped campaign.
     */
    private static Long eta(Campaign c, CampaignProgress p, long remaining, Instant now) {
        if (remaining == 0) {
            return 0L;
        }
        if (!Campaign.RUNNING.equals(c.status())) {
            return null;
        }
        long finishedAttempts = p.attempts() - p.byState().get(CampaignTransaction.DIALING);
        double elapsed = Math.max(1, Duration.between(c.createdAt(), now).toMillis()) / 1000.0;
        double rate = finishedAttempts > 0 ? Math.min(c.maxCps(), finishedAttempts / elapsed) : c.maxCps();
        long byRate = (long) Math.ceil(remaining / rate);
        long byRetry = p.lastRetryAt() == 0 ? 0 : Math.max(0, (p.lastRetryAt() - now.toEpochMilli() + 999) / 1000);
        return Math.max(byRate, byRetry);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private byte[] randomBytes() {
        byte[] b = new byte[10];
        random.nextBytes(b);
        return b;
    }

    /** The request's fingerprint for its Idempotency-Key: body, and for CSV the query that carries the settings. */
    private static String fingerprint(ApiRequest request, boolean csv) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((csv ? "csv?" + new java.util.TreeMap<>(request.query()) : "json").getBytes(StandardCharsets.UTF_8));
            sha.update(request.body());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }

    private static String campaignId(ApiRequest request) {
        String id = request.pathParams().get("id");
        if (!CAMPAIGN_ID.matcher(id).matches()) {
            throw ApiException.notFound("no campaign " + id);
        }
        return id;
    }
}
