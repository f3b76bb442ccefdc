-- History is compared and differenced, so its times are Unix seconds and its figures NUMERIC, unlike the text elsewhere.
CREATE TABLE history (
    scope  TEXT NOT NULL,
    hours  INTEGER NOT NULL,
    hour   BIGINT NOT NULL,
    as_of  BIGINT NOT NULL,
    total  NUMERIC NOT NULL,
    longs  NUMERIC,
    shorts NUMERIC,
    price  NUMERIC,
    origin TEXT NOT NULL,
    PRIMARY KEY (scope, hours, hour)
);
CREATE INDEX history_by_time ON history (scope, hours, as_of);
