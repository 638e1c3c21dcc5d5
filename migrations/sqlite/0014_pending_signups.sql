-- A sign-up waiting for its address to be proven: no account exists until the e-mailed link is
-- used, so nobody can make an account for somebody else's address. Only the SHA-256 of the
-- link's token is kept; the link works once (used_at) until expires_at. notify: the sign-up
-- form's "e-mail me about replies and mentions" box.
CREATE TABLE pending_signups (
    token_hash    TEXT PRIMARY KEY,
    email         TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    notify        INTEGER NOT NULL DEFAULT 0,
    return_to     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    used_at       TEXT
);
CREATE INDEX pending_signups_expiry ON pending_signups (expires_at);
