//! Writing articles: imports, publishing and replacing, with what hangs off each article (bylines,
//! tags, its search-index row, its related picks), each in one transaction.

use chrono::{DateTime, Utc};

use super::{RELATED_KEEP, RELATED_SCAN_PER_TAG, RELATED_SCAN_SECTION, placeholders};
use crate::domain::NewArticle;
use crate::store::search::{IndexedText, index_article};
use crate::store::{Backend, Error, Result, Store, Tx, query, taxonomy};

/// Writes what hangs off an article row (authors, tags, its search-index row, its related
/// picks) inside the caller's transaction: for a new article, and again for a replaced one.
pub(crate) async fn attach(
    tx: &mut Tx,
    article_id: i64,
    section_id: i64,
    a: &NewArticle,
    now: DateTime<Utc>,
) -> Result<()> {
    for (position, name) in a.authors.iter().enumerate() {
        let author_id = taxonomy::upsert_author(&mut *tx, name, now).await?;
        query(
            "INSERT INTO article_authors (article_id, author_id, position) \
             VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(article_id)
        .bind(author_id)
        .bind(position as i32)
        .execute(&mut *tx)
        .await?;
    }
    let mut tag_ids = Vec::with_capacity(a.tags.len());
    for name in &a.tags {
        let tag_id = taxonomy::upsert_tag(&mut *tx, name).await?;
        tag_ids.push(tag_id);
        query(
            "INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING",
        )
        .bind(article_id)
        .bind(tag_id)
        .execute(&mut *tx)
        .await?;
    }
    // The search index, in the same transaction: nothing to rebuild or sync.
    let body =
        crate::domain::search::markdown_text(&crate::domain::blocks::searchable(&a.body_source));
    let (tags, authors) = (a.tags.join(" "), a.authors.join(" "));
    let text = IndexedText {
        title: &a.title,
        summary: &a.summary,
        body: &body,
        tags: &tags,
        authors: &authors,
    };
    index_article(&mut *tx, article_id, &text).await?;
    // Related picks, in the same transaction, from a bounded candidate scan.
    let related_sql = related_picks_sql(tag_ids.len());
    let mut q = query(&related_sql).bind(article_id).bind(section_id);
    for tag_id in &tag_ids {
        q = q.bind(*tag_id);
    }
    q.execute(tx).await?;
    Ok(())
}

/// Writes new articles inside the caller's transaction; their ids.
pub(crate) async fn insert_articles(
    tx: &mut Tx,
    articles: &[NewArticle],
    now: DateTime<Utc>,
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(articles.len());
    for a in articles {
        let section_id = taxonomy::upsert_section(&mut *tx, &a.section, now).await?;
        let body_html = crate::store::blocks::render_body(&mut *tx, &a.body_source).await?;
        let inserted = query(
            "INSERT INTO articles (slug, title, summary, body_source, body_html, section_id, \
             workflow, published_at, updated_at, created_at, modified_at, \
             image_url, image_alt, image_caption) \
             VALUES ($1, $2, $3, $4, $5, $6, 'approved', $7, $8, $9, $9, $10, $11, $12) \
             RETURNING id",
        )
        .bind(a.slug.as_str())
        .bind(&a.title)
        .bind(&a.summary)
        .bind(&a.body_source)
        .bind(&body_html)
        .bind(section_id)
        .bind(a.published_at)
        .bind(a.updated_at)
        .bind(now)
        .bind(a.image.as_ref().map(|i| i.src.as_str()))
        .bind(a.image.as_ref().map(|i| i.alt.as_str()))
        .bind(a.image.as_ref().and_then(|i| i.caption.as_deref()))
        .scalar::<i64>(&mut *tx)
        .await;
        let article_id = inserted.map_err(|e| match e {
            e if e.is_duplicate("articles", &["slug"]) => Error::Conflict(format!(
                "an article with the slug `{}` already exists",
                a.slug
            )),
            other => other,
        })?;
        attach(&mut *tx, article_id, section_id, a, now).await?;
        ids.push(article_id);
    }
    Ok(ids)
}

/// Chooses and stores an article's related picks (`$1` the article, `$2` its section, `$3…`
/// its tags). Candidates are each tag's newest articles and the section's newest, found through
/// indexes with a LIMIT each; only they are scored, by 2 × tags shared (counted exactly, by
/// primary-key lookups against the bound tag ids) + 1 for the same section, most recent first
/// among equals. Unpublished articles (no date) are never picked; scheduled ones are, and the
/// page shows them once their time has come.
fn related_picks_sql(tags: usize) -> String {
    let mut parts: Vec<String> = (0..tags)
        .map(|i| {
            format!(
                "SELECT * FROM (SELECT article_id AS id FROM article_tags \
                 WHERE tag_id = ${} AND article_id <> $1 \
                 ORDER BY article_id DESC LIMIT {RELATED_SCAN_PER_TAG}) AS t{i}",
                i + 3
            )
        })
        .collect();
    parts.push(format!(
        "SELECT * FROM (SELECT id FROM articles \
         WHERE section_id = $2 AND id <> $1 AND published_at IS NOT NULL \
         ORDER BY published_at DESC, id DESC LIMIT {RELATED_SCAN_SECTION}) AS s"
    ));
    let shared = if tags == 0 {
        "0".to_owned()
    } else {
        format!(
            "(SELECT COUNT(*) FROM article_tags x WHERE x.article_id = a.id AND x.tag_id IN ({}))",
            placeholders(3, tags)
        )
    };
    format!(
        "INSERT INTO article_related (article_id, related_id, score) \
         SELECT $1, c.id, c.score FROM (SELECT a.id, a.published_at, \
         2 * {shared} + CASE WHEN a.section_id = $2 THEN 1 ELSE 0 END AS score \
         FROM articles a WHERE a.id IN ({}) AND a.published_at IS NOT NULL) AS c \
         ORDER BY c.score DESC, c.published_at DESC, c.id DESC LIMIT {RELATED_KEEP}",
        parts.join(" UNION ALL ")
    )
}

impl Store {
    /// Writes several articles in one transaction: all of them or none. Sections, authors and
    /// tags named by the articles are created when they do not exist yet. An article whose slug
    /// is taken fails the whole batch with [`Error::Conflict`] naming it.
    pub async fn import_articles(
        &self,
        articles: &[NewArticle],
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>> {
        self.import_articles_with(articles, now, &crate::store::Silent)
            .await
    }

    /// [`Store::import_articles`], telling `progress` of each article written and stopping
    /// (with nothing written) when it asks.
    pub async fn import_articles_with(
        &self,
        articles: &[NewArticle],
        now: DateTime<Utc>,
        progress: &dyn crate::store::Progress,
    ) -> Result<Vec<i64>> {
        progress.set_total(articles.len() as u64);
        let mut tx = self.begin().await?;
        let mut ids = Vec::with_capacity(articles.len());
        for a in articles {
            crate::store::progress::check(progress)?;
            ids.extend(insert_articles(&mut tx, std::slice::from_ref(a), now).await?);
            progress.advance(1);
        }
        tx.commit().await?;
        Ok(ids)
    }

    /// Writes one new article like [`Store::import_articles`], queueing the `webhook` event
    /// (name, payload) when given in the same transaction.
    pub async fn publish_article(
        &self,
        a: &NewArticle,
        now: DateTime<Utc>,
        webhook: Option<(&str, &str)>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        let out = {
            let ids = insert_articles(&mut tx, std::slice::from_ref(a), now).await?;
            if let Some((event, payload)) = webhook {
                crate::store::webhooks::enqueue(&mut tx, event, payload, now).await?;
            }
            ids[0]
        };
        tx.commit().await?;
        Ok(out)
    }

    /// Replaces the article with `a.slug` by `a` (text, section, dates, image, authors, tags),
    /// keeping its id, comments and address; its search row and related picks are rewritten in
    /// the same transaction, and so is the `webhook` event (name, payload) when given.
    /// [`Error::NotFound`] when no article has that slug.
    pub async fn replace_article(
        &self,
        a: &NewArticle,
        now: DateTime<Utc>,
        webhook: Option<(&str, &str)>,
    ) -> Result<i64> {
        let backend = self.backend();
        let mut tx = self.begin().await?;
        let out = {
            let section_id = taxonomy::upsert_section(&mut tx, &a.section, now).await?;
            let body_html = crate::store::blocks::render_body(&mut tx, &a.body_source).await?;
            let card_before: Option<(String, String)> =
                query("SELECT title, summary FROM articles WHERE slug = $1")
                    .bind(a.slug.as_str())
                    .fetch_optional(&mut tx)
                    .await?;
            let row: Option<(i64,)> = query(
                "UPDATE articles SET title = $2, summary = $3, body_source = $4, body_html = $5, \
                 section_id = $6, published_at = $7, updated_at = $8, modified_at = $9, \
                 image_url = $10, image_alt = $11, image_caption = $12 \
                 WHERE slug = $1 RETURNING id",
            )
            .bind(a.slug.as_str())
            .bind(&a.title)
            .bind(&a.summary)
            .bind(&a.body_source)
            .bind(&body_html)
            .bind(section_id)
            .bind(a.published_at)
            .bind(a.updated_at.or(Some(now)))
            .bind(now)
            .bind(a.image.as_ref().map(|i| i.src.as_str()))
            .bind(a.image.as_ref().map(|i| i.alt.as_str()))
            .bind(a.image.as_ref().and_then(|i| i.caption.as_deref()))
            .fetch_optional(&mut tx)
            .await?;
            let Some((article_id,)) = row else {
                return Err(Error::NotFound);
            };
            for sql in [
                "DELETE FROM article_authors WHERE article_id = $1",
                "DELETE FROM article_tags WHERE article_id = $1",
                "DELETE FROM article_related WHERE article_id = $1",
                match backend {
                    Backend::Sqlite => "DELETE FROM article_search WHERE rowid = $1",
                    Backend::Postgres => "DELETE FROM article_search WHERE article_id = $1",
                },
            ] {
                query(sql).bind(article_id).execute(&mut tx).await?;
            }
            attach(&mut tx, article_id, section_id, a, now).await?;
            // Other stories' read-more cards show this headline and summary.
            if card_before.is_some_and(|(title, summary)| title != a.title || summary != a.summary)
            {
                crate::store::blocks::refresh_cards_of(&mut tx, article_id).await?;
            }
            // The replacement is also the newsroom's newest revision (and the live one), so an
            // editor's working copy follows it and a form opened before it cannot save over it.
            let (number,): (i64,) = query(
                "UPDATE articles SET revision = revision + 1, live_revision = revision + 1 \
                 WHERE id = $1 RETURNING revision",
            )
            .bind(article_id)
            .fetch_one(&mut tx)
            .await?;
            let content = serde_json::to_string(&crate::domain::newsroom::Draft::of_article(a))
                .expect("a draft serialises");
            query(
                "INSERT INTO article_revisions (article_id, number, note, content, created_at) \
                 VALUES ($1, $2, 'Replaced through the API', $3, $4)",
            )
            .bind(article_id)
            .bind(number)
            .bind(&content)
            .bind(now)
            .execute(&mut tx)
            .await?;
            if let Some((event, payload)) = webhook {
                crate::store::webhooks::enqueue(&mut tx, event, payload, now).await?;
            }
            article_id
        };
        tx.commit().await?;
        Ok(out)
    }
}
