-- When the member proved they read mail at their address (double opt-in). Until then the site
-- sends them nothing but what they ask for themselves (a password reset, a sign-in link), and
-- imported guest identities with that address cannot be claimed.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMPTZ;
