ALTER TABLE article_versions ADD COLUMN day_total TEXT;
CREATE TABLE scope_states (
    scope     TEXT PRIMARY KEY,
    profile   TEXT NOT NULL,
    story_key TEXT,
    as_of     TEXT NOT NULL
);
CREATE TABLE runs (
    id          TEXT PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    source      TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    created     INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    error       TEXT,
    notes       TEXT NOT NULL
);
CREATE INDEX runs_by_start ON runs (started_at);
