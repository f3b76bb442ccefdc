ALTER TABLE article_versions ADD COLUMN edited_by TEXT;
