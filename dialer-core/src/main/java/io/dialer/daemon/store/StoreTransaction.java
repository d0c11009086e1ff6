package io.dialer.daemon.store;

import io.dialer.core.CallRecord;
import io.dialer.core.CallRecords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store's operations inside one transaction on the store's thread (see
 * {@link CallStore#submit}). Not thread-safe and not to be kept.
 */
public final class StoreTransaction {

    private final Connection c;
    private final SqlDialect dialect;

    StoreTransaction(Connection c, SqlDialect dialect) {
        this.c = c;
        this.dialect = dialect;
    }

    /** Inserts or updates a call's row with its record as it stands. */
    public void saveCall(CallRecord record, Instant now) throws SQLException {
        writeCall(record, now, "ON CONFLICT (call_id) DO UPDATE SET status = excluded.status, "
                + "reason = excluded.reason, sip_status = excluded.sip_status, attempts = excluded.attempts, "
                + "updated_at = excluded.updated_at, record_json = excluded.record_json");
    }

    /** Inserts a call's first row unless an event already wrote a later one. */
    public void saveNewCall(CallRecord record, Instant now) throws SQLException {
        writeCall(record, now, "ON CONFLICT (call_id) DO NOTHING");
    }

    private void writeCall(CallRecord r, Instant now, String onConflict) throws SQLException {
        Instant created = r.dialingAt() != null ? r.dialingAt() : now;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO calls (call_id, trunk, to_number, status, reason, "
                + "sip_status, attempts, created_at, updated_at, record_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + onConflict)) {
            p.setString(1, r.callId());
            p.setString(2, r.trunk());
            p.setString(3, r.to());
            p.setString(4, r.status().wireName());
            p.setString(5, r.disconnectionReason() == null ? null : r.disconnectionReason().wireName());
            if (r.sipStatus() == null) {
                p.setNull(6, java.sql.Types.INTEGER);
            } else {
                p.setInt(6, r.sipStatus());
            }
            p.setInt(7, r.attempts());
            p.setLong(8, created.toEpochMilli());
            p.setLong(9, now.toEpochMilli());
            p.setString(10, CallRecords.toJson(r, false));
            p.executeUpdate();
        }
    }

    /** A call's stored record JSON. */
    public Optional<String> callJson(String callId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT record_json FROM calls WHERE call_id = ?")) {
            p.setString(1, callId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Record JSON of the calls matching a query, newest first. */
    public List<String> calls(CallQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT record_json FROM calls WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status());
        }
        if (q.reason() != null) {
            sql.append(" AND reason = ?");
            args.add(q.reason());
        }
        if (q.since() != null) {
            sql.append(" AND created_at >= ?");
            args.add(q.since().toEpochMilli());
        }
        sql.append(" ORDER BY created_at DESC, call_id LIMIT ?");
        args.add(q.limit());
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /**
     * Claims an {@code Idempotency-Key} for a request body hash. Claiming inserts the
     * key with no call yet, so a concurrent retry (even on another node) cannot place
     * a second call while the first is being placed.
     */
    public IdempotencyClaim claimKey(String key, String requestSha256, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO idempotency_keys (idem_key, request_sha256, "
                + "call_id, created_at) VALUES (?, ?, NULL, ?) ON CONFLICT (idem_key) DO NOTHING")) {
            p.setString(1, key);
            p.setString(2, requestSha256);
            p.setLong(3, now.toEpochMilli());
            if (p.executeUpdate() == 1) {
                return new IdempotencyClaim(IdempotencyClaim.Outcome.CLAIMED, null);
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "SELECT request_sha256, call_id FROM idempotency_keys WHERE idem_key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("idempotency key vanished while being claimed");
                }
                if (!rs.getString(1).equals(requestSha256)) {
                    return new IdempotencyClaim(IdempotencyClaim.Outcome.CONFLICT, null);
                }
                String callId = rs.getString(2);
                return callId == null ? new IdempotencyClaim(IdempotencyClaim.Outcome.IN_PROGRESS, null)
                        : new IdempotencyClaim(IdempotencyClaim.Outcome.REPLAY, callId);
            }
        }
    }

    /** Ties a claimed key to the call it placed. */
    public void bindKey(String key, String callId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE idempotency_keys SET call_id = ? WHERE idem_key = ?")) {
            p.setString(1, callId);
            p.setString(2, key);
            p.executeUpdate();
        }
    }

    /** Gives a key back when its request placed no call (so the client may retry it). */
    public void releaseKey(String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM idempotency_keys WHERE idem_key = ? AND call_id IS NULL")) {
            p.setString(1, key);
            p.executeUpdate();
        }
    }

    /** Queues a webhook delivery; in the same transaction as the record it describes. */
    public void enqueue(String endpoint, String eventId, String callId, String payload, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO webhook_outbox (endpoint, event_id, call_id, payload, "
                + "created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, endpoint);
            p.setString(2, eventId);
            p.setString(3, callId);
            p.setString(4, payload);
            p.setLong(5, at.toEpochMilli());
            p.setLong(6, at.toEpochMilli());
            p.executeUpdate();
        }
    }

    /**
     * Deliveries due now: for each endpoint and call only the oldest pending one,
     * so a call's events reach each endpoint in order.
     */
    public List<OutboxRow> dueDeliveries(Instant now, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT o.id, o.endpoint, o.event_id, o.call_id, o.payload, "
                + "o.created_at, o.attempts FROM webhook_outbox o WHERE o.state = 'pending' AND o.next_attempt_at <= ? "
                + "AND o.id = (SELECT MIN(i.id) FROM webhook_outbox i WHERE i.state = 'pending' "
                + "AND i.endpoint = o.endpoint AND i.call_id = o.call_id) ORDER BY o.id LIMIT ?")) {
            p.setLong(1, now.toEpochMilli());
            p.setInt(2, limit);
            List<OutboxRow> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), rs.getInt(7)));
                }
            }
            return out;
        }
    }

    public void markDelivered(long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE webhook_outbox SET state = 'delivered', attempts = attempts + 1, last_error = NULL WHERE id = ?")) {
            p.setLong(1, id);
            p.executeUpdate();
        }
    }

    public void markRetry(long id, Instant next, String error) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?")) {
            p.setLong(1, next.toEpochMilli());
            p.setString(2, error);
            p.setLong(3, id);
            p.executeUpdate();
        }
    }

    /** Gives a delivery up: it stayed undelivered past the endpoint's max age. */
    public void markExpired(long id, String error) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE webhook_outbox SET state = 'expired', attempts = attempts + 1, last_error = ? WHERE id = ?")) {
            p.setString(1, error);
            p.setLong(2, id);
            p.executeUpdate();
        }
    }

    /** Deletes delivered and given-up outbox rows of events older than {@code before}; returns how many. */
    public int pruneOutbox(Instant before) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "DELETE FROM webhook_outbox WHERE state <> 'pending' AND created_at < ?")) {
            p.setLong(1, before.toEpochMilli());
            return p.executeUpdate();
        }
    }

    /** Deliveries still pending (the webhook backlog). */
    public long backlog() throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM webhook_outbox WHERE state = 'pending'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The campaign tables, in this transaction. */
    public CampaignTransaction campaigns() {
        return new CampaignTransaction(c, dialect);
    }

    /** A trivial query: the database answers. */
    public void ping() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        }
    }
}
