//! Articles: the reading paths (a page is a fixed, small number of indexed queries) and the
//! transactional import.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

mod write;

pub(crate) use write::{attach, insert_articles};

use super::{Result, Store, query};
use crate::domain::{
    ArticleCard, ArticleDetail, ArticleFilter, Byline, Cursor, FeaturedImage, ListScope,
    RelatedLink,
};

/// Related picks: how many of each tag's newest articles are considered when an article is
/// written, how many of its section's newest (the fallback for untagged articles), how many
/// picks are kept, and how many back-links (newer articles that picked it) a page reads. All
/// fixed, so neither writing nor reading grows with the site or with a tag's popularity.
const RELATED_SCAN_PER_TAG: usize = 100;
const RELATED_SCAN_SECTION: usize = 20;
const RELATED_KEEP: usize = 8;
const RELATED_BACK_LINKS: i64 = 8;

#[derive(sqlx::FromRow)]
pub(crate) struct CardRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    published_at: DateTime<Utc>,
    updated_at: Option<DateTime<Utc>>,
    comment_count: i64,
    section_slug: String,
    section_name: String,
    live_started_at: Option<DateTime<Utc>>,
    live_ended_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    #[sqlx(flatten)]
    card: CardRow,
    body_html: String,
    corrections: String,
    #[sqlx(flatten)]
    image: ImageRow,
    lang: Option<String>,
    translated: bool,
}

/// The featured-image columns; all NULL when the article has none.
#[derive(sqlx::FromRow)]
struct ImageRow {
    image_url: Option<String>,
    image_alt: Option<String>,
    image_caption: Option<String>,
}

impl ImageRow {
    fn into_image(self) -> Option<FeaturedImage> {
        Some(FeaturedImage {
            src: self.image_url?,
            alt: self.image_alt.unwrap_or_default(),
            caption: self.image_caption,
        })
    }
}

#[derive(sqlx::FromRow)]
struct BodyRow {
    id: i64,
    body_html: String,
    corrections: String,
    #[sqlx(flatten)]
    image: ImageRow,
}

#[derive(sqlx::FromRow)]
struct LabelRow {
    article_id: i64,
    kind: String,
    slug: String,
    name: String,
}

pub(crate) const CARD_COLUMNS: &str = "a.id, a.slug, a.title, a.summary, a.published_at, a.updated_at, \
     a.comment_count, s.slug AS section_slug, s.name AS section_name, a.live_started_at, \
     a.live_ended_at";

impl CardRow {
    pub(crate) fn into_card(self, authors: Vec<Byline>) -> ArticleCard {
        ArticleCard {
            id: self.id,
            slug: self.slug,
            title: self.title,
            summary: self.summary,
            published_at: self.published_at,
            updated_at: self.updated_at,
            comment_count: self.comment_count,
            section: Byline {
                slug: self.section_slug,
                name: self.section_name,
            },
            authors,
            coverage: crate::domain::live::Coverage::of(self.live_started_at, self.live_ended_at),
        }
    }
}

/// The listing query for a scope. Built only from constant fragments; every value is bound.
/// `$1` now, `$2`/`$3` the keyset cursor, `$4` the limit, `$5` the scope's id.
fn list_sql(scope: ListScope) -> String {
    let scope_join = match scope {
        ListScope::All | ListScope::Section(_) => "",
        ListScope::Tag(_) => "JOIN article_tags x ON x.article_id = a.id AND x.tag_id = $5",
        ListScope::Author(_) => {
            "JOIN article_authors x ON x.article_id = a.id AND x.author_id = $5"
        }
    };
    let scope_where = match scope {
        ListScope::Section(_) => "AND a.section_id = $5",
        _ => "",
    };
    format!(
        "SELECT {CARD_COLUMNS} FROM articles a JOIN sections s ON s.id = a.section_id {scope_join} \
         WHERE a.published_at <= $1 AND (a.published_at, a.id) < ($2, $3) {scope_where} \
         ORDER BY a.published_at DESC, a.id DESC LIMIT $4"
    )
}

