ALTER TABLE article_versions ADD COLUMN variants TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_by_scope ON articles (scope, created_at);
