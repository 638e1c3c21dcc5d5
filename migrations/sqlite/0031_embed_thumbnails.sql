-- Placeholder thumbnails of embedded posts and videos, fetched once by the server from the
-- provider's fixed thumbnail address and kept in the media library: a reader's page never
-- asks the provider for anything before the reader does. url: the provider's thumbnail address.
CREATE TABLE embed_thumbnails (
    url        TEXT PRIMARY KEY,
    media_id   INTEGER NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    fetched_at TEXT NOT NULL
);
