-- The embedded conversation's rules: a comment policy per embedding site (scope 'embed_site',
-- scope_id the site's id; it stands where a section's policy stands for an article), and when
-- an embedded page's title was last taken from a loading page (title changes are rate-limited).

-- SQLite cannot change a CHECK constraint in place: the table is made again with the new list.
CREATE TABLE comment_policies_next (
    scope             TEXT NOT NULL CHECK (scope IN ('site', 'section', 'article', 'embed_site')),
    scope_id          INTEGER NOT NULL,
    mode              TEXT CHECK (mode IN ('open', 'closed', 'premoderated')),
    premoderate_first INTEGER,
    auto_close_days   INTEGER,
    updated_at        TEXT,
    PRIMARY KEY (scope, scope_id)
);
INSERT INTO comment_policies_next (scope, scope_id, mode, premoderate_first, auto_close_days, updated_at)
    SELECT scope, scope_id, mode, premoderate_first, auto_close_days, updated_at FROM comment_policies;
DROP TABLE comment_policies;
ALTER TABLE comment_policies_next RENAME TO comment_policies;

ALTER TABLE embedded_pages ADD COLUMN title_checked_at TEXT;