impl Store {
    /// Published articles of a scope, newest first, one page after the filter's cursor.
    /// Two queries whatever the page: the cards, then the bylines of all of them.
    pub async fn list_articles(
        &self,
        filter: &ArticleFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<ArticleCard>> {
        let sql = list_sql(filter.scope);
        let (before_at, before_id) = match filter.before {
            Some(c) => (c.published_at, c.id),
            None => (now, i64::MAX),
        };
        let scope_id = match filter.scope {
            ListScope::All => None,
            ListScope::Section(id) | ListScope::Tag(id) | ListScope::Author(id) => Some(id),
        };
        let rows: Vec<CardRow> = {
            let mut q = query(&sql)
                .bind(now)
                .bind(before_at)
                .bind(before_id)
                .bind(i64::from(filter.limit));
            if let Some(id) = scope_id {
                q = q.bind(id);
            }
            q.fetch_all(self.read()).await?
        };
        self.attach_bylines(rows).await
    }

    /// Whether `cursor` is where a page of the listing `scope` ends: a published article of
    /// that listing, at that time. The page cache keeps the next page only for such a cursor
    /// (the site's own "Older stories" links), not for any time and id a stranger makes up.
    pub async fn lists_at(
        &self,
        scope: ListScope,
        cursor: Cursor,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let (scope_join, scope_where) = match scope {
            ListScope::All => ("", ""),
            ListScope::Section(_) => ("", "AND a.section_id = $3"),
            ListScope::Tag(_) => (
                "JOIN article_tags x ON x.article_id = a.id AND x.tag_id = $3",
                "",
            ),
            ListScope::Author(_) => (
                "JOIN article_authors x ON x.article_id = a.id AND x.author_id = $3",
                "",
            ),
        };
        let scope_id = match scope {
            ListScope::All => 0,
            ListScope::Section(id) | ListScope::Tag(id) | ListScope::Author(id) => id,
        };
        let sql = format!(
            "SELECT a.published_at FROM articles a {scope_join} \
             WHERE a.id = $1 AND a.published_at <= $2 AND $3 = $3 {scope_where}"
        );
        let row: Option<(DateTime<Utc>,)> = query(&sql)
            .bind(cursor.id)
            .bind(now)
            .bind(scope_id)
            .fetch_optional(self.read())
            .await?;
        // Compared as the cursor encodes it, to the microsecond.
        Ok(
            row.is_some_and(|(at,)| {
                at.timestamp_micros() == cursor.published_at.timestamp_micros()
            }),
        )
    }

    /// The newest articles of each of the given sections (at most `per_section` each), in one
    /// query: a UNION of small index range scans, one per section.
    pub async fn latest_by_section(
        &self,
        section_ids: &[i64],
        per_section: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<ArticleCard>> {
        if section_ids.is_empty() {
            return Ok(Vec::new());
        }
        let parts: Vec<String> = (0..section_ids.len())
            .map(|i| {
                format!(
                    "SELECT * FROM (SELECT {CARD_COLUMNS} FROM articles a \
                     JOIN sections s ON s.id = a.section_id \
                     WHERE a.section_id = ${} AND a.published_at <= $1 \
                     ORDER BY a.published_at DESC, a.id DESC LIMIT $2) AS part{i}",
                    i + 3
                )
            })
            .collect();
        let sql = parts.join(" UNION ALL ");
        let rows: Vec<CardRow> = {
            let mut q = query(&sql).bind(now).bind(i64::from(per_section));
            for id in section_ids {
                q = q.bind(*id);
            }
            q.fetch_all(self.read()).await?
        };
        self.attach_bylines(rows).await
    }

    /// The most-commented articles published since `since`.
    pub async fn most_discussed(
        &self,
        since: DateTime<Utc>,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<ArticleCard>> {
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM articles a JOIN sections s ON s.id = a.section_id \
             WHERE a.published_at <= $1 AND a.published_at >= $2 AND a.comment_count > 0 \
             ORDER BY a.comment_count DESC, a.published_at DESC LIMIT $3"
        );
        let rows: Vec<CardRow> = query(&sql)
            .bind(now)
            .bind(since)
            .bind(i64::from(limit))
            .fetch_all(self.read())
            .await?;
        self.attach_bylines(rows).await
    }

    /// One published article with its section, authors and tags: two indexed queries.
    pub async fn published_article(
        &self,
        slug: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<ArticleDetail>> {
        let sql = format!(
            "SELECT {CARD_COLUMNS}, a.body_html, a.corrections, a.image_url, a.image_alt, \
             a.image_caption, a.lang, \
             EXISTS (SELECT 1 FROM article_translations t WHERE t.article_id = a.id) AS translated \
             FROM articles a JOIN sections s ON s.id = a.section_id \
             WHERE a.slug = $1 AND a.published_at <= $2"
        );
        let row: Option<DetailRow> = query(&sql)
            .bind(slug)
            .bind(now)
            .fetch_optional(self.read())
            .await?;
        let Some(row) = row else { return Ok(None) };
        let mut labels = self.labels(&[row.card.id], true).await?;
        let (authors, tags) = labels.remove(&row.card.id).unwrap_or_default();
        Ok(Some(ArticleDetail {
            card: row.card.into_card(authors),
            body_html: row.body_html,
            tags,
            image: row.image.into_image(),
            corrections: crate::domain::newsroom::parse_corrections(&row.corrections),
            languages: crate::domain::article::ArticleLanguages {
                own: row.lang,
                translated: row.translated,
            },
        }))
    }

    /// Up to `limit` published articles related to article `id`, best first: its own picks and
    /// the newer articles that picked it, in one query of two index range scans with a LIMIT
    /// each, whatever the size of the site or of its tags.
    pub async fn related_articles(
        &self,
        id: i64,
        limit: usize,
        now: DateTime<Utc>,
    ) -> Result<Vec<RelatedLink>> {
        let rows: Vec<(i64, String, String)> = query(
            "SELECT a.id, a.slug, a.title FROM (\
                 SELECT related_id AS id, score FROM article_related WHERE article_id = $1 \
                 UNION ALL SELECT * FROM (SELECT r.article_id AS id, r.score \
                 FROM article_related r JOIN articles b ON b.id = r.article_id \
                 WHERE r.related_id = $1 AND b.published_at <= $2 \
                 ORDER BY r.score DESC, r.article_id DESC LIMIT $3) AS back\
                 ) AS r JOIN articles a ON a.id = r.id \
                 WHERE a.published_at <= $2 \
                 ORDER BY r.score DESC, a.published_at DESC, a.id DESC",
        )
        .bind(id)
        .bind(now)
        .bind(RELATED_BACK_LINKS)
        .fetch_all(self.read())
        .await?;
        // An article that picked this one and was picked by it comes twice: keep the first.
        let mut seen = std::collections::HashSet::new();
        Ok(rows
            .into_iter()
            .filter(|(id, _, _)| seen.insert(*id))
            .take(limit)
            .map(|(_, slug, title)| RelatedLink { slug, title })
            .collect())
    }

    pub(crate) async fn attach_bylines(&self, rows: Vec<CardRow>) -> Result<Vec<ArticleCard>> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut labels = self.labels(&ids, false).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let authors = labels.remove(&r.id).map(|l| l.0).unwrap_or_default();
                r.into_card(authors)
            })
            .collect())
    }

    /// Authors (and, when asked, tags) of several articles in one query.
    pub(super) async fn labels(
        &self,
        article_ids: &[i64],
        with_tags: bool,
    ) -> Result<HashMap<i64, (Vec<Byline>, Vec<Byline>)>> {
        let mut out: HashMap<i64, (Vec<Byline>, Vec<Byline>)> = HashMap::new();
        if article_ids.is_empty() {
            return Ok(out);
        }
        let list = placeholders(1, article_ids.len());
        let mut sql = format!(
            "SELECT aa.article_id, 'author' AS kind, au.slug, au.name, aa.position AS ord \
             FROM article_authors aa JOIN authors au ON au.id = aa.author_id \
             WHERE aa.article_id IN ({list})"
        );
        if with_tags {
            sql.push_str(&format!(
                " UNION ALL SELECT at.article_id, 'tag' AS kind, t.slug, t.name, 0 AS ord \
                 FROM article_tags at JOIN tags t ON t.id = at.tag_id \
                 WHERE at.article_id IN ({list})"
            ));
        }
        sql.push_str(" ORDER BY 1, 2, 5, 4");
        let rows: Vec<LabelRow> = {
            let mut q = query(&sql);
            for id in article_ids {
                q = q.bind(*id);
            }
            q.fetch_all(self.read()).await?
        };
        for row in rows {
            let entry = out.entry(row.article_id).or_default();
            let label = Byline {
                slug: row.slug,
                name: row.name,
            };
            if row.kind == "author" {
                entry.0.push(label);
            } else {
                entry.1.push(label);
            }
        }
        Ok(out)
    }

    /// How many articles exist (published or not). For start-up decisions, not for pages.
    pub async fn article_count(&self) -> Result<i64> {
        let (n,): (i64,) = query("SELECT COUNT(*) FROM articles")
            .fetch_one(self.read())
            .await?;
        Ok(n)
    }
}

