-- Moderation: bans, why a comment is held, pins, open reports, comment policies per site /
-- section / article, word lists, the spam filter's counts and the audit log. Nothing here
-- deletes: every decision is a status change with a log row that can undo it.

-- A ban lets a member read but not post, edit, react or report. A permanent ban is stored as
-- the year 9999 so one comparison covers both kinds.
ALTER TABLE users ADD COLUMN banned_until TEXT;
ALTER TABLE users ADD COLUMN ban_reason TEXT NOT NULL DEFAULT '';

-- held_reason: why a pending comment waits (premoderation, link, suspect_word, spam, reports).
-- moderation_note: the rejection reason the author sees, or what held the comment.
-- trained_as: how the spam filter learnt from this comment (spam, ham), so undo can unlearn.
ALTER TABLE comments ADD COLUMN held_reason TEXT;
ALTER TABLE comments ADD COLUMN moderation_note TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN spam_score REAL;
ALTER TABLE comments ADD COLUMN trained_as TEXT;
ALTER TABLE comments ADD COLUMN pinned_at TEXT;
ALTER TABLE comments ADD COLUMN open_reports INTEGER NOT NULL DEFAULT 0;
CREATE INDEX comments_held ON comments (status, created_at) WHERE status = 'pending';
CREATE INDEX comments_reported ON comments (open_reports, created_at) WHERE open_reports > 0;

ALTER TABLE comment_reports ADD COLUMN resolved_at TEXT;

-- scope: site (scope_id 0), section or article. NULL mode or auto_close_days inherit from the
-- wider scope. premoderate_first: with premoderated, only a member's first N approved comments
-- wait (NULL: every comment waits). auto_close_days 0: never close.
CREATE TABLE comment_policies (
    scope             TEXT NOT NULL CHECK (scope IN ('site', 'section', 'article')),
    scope_id          INTEGER NOT NULL,
    mode              TEXT CHECK (mode IN ('open', 'closed', 'premoderated')),
    premoderate_first INTEGER,
    auto_close_days   INTEGER,
    updated_at        TEXT,
    PRIMARY KEY (scope, scope_id)
);
INSERT INTO comment_policies (scope, scope_id, mode, auto_close_days) VALUES ('site', 0, 'open', 0);

-- The site's one row of moderation settings. words_version changes with every edit of the
-- word lists, so each process rebuilds its matcher only when they change.
CREATE TABLE moderation_settings (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    link_hold_below  INTEGER NOT NULL DEFAULT 3,
    report_threshold INTEGER NOT NULL DEFAULT 3,
    spam_threshold   REAL NOT NULL DEFAULT 0.9,
    banned_words     TEXT NOT NULL DEFAULT '',
    suspect_words    TEXT NOT NULL DEFAULT '',
    words_version    INTEGER NOT NULL DEFAULT 0,
    spam_docs        INTEGER NOT NULL DEFAULT 0,
    ham_docs         INTEGER NOT NULL DEFAULT 0
);
INSERT INTO moderation_settings (id) VALUES (1);

-- The spam filter: in how many spam and ham comments each token appeared.
CREATE TABLE spam_tokens (
    token TEXT PRIMARY KEY,
    spam  INTEGER NOT NULL DEFAULT 0,
    ham   INTEGER NOT NULL DEFAULT 0
);

-- Who did what, when and why. before/after hold the state replaced and set (JSON), which is
-- what undo restores; undone_by points at the log row of the undo.
CREATE TABLE moderation_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    comment_id INTEGER REFERENCES comments (id) ON DELETE SET NULL,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reason     TEXT NOT NULL DEFAULT '',
    before     TEXT NOT NULL DEFAULT '',
    after      TEXT NOT NULL DEFAULT '',
    undone_by  INTEGER REFERENCES moderation_log (id)
);
CREATE INDEX moderation_log_comment ON moderation_log (comment_id, id);
CREATE INDEX moderation_log_actor ON moderation_log (actor_id, id);
CREATE INDEX moderation_log_action ON moderation_log (action, id);
