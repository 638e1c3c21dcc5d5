-- Full-text search over articles, in the database: a weighted tsvector per article with a GIN
-- index, written in the same transaction as the article. The 'simple' configuration (no
-- stemming) matches what SQLite's FTS5 does, so both backends find the same articles.
CREATE TABLE article_search (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    body_text  TEXT     NOT NULL,
    document   tsvector NOT NULL
);
CREATE INDEX article_search_document ON article_search USING GIN (document);

INSERT INTO article_search (article_id, body_text, document)
SELECT a.id, a.body_source,
       setweight(to_tsvector('simple', a.title), 'A')
    || setweight(to_tsvector('simple', a.summary), 'B')
    || setweight(to_tsvector('simple',
           COALESCE((SELECT string_agg(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id
                     WHERE x.article_id = a.id), '') || ' ' ||
           COALESCE((SELECT string_agg(au.name, ' ') FROM article_authors x JOIN authors au ON au.id = x.author_id
                     WHERE x.article_id = a.id), '')), 'B')
    || setweight(to_tsvector('simple', a.body_source), 'C')
FROM articles a;
