-- The embedded conversation's rules: a comment policy per embedding site (scope 'embed_site',
-- scope_id the site's id; it stands where a section's policy stands for an article), and when
-- an embedded page's title was last taken from a loading page (title changes are rate-limited).

ALTER TABLE comment_policies DROP CONSTRAINT comment_policies_scope_check;
ALTER TABLE comment_policies ADD CONSTRAINT comment_policies_scope_check
    CHECK (scope IN ('site', 'section', 'article', 'embed_site'));

ALTER TABLE embedded_pages ADD COLUMN title_checked_at TIMESTAMPTZ;