/// `$first, $first+1, …` for `n` values.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// The slug of an article and whether it is published at `now`.
    pub async fn article_slug(
        &self,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<(String, bool)>> {
        let row: Option<(String, Option<DateTime<Utc>>)> =
            query("SELECT slug, published_at FROM articles WHERE id = $1")
                .bind(id)
                .fetch_optional(self.read())
                .await?;
        Ok(row.map(|(slug, p)| (slug, p.is_some_and(|p| p <= now))))
    }
}

impl Store {
    /// The newest published articles of a scope with their bodies, images and tags, for feeds:
    /// three queries (cards, bodies, labels) whatever the scope.
    pub async fn recent_with_bodies(
        &self,
        scope: ListScope,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<ArticleDetail>> {
        let cards = self
            .list_articles(
                &ArticleFilter {
                    scope,
                    before: None,
                    limit,
                },
                now,
            )
            .await?;
        if cards.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = cards.iter().map(|c| c.id).collect();
        let sql = format!(
            "SELECT id, body_html, corrections, image_url, image_alt, image_caption \
             FROM articles WHERE id IN ({})",
            placeholders(1, ids.len())
        );
        let bodies: Vec<BodyRow> = {
            let mut q = query(&sql);
            for id in &ids {
                q = q.bind(*id);
            }
            q.fetch_all(self.read()).await?
        };
        type Body = (String, Option<FeaturedImage>, String);
        let mut bodies: HashMap<i64, Body> = bodies
            .into_iter()
            .map(|b| (b.id, (b.body_html, b.image.into_image(), b.corrections)))
            .collect();
        let mut labels = self.labels(&ids, true).await?;
        Ok(cards
            .into_iter()
            .map(|card| {
                let tags = labels.remove(&card.id).map(|l| l.1).unwrap_or_default();
                let (body_html, image, corrections) = bodies.remove(&card.id).unwrap_or_default();
                ArticleDetail {
                    body_html,
                    tags,
                    image,
                    corrections: crate::domain::newsroom::parse_corrections(&corrections),
                    languages: Default::default(),
                    card,
                }
            })
            .collect())
    }

    /// Published articles with ids in `(after, up_to]`, oldest first, for a sitemap page: an
    /// index range scan, so page 40 costs what page 1 does.
    pub async fn sitemap_entries(
        &self,
        after: i64,
        up_to: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<(String, DateTime<Utc>)>> {
        let rows: Vec<(String, DateTime<Utc>, Option<DateTime<Utc>>)> = query(
            "SELECT slug, published_at, updated_at FROM articles \
                 WHERE id > $1 AND id <= $2 AND published_at <= $3 ORDER BY id",
        )
        .bind(after)
        .bind(up_to)
        .bind(now)
        .fetch_all(self.read())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(slug, p, u)| (slug, u.filter(|u| *u > p).unwrap_or(p)))
            .collect())
    }

    /// The largest article id (0 when there are none): how many sitemap pages exist.
    pub async fn max_article_id(&self) -> Result<i64> {
        let (n,): (Option<i64>,) = query("SELECT MAX(id) FROM articles")
            .fetch_one(self.read())
            .await?;
        Ok(n.unwrap_or(0))
    }
}
