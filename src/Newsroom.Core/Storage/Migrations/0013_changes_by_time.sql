CREATE INDEX changes_by_time ON changes (at, article_id);
