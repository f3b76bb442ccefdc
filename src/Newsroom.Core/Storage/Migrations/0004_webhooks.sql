CREATE TABLE webhook_endpoints (
    id              TEXT PRIMARY KEY,
    url             TEXT NOT NULL UNIQUE,
    secrets         TEXT NOT NULL,
    events          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    failing_since   TEXT,
    disabled_at     TEXT,
    disabled_reason TEXT
);
CREATE TABLE webhook_messages (
    id         TEXT PRIMARY KEY,
    type       TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE webhook_deliveries (
    message_id      TEXT NOT NULL REFERENCES webhook_messages(id),
    endpoint_id     TEXT NOT NULL REFERENCES webhook_endpoints(id),
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    last_status     INTEGER,
    last_error      TEXT,
    delivered_at    TEXT,
    PRIMARY KEY (message_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
