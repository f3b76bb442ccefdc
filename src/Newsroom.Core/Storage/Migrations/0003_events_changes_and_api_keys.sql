ALTER TABLE article_versions ADD COLUMN correction_note TEXT;
CREATE TABLE article_events (
    seq        {identity},
    article_id TEXT NOT NULL REFERENCES articles(id),
    version    INTEGER NOT NULL,
    action     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    reason     TEXT,
    note       TEXT,
    at         TEXT NOT NULL
);
CREATE INDEX article_events_by_article ON article_events (article_id, seq);
CREATE TABLE changes (
    seq        {identity},
    article_id TEXT NOT NULL REFERENCES articles(id),
    version    INTEGER NOT NULL,
    status     TEXT NOT NULL,
    at         TEXT NOT NULL
);
INSERT INTO changes (article_id, version, status, at)
    SELECT article_id, version, status, generated_at FROM article_versions ORDER BY generated_at, article_id, version;
CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    key_hash   TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
