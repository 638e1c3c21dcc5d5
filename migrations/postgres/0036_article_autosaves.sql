-- The working copy an editor's browser autosaves while they type: one per article and editor,
-- replaced on every autosave and removed when they save a revision or discard it. It is not a
-- revision: `base_revision` is the revision the editor opened, so an autosave over a newer one
-- is refused like a save. content: the editor form's fields as JSON.
CREATE TABLE article_autosaves (
    article_id    BIGINT  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    base_revision BIGINT  NOT NULL,
    content       TEXT    NOT NULL,
    saved_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, user_id)
);
