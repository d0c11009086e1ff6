package io.dialer.daemon.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The campaign tables inside one store transaction (see {@link StoreTransaction#campaigns()}).
 * Not thread-safe and not to be kept.
 */
public final class CampaignTransaction {

    /** Number states. */
    public static final String PENDING = "pending";
    public static final String DIALING = "dialing";
    public static final String DONE = "done";
    public static final String SKIPPED = "skipped";

    private static final String COLUMNS = "campaign_id, name, trunk, status, max_concurrency, max_cps, max_attempts, "
            + "busy_retry_ms, no_answer_retry_ms, ring_timeout_ms, created_at";

    private final Connection c;
    private final SqlDialect dialect;

    CampaignTransaction(Connection c, SqlDialect dialect) {
        this.c = c;
        this.dialect = dialect;
    }

    /** Stores a new campaign and its numbers (DNC ones as skipped). */
    public void insert(Campaign k, List<NewNumber> numbers, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO campaigns (" + COLUMNS + ", updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, k.id());
            p.setString(2, k.name());
            p.setString(3, k.trunk());
            p.setString(4, k.status());
            p.setInt(5, k.maxConcurrency());
            p.setDouble(6, k.maxCps());
            p.setInt(7, k.maxAttempts());
            p.setLong(8, k.busyRetry().toMillis());
            p.setLong(9, k.noAnswerRetry().toMillis());
            if (k.ringTimeout() == null) {
                p.setNull(10, java.sql.Types.BIGINT);
            } else {
                p.setLong(10, k.ringTimeout().toMillis());
            }
            p.setLong(11, k.createdAt().toEpochMilli());
            p.setLong(12, now.toEpochMilli());
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO campaign_numbers (campaign_id, seq, number, "
                + "variables, state, next_attempt_at, last_status, last_reason, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < numbers.size(); i++) {
                NewNumber n = numbers.get(i);
                p.setString(1, k.id());
                p.setInt(2, i);
                p.setString(3, n.number());
                p.setString(4, n.variables());
                p.setString(5, n.skipped() ? SKIPPED : PENDING);
                p.setLong(6, now.toEpochMilli());
                p.setString(7, n.skipped() ? SKIPPED : null);
                p.setString(8, n.skipped() ? "do_not_call" : null);
                p.setLong(9, now.toEpochMilli());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    public Optional<Campaign> campaign(String id) throws SQLException {
        List<Campaign> found = select("WHERE campaign_id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Campaigns whose numbers are being dialed. */
    public List<Campaign> running() throws SQLException {
        return select("WHERE status = ? ORDER BY created_at, campaign_id", Campaign.RUNNING);
    }

    private List<Campaign> select(String where, String arg) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM campaigns " + where)) {
            p.setString(1, arg);
            List<Campaign> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long ring = rs.getLong(10);
                    Duration ringTimeout = rs.wasNull() ? null : Duration.ofMillis(ring);
                    out.add(new Campaign(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getDouble(6), rs.getInt(7), Duration.ofMillis(rs.getLong(8)),
                            Duration.ofMillis(rs.getLong(9)), ringTimeout, Instant.ofEpochMilli(rs.getLong(11))));
                }
            }
            return out;
        }
    }

    /** Moves a campaign from one of {@code from} to {@code to}; false when it was in none of them. */
    public boolean setStatus(String id, List<String> from, String to, Instant now) throws SQLException {
        String in = String.join(", ", from.stream().map(s -> "?").toList());
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE campaigns SET status = ?, updated_at = ? WHERE campaign_id = ? AND status IN (" + in + ")")) {
            p.setString(1, to);
            p.setLong(2, now.toEpochMilli());
            p.setString(3, id);
            for (int i = 0; i < from.size(); i++) {
                p.setString(4 + i, from.get(i));
            }
            return p.executeUpdate() == 1;
        }
    }

    /**
     * Claims up to {@code limit} numbers due now: they become {@code dialing} with one
     * more attempt counted, in the same transaction as the dial that follows. On
     * PostgreSQL the select locks the rows it takes and skips rows another
     * transaction holds, so concurrent claimers never take the same number.
     */
    public List<CampaignNumber> claimDue(String campaignId, Instant now, int limit) throws SQLException {
        String lock = dialect == SqlDialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        List<CampaignNumber> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT seq, number, variables, attempts, last_call_id "
                + "FROM campaign_numbers WHERE campaign_id = ? AND state = ? AND next_attempt_at <= ? "
                + "ORDER BY next_attempt_at, seq LIMIT ?" + lock)) {
            p.setString(1, campaignId);
            p.setString(2, PENDING);
            p.setLong(3, now.toEpochMilli());
            p.setInt(4, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new CampaignNumber(campaignId, rs.getInt(1), rs.getString(2), rs.getString(3),
                            rs.getInt(4) + 1, rs.getString(5)));
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE campaign_numbers SET state = ?, attempts = attempts + 1, "
                + "updated_at = ? WHERE campaign_id = ? AND seq = ?")) {
            for (CampaignNumber n : out) {
                p.setString(1, DIALING);
                p.setLong(2, now.toEpochMilli());
                p.setString(3, campaignId);
                p.setInt(4, n.seq());
                p.addBatch();
            }
            p.executeBatch();
        }
        return out;
    }

    /** Ties the attempt in flight to its call. */
    public void attemptPlaced(String campaignId, int seq, String callId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE campaign_numbers SET last_call_id = ? WHERE campaign_id = ? AND seq = ?")) {
            p.setString(1, callId);
            p.setString(2, campaignId);
            p.setInt(3, seq);
            p.executeUpdate();
        }
    }

    /**
     * Records how an attempt ended.
     *
     * @param retryAt when to try again, or null when the number is done
     */
    public void attemptEnded(String campaignId, int seq, String status, String reason, Instant retryAt, Instant now)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE campaign_numbers SET state = ?, last_status = ?, "
                + "last_reason = ?, next_attempt_at = ?, updated_at = ? WHERE campaign_id = ? AND seq = ?")) {
            p.setString(1, retryAt == null ? DONE : PENDING);
            p.setString(2, status);
            p.setString(3, reason);
            p.setLong(4, (retryAt == null ? now : retryAt).toEpochMilli());
            p.setLong(5, now.toEpochMilli());
            p.setString(6, campaignId);
            p.setInt(7, seq);
            p.executeUpdate();
        }
    }

    /** Numbers left {@code dialing} (after a restart: attempts a stopped daemon did not finish). */
    public List<CampaignNumber> dialing() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT campaign_id, seq, number, variables, attempts, "
                + "last_call_id FROM campaign_numbers WHERE state = ? ORDER BY campaign_id, seq")) {
            p.setString(1, DIALING);
            List<CampaignNumber> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new CampaignNumber(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getString(6)));
                }
            }
            return out;
        }
    }

    /**
     * A stored call's status, reason and final SIP status (the last two may be null),
     * or empty when no record exists.
     */
    public Optional<String[]> callOutcome(String callId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT status, reason, sip_status FROM calls WHERE call_id = ?")) {
            p.setString(1, callId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                        : Optional.empty();
            }
        }
    }

    /** Numbers still to dial: pending (due or waiting for a retry) or in flight. */
    public long unfinished(String campaignId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM campaign_numbers "
                + "WHERE campaign_id = ? AND state IN (?, ?)")) {
            p.setString(1, campaignId);
            p.setString(2, PENDING);
            p.setString(3, DIALING);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public CampaignProgress progress(String campaignId) throws SQLException {
        Map<String, Long> byState = new LinkedHashMap<>();
        for (String s : List.of(PENDING, DIALING, DONE, SKIPPED)) {
            byState.put(s, 0L);
        }
        long waiting = 0;
        long attempts = 0;
        long lastRetry = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT state, COUNT(*), SUM(attempts), "
                + "SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), MAX(next_attempt_at) "
                + "FROM campaign_numbers WHERE campaign_id = ? GROUP BY state")) {
            p.setString(1, campaignId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    byState.put(rs.getString(1), rs.getLong(2));
                    attempts += rs.getLong(3);
                    if (PENDING.equals(rs.getString(1))) {
                        waiting = rs.getLong(4);
                        lastRetry = waiting > 0 ? rs.getLong(5) : 0;
                    }
                }
            }
        }
        List<CampaignProgress.Outcome> outcomes = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT last_status, last_reason, COUNT(*) FROM campaign_numbers "
                + "WHERE campaign_id = ? AND state IN (?, ?) GROUP BY last_status, last_reason "
                + "ORDER BY COUNT(*) DESC, last_status, last_reason")) {
            p.setString(1, campaignId);
            p.setString(2, DONE);
            p.setString(3, SKIPPED);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    outcomes.add(new CampaignProgress.Outcome(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return new CampaignProgress(byState, outcomes, waiting, attempts, lastRetry);
    }
}
