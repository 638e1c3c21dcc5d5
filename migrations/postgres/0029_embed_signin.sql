-- Signing readers in inside the embedded conversation.

-- A session is either a full one (the `bs_session` cookie, good everywhere) or a frame's
-- (`bs_embed`: a partitioned cookie, read only on the embed's own routes), so a frame's
-- cookie can never open the rest of the site.
ALTER TABLE sessions ADD COLUMN scope TEXT NOT NULL DEFAULT 'full'
    CHECK (scope IN ('full', 'embed'));

-- A reader of a host site, signed in by the host's signed token: the site and its own id for
-- the reader name one member. email is what the host last said (never used to find or link
-- an account: a host could name anyone's address).
CREATE TABLE site_identities (
    site_id        BIGINT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    external_id    TEXT NOT NULL,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email          TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    last_signin_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (site_id, external_id)
);
CREATE INDEX site_identities_user ON site_identities (user_id);

-- The one-time code a sign-in popup hands to the frame (payload {"site"}).
ALTER TABLE single_use_tokens DROP CONSTRAINT single_use_tokens_purpose_check;
ALTER TABLE single_use_tokens ADD CONSTRAINT single_use_tokens_purpose_check
    CHECK (purpose IN ('password_reset', 'email_verification', 'signin_link', 'signup',
                       'newsletter_subscription', 'embed_signin'));
