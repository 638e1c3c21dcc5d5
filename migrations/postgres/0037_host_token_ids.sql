-- The host sign-in token's optional `jti`: taken once while its token lives (each process
-- checks here, so a token replayed to another process is refused too). Only its SHA-256 is
-- kept, until the token expires.
CREATE TABLE host_token_ids (
    site_id    BIGINT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    jti_hash   TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (site_id, jti_hash)
);
CREATE INDEX host_token_ids_expiry ON host_token_ids (expires_at);

-- The site whose host sign-in started a frame session: rotating that site's secret ends it.
ALTER TABLE sessions ADD COLUMN host_site_id BIGINT REFERENCES sites (id) ON DELETE CASCADE;
