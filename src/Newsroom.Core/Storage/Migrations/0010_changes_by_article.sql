CREATE INDEX changes_by_article ON changes (article_id, status, version, at);
