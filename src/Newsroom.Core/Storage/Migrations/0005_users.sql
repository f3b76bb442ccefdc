CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL,
    locked_until    TEXT,
    created_at      TEXT NOT NULL
);
