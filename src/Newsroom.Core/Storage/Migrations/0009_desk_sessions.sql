CREATE TABLE desk_sessions (
    id         TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at   TEXT
);
CREATE TABLE data_protection_keys (
    id  TEXT PRIMARY KEY,
    xml TEXT NOT NULL
);
