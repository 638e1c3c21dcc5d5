-- Live coverage. An editor opens an article's coverage (live_started_at) and ends it
-- (live_ended_at); read with the article row, so cards can carry the "Live" badge without an
-- extra query. Reopening clears the end.
ALTER TABLE articles ADD COLUMN live_started_at TIMESTAMPTZ;
ALTER TABLE articles ADD COLUMN live_ended_at TIMESTAMPTZ;

-- The updates of a live article. A contributor's update waits as a draft until an editor
-- publishes it; a deleted one keeps its row (readers no longer see it) and its revisions.
CREATE TABLE live_updates (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id   BIGINT      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id    BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    status       TEXT        NOT NULL CHECK (status IN ('draft', 'published', 'deleted')),
    key_event    BOOLEAN     NOT NULL DEFAULT FALSE,
    body_source  TEXT        NOT NULL,
    body_html    TEXT        NOT NULL,
    image_url    TEXT,
    image_alt    TEXT,
    revision     BIGINT      NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ,
    edited_at    TIMESTAMPTZ,
    deleted_at   TIMESTAMPTZ
);
-- The reader's stream, newest first, paged by (published_at, id).
CREATE INDEX live_updates_stream ON live_updates (article_id, status, published_at DESC, id DESC);

-- Every change to an update, as for articles: who did what, and the text it left.
CREATE TABLE live_update_revisions (
    update_id   BIGINT      NOT NULL REFERENCES live_updates (id) ON DELETE CASCADE,
    number      BIGINT      NOT NULL,
    action      TEXT        NOT NULL CHECK (action IN ('written', 'published', 'edited', 'deleted')),
    saved_by    BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    body_source TEXT        NOT NULL,
    key_event   BOOLEAN     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (update_id, number)
);
