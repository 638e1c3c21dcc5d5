//! Full-text search over published articles. The one place where the two backends' SQL really
//! differs: SQLite's FTS5 (bm25, `snippet`) and PostgreSQL's tsvector (`ts_rank_cd`,
//! `ts_headline`). Both are written in the article's own transaction (see `import_in!`).

use chrono::{DateTime, Utc};

use super::articles::{CARD_COLUMNS, CardRow};
use super::{Pools, Result, Store};
use crate::domain::ArticleCard;
use crate::domain::search::SearchQuery;

/// Writes an article's row of the search index inside the caller's transaction. FTS5 folds
/// case and accents itself; PostgreSQL is given accent-folded text to build its tsvector from,
/// so both backends match alike.
macro_rules! index_article {
    ($tx:ident, $backend:expr, $id:expr, $title:expr, $summary:expr, $body:expr, $tags:expr, $authors:expr) => {{
        use $crate::domain::search::fold;
        if $backend == $crate::store::Backend::Postgres {
            sqlx::query(
                "INSERT INTO article_search (article_id, body_text, document) \
                 VALUES ($1, $2, setweight(to_tsvector('simple', $3), 'A') \
                 || setweight(to_tsvector('simple', $4), 'B') \
                 || setweight(to_tsvector('simple', $5), 'B') \
                 || setweight(to_tsvector('simple', $6), 'C'))",
            )
            .bind($id)
            .bind($body)
            .bind(fold($title))
            .bind(fold($summary))
            .bind(fold(&format!("{} {}", $tags, $authors)))
            .bind(fold($body))
            .execute(&mut *$tx)
            .await?;
        } else {
            sqlx::query(
                "INSERT INTO article_search (rowid, title, summary, body, tags, authors) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind($id)
            .bind($title)
            .bind($summary)
            .bind($body)
            .bind($tags)
            .bind($authors)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}
pub(crate) use index_article;

/// Snippet highlights are marked with these control characters by the database, then turned
/// into `<mark>` after the text is escaped.
pub const MARK_START: char = '\u{2}';
pub const MARK_END: char = '\u{3}';

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SearchSort {
    #[default]
    Relevance,
    Newest,
}

#[derive(Clone, Debug, Default)]
pub struct SearchFilter {
    pub section_id: Option<i64>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub sort: SearchSort,
    pub limit: u32,
    pub offset: u32,
    /// Rank only the newest this-many matches (`None`: all of them). Scoring every match of a
    /// very common word would cost the whole index on each search; for news the newest
    /// matches are the ones worth ranking. See [`DEFAULT_CANDIDATES`].
    pub candidates: Option<u32>,
}

/// The default candidate cap for reader searches without a date range.
pub const DEFAULT_CANDIDATES: u32 = 2000;

pub struct SearchHit {
    pub card: ArticleCard,
    /// Plain text with [`MARK_START`]/[`MARK_END`] around the matched words.
    pub snippet: String,
}

#[derive(sqlx::FromRow)]
struct HitRow {
    #[sqlx(flatten)]
    card: CardRow,
    snippet: String,
}

impl Store {
    /// Published articles matching `query`, best first (or newest first), one page.
    pub async fn search(
        &self,
        query: &SearchQuery,
        filter: &SearchFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<SearchHit>> {
        if query.is_empty() {
            return Ok(Vec::new());
        }
        // $1 query, $2 now, $3 section, $4 from, $5 until, $6 limit, $7 offset; absent filters
        // bind values that match everything, so the statement text stays the same.
        let section = filter.section_id.unwrap_or(0);
        let from = filter.from.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        let until = filter.until.unwrap_or(now);
        let filters = "a.published_at <= $2 AND ($3 = 0 OR a.section_id = $3) \
                       AND a.published_at >= $4 AND a.published_at <= $5";
        let candidates = filter.candidates.map_or(i64::MAX, i64::from);
        self.count_query();
        let rows: Vec<HitRow> = match &self.pools {
            Pools::Sqlite { read, .. } => {
                let (order, outer_order) = match filter.sort {
                    SearchSort::Relevance => (
                        "score, a.published_at DESC",
                        "hits.score, hits.published_at DESC",
                    ),
                    SearchSort::Newest => (
                        "a.published_at DESC, a.id DESC",
                        "hits.published_at DESC, hits.id DESC",
                    ),
                };
                // The newest matches first (FTS5 walks its index by rowid, scoring only what
                // it returns), then rank those; snippets only for the page's rows.
                let sql = format!(
                    "WITH candidates AS (SELECT rowid AS id, \
                       bm25(article_search, 10.0, 4.0, 1.0, 5.0, 3.0) AS score \
                       FROM article_search WHERE article_search MATCH $1 ORDER BY rowid DESC LIMIT $8), \
                     hits AS (SELECT a.id, a.published_at, c.score FROM candidates c \
                       JOIN articles a ON a.id = c.id \
                       WHERE {filters} ORDER BY {order} LIMIT $6 OFFSET $7) \
                     SELECT {CARD_COLUMNS}, snippet(article_search, 2, char(2), char(3), '…', 24) AS snippet \
                     FROM hits JOIN article_search ON article_search.rowid = hits.id \
                     JOIN articles a ON a.id = hits.id JOIN sections s ON s.id = a.section_id \
                     WHERE article_search MATCH $1 ORDER BY {outer_order}"
                );
                sqlx::query_as(&sql)
                    .bind(query.to_fts5())
                    .bind(now)
                    .bind(section)
                    .bind(from)
                    .bind(until)
                    .bind(i64::from(filter.limit))
                    .bind(i64::from(filter.offset))
                    .bind(candidates)
                    .fetch_all(read)
                    .await?
            }
            Pools::Postgres(pool) => {
                let order = match filter.sort {
                    SearchSort::Relevance => "rank DESC, published_at DESC",
                    SearchSort::Newest => "published_at DESC, id DESC",
                };
                // The headline is computed for the page of hits only, outside the ranking query.
                let sql = format!(
                    "SELECT hit.*, ts_headline('simple', hit.body_text, to_tsquery('simple', $1), $8) AS snippet \
                     FROM (SELECT {CARD_COLUMNS}, x.body_text, \
                           ts_rank_cd(x.document, to_tsquery('simple', $1), 1) AS rank \
                           FROM (SELECT article_id FROM article_search \
                                 WHERE document @@ to_tsquery('simple', $1) \
                                 ORDER BY article_id DESC LIMIT $9) c \
                           JOIN article_search x ON x.article_id = c.article_id \
                           JOIN articles a ON a.id = x.article_id \
                           JOIN sections s ON s.id = a.section_id \
                           WHERE {filters} \
                           ORDER BY {order} LIMIT $6 OFFSET $7) hit \
                     ORDER BY {order}"
                );
                sqlx::query_as(&sql)
                    .bind(query.to_tsquery())
                    .bind(now)
                    .bind(section)
                    .bind(from)
                    .bind(until)
                    .bind(i64::from(filter.limit))
                    .bind(i64::from(filter.offset))
                    .bind(format!(
                        "StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \""
                    ))
                    .bind(candidates)
                    .fetch_all(pool)
                    .await?
            }
        };
        let snippets: Vec<String> = rows.iter().map(|r| r.snippet.clone()).collect();
        let cards = self
            .attach_bylines(rows.into_iter().map(|r| r.card).collect())
            .await?;
        Ok(cards
            .into_iter()
            .zip(snippets)
            .map(|(card, snippet)| SearchHit { card, snippet })
            .collect())
    }
}
