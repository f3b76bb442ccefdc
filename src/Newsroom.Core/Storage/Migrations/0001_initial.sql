CREATE TABLE IF NOT EXISTS snapshots (
    fingerprint TEXT PRIMARY KEY,
    as_of       TEXT NOT NULL,
    json        TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id         TEXT PRIMARY KEY,
    story_key  TEXT NOT NULL UNIQUE,
    scope      TEXT NOT NULL,
    profile    TEXT NOT NULL,
    slug       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS article_versions (
    article_id           TEXT NOT NULL REFERENCES articles(id),
    version              INTEGER NOT NULL,
    status               TEXT NOT NULL,
    as_of                TEXT NOT NULL,
    headline             TEXT NOT NULL,
    markdown             TEXT NOT NULL,
    html                 TEXT NOT NULL,
    findings             TEXT NOT NULL,
    snapshot_fingerprint TEXT NOT NULL REFERENCES snapshots(fingerprint),
    template_version     TEXT NOT NULL,
    generated_at         TEXT NOT NULL,
    PRIMARY KEY (article_id, version)
);
