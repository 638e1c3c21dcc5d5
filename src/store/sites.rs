//! Sites that embed the conversation (`sites`) and their pages' threads (`embedded_pages`):
//! each thread is an unpublished article, so comments, moderation, policies and counts work on
//! it as on any article while no listing, feed, sitemap or search shows it.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::articles::{CARD_COLUMNS, CardRow};
use super::{Result, Store, Tx, query};
use crate::domain::ArticleDetail;
use crate::domain::embed::{EmbeddedPage, Origin, SiteId};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SiteRow {
    pub id: i64,
    pub name: String,
    /// Space-separated origins, each checked by [`Origin::parse`] before it was stored.
    pub origins: String,
    pub created_at: DateTime<Utc>,
}

impl SiteRow {
    pub fn id(&self) -> SiteId {
        SiteId(self.id)
    }

    /// The allowed origins (a stored value that no longer parses is left out).
    pub fn origin_list(&self) -> Vec<Origin> {
        self.origins
            .split_whitespace()
            .filter_map(|o| Origin::parse(o).ok())
            .collect()
    }
}

/// An embedded page's thread: the hidden article, and the page it stands for.
#[derive(Clone, Debug)]
pub struct EmbeddedThread {
    pub article: ArticleDetail,
    pub site_id: SiteId,
    pub url: String,
}

