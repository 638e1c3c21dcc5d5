//! What a story's blocks refer to (library images, other articles, cached embed thumbnails),
//! looked up for rendering an article body as it is written; and the thumbnails' cache.

use chrono::{DateTime, Utc};

use super::articles::placeholders;
use super::{Error, Result, Store, Tx, query};
use crate::domain::blocks::{self, ArticleRef, Refs, Resolved, embeds};
use crate::domain::markdown;
use crate::domain::media::{ImageKind, parse_widths, responsive};

/// A media row as far as a page needs it.
type MediaCols = (i64, String, String, i64, i64, String);

/// Looks up what `refs` name, inside `tx`.
pub(crate) async fn resolve(tx: &mut Tx, refs: &Refs) -> Result<Resolved> {
    let mut r = Resolved::default();
    if !refs.media.is_empty() {
        let sql = format!(
            "SELECT id, hash, kind, width, height, widths FROM media WHERE id IN ({})",
            placeholders(1, refs.media.len())
        );
        let mut q = query(&sql);
        for id in &refs.media {
            q = q.bind(*id);
        }
        let rows: Vec<MediaCols> = q.fetch_all(&mut *tx).await?;
        for row in rows {
            if let Some(v) = view(&row) {
                r.media.insert(row.0, v);
            }
        }
    }
    if !refs.slugs.is_empty() {
        let sql = format!(
            "SELECT slug, title, summary FROM articles \
             WHERE slug IN ({}) AND published_at IS NOT NULL",
            placeholders(1, refs.slugs.len())
        );
        let mut q = query(&sql);
        for slug in &refs.slugs {
            q = q.bind(slug.as_str());
        }
        let rows: Vec<(String, String, String)> = q.fetch_all(&mut *tx).await?;
        for (slug, title, summary) in rows {
            let card = ArticleRef {
                slug: slug.clone(),
                title,
                summary,
            };
            r.articles.insert(slug, card);
        }
        // A slug the article has since changed names it still (its old address redirects),
        // and the card links to where it is now.
        let moved: Vec<&String> = refs
            .slugs
            .iter()
            .filter(|s| !r.articles.contains_key(s.as_str()))
            .collect();
        if !moved.is_empty() {
            let sql = format!(
                "SELECT r.old_slug, a.slug, a.title, a.summary FROM article_redirects r \
                 JOIN articles a ON a.id = r.article_id \
                 WHERE r.old_slug IN ({}) AND a.published_at IS NOT NULL",
                placeholders(1, moved.len())
            );
            let mut q = query(&sql);
            for slug in moved {
                q = q.bind(slug.as_str());
            }
            let rows: Vec<(String, String, String, String)> = q.fetch_all(&mut *tx).await?;
            for (old, slug, title, summary) in rows {
                let card = ArticleRef {
                    slug,
                    title,
                    summary,
                };
                r.articles.insert(old, card);
            }
        }
    }
    let thumbs = thumbnail_urls(refs);
    if !thumbs.is_empty() {
        let sql = format!(
            "SELECT t.url, m.id, m.hash, m.kind, m.width, m.height, m.widths \
             FROM embed_thumbnails t JOIN media m ON m.id = t.media_id WHERE t.url IN ({})",
            placeholders(1, thumbs.len())
        );
        let mut q = query(&sql);
        for url in &thumbs {
            q = q.bind(url.as_str());
        }
        let rows: Vec<(String, i64, String, String, i64, i64, String)> =
            q.fetch_all(&mut *tx).await?;
        for (url, id, hash, kind, w, h, widths) in rows {
            if let Some(v) = view(&(id, hash, kind, w, h, widths)) {
                r.thumbnails.insert(url, v);
            }
        }
    }
    Ok(r)
}

fn view((_, hash, kind, w, h, widths): &MediaCols) -> Option<crate::domain::media::Responsive> {
    let kind = ImageKind::parse(kind)?;
    let (w, h) = (u32::try_from(*w).ok()?, u32::try_from(*h).ok()?);
    responsive(hash, kind, w, h, &parse_widths(widths))
}

/// The provider thumbnails the embeds of `refs` could show.
pub fn thumbnail_urls(refs: &Refs) -> Vec<String> {
    refs.embed_urls
        .iter()
        .filter_map(|u| embeds::detect(u)?.thumbnail)
        .collect()
}

/// An article body's HTML, its blocks resolved inside `tx`. A block that names something
/// missing (or an image without alt text) refuses the write with the writer's words.
pub(crate) async fn render_body(tx: &mut Tx, source: &str) -> Result<String> {
    let story = blocks::parse(source);
    if !story.has_blocks() {
        return Ok(markdown::render_article(source));
    }
    let resolved = resolve(tx, &story.refs()).await?;
    let problems = blocks::problems(&story, &resolved);
    if !problems.is_empty() {
        return Err(Error::Conflict(problems.join(" ")));
    }
    Ok(markdown::render_story(source, &story, &resolved))
}

