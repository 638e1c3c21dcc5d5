//! Writing the newsroom's drafts: a new article, each saved revision, and publishing one, each
//! in one transaction.

use chrono::{DateTime, Utc};

use super::{Saved, When, decode, slug_taken};
use crate::domain::newsroom::Draft;
use crate::store::articles::attach;
use crate::store::{Backend, Error, Result, Store, Tx, blocks, query, taxonomy};

/// Writes `draft` to the article row `id` as readers will see it (text, section, image,
/// authors, tags, search row, related picks), with the given dates and live revision. Inside
/// the caller's transaction.
async fn apply(
    tx: &mut Tx,
    id: i64,
    draft: &Draft,
    published_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
    live_revision: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(a) = draft.to_article(published_at, updated_at) else {
        return Err(Error::Conflict(format!(
            "the slug `{}` is not valid",
            draft.slug
        )));
    };
    let section_id = taxonomy::existing_section(&mut *tx, &a.section).await?;
    let body_html = crate::store::blocks::render_body(&mut *tx, &a.body_source).await?;
    let card_before = blocks::card_of(&mut *tx, id).await?;
    let updated = query(
        "UPDATE articles SET slug = $2, title = $3, summary = $4, body_source = $5, \
         body_html = $6, section_id = $7, published_at = $8, updated_at = $9, \
         modified_at = $10, image_url = $11, image_alt = $12, image_caption = $13, \
         live_revision = $14 WHERE id = $1",
    )
    .bind(id)
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
    .bind(live_revision)
    .execute(&mut *tx)
    .await;
    if let Err(e) = updated {
        return Err(match e {
            e if e.is_duplicate("articles", &["slug"]) => slug_taken(a.slug.as_str()),
            other => other,
        });
    }
    for sql in [
        "DELETE FROM article_authors WHERE article_id = $1",
        "DELETE FROM article_tags WHERE article_id = $1",
        "DELETE FROM article_related WHERE article_id = $1",
        match tx.backend() {
            Backend::Sqlite => "DELETE FROM article_search WHERE rowid = $1",
            Backend::Postgres => "DELETE FROM article_search WHERE article_id = $1",
        },
    ] {
        query(sql).bind(id).execute(&mut *tx).await?;
    }
    attach(&mut *tx, id, section_id, &a, now).await?;
    // An article now holding a slug another one used to have takes the address back.
    query("DELETE FROM article_redirects WHERE old_slug = $1")
        .bind(a.slug.as_str())
        .execute(&mut *tx)
        .await?;
    // Other stories' read-more cards show this address, headline and summary.
    if card_before.is_some_and(|(slug, title, summary)| {
        slug != a.slug.as_str() || title != a.title || summary != a.summary
    }) {
        blocks::refresh_cards_of(tx, id).await?;
    }
    Ok(())
}

/// Makes `old_slug`, which live article `id` leaves, redirect to it (inside `tx`).
async fn keep_redirect(tx: &mut Tx, old_slug: &str, id: i64) -> Result<()> {
    query(
        "INSERT INTO article_redirects (old_slug, article_id) VALUES ($1, $2) \
         ON CONFLICT (old_slug) DO UPDATE SET article_id = excluded.article_id",
    )
    .bind(old_slug)
    .bind(id)
    .execute(tx)
    .await?;
    Ok(())
}

/// Refuses a slug another article holds (inside the caller's transaction).
async fn check_slug(tx: &mut Tx, id: i64, slug: &str) -> Result<()> {
    let other: Option<i64> = query("SELECT id FROM articles WHERE slug = $1 AND id <> $2")
        .bind(slug)
        .bind(id)
        .scalar_optional(tx)
        .await?;
    match other {
        Some(_) => Err(slug_taken(slug)),
        None => Ok(()),
    }
}

impl Store {
    /// A new article from the newsroom: a draft nobody reads yet, started by `user`, and its
    /// first revision. [`Error::Conflict`] when its slug is taken.
    pub async fn create_draft(&self, draft: &Draft, user: i64, now: DateTime<Utc>) -> Result<i64> {
        let content = serde_json::to_string(draft).expect("a draft serialises");
        let mut tx = self.begin().await?;
        let out = {
            check_slug(&mut tx, 0, &draft.slug).await?;
            let section_id = taxonomy::existing_section(&mut tx, &draft.section).await?;
            let (id,): (i64,) = query(
                "INSERT INTO articles (slug, title, summary, body_source, body_html, section_id, \
                 workflow, created_at, modified_at, created_by, revision, live_revision) \
                 VALUES ($1, '', '', '', '', $2, 'draft', $3, $3, $4, 1, 1) RETURNING id",
            )
            .bind(&draft.slug)
            .bind(section_id)
            .bind(now)
            .bind(user)
            .fetch_one(&mut tx)
            .await?;
            apply(&mut tx, id, draft, None, None, 1, now).await?;
            query(
                "INSERT INTO article_revisions (article_id, number, saved_by, note, content, \
                 created_at) VALUES ($1, 1, $2, 'Created', $3, $4)",
            )
            .bind(id)
            .bind(user)
            .bind(&content)
            .bind(now)
            .execute(&mut tx)
            .await?;
            id
        };
        tx.commit().await?;
        Ok(out)
    }

