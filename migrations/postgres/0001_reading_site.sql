-- The reading site: sections, authors (bylines), articles, tags, members and the comments table
-- that the conversation builds on. Same shape as the SQLite schema; native types here.

CREATE TABLE sections (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        TEXT        NOT NULL UNIQUE,
    name        TEXT        NOT NULL,
    description TEXT        NOT NULL DEFAULT '',
    position    INTEGER     NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE authors (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       TEXT        NOT NULL UNIQUE,
    name       TEXT        NOT NULL,
    bio        TEXT        NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE tags (
    id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

-- Workflow (draft, in_review, approved) is kept apart from publication: an article is public
-- when published_at is set and not in the future, whatever its workflow state.
CREATE TABLE articles (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug          TEXT        NOT NULL UNIQUE,
    title         TEXT        NOT NULL,
    summary       TEXT        NOT NULL DEFAULT '',
    body_source   TEXT        NOT NULL,
    body_html     TEXT        NOT NULL,
    section_id    BIGINT      NOT NULL REFERENCES sections (id),
    workflow      TEXT        NOT NULL DEFAULT 'draft'
                  CHECK (workflow IN ('draft', 'in_review', 'approved')),
    published_at  TIMESTAMPTZ,
    updated_at    TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    modified_at   TIMESTAMPTZ NOT NULL,
    comment_count BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX articles_published ON articles (published_at DESC, id DESC);
CREATE INDEX articles_section_published ON articles (section_id, published_at DESC, id DESC);

CREATE TABLE article_authors (
    article_id BIGINT  NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    author_id  BIGINT  NOT NULL REFERENCES authors (id),
    position   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_author ON article_authors (author_id, article_id);

CREATE TABLE article_tags (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     BIGINT NOT NULL REFERENCES tags (id),
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         TEXT        NOT NULL UNIQUE,   -- normalised (trimmed, lower-case) before it is stored
    display_name  TEXT        NOT NULL,
    password_hash TEXT        NOT NULL,          -- argon2id PHC string
    role          TEXT        NOT NULL DEFAULT 'member'
                  CHECK (role IN ('member', 'contributor', 'moderator', 'editor', 'admin')),
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE comments (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id  BIGINT      NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    parent_id   BIGINT      REFERENCES comments (id),
    thread_id   BIGINT,                  -- the root comment's id (its own id for a root)
    depth       INTEGER     NOT NULL DEFAULT 0,
    author_id   BIGINT      REFERENCES users (id) ON DELETE SET NULL,
    body_source TEXT        NOT NULL,
    body_html   TEXT        NOT NULL,
    status      TEXT        NOT NULL DEFAULT 'visible'
                CHECK (status IN ('visible', 'pending', 'rejected', 'deleted')),
    created_at  TIMESTAMPTZ NOT NULL,
    edited_at   TIMESTAMPTZ,
    like_count  BIGINT      NOT NULL DEFAULT 0,
    reply_count BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX comments_threads ON comments (article_id, status, thread_id, created_at);
CREATE INDEX comments_replies ON comments (thread_id, created_at);