/// Re-renders, inside `tx`, the bodies of the articles whose read-more cards link to article
/// `id`, by its slug or by one it used to have (see [`refresh_cards_naming`]). The ids of the
/// articles re-rendered.
pub(crate) async fn refresh_cards_of(tx: &mut Tx, id: i64) -> Result<Vec<i64>> {
    let slugs: Vec<String> = query(
        "SELECT slug FROM articles WHERE id = $1 \
         UNION SELECT old_slug FROM article_redirects WHERE article_id = $1",
    )
    .bind(id)
    .scalar_all(&mut *tx)
    .await?;
    let mut refreshed = Vec::new();
    for slug in slugs {
        for id in refresh_cards_naming(&mut *tx, &slug).await? {
            if !refreshed.contains(&id) {
                refreshed.push(id);
            }
        }
    }
    Ok(refreshed)
}

/// Re-renders, inside `tx`, the bodies of the articles whose read-more cards name `slug`:
/// a card shows the linked article's address, headline and summary as they were when the
/// linking body was rendered, so a change of those goes on to every card. A body that no
/// longer renders (an image of it since deleted) keeps its old HTML. The ids re-rendered.
async fn refresh_cards_naming(tx: &mut Tx, slug: &str) -> Result<Vec<i64>> {
    // Slugs hold only letters, digits and hyphens: nothing `LIKE` reads as a wildcard.
    let candidates: Vec<(i64, String)> = query(
        "SELECT id, body_source FROM articles \
         WHERE body_source LIKE '%::readmore%' AND body_source LIKE $1",
    )
    .bind(format!("%{slug}%"))
    .fetch_all(&mut *tx)
    .await?;
    let mut refreshed = Vec::new();
    for (id, source) in candidates {
        if !blocks::parse(&source)
            .refs()
            .slugs
            .iter()
            .any(|s| s == slug)
        {
            continue;
        }
        let html = match render_body(&mut *tx, &source).await {
            Ok(html) => html,
            Err(Error::Conflict(_)) => continue,
            Err(e) => return Err(e),
        };
        query("UPDATE articles SET body_html = $2 WHERE id = $1")
            .bind(id)
            .bind(html)
            .execute(&mut *tx)
            .await?;
        refreshed.push(id);
    }
    Ok(refreshed)
}

/// The address, headline and summary the cards linking to article `id` show, as its row holds
/// them now (inside `tx`); compared after a write, a change calls for [`refresh_cards_of`].
pub(crate) async fn card_of(tx: &mut Tx, id: i64) -> Result<Option<(String, String, String)>> {
    query("SELECT slug, title, summary FROM articles WHERE id = $1")
        .bind(id)
        .fetch_optional(tx)
        .await
}

impl Store {
    /// What would stop `source` from being saved: its blocks' problems (none for plain
    /// Markdown), each a sentence for the writer.
    pub async fn block_problems(&self, source: &str) -> Result<Vec<String>> {
        let story = blocks::parse(source);
        if !story.has_blocks() {
            return Ok(Vec::new());
        }
        let mut tx = self.begin_read().await?;
        let resolved = resolve(&mut tx, &story.refs()).await?;
        tx.rollback().await?;
        Ok(blocks::problems(&story, &resolved))
    }

    /// A working copy's body as readers would see it, its blocks resolved now (for previews:
    /// a body with problems is shown as plain Markdown, its directives as text).
    pub async fn render_preview(&self, source: &str) -> Result<String> {
        let mut tx = self.begin_read().await?;
        let html = match render_body(&mut tx, source).await {
            Err(Error::Conflict(_)) => markdown::render_article(source),
            other => other?,
        };
        tx.rollback().await?;
        Ok(html)
    }

    /// Which of these thumbnail addresses are cached already.
    pub async fn cached_thumbnails(&self, urls: &[String]) -> Result<Vec<String>> {
        if urls.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT url FROM embed_thumbnails WHERE url IN ({})",
            placeholders(1, urls.len())
        );
        let mut q = query(&sql);
        for url in urls {
            q = q.bind(url.as_str());
        }
        q.scalar_all(self.read()).await
    }

    /// Records that the library image `media_id` is the thumbnail of `url` (a second writer
    /// of the same thumbnail keeps the first).
    pub async fn cache_thumbnail(
        &self,
        url: &str,
        media_id: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        query(
            "INSERT INTO embed_thumbnails (url, media_id, fetched_at) VALUES ($1, $2, $3) \
             ON CONFLICT (url) DO NOTHING",
        )
        .bind(url)
        .bind(media_id)
        .bind(now)
        .execute(self.write())
        .await?;
        Ok(())
    }
}
