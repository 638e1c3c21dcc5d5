-- Signing in without a password: e-mailed sign-in links and single sign-on (OpenID Connect).

-- A sign-in link: only the SHA-256 of its token is kept, so a copy of the database signs no one
-- in. Used once (used_at), within 15 minutes (expires_at).
CREATE TABLE signin_links (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    return_to  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX signin_links_user ON signin_links (user_id);

-- An account at the newsroom's identity provider linked to a member: later sign-ins follow the
-- provider's subject, even when the e-mail address there changes.
CREATE TABLE user_identities (
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

-- A single sign-on in progress, for at most ten minutes: the browser holds a random cookie, the
-- row (found by the cookie's SHA-256) holds the state, nonce and PKCE verifier to check the
-- provider's answer against. Deleted when the answer comes.
CREATE TABLE oidc_logins (
    browser_hash  TEXT PRIMARY KEY,
    state         TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    return_to     TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
