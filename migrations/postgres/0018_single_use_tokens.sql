-- One table for every single-use link mailed to someone: password resets, address
-- verifications, sign-in links and sign-ups waiting for their address to be proven. They were
-- four tables with the same life (issued, used once, expired, revoked, pruned); one table lets
-- one piece of code (store/single_use.rs) check them all the same way.
--
-- Only the SHA-256 of a token is kept. purpose says what the token is for; payload is JSON of
-- what it carries besides its member: {} for a reset or a verification, {"return_to"} for a
-- sign-in link, and {"email", "display_name", "password_hash", "notify", "return_to"} for a
-- sign-up, which has no member yet (user_id is NULL for sign-ups and only for them). A token
-- works while used_at is NULL and expires_at is in the future.
--
-- Not here: single sign-ons in progress (oidc_logins), which are one browser's state for one
-- exchange with the provider, found by a cookie and deleted as they are read.
CREATE TABLE single_use_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose    TEXT NOT NULL
               CHECK (purpose IN ('password_reset', 'email_verification', 'signin_link', 'signup')),
    user_id    BIGINT REFERENCES users (id) ON DELETE CASCADE,
    payload    TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    CHECK ((user_id IS NULL) = (purpose = 'signup'))
);
-- A member's links of a kind (revoked together), newest last; and housekeeping by expiry.
CREATE INDEX single_use_tokens_user ON single_use_tokens (user_id, purpose, created_at);
CREATE INDEX single_use_tokens_expiry ON single_use_tokens (expires_at);

INSERT INTO single_use_tokens (token_hash, purpose, user_id, payload, created_at, expires_at, used_at)
SELECT token_hash, 'password_reset', user_id, '{}', created_at, expires_at, used_at
FROM password_resets;

INSERT INTO single_use_tokens (token_hash, purpose, user_id, payload, created_at, expires_at, used_at)
SELECT token_hash, 'email_verification', user_id, '{}', created_at, expires_at, used_at
FROM email_verifications;

INSERT INTO single_use_tokens (token_hash, purpose, user_id, payload, created_at, expires_at, used_at)
SELECT token_hash, 'signin_link', user_id, json_build_object('return_to', return_to)::text,
       created_at, expires_at, used_at
FROM signin_links;

INSERT INTO single_use_tokens (token_hash, purpose, user_id, payload, created_at, expires_at, used_at)
SELECT token_hash, 'signup', NULL,
       json_build_object('email', email, 'display_name', display_name,
                         'password_hash', password_hash, 'notify', notify,
                         'return_to', return_to)::text,
       created_at, expires_at, used_at
FROM pending_signups;

DROP TABLE password_resets;
DROP TABLE email_verifications;
DROP TABLE signin_links;
DROP TABLE pending_signups;
