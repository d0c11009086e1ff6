-- Call records: the full record JSON (design.md §6, with sip_trace and attempts)
-- plus the columns the API filters on.
CREATE TABLE calls (
    call_id      TEXT PRIMARY KEY,
    trunk        TEXT    NOT NULL,
    to_number    TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    reason       TEXT,
    sip_status   INTEGER,
    attempts     INTEGER NOT NULL,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    record_json  TEXT    NOT NULL
);
CREATE INDEX calls_created_at ON calls (created_at);
CREATE INDEX calls_status_reason ON calls (status, reason, created_at);

-- Idempotency-Key of POST /v1/calls: the key is claimed (call_id null) before
-- the call is placed, so a retry never places a second one.
CREATE TABLE idempotency_keys (
    idem_key       TEXT PRIMARY KEY,
    request_sha256 TEXT   NOT NULL,
    call_id        TEXT,
    created_at     BIGINT NOT NULL
);

-- Transactional outbox: rows written in the same transaction as the record they describe.
CREATE TABLE webhook_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint        TEXT    NOT NULL,
    event_id        TEXT    NOT NULL,
    call_id         TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    created_at      BIGINT  NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    state           TEXT    NOT NULL DEFAULT 'pending',
    last_error      TEXT,
    UNIQUE (endpoint, event_id)
);
CREATE INDEX webhook_outbox_pending ON webhook_outbox (state, endpoint, call_id, id);
