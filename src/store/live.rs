//! Live coverage: an article's coverage times, its updates and their revisions.
//!
//! Every change to an update is one transaction that also writes its revision (the audit row)
//! and, on PostgreSQL, sends `pg_notify('broadsheet_comments', 'u:ARTICLE:UPDATE:KIND')` so every
//! process's live-update hub hears it when it commits (see `services::live`).

use chrono::{DateTime, Utc};

use super::{Result, Store, Tx, query};
use crate::domain::live::{Coverage, LiveUpdateId, UpdateAction, UpdateCursor, UpdateStatus};

/// An update as the newsroom and readers see it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LiveUpdate {
    pub id: i64,
    pub article_id: i64,
    pub author_id: Option<i64>,
    /// The author's display name; `None` once the account is gone.
    pub author_name: Option<String>,
    pub status: UpdateStatus,
    pub key_event: bool,
    pub body_source: String,
    pub body_html: String,
    pub image_url: Option<String>,
    pub image_alt: Option<String>,
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// The reader's question this update answers ("Ask the newsroom"), if it answers one.
    pub question_id: Option<i64>,
    pub question_body: Option<String>,
    /// The asker's display name; `None` once the account is gone.
    pub question_asker: Option<String>,
}

impl LiveUpdate {
    pub fn id(&self) -> LiveUpdateId {
        LiveUpdateId(self.id)
    }

    /// Where the stream goes on after this update (published updates only).
    pub fn cursor(&self) -> Option<UpdateCursor> {
        Some(UpdateCursor {
            published_at: self.published_at?,
            id: self.id(),
        })
    }
}

const UPDATE_COLUMNS: &str = "l.id, l.article_id, l.author_id, u.display_name AS author_name, \
     l.status, l.key_event, l.body_source, l.body_html, l.image_url, l.image_alt, l.revision, \
     l.created_at, l.published_at, l.edited_at, l.deleted_at, l.question_id, \
     q.body AS question_body, qa.display_name AS question_asker";

/// The updates with their authors, and the question an update answers with its asker.
const UPDATE_FROM: &str = "live_updates l LEFT JOIN users u ON u.id = l.author_id \
     LEFT JOIN live_questions q ON q.id = l.question_id LEFT JOIN users qa ON qa.id = q.asker_id";

/// A revision of an update: what was done, by whom, and the text it left.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UpdateRevision {
    pub number: i64,
    pub action: UpdateAction,
    pub saved_by_name: Option<String>,
    pub body_source: String,
    pub key_event: bool,
    pub created_at: DateTime<Utc>,
}

/// A new update's content, checked by the caller (`domain::live`).
pub struct NewUpdate<'a> {
    pub article_id: i64,
    pub author_id: i64,
    pub body_source: &'a str,
    pub body_html: &'a str,
    pub image: Option<(&'a str, &'a str)>,
    pub key_event: bool,
    /// Published at once (an editor's), or kept as a draft (a contributor's).
    pub publish: bool,
    /// The `live.update.published` webhook payload, given the update's id; queued in the
    /// transaction that publishes it.
    pub webhook_payload: &'a (dyn Fn(i64) -> String + Send + Sync),
}

/// The `live.update.published` payload maker, given the update's id.
pub type WebhookPayload<'a> = &'a (dyn Fn(i64) -> String + Send + Sync);

async fn queue_webhook(
    tx: &mut Tx,
    id: i64,
    payload: WebhookPayload<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    let event = crate::domain::webhook::Event::LiveUpdatePublished.as_str();
    super::webhooks::enqueue(tx, event, &payload(id), now).await?;
    Ok(())
}

/// A change to an existing update.
pub enum UpdateChange<'a> {
    Publish,
    Edit {
        body_source: &'a str,
        body_html: &'a str,
        image: Option<(&'a str, &'a str)>,
        key_event: bool,
    },
    Delete,
}

/// What a change did, for the live stream and the page cache: the stream hears of it only if
/// readers saw (or now see) the update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Changed {
    pub article_id: i64,
    pub id: LiveUpdateId,
    pub action: UpdateAction,
    pub seen_by_readers: bool,
}

