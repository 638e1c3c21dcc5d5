-- Sites that embed the conversation, and the pages they embed it on.

-- origins: the allowed origins, space-separated (scheme, host and port each). The secret signs
-- the host site's sign-in tokens; it is shown to the admin once, when made or rotated.
CREATE TABLE sites (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    origins    TEXT NOT NULL,
    secret     TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Each embedded page's thread is an article that is never published (so no listing, feed,
-- sitemap or search shows it) and that the conversation machinery serves unchanged.
-- page_key: the canonical address, or `id:` and the host's explicit id.
CREATE TABLE embedded_pages (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    site_id    BIGINT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    page_key   TEXT NOT NULL,
    url        TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (site_id, page_key)
);
