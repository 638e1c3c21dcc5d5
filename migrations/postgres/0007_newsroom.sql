-- The newsroom: who started an article (contributors edit their own drafts), a revision counter
-- that saves compare-and-set (so a save over a newer revision is refused, not lost), which
-- revision readers see (a published article can be rewritten while its live version stays up),
-- correction notes (JSON [{"at", "text"}], read with the article row: no extra query per page),
-- every saved revision, and the old slugs of published articles (answered with a 301).
ALTER TABLE articles ADD COLUMN created_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN live_revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN corrections TEXT NOT NULL DEFAULT '[]';
CREATE INDEX articles_created_by ON articles (created_by);

-- content: the working copy as JSON (headline, slug, summary, section, tags, authors, body,
-- image), so a revision restores exactly what was saved whatever changed around it.
CREATE TABLE article_revisions (
    article_id BIGINT      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    number     BIGINT      NOT NULL,
    saved_by   BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    note       TEXT        NOT NULL DEFAULT '',
    content    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (article_id, number)
);

CREATE TABLE article_redirects (
    old_slug   TEXT   PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX article_redirects_article ON article_redirects (article_id);

-- An author's photo (an http(s) URL or a site path), shown on their page.
ALTER TABLE authors ADD COLUMN photo_url TEXT;
