-- Live coverage. An editor opens an article's coverage (live_started_at) and ends it
-- (live_ended_at); read with the article row, so cards can carry the "Live" badge without an
-- extra query. Reopening clears the end.
ALTER TABLE articles ADD COLUMN live_started_at TEXT;
ALTER TABLE articles ADD COLUMN live_ended_at TEXT;

-- The updates of a live article. A contributor's update waits as a draft until an editor
-- publishes it; a deleted one keeps its row (readers no longer see it) and its revisions.
CREATE TABLE live_updates (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'deleted')),
    key_event    INTEGER NOT NULL DEFAULT 0,
    body_source  TEXT    NOT NULL,
    body_html    TEXT    NOT NULL,
    image_url    TEXT,
    image_alt    TEXT,
    revision     INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT    NOT NULL,
    published_at TEXT,
    edited_at    TEXT,
    deleted_at   TEXT
);
-- The reader's stream, newest first, paged by (published_at, id).
CREATE INDEX live_updates_stream ON live_updates (article_id, status, published_at DESC, id DESC);

-- Every change to an update, as for articles: who did what, and the text it left.
CREATE TABLE live_update_revisions (
    update_id   INTEGER NOT NULL REFERENCES live_updates (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('written', 'published', 'edited', 'deleted')),
    saved_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body_source TEXT    NOT NULL,
    key_event   INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (update_id, number)
);
