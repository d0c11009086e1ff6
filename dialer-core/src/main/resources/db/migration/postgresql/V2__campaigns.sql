-- Campaigns (issue 8 item 5): a list of numbers dialed through one trunk within
-- the campaign's own concurrency and CPS, with retries per outcome.
CREATE TABLE campaigns (
    campaign_id        TEXT PRIMARY KEY,
    name               TEXT    NOT NULL,
    trunk              TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    max_concurrency    INTEGER NOT NULL,
    max_cps            DOUBLE PRECISION NOT NULL,
    max_attempts       INTEGER NOT NULL,
    busy_retry_ms      BIGINT  NOT NULL,
    no_answer_retry_ms BIGINT  NOT NULL,
    ring_timeout_ms    BIGINT,
    created_at         BIGINT  NOT NULL,
    updated_at         BIGINT  NOT NULL
);
CREATE INDEX campaigns_status ON campaigns (status);

-- One row per number. A number waiting for a retry is 'pending' with a later
-- next_attempt_at; 'dialing' means an attempt is in flight. Claiming takes
-- pending rows due now in (next_attempt_at, seq) order, the shape a
-- SELECT ... FOR UPDATE SKIP LOCKED lease query needs on PostgreSQL.
CREATE TABLE campaign_numbers (
    campaign_id     TEXT    NOT NULL,
    seq             INTEGER NOT NULL,
    number          TEXT    NOT NULL,
    variables       TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_call_id    TEXT,
    last_status     TEXT,
    last_reason     TEXT,
    updated_at      BIGINT  NOT NULL,
    PRIMARY KEY (campaign_id, seq)
);
CREATE INDEX campaign_numbers_due ON campaign_numbers (campaign_id, state, next_attempt_at, seq);
CREATE INDEX campaign_numbers_dialing ON campaign_numbers (state, last_call_id);
