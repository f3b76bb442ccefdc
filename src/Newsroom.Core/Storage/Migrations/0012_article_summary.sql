-- The summary ArticleSummary keeps current, filled for the articles already stored by a copy of its Fill as it was then:
-- a later change to ArticleSummary must not rewrite a past upgrade.
-- The *_queue indexes are the desk queue's order, drafts first then newest first, as ArticleStore sorts it.
ALTER TABLE articles ADD COLUMN latest_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN generated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN published_version INTEGER;
ALTER TABLE articles ADD COLUMN published_at TEXT;
ALTER TABLE articles ADD COLUMN published_updated_at TEXT;
ALTER TABLE articles ADD COLUMN withdrawn_at TEXT;
CREATE TABLE article_counts (
    status  TEXT NOT NULL,
    profile TEXT NOT NULL,
    scope   TEXT NOT NULL,
    number  INTEGER NOT NULL,
    PRIMARY KEY (status, profile, scope)
);
UPDATE articles SET
  latest_version = (SELECT MAX(v.version) FROM article_versions v WHERE v.article_id = articles.id),
  published_version = (SELECT CASE WHEN v.status = 'published' THEN v.version END FROM article_versions v
    WHERE v.article_id = articles.id AND v.status IN ('published', 'withdrawn') ORDER BY v.version DESC LIMIT 1);
UPDATE articles SET
  status = (SELECT v.status FROM article_versions v WHERE v.article_id = articles.id AND v.version = articles.latest_version),
  generated_at = (SELECT v.generated_at FROM article_versions v WHERE v.article_id = articles.id AND v.version = articles.latest_version),
  published_at = CASE WHEN published_version IS NOT NULL THEN
    (SELECT MIN(c.at) FROM changes c WHERE c.article_id = articles.id AND c.status = 'published') END,
  published_updated_at =
    (SELECT MIN(c.at) FROM changes c WHERE c.article_id = articles.id AND c.status = 'published' AND c.version = articles.published_version),
  withdrawn_at = (SELECT CASE WHEN MAX(CASE WHEN c.status = 'withdrawn' THEN c.at END) >= COALESCE(MAX(CASE WHEN c.status = 'published' THEN c.at END), '')
                              THEN MAX(CASE WHEN c.status = 'withdrawn' THEN c.at END) END
    FROM changes c WHERE c.article_id = articles.id AND c.status IN ('published', 'withdrawn'));
DELETE FROM article_counts;
INSERT INTO article_counts (status, profile, scope, number) SELECT status, profile, scope, COUNT(*) FROM articles GROUP BY status, profile, scope;
CREATE INDEX articles_newest ON articles (generated_at, id);
CREATE INDEX articles_queue ON articles ((CASE WHEN status = 'draft' THEN 0 ELSE 1 END), generated_at DESC, id DESC);
CREATE INDEX articles_by_status ON articles (status, generated_at, id);
CREATE INDEX articles_by_scope_newest ON articles (scope, generated_at, id);
CREATE INDEX articles_by_scope_queue ON articles (scope, (CASE WHEN status = 'draft' THEN 0 ELSE 1 END), generated_at DESC, id DESC);
CREATE INDEX articles_by_profile_newest ON articles (profile, generated_at, id);
CREATE INDEX articles_by_profile_queue ON articles (profile, (CASE WHEN status = 'draft' THEN 0 ELSE 1 END), generated_at DESC, id DESC);
CREATE INDEX articles_published ON articles (published_updated_at, id);
CREATE INDEX articles_withdrawn ON articles (withdrawn_at, id);
CREATE INDEX runs_by_outcome ON runs (outcome, finished_at);
