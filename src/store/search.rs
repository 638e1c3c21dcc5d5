//! Full-text search over published articles. The one place where the two backends' SQL really
//! differs: SQLite's FTS5 (bm25, `snippet`) and PostgreSQL's tsvector (`ts_rank_cd`,
//! `ts_headline`). Both are written in the article's own transaction.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::articles::{CARD_COLUMNS, CardRow};
use super::{Backend, Error, Pools, Result, Store, Tx, query};
use crate::domain::ArticleCard;
use crate::domain::locale::LanguageTag;
use crate::domain::search::SearchQuery;
use crate::domain::search::{FOLD_VERSION, fold, text_search_config};

/// The text of an article the search index is built from.
pub(crate) struct IndexedText<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub tags: &'a str,
    pub authors: &'a str,
}

/// The text-search configuration the index was built with, as PostgreSQL takes it: the one
/// recorded by [`Store::use_search_language`], so a command-line import writes rows the
/// serving processes' queries match.
const CONFIG: &str =
    "(SELECT CAST(search_config AS regconfig) FROM search_index_state WHERE id = 1)";

/// Writes an article's row of the search index inside the caller's transaction. FTS5 folds
/// case and accents itself; PostgreSQL is given accent-folded text to build its tsvector from,
/// with the site language's stemming, so both backends match alike.
pub(crate) async fn index_article(tx: &mut Tx, id: i64, text: &IndexedText<'_>) -> Result<()> {
    if tx.backend() == Backend::Postgres {
        query(&format!(
            "INSERT INTO article_search (article_id, body_text, document) \
             SELECT $1, $2, setweight(to_tsvector(c.cfg, $3), 'A') \
             || setweight(to_tsvector(c.cfg, $4), 'B') \
             || setweight(to_tsvector(c.cfg, $5), 'B') \
             || setweight(to_tsvector(c.cfg, $6), 'C') \
             FROM (SELECT {CONFIG} AS cfg) c"
        ))
        .bind(id)
        .bind(text.body)
        .bind(fold(text.title))
        .bind(fold(text.summary))
        .bind(fold(&format!("{} {}", text.tags, text.authors)))
        .bind(fold(text.body))
        .execute(tx)
        .await?;
    } else {
        query(
            "INSERT INTO article_search (rowid, title, summary, body, tags, authors) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(text.title)
        .bind(text.summary)
        .bind(text.body)
        .bind(text.tags)
        .bind(text.authors)
        .execute(tx)
        .await?;
    }
    Ok(())
}

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
    /// Rank only the newest this-many matches within the filters (`None`: all of them).
    /// Scoring every match of a very common word would cost the whole index on each search;
    /// for news the newest matches are the ones worth ranking. See [`DEFAULT_CANDIDATES`].
    pub candidates: Option<u32>,
    /// How long the search may run before it is stopped (`None`: [`SEARCH_TIMEOUT`]).
    pub timeout: Option<Duration>,
}

/// The candidate cap for reader searches, with or without filters: the filters narrow the
/// candidates, so a date range still reaches its own newest matches.
pub const DEFAULT_CANDIDATES: u32 = 2000;

/// A search still running after this is stopped (PostgreSQL's `statement_timeout`, SQLite's
/// progress handler): the query limits bound the work, and this bounds what they miss.
pub const SEARCH_TIMEOUT: Duration = Duration::from_secs(2);

/// SQLite virtual-machine steps between looks at the clock while a search runs.
const SQLITE_STEPS_PER_CHECK: i32 = 1_000;

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

