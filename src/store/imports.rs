//! Imports from WordPress and Disqus, each in one transaction, remembered in `import_sources` so
//! a second run changes nothing; imported commenters as guest identities members can claim.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::articles::insert_articles;
use super::media::{ImportedMedia, imported_media_id};
use super::progress::check;
use super::search::{IndexedText, index_article};
use super::{Error, Progress, Result, Store, Tx, query};
use crate::domain::imports::{ArticleKey, DisqusExport, ImportedComment, WpQuery, WpSite};
use crate::domain::{FeaturedImage, Slug};

/// What a WordPress import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordpressReport {
    pub articles_new: usize,
    pub articles_existing: usize,
    pub sections_created: usize,
    pub authors_created: usize,
    pub tags_created: usize,
    /// Pictures of the new articles now in the media library, and how many of them were not
    /// there before.
    pub images: usize,
    pub images_new: usize,
    pub comments: CommentTally,
}

/// What happened to the comments of an import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentTally {
    pub new: usize,
    pub existing: usize,
    pub guests_new: usize,
}

/// What a Disqus import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DisqusReport {
    pub threads_matched: usize,
    /// Threads of a page on a registered embedding site: their comments went under that
    /// page's embedded thread (made when its page had not loaded the conversation yet).
    pub threads_embedded: usize,
    /// Threads no article answers to: their link and how many comments were left out.
    pub unmatched: Vec<(String, usize)>,
    pub comments: CommentTally,
}

/// Comments of an earlier account a member may claim.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimOffer {
    /// Whether the member's address is verified: only then may they claim.
    pub verified: bool,
    pub comments: i64,
    pub names: Vec<String>,
}

/// Makes the transaction a writing one from its first statement: SQLite's deferred transaction
/// would start as a reader, and a reader that has seen an older snapshot cannot become the
/// writer once another connection (a serving process) has written ("database is locked").
async fn begin_writing(tx: &mut Tx) -> Result<()> {
    query("DELETE FROM import_sources WHERE source = ''")
        .execute(tx)
        .await?;
    Ok(())
}

/// The local id an import remembered for `(source, kind, external_id)`.
async fn remembered(tx: &mut Tx, source: &str, kind: &str, external: &str) -> Result<Option<i64>> {
    query(
        "SELECT local_id FROM import_sources \
         WHERE source = $1 AND kind = $2 AND external_id = $3",
    )
    .bind(source)
    .bind(kind)
    .bind(external)
    .scalar_optional(tx)
    .await
}

