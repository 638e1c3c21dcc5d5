-- Featured images (all three NULL when an article has none; the importer requires alt text
-- with every image) and related articles.
ALTER TABLE articles ADD COLUMN image_url TEXT;
ALTER TABLE articles ADD COLUMN image_alt TEXT;
ALTER TABLE articles ADD COLUMN image_caption TEXT;

-- Each article's best related picks, chosen when it is written from a bounded scan of its tags'
-- newest articles (see store::articles). score = 2 × shared tags + 1 when in the same section.
-- The page reads an article's own picks plus the newer articles that picked it (the second
-- index), so an older article also gains links to newer ones without being rewritten.
-- Articles written before this migration have no picks of their own; they still gain the
-- back-links of articles written after it.
CREATE TABLE article_related (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    related_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    score      INTEGER NOT NULL,
    PRIMARY KEY (article_id, related_id)
);
CREATE INDEX article_related_back ON article_related (related_id, score, article_id);