fn joined(origins: &[Origin]) -> String {
    origins
        .iter()
        .map(Origin::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Store {
    /// Registers a site; a name already taken is `Error::Duplicate` on `sites (name)`.
    pub async fn create_site(
        &self,
        name: &str,
        origins: &[Origin],
        secret: &str,
        now: DateTime<Utc>,
    ) -> Result<SiteId> {
        let (id,): (i64,) = query(
            "INSERT INTO sites (name, origins, secret, created_at) VALUES ($1, $2, $3, $4) \
             RETURNING id",
        )
        .bind(name)
        .bind(joined(origins))
        .bind(secret)
        .bind(now)
        .fetch_one(self.write())
        .await?;
        Ok(SiteId(id))
    }

    pub async fn sites(&self) -> Result<Vec<SiteRow>> {
        query("SELECT id, name, origins, created_at FROM sites ORDER BY name, id")
            .fetch_all(self.read())
            .await
    }

    pub async fn site(&self, id: SiteId) -> Result<Option<SiteRow>> {
        query("SELECT id, name, origins, created_at FROM sites WHERE id = $1")
            .bind(id.0)
            .fetch_optional(self.read())
            .await
    }

    /// The first registered site (by id) that allows `origin`.
    pub async fn site_for_origin(&self, origin: &Origin) -> Result<Option<SiteRow>> {
        // LIKE narrows the rows; the exact list decides (`_` in a host is a LIKE wildcard).
        let rows: Vec<SiteRow> = query(
            "SELECT id, name, origins, created_at FROM sites \
             WHERE ' ' || origins || ' ' LIKE $1 ORDER BY id",
        )
        .bind(format!("% {} %", origin.as_str()))
        .fetch_all(self.read())
        .await?;
        Ok(rows.into_iter().find(|s| s.origin_list().contains(origin)))
    }

    /// Replaces a site's origins; false when there is no such site.
    pub async fn set_site_origins(&self, id: SiteId, origins: &[Origin]) -> Result<bool> {
        let n = query("UPDATE sites SET origins = $1 WHERE id = $2")
            .bind(joined(origins))
            .bind(id.0)
            .execute(self.write())
            .await?;
        Ok(n == 1)
    }

    /// Replaces a site's signing secret and ends the frame sessions its host sign-in started
    /// (whoever holds the old secret could have made them); false when there is no such site.
    pub async fn set_site_secret(&self, id: SiteId, secret: &str) -> Result<bool> {
        let mut tx = self.begin().await?;
        let n = query("UPDATE sites SET secret = $1 WHERE id = $2")
            .bind(secret)
            .bind(id.0)
            .execute(&mut tx)
            .await?;
        if n != 1 {
            return Ok(false);
        }
        let ended: Vec<(i64,)> =
            query("DELETE FROM sessions WHERE host_site_id = $1 RETURNING user_id")
                .bind(id.0)
                .fetch_all(&mut tx)
                .await?;
        tx.commit().await?;
        let mut members: Vec<i64> = ended.into_iter().map(|(u,)| u).collect();
        members.sort_unstable();
        members.dedup();
        for user_id in members {
            self.member_changed(user_id).await;
        }
        Ok(true)
    }

    /// The thread of an embedded page, made on its first load ([`make_thread`]).
    pub async fn embedded_thread(
        &self,
        site: SiteId,
        page: &EmbeddedPage,
        title: &str,
        now: DateTime<Utc>,
    ) -> Result<EmbeddedThread> {
        if let Some(t) = self.embedded_thread_by_key(site, &page.key).await? {
            return Ok(t);
        }
        let mut tx = self.begin().await?;
        make_thread(&mut tx, site, page, title, now).await?;
        tx.commit().await?;
        self.embedded_thread_by_key(site, &page.key)
            .await?
            .ok_or_else(|| {
                super::Error::Conflict(
                    "The conversation could not be made: the site has no section yet.".into(),
                )
            })
    }

    /// The thread of a page, if its first load has made it.
    pub async fn embedded_thread_by_key(
        &self,
        site: SiteId,
        key: &str,
    ) -> Result<Option<EmbeddedThread>> {
        self.embedded_where("e.site_id = $1 AND e.page_key = $2", site.0, Some(key))
            .await
    }

    /// The embedded page whose thread is article `id`, if it is one.
    pub async fn embedded_thread_of(&self, article_id: i64) -> Result<Option<EmbeddedThread>> {
        self.embedded_where("e.article_id = $1 AND $2 = $2", article_id, None)
            .await
    }

    /// The thread whose hidden article has this slug, with its page key.
    pub async fn embedded_thread_by_slug(
        &self,
        slug: &str,
    ) -> Result<Option<(EmbeddedThread, String)>> {
        let row: Option<(i64, String)> = query(
            "SELECT e.article_id, e.page_key FROM embedded_pages e \
             JOIN articles a ON a.id = e.article_id WHERE a.slug = $1",
        )
        .bind(slug)
        .fetch_optional(self.read())
        .await?;
        let Some((id, key)) = row else {
            return Ok(None);
        };
        Ok(self.embedded_thread_of(id).await?.map(|t| (t, key)))
    }

    /// The visible comment counts of a site's threads, by page key (threads not made yet are
    /// left out: they have none).
    pub async fn embedded_counts(
        &self,
        site: SiteId,
        keys: &[String],
    ) -> Result<Vec<(String, i64)>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (0..keys.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT e.page_key, a.comment_count FROM embedded_pages e \
             JOIN articles a ON a.id = e.article_id \
             WHERE e.site_id = $1 AND e.page_key IN ({})",
            marks.join(", ")
        );
        let mut q = query(&sql).bind(site.0);
        for k in keys {
            q = q.bind(k.as_str());
        }
        q.fetch_all(self.read()).await
    }

    async fn embedded_where(
        &self,
        filter: &str,
        id: i64,
        key: Option<&str>,
    ) -> Result<Option<EmbeddedThread>> {
        // The thread is never published: its card carries the page's first load as its date.
        let columns = CARD_COLUMNS.replace("a.published_at", "e.created_at AS published_at");
        let sql = format!(
            "SELECT {columns}, e.site_id, e.url FROM embedded_pages e \
             JOIN articles a ON a.id = e.article_id JOIN sections s ON s.id = a.section_id \
             WHERE {filter}"
        );
        let row: Option<EmbeddedRow> = query(&sql)
            .bind(id)
            .bind(key.unwrap_or(""))
            .fetch_optional(self.read())
            .await?;
        Ok(row.map(|r| EmbeddedThread {
            article: ArticleDetail {
                card: r.card.into_card(Vec::new()),
                body_html: String::new(),
                tags: Vec::new(),
                image: None,
                corrections: Vec::new(),
                languages: Default::default(),
            },
            site_id: SiteId(r.site_id),
            url: r.url,
        }))
    }
}

/// Makes a page's thread in `tx` (an unpublished article in the first section, with the
/// page's title and its address as the summary) unless it is there; its article's id, or
/// `None` when it was there already or the site has no section yet. Two first loads at once
/// meet on the article's slug (derived from the site and the key), so one thread is made.
pub(super) async fn make_thread(
    tx: &mut Tx,
    site: SiteId,
    page: &EmbeddedPage,
    title: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    let digest = hex::encode(Sha256::digest(page.key.as_bytes()));
    let slug = format!("embed-{}-{}", site.0, &digest[..24]);
    let made: Option<(i64,)> = query(
        "INSERT INTO articles (slug, title, summary, body_source, body_html, section_id, \
         created_at, modified_at) \
         SELECT $1, $2, $3, '', '', s.id, $4, $4 \
         FROM (SELECT id FROM sections ORDER BY position, id LIMIT 1) AS s WHERE TRUE \
         ON CONFLICT (slug) DO NOTHING RETURNING id",
    )
    .bind(slug.as_str())
    .bind(title)
    .bind(page.url.as_str())
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((article_id,)) = made else {
        return Ok(None);
    };
    query(
        "INSERT INTO embedded_pages (article_id, site_id, page_key, url, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(article_id)
    .bind(site.0)
    .bind(page.key.as_str())
    .bind(page.url.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(Some(article_id))
}

#[derive(sqlx::FromRow)]
struct EmbeddedRow {
    #[sqlx(flatten)]
    card: CardRow,
    site_id: i64,
    url: String,
}