    /// Saves `draft` as the next revision if the newest is still `base` (what the editor
    /// opened); otherwise stores nothing and answers [`Saved::Conflict`]. An article that is
    /// not live takes the text at once; a live one keeps its published version until the
    /// change is published. [`Error::NotFound`] when there is no such article.
    pub async fn save_draft(
        &self,
        id: i64,
        draft: &Draft,
        base: i64,
        user: i64,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<Saved> {
        let content = serde_json::to_string(draft).expect("a draft serialises");
        let mut tx = self.begin().await?;
        let out = {
            // The compare-and-set: of two saves from the same revision, one wins.
            type Moved = (i64, Option<DateTime<Utc>>, Option<DateTime<Utc>>);
            let moved: Option<Moved> = query(
                "UPDATE articles SET revision = revision + 1, modified_at = $3 \
                     WHERE id = $1 AND revision = $2 RETURNING revision, published_at, updated_at",
            )
            .bind(id)
            .bind(base)
            .bind(now)
            .fetch_optional(&mut tx)
            .await?;
            let Some((number, published_at, updated_at)) = moved else {
                let newest: Option<(i64,)> = query("SELECT revision FROM articles WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut tx)
                    .await?;
                return match newest {
                    Some((newest,)) => Ok(Saved::Conflict { newest }),
                    None => Err(Error::NotFound),
                };
            };
            check_slug(&mut tx, id, &draft.slug).await?;
            query(
                "INSERT INTO article_revisions (article_id, number, saved_by, note, content, \
                 created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(number)
            .bind(user)
            .bind(note)
            .bind(&content)
            .bind(now)
            .execute(&mut tx)
            .await?;
            let live = published_at.is_some_and(|p| p <= now);
            if !live {
                apply(&mut tx, id, draft, published_at, updated_at, number, now).await?;
            }
            Saved::Revision(number)
        };
        tx.commit().await?;
        Ok(out)
    }

    /// Publishes (or schedules) the newest revision: it becomes the version readers see, the
    /// workflow becomes approved, `updated_at` moves to now when `mark_updated`, and a live
    /// article whose slug changes keeps its old address as a redirect. Returns the slug.
    pub async fn publish(
        &self,
        id: i64,
        when: When,
        mark_updated: bool,
        now: DateTime<Utc>,
    ) -> Result<String> {
        let mut tx = self.begin().await?;
        let out = {
            // Takes the row's lock on PostgreSQL first, so a save cannot slip in between
            // reading the newest revision and copying it.
            type Row = (String, Option<DateTime<Utc>>, Option<DateTime<Utc>>, i64);
            let row: Option<Row> = query(
                "UPDATE articles SET modified_at = $2, workflow = 'approved' WHERE id = $1 \
                 RETURNING slug, published_at, updated_at, revision",
            )
            .bind(id)
            .bind(now)
            .fetch_optional(&mut tx)
            .await?;
            let Some((old_slug, old_published, old_updated, revision)) = row else {
                return Err(Error::NotFound);
            };
            let was_live = old_published.is_some_and(|p| p <= now);
            let published_at = match when {
                When::At(t) => t,
                When::Now if was_live => old_published.unwrap_or(now),
                When::Now => now,
            };
            let updated_at = if mark_updated { Some(now) } else { old_updated };
            let content: Option<(String,)> = query(
                "SELECT content FROM article_revisions WHERE article_id = $1 AND number = $2",
            )
            .bind(id)
            .bind(revision)
            .fetch_optional(&mut tx)
            .await?;
            match content {
                Some((content,)) => {
                    let draft = decode(&content)?;
                    // The old address redirects before the cards linking to it are redrawn.
                    if was_live && draft.slug != old_slug {
                        keep_redirect(&mut tx, &old_slug, id).await?;
                    }
                    apply(
                        &mut tx,
                        id,
                        &draft,
                        Some(published_at),
                        updated_at,
                        revision,
                        now,
                    )
                    .await?;
                    draft.slug
                }
                // Imported and never edited here: only the dates change.
                None => {
                    query("UPDATE articles SET published_at = $2, updated_at = $3 WHERE id = $1")
                        .bind(id)
                        .bind(published_at)
                        .bind(updated_at)
                        .execute(&mut tx)
                        .await?;
                    old_slug
                }
            }
        };
        tx.commit().await?;
        Ok(out)
    }
}