/// The live event's payload on the comments channel, as `services::live` parses it.
pub fn notify_payload(article_id: i64, id: LiveUpdateId, action: UpdateAction) -> String {
    format!("u:{article_id}:{}:{}", id.0, action.as_str())
}

/// One revision row: the audit of a change.
struct Revision<'a> {
    update_id: i64,
    number: i64,
    action: UpdateAction,
    by: i64,
    body_source: &'a str,
    key_event: bool,
}

async fn record(tx: &mut Tx, r: Revision<'_>, now: DateTime<Utc>) -> Result<()> {
    query(
        "INSERT INTO live_update_revisions (update_id, number, action, saved_by, body_source, \
         key_event, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(r.update_id)
    .bind(r.number)
    .bind(r.action)
    .bind(r.by)
    .bind(r.body_source)
    .bind(r.key_event)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

async fn announce(tx: &mut Tx, changed: &Changed) -> Result<()> {
    if changed.seen_by_readers {
        let payload = notify_payload(changed.article_id, changed.id, changed.action);
        super::purges::notify_in(tx, &[(super::COMMENTS_CHANNEL, &payload)]).await?;
    }
    Ok(())
}

/// Writes a new update (answering `question`, if given) with its first revision, its webhook
/// when published at once, and its announcement, in the caller's transaction.
pub(super) async fn insert_update(
    tx: &mut Tx,
    new: &NewUpdate<'_>,
    question: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Changed> {
    let status = if new.publish {
        UpdateStatus::Published
    } else {
        UpdateStatus::Draft
    };
    let (id,): (i64,) = query(
        "INSERT INTO live_updates (article_id, author_id, status, key_event, body_source, \
         body_html, image_url, image_alt, revision, created_at, published_at, question_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11) RETURNING id",
    )
    .bind(new.article_id)
    .bind(new.author_id)
    .bind(status)
    .bind(new.key_event)
    .bind(new.body_source)
    .bind(new.body_html)
    .bind(new.image.map(|i| i.0))
    .bind(new.image.map(|i| i.1))
    .bind(now)
    .bind(new.publish.then_some(now))
    .bind(question)
    .fetch_one(&mut *tx)
    .await?;
    let action = if new.publish {
        UpdateAction::Published
    } else {
        UpdateAction::Written
    };
    let revision = Revision {
        update_id: id,
        number: 1,
        action,
        by: new.author_id,
        body_source: new.body_source,
        key_event: new.key_event,
    };
    record(&mut *tx, revision, now).await?;
    if new.publish {
        queue_webhook(&mut *tx, id, new.webhook_payload, now).await?;
    }
    let changed = Changed {
        article_id: new.article_id,
        id: LiveUpdateId(id),
        action,
        seen_by_readers: new.publish,
    };
    announce(&mut *tx, &changed).await?;
    Ok(changed)
}

/// An article's `live_started_at` and `live_ended_at`.
type CoverageTimes = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

impl Store {
    /// An article's coverage, or `None` if there is no such article.
    pub async fn coverage(&self, article_id: i64) -> Result<Option<Coverage>> {
        let row: Option<CoverageTimes> =
            query("SELECT live_started_at, live_ended_at FROM articles WHERE id = $1")
                .bind(article_id)
                .fetch_optional(self.read())
                .await?;
        Ok(row.map(|(s, e)| Coverage::of(s, e)))
    }

    /// Sets an article's coverage to `to` (as `domain::live::change_coverage` decided), if it
    /// is still `from`; false when someone changed it meanwhile.
    pub async fn set_coverage(
        &self,
        article_id: i64,
        from: Coverage,
        to: Coverage,
    ) -> Result<bool> {
        let times = |c: Coverage| match c {
            Coverage::None => (None, None),
            Coverage::Live { since } => (Some(since), None),
            Coverage::Ended { since, until } => (Some(since), Some(until)),
        };
        let (was_start, was_end) = times(from);
        let (start, end) = times(to);
        // NULL-safe comparison written both dialects accept.
        let changed = query(
            "UPDATE articles SET live_started_at = $1, live_ended_at = $2 WHERE id = $3 \
             AND ((live_started_at IS NULL AND $4 IS NULL) OR live_started_at = $4) \
             AND ((live_ended_at IS NULL AND $5 IS NULL) OR live_ended_at = $5)",
        )
        .bind(start)
        .bind(end)
        .bind(article_id)
        .bind(was_start)
        .bind(was_end)
        .execute(self.write())
        .await?;
        Ok(changed == 1)
    }

    /// Writes a new update and its first revision (and its publication, if published at once).
    pub async fn insert_live_update(
        &self,
        new: &NewUpdate<'_>,
        now: DateTime<Utc>,
    ) -> Result<Changed> {
        let mut tx = self.begin().await?;
        let changed = insert_update(&mut tx, new, None, now).await?;
        tx.commit().await?;
        Ok(changed)
    }

    /// Applies `change` to an update at `revision` (compare-and-set, as article saves): `None`
    /// when the update changed meanwhile.
    pub async fn change_live_update(
        &self,
        current: &LiveUpdate,
        change: UpdateChange<'_>,
        by: i64,
        webhook_payload: WebhookPayload<'_>,
        now: DateTime<Utc>,
    ) -> Result<Option<Changed>> {
        let mut tx = self.begin().await?;
        let next = current.revision + 1;
        let was_seen = current.status == UpdateStatus::Published;
        let (action, body_source, key_event, seen) = match change {
            UpdateChange::Publish => {
                let n = query(
                    "UPDATE live_updates SET status = $1, published_at = $2, revision = $3 \
                     WHERE id = $4 AND revision = $5",
                )
                .bind(UpdateStatus::Published)
                .bind(now)
                .bind(next)
                .bind(current.id)
                .bind(current.revision)
                .execute(&mut tx)
                .await?;
                if n != 1 {
                    return Ok(None);
                }
                queue_webhook(&mut tx, current.id, webhook_payload, now).await?;
                (
                    UpdateAction::Published,
                    current.body_source.as_str(),
                    current.key_event,
                    true,
                )
            }
            UpdateChange::Edit {
                body_source,
                body_html,
                image,
                key_event,
            } => {
                // A draft's edits are not corrections readers need told of.
                let edited_at = was_seen.then_some(now).or(current.edited_at);
                let n = query(
                    "UPDATE live_updates SET body_source = $1, body_html = $2, image_url = $3, \
                     image_alt = $4, key_event = $5, edited_at = $6, revision = $7 \
                     WHERE id = $8 AND revision = $9",
                )
                .bind(body_source)
                .bind(body_html)
                .bind(image.map(|i| i.0))
                .bind(image.map(|i| i.1))
                .bind(key_event)
                .bind(edited_at)
                .bind(next)
                .bind(current.id)
                .bind(current.revision)
                .execute(&mut tx)
                .await?;
                if n != 1 {
                    return Ok(None);
                }
                (UpdateAction::Edited, body_source, key_event, was_seen)
            }
            UpdateChange::Delete => {
                let n = query(
                    "UPDATE live_updates SET status = $1, deleted_at = $2, revision = $3 \
                     WHERE id = $4 AND revision = $5",
                )
                .bind(UpdateStatus::Deleted)
                .bind(now)
                .bind(next)
                .bind(current.id)
                .bind(current.revision)
                .execute(&mut tx)
                .await?;
                if n != 1 {
                    return Ok(None);
                }
                (
                    UpdateAction::Deleted,
                    current.body_source.as_str(),
                    current.key_event,
                    was_seen,
                )
            }
        };
        let revision = Revision {
            update_id: current.id,
            number: next,
            action,
            by,
            body_source,
            key_event,
        };
        record(&mut tx, revision, now).await?;
        let changed = Changed {
            article_id: current.article_id,
            id: current.id(),
            action,
            seen_by_readers: seen,
        };
        announce(&mut tx, &changed).await?;
        tx.commit().await?;
        Ok(Some(changed))
    }

    /// One update, whatever its status.
    pub async fn live_update(&self, id: LiveUpdateId) -> Result<Option<LiveUpdate>> {
        let sql = format!("SELECT {UPDATE_COLUMNS} FROM {UPDATE_FROM} WHERE l.id = $1");
        query(&sql).bind(id.0).fetch_optional(self.read()).await
    }

    /// An article's published updates, newest first, after `before`; `key_events` keeps only
    /// the key events. One index range scan with a LIMIT.
    pub async fn published_updates(
        &self,
        article_id: i64,
        before: Option<UpdateCursor>,
        key_events: bool,
        limit: u32,
    ) -> Result<Vec<LiveUpdate>> {
        let key_filter = if key_events {
            "AND l.key_event = $6"
        } else {
            "AND $6 = $6"
        };
        let sql = format!(
            "SELECT {UPDATE_COLUMNS} FROM {UPDATE_FROM} \
             WHERE l.article_id = $1 AND l.status = $2 AND (l.published_at, l.id) < ($3, $4) \
             {key_filter} ORDER BY l.published_at DESC, l.id DESC LIMIT $5"
        );
        let (at, id) = match before {
            Some(c) => (c.published_at, c.id.0),
            // Far enough ahead of any update (and a value both backends store).
            None => (
                DateTime::from_timestamp(253_402_300_799, 0).unwrap_or_default(),
                i64::MAX,
            ),
        };
        query(&sql)
            .bind(article_id)
            .bind(UpdateStatus::Published)
            .bind(at)
            .bind(id)
            .bind(i64::from(limit))
            .bind(true)
            .fetch_all(self.read())
            .await
    }

    /// The newsroom's view of an article's updates: drafts first, then the rest newest first.
    pub async fn desk_updates(&self, article_id: i64, limit: u32) -> Result<Vec<LiveUpdate>> {
        let sql = format!(
            "SELECT {UPDATE_COLUMNS} FROM {UPDATE_FROM} \
             WHERE l.article_id = $1 AND l.status <> $2 \
             ORDER BY CASE WHEN l.status = $3 THEN 0 ELSE 1 END, \
             COALESCE(l.published_at, l.created_at) DESC, l.id DESC LIMIT $4"
        );
        query(&sql)
            .bind(article_id)
            .bind(UpdateStatus::Deleted)
            .bind(UpdateStatus::Draft)
            .bind(i64::from(limit))
            .fetch_all(self.read())
            .await
    }

    /// When each of these articles' streams last changed as readers saw it: an update published,
    /// edited or deleted after its publication. Articles without such an update are left out.
    /// One grouped query, for the feeds that list the articles.
    pub async fn stream_changes(&self, article_ids: &[i64]) -> Result<Vec<(i64, DateTime<Utc>)>> {
        if article_ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = super::articles::placeholders(1, article_ids.len());
        // Three maxima rather than GREATEST, which SQLite spells MAX.
        let sql = format!(
            "SELECT article_id, MAX(published_at), MAX(edited_at), MAX(deleted_at) \
             FROM live_updates WHERE article_id IN ({list}) AND published_at IS NOT NULL \
             GROUP BY article_id"
        );
        let mut q = query(&sql);
        for id in article_ids {
            q = q.bind(*id);
        }
        type Row = (
            i64,
            Option<DateTime<Utc>>,
            Option<DateTime<Utc>>,
            Option<DateTime<Utc>>,
        );
        let rows: Vec<Row> = q.fetch_all(self.read()).await?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, p, e, d)| Some((id, [p, e, d].into_iter().flatten().max()?)))
            .collect())
    }

    /// Every revision of an update, oldest first.
    pub async fn live_update_revisions(&self, id: LiveUpdateId) -> Result<Vec<UpdateRevision>> {
        query(
            "SELECT r.number, r.action, u.display_name AS saved_by_name, r.body_source, \
             r.key_event, r.created_at FROM live_update_revisions r \
             LEFT JOIN users u ON u.id = r.saved_by WHERE r.update_id = $1 ORDER BY r.number",
        )
        .bind(id.0)
        .fetch_all(self.read())
        .await
    }
}
