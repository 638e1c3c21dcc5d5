-- Full-text search over articles, in the database: an FTS5 table keyed by the article id,
-- written in the same transaction as the article. Columns in ranking order of weight.
CREATE VIRTUAL TABLE article_search USING fts5(
    title, summary, body, tags, authors,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO article_search (rowid, title, summary, body, tags, authors)
SELECT a.id, a.title, a.summary, a.body_source,
       COALESCE((SELECT group_concat(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id
                 WHERE x.article_id = a.id), ''),
       COALESCE((SELECT group_concat(au.name, ' ') FROM article_authors x JOIN authors au ON au.id = x.author_id
                 WHERE x.article_id = a.id), '')
FROM articles a;