/// Rebuilds every article's row of the search index from the article, its tags and bylines,
/// as writing the article does, a batch of articles at a time.
pub(crate) async fn reindex_all(tx: &mut Tx) -> Result<()> {
    query("DELETE FROM article_search")
        .execute(&mut *tx)
        .await?;
    let mut after = 0i64;
    loop {
        let batch: Vec<(i64, String, String, String)> = query(
            "SELECT id, title, summary, body_source FROM articles WHERE id > $1 \
             ORDER BY id LIMIT 500",
        )
        .bind(after)
        .fetch_all(&mut *tx)
        .await?;
        let Some(last) = batch.last() else { break };
        let last = last.0;
        let names: Vec<(i64, String, i64)> = query(
            "SELECT x.article_id, t.name, 0 FROM article_tags x JOIN tags t ON t.id = x.tag_id \
             WHERE x.article_id > $1 AND x.article_id <= $2 \
             UNION ALL \
             SELECT x.article_id, au.name, 1 + CAST(x.position AS BIGINT) FROM article_authors x \
             JOIN authors au ON au.id = x.author_id \
             WHERE x.article_id > $1 AND x.article_id <= $2 \
             ORDER BY 1, 3, 2",
        )
        .bind(after)
        .bind(last)
        .fetch_all(&mut *tx)
        .await?;
        for (id, title, summary, body_source) in batch {
            let of = |bylines: bool| {
                names
                    .iter()
                    .filter(|(a, _, k)| *a == id && (*k > 0) == bylines)
                    .map(|(_, n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let (tags, authors) = (of(false), of(true));
            let body = crate::domain::search::markdown_text(&body_source);
            let text = IndexedText {
                title: &title,
                summary: &summary,
                body: &body,
                tags: &tags,
                authors: &authors,
            };
            index_article(&mut *tx, id, &text).await?;
        }
        after = last;
    }
    Ok(())
}

/// Rebuilds the search index when the text it holds was folded by an older
/// [`crate::domain::search::fold`] than this binary's, once, at start-up: queries are folded by
/// the new one, so old rows would miss words such as "Erdős". On PostgreSQL the row lock makes
/// several processes starting together rebuild it once.
pub(crate) async fn refold_if_stale(tx: &mut Tx) -> Result<bool> {
    let sql = match tx.backend() {
        Backend::Sqlite => "SELECT fold_version FROM search_index_state WHERE id = 1",
        Backend::Postgres => "SELECT fold_version FROM search_index_state WHERE id = 1 FOR UPDATE",
    };
    let indexed: i64 = query(sql).scalar(&mut *tx).await?;
    if indexed >= FOLD_VERSION {
        return Ok(false);
    }
    reindex_all(tx).await?;
    query("UPDATE search_index_state SET fold_version = $1 WHERE id = 1")
        .bind(FOLD_VERSION)
        .execute(&mut *tx)
        .await?;
    Ok(true)
}

impl Store {
    /// Makes the search index follow the site's language (`domain::search::text_search_config`):
    /// on PostgreSQL, a language whose configuration did not build the index rebuilds it (at
    /// start-up, once: the row lock makes processes starting together wait for the first).
    /// SQLite's tokenizer does not depend on the language. True when the index was rebuilt.
    pub async fn use_search_language(&self, lang: &LanguageTag) -> Result<bool> {
        if self.backend() == Backend::Sqlite {
            return Ok(false);
        }
        let wanted = text_search_config(lang);
        let mut tx = self.begin().await?;
        let built: String =
            query("SELECT search_config FROM search_index_state WHERE id = 1 FOR UPDATE")
                .scalar(&mut tx)
                .await?;
        if built == wanted {
            return Ok(false);
        }
        query("UPDATE search_index_state SET search_config = $1 WHERE id = 1")
            .bind(wanted)
            .execute(&mut tx)
            .await?;
        reindex_all(&mut tx).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Published articles matching `query`, best first (or newest first), one page; `None`
    /// when the search ran past its time limit and was stopped.
    pub async fn search(
        &self,
        query: &SearchQuery,
        filter: &SearchFilter,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<SearchHit>>> {
        if query.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let timeout = filter.timeout.unwrap_or(SEARCH_TIMEOUT);
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
                // The newest matches within the filters first (FTS5 walks its index by rowid,
                // scoring only what it returns), then rank those; snippets only for the page's
                // rows.
                let sql = format!(
                    "WITH candidates AS (SELECT article_search.rowid AS id, \
                       bm25(article_search, 10.0, 4.0, 1.0, 5.0, 3.0) AS score \
                       FROM article_search JOIN articles a ON a.id = article_search.rowid \
                       WHERE article_search MATCH $1 AND {filters} \
                       ORDER BY article_search.rowid DESC LIMIT $8), \
                     hits AS (SELECT a.id, a.published_at, c.score FROM candidates c \
                       JOIN articles a ON a.id = c.id \
                       ORDER BY {order} LIMIT $6 OFFSET $7) \
                     SELECT {CARD_COLUMNS}, snippet(article_search, 2, char(2), char(3), '…', 24) AS snippet \
                     FROM hits JOIN article_search ON article_search.rowid = hits.id \
                     JOIN articles a ON a.id = hits.id JOIN sections s ON s.id = a.section_id \
                     WHERE article_search MATCH $1 ORDER BY {outer_order}"
                );
                let mut reader = super::readers::get(read).await?;
                // Interrupted (SQLITE_INTERRUPT) once the time is up; the handler is removed
                // before the connection goes back to the pool (a search dropped half-way leaves
                // it marked, and the pool closes it).
                let deadline = Instant::now() + timeout;
                reader.progress_handler = true;
                let conn = &mut reader.conn;
                conn.lock_handle()
                    .await?
                    .set_progress_handler(SQLITE_STEPS_PER_CHECK, move || {
                        Instant::now() < deadline
                    });
                let rows = super::query(&sql)
                    .bind(query.to_fts5())
                    .bind(now)
                    .bind(section)
                    .bind(from)
                    .bind(until)
                    .bind(i64::from(filter.limit))
                    .bind(i64::from(filter.offset))
                    .bind(candidates)
                    .fetch_all(&mut *conn)
                    .await;
                reader.conn.lock_handle().await?.remove_progress_handler();
                reader.progress_handler = false;
                match rows {
                    Err(Error::Database(sqlx::Error::Database(e)))
                        if e.code().as_deref() == Some("9") =>
                    {
                        tracing::info!("search stopped at its time limit");
                        return Ok(None);
                    }
                    other => other?,
                }
            }
            Pools::Postgres(pool) => {
                let order = match filter.sort {
                    SearchSort::Relevance => "rank DESC, published_at DESC",
                    SearchSort::Newest => "published_at DESC, id DESC",
                };
                // The headline is computed for the page of hits only, outside the ranking query.
                let sql = format!(
                    "SELECT hit.*, ts_headline({CONFIG}, hit.body_text, to_tsquery({CONFIG}, $1), $8) AS snippet \
                     FROM (SELECT {CARD_COLUMNS}, x.body_text, \
                           ts_rank_cd(x.document, to_tsquery({CONFIG}, $1), 1) AS rank \
                           FROM (SELECT m.article_id FROM article_search m \
                                 JOIN articles a ON a.id = m.article_id \
                                 WHERE m.document @@ to_tsquery({CONFIG}, $1) AND {filters} \
                                 ORDER BY m.article_id DESC LIMIT $9) c \
                           JOIN article_search x ON x.article_id = c.article_id \
                           JOIN articles a ON a.id = x.article_id \
                           JOIN sections s ON s.id = a.section_id \
                           ORDER BY {order} LIMIT $6 OFFSET $7) hit \
                     ORDER BY {order}"
                );
                // The time limit holds for this transaction only (`set_config(…, true)`).
                let mut tx = pool.begin().await?;
                super::query("SELECT set_config('statement_timeout', $1, true)")
                    .bind(format!("{}ms", timeout.as_millis().max(1)))
                    .execute(&mut *tx)
                    .await?;
                let rows = super::query(&sql)
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
                    .fetch_all(&mut *tx)
                    .await;
                match rows {
                    // query_canceled: the statement timeout.
                    Err(Error::Database(sqlx::Error::Database(e)))
                        if e.code().as_deref() == Some("57014") =>
                    {
                        tracing::info!("search stopped at its time limit");
                        return Ok(None);
                    }
                    other => other?,
                }
            }
        };
        let snippets: Vec<String> = rows.iter().map(|r| r.snippet.clone()).collect();
        let cards = self
            .attach_bylines(rows.into_iter().map(|r| r.card).collect())
            .await?;
        Ok(Some(
            cards
                .into_iter()
                .zip(snippets)
                .map(|(card, snippet)| SearchHit { card, snippet })
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{NewArticle, Slug};
    use crate::store::ConnectOptions;

    /// The progress handler stops a search whose time is up (a zero limit: at its first look at
    /// the clock, a fixed number of steps in), and goes with it: the connection searches again.
    #[tokio::test]
    async fn sqlite_stops_a_search_at_its_time_limit() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/t.db", dir.path().display());
        let opts = ConnectOptions {
            max_connections: 1,
            ..ConnectOptions::default()
        };
        let store = Store::open(&url, &opts).await.unwrap();
        let now = Utc::now();
        let articles: Vec<NewArticle> = (0..300)
            .map(|i| NewArticle {
                slug: Slug::parse(&format!("beacon-{i}")).unwrap(),
                title: format!("Beacon report {i}"),
                summary: "A beacon was seen.".into(),
                body_source: "The beacon on the headland was lit again tonight.".into(),
                section: "Science".into(),
                authors: vec!["Ana Ruiz".into()],
                tags: vec![],
                published_at: Some(now - chrono::Duration::minutes(i + 1)),
                updated_at: None,
                image: None,
            })
            .collect();
        store.import_articles(&articles, now).await.unwrap();
        let query = SearchQuery::parse("beacon");
        let within = SearchFilter {
            limit: 10,
            candidates: Some(DEFAULT_CANDIDATES),
            ..SearchFilter::default()
        };
        let found = store.search(&query, &within, now).await.unwrap();
        assert_eq!(found.map(|h| h.len()), Some(10));
        let no_time = SearchFilter {
            timeout: Some(Duration::ZERO),
            ..within.clone()
        };
        assert!(store.search(&query, &no_time, now).await.unwrap().is_none());
        let found = store.search(&query, &within, now).await.unwrap();
        assert_eq!(found.map(|h| h.len()), Some(10));
    }
}
