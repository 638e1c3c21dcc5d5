-- A sign-up waiting for its address to be proven: no account exists until the e-mailed link is
-- used, so nobody can make an account for somebody else's address. Only the SHA-256 of the
-- link's token is kept; the link works once (used_at) until expires_at. notify: the sign-up
-- form's "e-mail me about replies and mentions" box.
CREATE TABLE pending_signups (
    token_hash    TEXT PRIMARY KEY,
    email         TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    notify        BOOLEAN NOT NULL DEFAULT FALSE,
    return_to     TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    used_at       TIMESTAMPTZ
);
CREATE INDEX pending_signups_expiry ON pending_signups (expires_at);