async fn remember(tx: &mut Tx, source: &str, kind: &str, external: &str, local: i64) -> Result<()> {
    query(
        "INSERT INTO import_sources (source, kind, external_id, local_id) \
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(source)
    .bind(kind)
    .bind(external)
    .bind(local)
    .execute(tx)
    .await?;
    Ok(())
}

/// The tables whose rows a slug names, for [`slug_exists`].
#[derive(Clone, Copy)]
enum Named {
    Sections,
    Authors,
    Tags,
}

/// Whether a row of `table` has the slug `name` makes.
async fn slug_exists(tx: &mut Tx, table: Named, name: &str) -> Result<bool> {
    let Some(slug) = Slug::from_title(name) else {
        return Ok(false);
    };
    let sql = match table {
        Named::Sections => "SELECT id FROM sections WHERE slug = $1",
        Named::Authors => "SELECT id FROM authors WHERE slug = $1",
        Named::Tags => "SELECT id FROM tags WHERE slug = $1",
    };
    let row: Option<i64> = query(sql).bind(slug.as_str()).scalar_optional(tx).await?;
    Ok(row.is_some())
}

/// Writes one article's new comments (parents come before their replies) with their guests,
/// and the counts they change; skips those imported before.
async fn insert_comments(
    tx: &mut Tx,
    source: &str,
    article_id: i64,
    comments: &[ImportedComment],
    now: DateTime<Utc>,
    tally: &mut CommentTally,
    progress: &dyn Progress,
) -> Result<()> {
    let mut local: HashMap<&str, i64> = HashMap::new();
    let mut visible = 0i64;
    for c in comments {
        check(progress)?;
        progress.advance(1);
        if let Some(id) = remembered(&mut *tx, source, "comment", &c.external_id).await? {
            local.insert(&c.external_id, id);
            tally.existing += 1;
            continue;
        }
        let parent_id = match &c.parent {
            None => None,
            Some(p) => match local.get(p.as_str()) {
                Some(id) => Some(*id),
                None => remembered(&mut *tx, source, "comment", p).await?,
            },
        };
        let (thread_id, depth) = match parent_id {
            None => (None, 0),
            Some(pid) => {
                let (thread, depth): (Option<i64>, i32) =
                    query("SELECT thread_id, depth FROM comments WHERE id = $1")
                        .bind(pid)
                        .fetch_one(&mut *tx)
                        .await?;
                (thread.or(Some(pid)), depth + 1)
            }
        };
        // One guest per address (or per name when there is none), shared by both sources.
        let guest_key = match &c.author_email {
            Some(e) => format!("email:{}", e.as_str()),
            None => format!("name:{}", c.author_name),
        };
        let guest_id = match remembered(&mut *tx, "guest", "guest", &guest_key).await? {
            Some(id) => id,
            None => {
                let id: i64 = query(
                    "INSERT INTO guest_identities (name, email, created_at) \
                         VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(&c.author_name)
                .bind(c.author_email.as_ref().map(|e| e.as_str()))
                .bind(now)
                .scalar(&mut *tx)
                .await?;
                remember(&mut *tx, "guest", "guest", &guest_key, id).await?;
                tally.guests_new += 1;
                id
            }
        };
        let id: i64 = query(
            "INSERT INTO comments (article_id, parent_id, thread_id, depth, guest_id, \
                 body_source, body_html, status, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'visible', $8) RETURNING id",
        )
        .bind(article_id)
        .bind(parent_id)
        .bind(thread_id)
        .bind(depth)
        .bind(guest_id)
        .bind(&c.body_text)
        .bind(&c.body_html)
        .bind(c.created_at)
        .scalar(&mut *tx)
        .await?;
        if let Some(pid) = parent_id {
            query("UPDATE comments SET reply_count = reply_count + 1 WHERE id = $1")
                .bind(pid)
                .execute(&mut *tx)
                .await?;
        } else {
            query("UPDATE comments SET thread_id = id WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        remember(&mut *tx, source, "comment", &c.external_id, id).await?;
        local.insert(&c.external_id, id);
        visible += 1;
        tally.new += 1;
    }
    if visible > 0 {
        query("UPDATE articles SET comment_count = comment_count + $2 WHERE id = $1")
            .bind(article_id)
            .bind(visible)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// The embedded thread of a Disqus thread's page, when the page's origin is a registered
/// site's. A thread with an identifier (`<id>`, the `disqus_identifier` its page was given)
/// goes where the embed puts a load with that `data-id`; one without, or whose identifier no
/// loaded page used while its address did, where a load with no id goes (the address without
/// query or fragment). Made if the page has not loaded the conversation yet: keyed by the
/// identifier when there is one (the page's snippet then names it as its `data-id`).
async fn embedded_article(
    tx: &mut Tx,
    sites: &[super::sites::SiteRow],
    thread: &crate::domain::imports::DsqThread,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    use crate::domain::embed::{Origin, embedded_page, page_title};
    let Some(origin) = url::Url::parse(thread.link.trim())
        .ok()
        .and_then(|u| Origin::of(&u))
    else {
        return Ok(None);
    };
    let Some(site) = sites.iter().find(|s| s.origin_list().contains(&origin)) else {
        return Ok(None);
    };
    let origins = site.origin_list();
    let by_id = thread
        .identifier
        .as_deref()
        .and_then(|id| embedded_page(&thread.link, Some(id), &origins).ok());
    let by_link = embedded_page(&thread.link, None, &origins).ok();
    for page in [&by_id, &by_link].into_iter().flatten() {
        if let Some(id) = embedded_article_id(tx, site.id, &page.key).await? {
            return Ok(Some(id));
        }
    }
    let Some(page) = by_id.or(by_link) else {
        return Ok(None);
    };
    let title = page_title(Some(&thread.title), &page.url);
    if let Some(id) = super::sites::make_thread(tx, site.id(), &page, &title, now).await? {
        return Ok(Some(id));
    }
    embedded_article_id(tx, site.id, &page.key).await
}

/// The article of a site's embedded page with this key, if the page has one.
async fn embedded_article_id(tx: &mut Tx, site: i64, key: &str) -> Result<Option<i64>> {
    query("SELECT article_id FROM embedded_pages WHERE site_id = $1 AND page_key = $2")
        .bind(site)
        .bind(key)
        .scalar_optional(tx)
        .await
}

/// The article a Disqus thread's key names, if any.
async fn article_for_key(tx: &mut Tx, key: &ArticleKey) -> Result<Option<i64>> {
    match key {
        ArticleKey::Slug(slug) => {
            query(
                "SELECT id FROM articles WHERE slug = $1 \
                 UNION ALL SELECT article_id FROM article_redirects WHERE old_slug = $1",
            )
            .bind(slug)
            .scalar_optional(tx)
            .await
        }
        ArticleKey::WordpressPath(path) => remembered(tx, "wordpress", "path", path).await,
        ArticleKey::WordpressPost(id) => remembered(tx, "wordpress", "post", id).await,
    }
}

impl Store {
    /// Writes a WordPress site read by [`crate::domain::imports::parse_wordpress`] in one
    /// transaction: new posts as published articles (with their old addresses and ids
    /// remembered, for redirects), their pictures that `media` holds (by old address) as media
    /// library rows, new comments under them. Posts and comments imported before are counted,
    /// not written; a picture already in the library (the same bytes) is not added again.
    pub async fn import_wordpress(
        &self,
        site: &WpSite,
        media: &ImportedMedia,
        now: DateTime<Utc>,
        progress: &dyn Progress,
    ) -> Result<WordpressReport> {
        let backend = self.backend();
        let mut report = WordpressReport::default();
        // Posts and comments, one item each.
        let items = site
            .posts
            .iter()
            .map(|p| 1 + p.comments.len())
            .sum::<usize>();
        progress.set_total(items as u64);
        let mut tx = self.begin().await?;
        begin_writing(&mut tx).await?;
        // Library ids by old address, for pictures shown by more than one post.
        let mut media_ids: HashMap<&str, i64> = HashMap::new();
        for post in &site.posts {
            check(progress)?;
            progress.advance(1);
            let kind = post.kind.as_str();
            let existing: Option<(i64,)> = query(
                "SELECT a.id FROM import_sources s JOIN articles a ON a.id = s.local_id \
                     WHERE s.source = 'wordpress' AND s.kind = $2 AND s.external_id = $1",
            )
            .bind(&post.wp_id)
            .bind(kind)
            .fetch_optional(&mut tx)
            .await?;
            let article_id = match existing {
                Some((id,)) => {
                    report.articles_existing += 1;
                    id
                }
                None => {
                    if remembered(&mut tx, "wordpress", kind, &post.wp_id)
                        .await?
                        .is_some()
                    {
                        // Imported once and deleted here since: not brought back.
                        report.articles_existing += 1;
                        progress.advance(post.comments.len() as u64);
                        continue;
                    }
                    let a = &post.article;
                    let taken: Option<(i64,)> = query("SELECT id FROM articles WHERE slug = $1")
                        .bind(a.slug.as_str())
                        .fetch_optional(&mut tx)
                        .await?;
                    if taken.is_some() {
                        return Err(Error::Conflict(format!(
                            "WordPress post {} has the slug `{}`, which an article of this \
                                 site already has; change one of them and import again",
                            post.wp_id, a.slug
                        )));
                    }
                    if !slug_exists(&mut tx, Named::Sections, &a.section).await? {
                        report.sections_created += 1;
                    }
                    for name in &a.authors {
                        if !slug_exists(&mut tx, Named::Authors, name).await? {
                            report.authors_created += 1;
                        }
                    }
                    for name in &a.tags {
                        if !slug_exists(&mut tx, Named::Tags, name).await? {
                            report.tags_created += 1;
                        }
                    }
                    for image in post.images() {
                        let Some(m) = media.get(&image.url) else {
                            continue;
                        };
                        if media_ids.contains_key(image.url.as_str()) {
                            continue;
                        }
                        let (id, new) = imported_media_id(&mut tx, m, image, now).await?;
                        media_ids.insert(&image.url, id);
                        report.images_new += usize::from(new);
                    }
                    let mut article = a.clone();
                    article.body_source = post.body_with(|url| media_ids.get(url).copied());
                    article.image = post.featured.as_ref().and_then(|f| {
                        Some(FeaturedImage {
                            src: media.get(&f.url)?.url()?,
                            alt: f.alt.clone(),
                            caption: f.caption.clone(),
                        })
                    });
                    let ids = insert_articles(&mut tx, std::slice::from_ref(&article), now).await?;
                    let id = ids[0];
                    // The search row from the HTML's text (the Markdown reader sees none).
                    query(match backend {
                        super::Backend::Sqlite => "DELETE FROM article_search WHERE rowid = $1",
                        super::Backend::Postgres => {
                            "DELETE FROM article_search WHERE article_id = $1"
                        }
                    })
                    .bind(id)
                    .execute(&mut tx)
                    .await?;
                    let (tags, authors) = (a.tags.join(" "), a.authors.join(" "));
                    let text = IndexedText {
                        title: &a.title,
                        summary: &a.summary,
                        body: &post.body_text,
                        tags: &tags,
                        authors: &authors,
                    };
                    index_article(&mut tx, id, &text).await?;
                    remember(&mut tx, "wordpress", kind, &post.wp_id, id).await?;
                    for path in &post.paths {
                        remember(&mut tx, "wordpress", "path", path, id).await?;
                    }
                    report.articles_new += 1;
                    id
                }
            };
            insert_comments(
                &mut tx,
                "wordpress",
                article_id,
                &post.comments,
                now,
                &mut report.comments,
                progress,
            )
            .await?;
        }
        tx.commit().await?;
        report.images = media_ids.values().collect::<HashSet<_>>().len();
        Ok(report)
    }

    /// Writes a Disqus export's comments under the articles their threads name (by address,
    /// then by identifier), in one transaction; threads that name none are reported.
    pub async fn import_disqus(
        &self,
        export: &DisqusExport,
        now: DateTime<Utc>,
        progress: &dyn Progress,
    ) -> Result<DisqusReport> {
        let mut report = DisqusReport::default();
        let comments = export
            .threads
            .iter()
            .map(|t| t.comments.len())
            .sum::<usize>();
        progress.set_total(comments as u64);
        let mut tx = self.begin().await?;
        begin_writing(&mut tx).await?;
        let sites: Vec<super::sites::SiteRow> =
            query("SELECT id, name, origins, created_at FROM sites ORDER BY id")
                .fetch_all(&mut tx)
                .await?;
        for thread in &export.threads {
            check(progress)?;
            let keys =
                crate::domain::imports::thread_keys(&thread.link, thread.identifier.as_deref());
            let mut article = None;
            for key in &keys {
                if let Some(id) = article_for_key(&mut tx, key).await? {
                    article = Some(id);
                    break;
                }
            }
            let mut embedded = false;
            if article.is_none() && !thread.comments.is_empty() {
                article = embedded_article(&mut tx, &sites, thread, now).await?;
                embedded = article.is_some();
            }
            match article {
                None => {
                    progress.advance(thread.comments.len() as u64);
                    if !thread.comments.is_empty() {
                        report
                            .unmatched
                            .push((thread.link.clone(), thread.comments.len()));
                    }
                }
                Some(article_id) => {
                    if embedded {
                        report.threads_embedded += 1;
                    } else {
                        report.threads_matched += 1;
                    }
                    insert_comments(
                        &mut tx,
                        "disqus",
                        article_id,
                        &thread.comments,
                        now,
                        &mut report.comments,
                        progress,
                    )
                    .await?;
                }
            }
        }
        tx.commit().await?;
        Ok(report)
    }

    /// The article an old WordPress address was imported as (its path as
    /// [`crate::domain::imports::legacy_path`] writes it): its slug now.
    pub async fn wordpress_redirect(&self, path: &str) -> Result<Option<String>> {
        query(
            "SELECT a.slug FROM import_sources s JOIN articles a ON a.id = s.local_id \
                 WHERE s.source = 'wordpress' AND s.kind = 'path' AND s.external_id = $1",
        )
        .bind(path)
        .scalar_optional(self.read())
        .await
    }

    /// The article a WordPress `?p=` or `?page_id=` was imported as: its slug now. `?p=`
    /// names posts and pages alike, as in WordPress.
    pub async fn wordpress_id_redirect(&self, q: &WpQuery) -> Result<Option<String>> {
        let (id, kinds): (&str, &[&str]) = match q {
            WpQuery::Post(id) => (id, &["post", "page"]),
            WpQuery::Page(id) => (id, &["page"]),
        };
        for kind in kinds {
            let slug = query(
                "SELECT a.slug FROM import_sources s JOIN articles a ON a.id = s.local_id \
                     WHERE s.source = 'wordpress' AND s.kind = $1 AND s.external_id = $2",
            )
            .bind(*kind)
            .bind(id)
            .scalar_optional(self.read())
            .await?;
            if slug.is_some() {
                return Ok(slug);
            }
        }
        Ok(None)
    }

    /// Unclaimed imported comments written with the member's address, and whether that address
    /// is verified.
    pub async fn claim_offer(&self, user_id: i64) -> Result<ClaimOffer> {
        let user: Option<(String, Option<DateTime<Utc>>)> =
            query("SELECT email, email_verified_at FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(self.read())
                .await?;
        let Some((email, verified_at)) = user else {
            return Ok(ClaimOffer::default());
        };
        let rows: Vec<(String, i64)> = {
            let c = self.read();
            query(
                "SELECT g.name, (SELECT COUNT(*) FROM comments c WHERE c.guest_id = g.id) \
                 FROM guest_identities g WHERE g.email = $1 AND g.claimed_by IS NULL ORDER BY g.id",
            )
            .bind(&email)
            .fetch_all(c)
            .await?
        };
        Ok(ClaimOffer {
            verified: verified_at.is_some(),
            comments: rows.iter().map(|r| r.1).sum(),
            names: rows.into_iter().map(|r| r.0).collect(),
        })
    }

    /// Makes the unclaimed guest comments written with the member's address theirs, if the
    /// member's address is verified (checked here, in the same transaction). Returns how many
    /// comments became theirs; `None` when the address is not verified.
    pub async fn claim_guest_comments(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<u64>> {
        let mut tx = self.begin().await?;
        let out = {
            let user: Option<(String, Option<DateTime<Utc>>)> =
                query("SELECT email, email_verified_at FROM users WHERE id = $1")
                    .bind(user_id)
                    .fetch_optional(&mut tx)
                    .await?;
            match user {
                Some((email, Some(_))) => {
                    let moved = query(
                        // The link to the guest goes: from now on they are the member's, as
                        // if written by them (deleting the account treats them alike).
                        "UPDATE comments SET author_id = $1, guest_id = NULL WHERE guest_id IN \
                         (SELECT id FROM guest_identities WHERE email = $2 AND claimed_by IS NULL)",
                    )
                    .bind(user_id)
                    .bind(&email)
                    .execute(&mut tx)
                    .await?;
                    query(
                        "UPDATE guest_identities SET claimed_by = $1, claimed_at = $3 \
                         WHERE email = $2 AND claimed_by IS NULL",
                    )
                    .bind(user_id)
                    .bind(&email)
                    .bind(now)
                    .execute(&mut tx)
                    .await?;
                    Some(moved)
                }
                _ => None,
            }
        };
        tx.commit().await?;
        Ok(out)
    }
}
