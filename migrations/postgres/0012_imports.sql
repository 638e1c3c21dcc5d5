-- Imports from other systems (WordPress, Disqus). Every imported thing is remembered by its id
-- in the source, so running an import again changes nothing; WordPress permalinks are kept as
-- kind 'path' rows so old addresses keep answering (with a 301).
CREATE TABLE import_sources (
    source      TEXT   NOT NULL,   -- 'wordpress' or 'disqus'
    kind        TEXT   NOT NULL,   -- 'post', 'path', 'comment', 'guest'
    external_id TEXT   NOT NULL,
    local_id    BIGINT NOT NULL,
    PRIMARY KEY (source, kind, external_id)
);

-- Commenters of an imported site: a name to show and an address that is never shown, only
-- compared with a member's verified address so the member can claim the comments. A guest has
-- no password, session or role: it can never sign in.
CREATE TABLE guest_identities (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT        NOT NULL,
    email      TEXT,               -- normalised (trimmed, lower-case); NULL: cannot be claimed
    claimed_by BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    claimed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX guest_identities_email ON guest_identities (email);

-- An imported comment's author until a member claims it (then author_id is set, guest_id cleared).
ALTER TABLE comments ADD COLUMN guest_id BIGINT REFERENCES guest_identities (id);
CREATE INDEX comments_guest ON comments (guest_id);
