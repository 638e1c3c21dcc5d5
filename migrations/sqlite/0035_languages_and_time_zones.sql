-- A member's own time zone (an IANA name, checked by the application); NULL: the site's.
ALTER TABLE users ADD COLUMN time_zone TEXT;

-- The PostgreSQL text-search configuration that built the search index ('simple' until now).
-- A start with another site language rebuilds the index and records its configuration here;
-- SQLite's FTS5 index does not depend on the language, and keeps the column for symmetry.
ALTER TABLE search_index_state ADD COLUMN search_config TEXT NOT NULL DEFAULT 'simple';

-- An article's own language (a BCP 47 tag); NULL: the site's.
ALTER TABLE articles ADD COLUMN lang TEXT;

-- Articles that are translations of one another share a group (the id of the article the
-- first was marked a translation of; a number only, so the group outlives that article), one
-- article per language: `lang` is the article's language when it was marked, kept in step by
-- the newsroom's language form.
CREATE TABLE article_translations (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    group_id   INTEGER NOT NULL,
    lang       TEXT NOT NULL,
    UNIQUE (group_id, lang)
);
