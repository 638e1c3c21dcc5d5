-- The working copy a writer's browser autosaves while they type a new article never saved: one
-- per writer, replaced on every autosave and removed when they save the article or discard it.
-- No article row exists for it (an article is made only by saving). content: the editor form's
-- fields as JSON, as in article_autosaves.
CREATE TABLE new_article_autosaves (
    user_id  INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    content  TEXT    NOT NULL,
    saved_at TEXT    NOT NULL
);
