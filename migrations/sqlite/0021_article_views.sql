-- Page views of published articles, one row per article and hour (the hour's start, UTC).
-- Nothing about the reader is kept: no address, no cookie, no session; only how many times the
-- article page was served in that hour. Each server process counts in memory and adds its
-- counts here every few seconds (services/views.rs).
CREATE TABLE article_views (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    hour       TEXT    NOT NULL,
    views      INTEGER NOT NULL CHECK (views >= 0),
    PRIMARY KEY (article_id, hour)
);
CREATE INDEX article_views_hour ON article_views (hour, article_id);
