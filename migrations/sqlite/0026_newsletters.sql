-- Newsletters: editors define them, members subscribe, editions go out by mail.
--
-- source: what fills an edition. 'picked' (hand-picked articles, sent when an editor says so),
-- 'section' or 'tag' (automatic: that section's or tag's articles published since the last
-- edition, made at send_hour, UTC, each day, and skipped when there is nothing new).
-- scheduled_through: the last automatic moment handled (sent or skipped), moved by
-- compare-and-set so that of several processes one makes each edition.
CREATE TABLE newsletters (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,
    description       TEXT NOT NULL DEFAULT '',
    sender_name       TEXT NOT NULL,
    source            TEXT NOT NULL CHECK (source IN ('picked', 'section', 'tag')),
    section_id        INTEGER REFERENCES sections (id) ON DELETE SET NULL,
    tag_id            INTEGER REFERENCES tags (id) ON DELETE SET NULL,
    send_hour         INTEGER CHECK (send_hour BETWEEN 0 AND 23),
    scheduled_through TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    CHECK ((source = 'picked') = (send_hour IS NULL))
);

-- A confirmed subscription; one waiting for its address to be proven is a single-use token
-- (purpose 'newsletter_subscription').
CREATE TABLE newsletter_subscriptions (
    newsletter_id INTEGER NOT NULL REFERENCES newsletters (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (newsletter_id, user_id)
);
CREATE INDEX newsletter_subscriptions_user ON newsletter_subscriptions (user_id);

-- An edition: a draft, then sending (its fan-out job queues one mail per subscriber, keyed
-- by edition and member, past fanout_after, the last member queued), then sent. slot: the
-- moment an automatic edition was made for (unique, so one per moment).
CREATE TABLE newsletter_editions (
    id            INTEGER PRIMARY KEY,
    newsletter_id INTEGER NOT NULL REFERENCES newsletters (id) ON DELETE CASCADE,
    subject       TEXT NOT NULL,
    intro         TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sending', 'sent')),
    slot          TEXT,
    fanout_after  INTEGER NOT NULL DEFAULT 0,
    recipients    INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    sent_at       TEXT,
    UNIQUE (newsletter_id, slot)
);
CREATE INDEX newsletter_editions_newsletter ON newsletter_editions (newsletter_id, id);

CREATE TABLE newsletter_edition_articles (
    edition_id INTEGER NOT NULL REFERENCES newsletter_editions (id) ON DELETE CASCADE,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    PRIMARY KEY (edition_id, article_id)
);

-- Two new kinds of job: 'newsletter' (an edition's fan-out) and 'newsletter_mail' (one
-- edition to one member: payload {"edition", "user"}, subject_id the edition, read and
-- rendered when sent). SQLite cannot alter a CHECK: the table is rebuilt as in 0022.
CREATE TABLE jobs_new (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL
                CHECK (kind IN ('mail', 'webhook', 'purge', 'newsletter', 'newsletter_mail')),
    dedupe_key  TEXT UNIQUE,
    subject_id  INTEGER,
    payload     TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'running', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    run_at      TEXT NOT NULL,
    last_error  TEXT,
    last_code   INTEGER,
    created_at  TEXT NOT NULL,
    finished_at TEXT
);
INSERT INTO jobs_new (id, kind, dedupe_key, subject_id, payload, status, attempts, run_at,
                      last_error, last_code, created_at, finished_at)
SELECT id, kind, dedupe_key, subject_id, payload, status, attempts, run_at,
       last_error, last_code, created_at, finished_at
FROM jobs ORDER BY id;
DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;
CREATE INDEX jobs_due ON jobs (kind, status, run_at);
CREATE INDEX jobs_subject ON jobs (kind, subject_id, id);

-- A subscription waiting for its mailed link: payload {"newsletter", "email"}; user_id is the
-- member when one asked (an unverified address), NULL for a signed-out reader.
CREATE TABLE single_use_tokens_new (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL
               CHECK (purpose IN ('password_reset', 'email_verification', 'signin_link', 'signup',
                                  'newsletter_subscription')),
    user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
    payload    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    CHECK (purpose = 'newsletter_subscription' OR (user_id IS NULL) = (purpose = 'signup'))
);
INSERT INTO single_use_tokens_new SELECT token_hash, purpose, user_id, payload, created_at,
    expires_at, used_at FROM single_use_tokens;
DROP TABLE single_use_tokens;
ALTER TABLE single_use_tokens_new RENAME TO single_use_tokens;
CREATE INDEX single_use_tokens_user ON single_use_tokens (user_id, purpose, created_at);
CREATE INDEX single_use_tokens_expiry ON single_use_tokens (expires_at);
