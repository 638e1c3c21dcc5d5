-- Bringing readers back by e-mail: address verification, reply and mention notifications
-- (immediate or as a daily digest), the moderation-queue alert, and the outgoing mail queue.

-- Single-use verification links; a link is known by the SHA-256 of its token.
CREATE TABLE email_verifications (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX email_verifications_user ON email_verifications (user_id, created_at);

-- What a member wants by e-mail; no row means nothing (everything is opt-in).
-- digest_sent_until: the digest moment up to which their daily digest has been made (moved by
-- compare-and-set, so several processes make each digest once). queue_alert_at: the
-- moderation-queue size that triggers an alert (NULL: off); queue_alerted: an alert went out
-- and the queue has not yet fallen back below the threshold.
CREATE TABLE mail_preferences (
    user_id           INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    replies           INTEGER NOT NULL DEFAULT 0,
    mentions          INTEGER NOT NULL DEFAULT 0,
    daily_digest      INTEGER NOT NULL DEFAULT 0,
    digest_sent_until TEXT,
    queue_alert_at    INTEGER,
    queue_alerted     INTEGER NOT NULL DEFAULT 0
);

-- One row per (comment, recipient): the unique key means nobody is told twice about a comment,
-- whether it replies to them, mentions them, or both. queued_at: when its mail (or the digest
-- holding it) was queued, NULL until then.
CREATE TABLE notifications (
    id           INTEGER PRIMARY KEY,
    comment_id   INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    recipient_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('reply', 'mention')),
    daily        INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    queued_at    TEXT,
    UNIQUE (comment_id, recipient_id)
);
CREATE INDEX notifications_waiting ON notifications (daily, created_at) WHERE queued_at IS NULL;

-- Outgoing mail, the work queue of every process's mail worker (like webhook_deliveries).
-- dedupe_key names what the mail is about (a notification, a member's digest of a day, an
-- alert), so nothing is queued twice; message_id stays the same over every retry.
CREATE TABLE mail_queue (
    id              INTEGER PRIMARY KEY,
    dedupe_key      TEXT NOT NULL UNIQUE,
    user_id         INTEGER REFERENCES users (id) ON DELETE CASCADE,
    to_address      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    unsubscribe_url TEXT,
    message_id      TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX mail_queue_due ON mail_queue (status, next_attempt_at);
