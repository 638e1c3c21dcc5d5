//! Moderation: comment policies, settings and word lists, the queues, decisions and their
//! undo, bans, the spam filter's counts and the audit log.
//!
//! Every decision is a change of a comment's state (status, why it is held, the note its author
//! reads, its pin, how the spam filter learnt from it, its open reports) made in one transaction
//! with the counts it affects and an audit row holding the state before and after, which is
//! what undo puts back. Nothing is deleted.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Backend, Result, Store, Tx, query};
use crate::domain::moderation::{
    CommentMode, CommentPolicy, Decision, HoldReason, PolicyLayer, Queue, Reporter, ReporterBar,
    may_be_banned, report_counts,
};
use crate::domain::spam;
use crate::domain::user::Role;
use crate::domain::webhook;

/// Who acted: a member of staff, or the site itself (reports reaching the threshold) or the
/// command line.
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: Option<i64>,
    pub name: String,
}

impl Actor {
    pub fn system() -> Actor {
        Actor {
            id: None,
            name: "Broadsheet (automatic)".into(),
        }
    }

    pub fn command_line() -> Actor {
        Actor {
            id: None,
            name: "command line".into(),
        }
    }
}

/// The site's moderation settings.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ModerationSettings {
    pub link_hold_below: i64,
    pub report_threshold: i64,
    /// Reports count toward hiding only from members with a confirmed address.
    pub report_requires_verified: bool,
    /// … whose account is at least this many days old.
    pub report_min_account_days: i64,
    /// … with at least this many comments shown to readers.
    pub report_min_approved: i64,
    pub spam_threshold: f64,
    pub words_version: i64,
    pub spam_docs: i64,
    pub ham_docs: i64,
}

impl ModerationSettings {
    /// Whose reports count toward hiding a comment.
    pub fn reporter_bar(&self) -> ReporterBar {
        ReporterBar {
            verified: self.report_requires_verified,
            min_account_days: self.report_min_account_days,
            min_approved: self.report_min_approved,
        }
    }
}

/// The part of a comment that moderation changes, as the audit log records it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ModState {
    pub status: String,
    pub held_reason: Option<String>,
    pub moderation_note: String,
    pub pinned_at: Option<DateTime<Utc>>,
    pub trained_as: Option<String>,
    pub open_reports: i64,
    /// Reports this change closed (reopened by undo).
    #[sqlx(skip)]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed_reports: Vec<i64>,
}

impl ModState {
    /// The same state as far as undo is concerned (report bookkeeping aside).
    fn same_as(&self, other: &ModState) -> bool {
        self.status == other.status
            && self.held_reason == other.held_reason
            && self.pinned_at.is_some() == other.pinned_at.is_some()
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
struct CommentFacts {
    article_id: i64,
    parent_id: Option<i64>,
    body_source: String,
    author_id: Option<i64>,
    #[sqlx(flatten)]
    state: ModState,
}

const STATE_COLUMNS: &str = "article_id, parent_id, body_source, author_id, status, held_reason, \
     moderation_note, pinned_at, trained_as, open_reports";

/// A member's ban as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BanState {
    pub banned_until: Option<DateTime<Utc>>,
    pub ban_reason: String,
}

/// One row of the audit log.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LogRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub action: String,
    pub comment_id: Option<i64>,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub reason: String,
    pub before: String,
    pub after: String,
    pub undone_by: Option<i64>,
}

/// Which audit rows to list.
#[derive(Clone, Debug, Default)]
pub struct LogFilter {
    pub actor_id: Option<i64>,
    pub action: Option<String>,
    pub comment_id: Option<i64>,
    pub user_id: Option<i64>,
    /// Rows older than this id (the next page).
    pub before_id: Option<i64>,
}

/// What a batch of decisions did.
#[derive(Clone, Debug, Default)]
pub struct Decided {
    /// (article, comment) of each comment changed.
    pub changed: Vec<(i64, i64)>,
    /// Comments that became visible to readers, to announce live.
    pub now_visible: Vec<(i64, i64)>,
    /// Comments left as they were, and why.
    pub skipped: Vec<(i64, String)>,
    /// The audit rows written, one per comment changed (what undo takes).
    pub log_ids: Vec<i64>,
}

/// Why undo could not be done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UndoProblem {
    Missing,
    AlreadyUndone,
    NotUndoable,
    ChangedSince,
}

/// What an undo changed: the log row undone, and for a comment its article and whether it
/// became visible again.
#[derive(Clone, Debug)]
pub struct Undone {
    pub entry: LogRow,
    pub comment: Option<(i64, bool)>,
}

/// A comment in a moderation queue, with its context.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QueueRow {
    pub id: i64,
    pub article_id: i64,
    pub article_slug: String,
    pub article_title: String,
    pub parent_id: Option<i64>,
    pub parent_excerpt: Option<String>,
    pub parent_author: Option<String>,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub author_since: Option<DateTime<Utc>>,
    pub author_banned_until: Option<DateTime<Utc>>,
    pub body_html: String,
    pub status: String,
    pub held_reason: Option<String>,
    pub moderation_note: String,
    pub spam_score: Option<f64>,
    pub pinned_at: Option<DateTime<Utc>>,
    pub open_reports: i64,
    pub created_at: DateTime<Utc>,
}

/// A member's record: how many of their comments are in each state.
#[derive(Clone, Debug, Default)]
pub struct AuthorRecord {
    pub visible: i64,
    pub pending: i64,
    pub rejected: i64,
    pub deleted: i64,
}

/// How the queue is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum QueueOrder {
    /// Open reports, spam score and the author's rejected comments first.
    #[default]
    Priority,
    /// Oldest first.
    Time,
}

/// At most this many comments are listed per queue page.
pub const QUEUE_PAGE: i64 = 100;

/// One row of the moderation log, as its action writes it.
struct LogLine<'a> {
    action: &'a str,
    comment: Option<i64>,
    user: Option<i64>,
    reason: &'a str,
    before: &'a str,
    after: &'a str,
}

/// Writes `line` to the moderation log in the action's transaction; its id.
async fn log(tx: &mut Tx, actor: &Actor, line: &LogLine<'_>, now: DateTime<Utc>) -> Result<i64> {
    query(
        "INSERT INTO moderation_log (at, actor_id, actor_name, action, comment_id, user_id, reason, before, after) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(now)
    .bind(actor.id)
    .bind(&actor.name)
    .bind(line.action)
    .bind(line.comment)
    .bind(line.user)
    .bind(line.reason)
    .bind(line.before)
    .bind(line.after)
    .scalar(tx)
    .await
}

/// Logs an undo of the row `log_id` and marks that row undone, in the undo's transaction.
async fn log_undo(
    tx: &mut Tx,
    actor: &Actor,
    log_id: i64,
    line: &LogLine<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    let id = log(&mut *tx, actor, line, now).await?;
    query("UPDATE moderation_log SET undone_by = $1 WHERE id = $2")
        .bind(id)
        .bind(log_id)
        .execute(tx)
        .await?;
    Ok(())
}

/// Adds (`sign` 1) or removes (`sign` -1) one document's tokens to the spam filter's counts.
pub(crate) async fn train(tx: &mut Tx, text: &str, class: &str, sign: i64) -> Result<()> {
    let tokens = crate::domain::spam::tokens(text);
    let (s, h) = if class == "spam" {
        (sign, 0i64)
    } else {
        (0i64, sign)
    };
    if !tokens.is_empty() {
        let values = (0..tokens.len())
            .map(|i| format!("(${}, $1, $2)", i + 3))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO spam_tokens (token, spam, ham) VALUES {values} \
                 ON CONFLICT (token) DO UPDATE SET spam = spam_tokens.spam + excluded.spam, \
                 ham = spam_tokens.ham + excluded.ham"
        );
        let mut q = query(&sql).bind(s).bind(h);
        for t in &tokens {
            q = q.bind(t);
        }
        q.execute(&mut *tx).await?;
    }
    query(
            "UPDATE moderation_settings SET spam_docs = spam_docs + $1, ham_docs = ham_docs + $2 WHERE id = 1",
        )
        .bind(s)
        .bind(h)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Writes a comment's new moderation state, keeps the visible counts, the spam filter and the
/// open reports in step, and on PostgreSQL tells other processes about a comment that
/// appeared.
async fn set_state(
    tx: &mut Tx,
    id: i64,
    facts: &CommentFacts,
    new: &ModState,
    now: DateTime<Utc>,
) -> Result<()> {
    query(
        "UPDATE comments SET status = $1, held_reason = $2, moderation_note = $3, pinned_at = $4, \
             trained_as = $5, open_reports = $6 WHERE id = $7",
    )
    .bind(&new.status)
    .bind(&new.held_reason)
    .bind(&new.moderation_note)
    .bind(new.pinned_at)
    .bind(&new.trained_as)
    .bind(new.open_reports)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let was = i64::from(facts.state.status == "visible");
    let is = i64::from(new.status == "visible");
    if was != is {
        query("UPDATE articles SET comment_count = comment_count + $1 WHERE id = $2")
            .bind(is - was)
            .bind(facts.article_id)
            .execute(&mut *tx)
            .await?;
        if let Some(pid) = facts.parent_id {
            query("UPDATE comments SET reply_count = reply_count + $1 WHERE id = $2")
                .bind(is - was)
                .bind(pid)
                .execute(&mut *tx)
                .await?;
        }
        if is == 1 && tx.backend() == Backend::Postgres {
            query("SELECT pg_notify('broadsheet_comments', $1)")
                .bind(format!("{}:{}", facts.article_id, id))
                .execute(&mut *tx)
                .await?;
        }
    }
    if facts.state.trained_as != new.trained_as {
        if let Some(old) = &facts.state.trained_as {
            train(&mut *tx, &facts.body_source, old.as_str(), -1).await?;
        }
        if let Some(class) = &new.trained_as {
            train(&mut *tx, &facts.body_source, class.as_str(), 1).await?;
        }
    }
    for report in &new.closed_reports {
        query("UPDATE comment_reports SET resolved_at = $1 WHERE id = $2")
            .bind(now)
            .bind(*report)
            .execute(&mut *tx)
            .await?;
    }
    for report in &facts.state.closed_reports {
        query("UPDATE comment_reports SET resolved_at = NULL WHERE id = $1")
            .bind(*report)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// (scope, mode, premoderate_first, auto_close_days)
type PolicyRow = (String, Option<String>, Option<i64>, Option<i64>);
/// (scope, scope_id, name, mode, premoderate_first, auto_close_days)
type OverrideRow = (
    String,
    i64,
    String,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

const LOG_SELECT: &str = "SELECT l.id, l.at, l.actor_id, l.actor_name, l.action, l.comment_id, \
     l.user_id, u.display_name AS user_name, l.reason, l.before, l.after, l.undone_by \
     FROM moderation_log l LEFT JOIN users u ON u.id = l.user_id";

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

impl Store {
    /// The policy layers that apply to an article (site, its section, itself), in one query.
    pub async fn comment_policy(&self, article_id: i64) -> Result<CommentPolicy> {
        let rows: Vec<PolicyRow> = query(
                "SELECT scope, mode, premoderate_first, auto_close_days FROM comment_policies \
                 WHERE (scope = 'site' AND scope_id = 0) \
                    OR (scope = 'section' AND scope_id = (SELECT section_id FROM articles WHERE id = $1)) \
                    OR (scope = 'article' AND scope_id = $1)",
            )
            .bind(article_id)
            .fetch_all(self.read())
            .await?;
        let mut layers = [PolicyLayer::default(); 3];
        for (scope, mode, first, days) in rows {
            let i = match scope.as_str() {
                "site" => 0,
                "section" => 1,
                _ => 2,
            };
            layers[i] = PolicyLayer {
                mode: mode.and_then(|m| CommentMode::from_stored(&m, first)),
                auto_close_days: days,
            };
        }
        Ok(CommentPolicy::resolve(layers[0], layers[1], layers[2]))
    }

    /// The layer stored for one scope (`site` with id 0, `section`, `article`).
    pub async fn policy_layer(&self, scope: &str, scope_id: i64) -> Result<PolicyLayer> {
        let row: Option<(Option<String>, Option<i64>, Option<i64>)> = query(
            "SELECT mode, premoderate_first, auto_close_days FROM comment_policies \
                 WHERE scope = $1 AND scope_id = $2",
        )
        .bind(scope)
        .bind(scope_id)
        .fetch_optional(self.read())
        .await?;
        Ok(
            row.map_or_else(PolicyLayer::default, |(mode, first, days)| PolicyLayer {
                mode: mode.and_then(|m| CommentMode::from_stored(&m, first)),
                auto_close_days: days,
            }),
        )
    }

    /// Every section and article layer that overrides something, for the settings page.
    pub async fn policy_overrides(&self) -> Result<Vec<(String, i64, String, PolicyLayer)>> {
        let rows: Vec<OverrideRow> = query(
                    "SELECT p.scope, p.scope_id, COALESCE(s.name, a.title, '') AS name, p.mode, \
                     p.premoderate_first, p.auto_close_days FROM comment_policies p \
                     LEFT JOIN sections s ON p.scope = 'section' AND s.id = p.scope_id \
                     LEFT JOIN articles a ON p.scope = 'article' AND a.id = p.scope_id \
                     WHERE p.scope <> 'site' AND (p.mode IS NOT NULL OR p.auto_close_days IS NOT NULL) \
                     ORDER BY p.scope DESC, name",
                )
                .fetch_all(self.read())
                .await?;
        Ok(rows
            .into_iter()
            .map(|(scope, id, name, mode, first, days)| {
                let layer = PolicyLayer {
                    mode: mode.and_then(|m| CommentMode::from_stored(&m, first)),
                    auto_close_days: days,
                };
                (scope, id, name, layer)
            })
            .collect())
    }

    /// Sets the policy of one scope and logs the change.
    pub async fn set_policy(
        &self,
        scope: &str,
        scope_id: i64,
        layer: PolicyLayer,
        actor: &Actor,
        described: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let before = self.policy_layer(scope, scope_id).await?;
        let (mode, first) = match layer.mode {
            Some(m) => {
                let (m, f) = m.stored();
                (Some(m), f)
            }
            None => (None, None),
        };
        let mut tx = self.begin().await?;
        query(
                "INSERT INTO comment_policies (scope, scope_id, mode, premoderate_first, auto_close_days, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (scope, scope_id) DO UPDATE SET \
                 mode = excluded.mode, premoderate_first = excluded.premoderate_first, \
                 auto_close_days = excluded.auto_close_days, updated_at = excluded.updated_at",
            )
            .bind(scope)
            .bind(scope_id)
            .bind(mode)
            .bind(first)
            .bind(layer.auto_close_days)
            .bind(now)
            .execute(&mut tx)
            .await?;
        let before = format!("{before:?}");
        let after = format!("{layer:?}");
        log(
            &mut tx,
            actor,
            &LogLine {
                action: "policy",
                comment: None,
                user: None,
                reason: described,
                before: &before,
                after: &after,
            },
            now,
        )
        .await?;
        tx.commit().await?;

        Ok(())
    }

    pub async fn moderation_settings(&self) -> Result<ModerationSettings> {
        query(
                "SELECT link_hold_below, report_threshold, report_requires_verified, report_min_account_days, \
                 report_min_approved, spam_threshold, words_version, spam_docs, ham_docs \
                 FROM moderation_settings WHERE id = 1",
            )
            .fetch_one(self.read())
            .await
    }

    /// The banned and suspect word lists (one entry per line) and their version.
    pub async fn word_lists(&self) -> Result<(String, String, i64)> {
        query(
                "SELECT banned_words, suspect_words, words_version FROM moderation_settings WHERE id = 1",
            )
            .fetch_one(self.read())
            .await
    }

    /// Saves the thresholds, logging the change.
    pub async fn save_moderation_settings(
        &self,
        link_hold_below: i64,
        report_threshold: i64,
        reporters: ReporterBar,
        spam_threshold: f64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let before = self.moderation_settings().await?;
        let mut tx = self.begin().await?;
        query(
                "UPDATE moderation_settings SET link_hold_below = $1, report_threshold = $2, \
                 report_requires_verified = $3, report_min_account_days = $4, report_min_approved = $5, \
                 spam_threshold = $6 WHERE id = 1",
            )
            .bind(link_hold_below)
            .bind(report_threshold)
            .bind(reporters.verified)
            .bind(reporters.min_account_days)
            .bind(reporters.min_approved)
            .bind(spam_threshold)
            .execute(&mut tx)
            .await?;
        let before = format!(
            "links held below {} approved comments; hidden at {} reports; {}; spam held from {}",
            before.link_hold_below,
            before.report_threshold,
            before.reporter_bar().describe(),
            before.spam_threshold
        );
        let after = format!(
            "links held below {link_hold_below} approved comments; hidden at {report_threshold} reports; {}; spam held from {spam_threshold}",
            reporters.describe()
        );
        log(
            &mut tx,
            actor,
            &LogLine {
                action: "settings",
                comment: None,
                user: None,
                reason: "",
                before: &before,
                after: &after,
            },
            now,
        )
        .await?;
        tx.commit().await?;

        Ok(())
    }

    /// Replaces the word lists (already checked), bumping their version, and logs the change.
    pub async fn save_word_lists(
        &self,
        banned: &[String],
        suspect: &[String],
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (old_banned, old_suspect, _) = self.word_lists().await?;
        let (banned, suspect) = (banned.join("\n"), suspect.join("\n"));
        let mut tx = self.begin().await?;
        query(
            "UPDATE moderation_settings SET banned_words = $1, suspect_words = $2, \
                 words_version = words_version + 1 WHERE id = 1",
        )
        .bind(&banned)
        .bind(&suspect)
        .execute(&mut tx)
        .await?;
        let before = json(&serde_json::json!({ "banned": old_banned, "suspect": old_suspect }));
        let after = json(&serde_json::json!({ "banned": banned, "suspect": suspect }));
        log(
            &mut tx,
            actor,
            &LogLine {
                action: "words",
                comment: None,
                user: None,
                reason: "",
                before: &before,
                after: &after,
            },
            now,
        )
        .await?;
        tx.commit().await?;

        Ok(())
    }

    /// The spam filter's counts for these tokens (tokens never seen count zero), in one query.
    pub async fn spam_counts(&self, tokens: &[String]) -> Result<Vec<spam::Counts>> {
        if tokens.is_empty() {
            return Ok(Vec::new());
        }
        let list = super::articles::placeholders(1, tokens.len());
        let sql = format!("SELECT spam, ham FROM spam_tokens WHERE token IN ({list})");
        let rows: Vec<(i64, i64)> = {
            let mut q = query(&sql);
            for t in tokens {
                q = q.bind(t);
            }
            q.fetch_all(self.read()).await?
        };
        let mut counts: Vec<spam::Counts> = rows
            .into_iter()
            .map(|(spam, ham)| spam::Counts { spam, ham })
            .collect();
        counts.resize(tokens.len(), spam::Counts::default());
        Ok(counts)
    }

    /// How many of a member's comments are visible, counting no further than `cap` (the
    /// screening rules only need to know whether a small threshold is reached) and leaving out
    /// `except` (the comment being edited, whose new text is what is screened).
    pub async fn approved_comments(
        &self,
        author_id: i64,
        cap: i64,
        except: Option<i64>,
    ) -> Result<i64> {
        let (n,): (i64,) = query(
                "SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE author_id = $1 AND status = 'visible' \
                 AND id <> $3 LIMIT $2) AS recent",
            )
            .bind(author_id)
            .bind(cap)
            .bind(except.unwrap_or(0))
            .fetch_one(self.read())
            .await?;
        Ok(n)
    }

    /// Applies a decision to each comment, each in its own transaction with its audit row. A
    /// comment that an approval shows to readers queues its `comment.created` webhook (for the
    /// site at `base_url`) in the same transaction.
    pub async fn decide(
        &self,
        ids: &[i64],
        decision: &Decision,
        actor: &Actor,
        now: DateTime<Utc>,
        base_url: &str,
    ) -> Result<Decided> {
        let mut out = Decided::default();
        for &id in ids {
            match self.decide_one(id, decision, actor, now, base_url).await? {
                Ok((article_id, became_visible, log_id)) => {
                    out.log_ids.push(log_id);
                    out.changed.push((article_id, id));
                    if became_visible {
                        out.now_visible.push((article_id, id));
                    }
                }
                Err(why) => out.skipped.push((id, why)),
            }
        }
        Ok(out)
    }

    async fn decide_one(
        &self,
        id: i64,
        decision: &Decision,
        actor: &Actor,
        now: DateTime<Utc>,
        base_url: &str,
    ) -> Result<std::result::Result<(i64, bool, i64), String>> {
        let sql = format!("SELECT {STATE_COLUMNS} FROM comments WHERE id = $1");
        let mut tx = self.begin().await?;
        let out = {
            let facts: Option<CommentFacts> = query(&sql).bind(id).fetch_optional(&mut tx).await?;
            let Some(facts) = facts else {
                return Ok(Err(format!("comment {id} does not exist")));
            };
            use crate::domain::comment::CommentStatus;
            use crate::domain::moderation::{CommentState, TrainedAs, decide};
            let old = &facts.state;
            let Some(status) = CommentStatus::parse(&old.status) else {
                return Ok(Err(format!(
                    "comment {id} has the unknown status `{}`",
                    old.status
                )));
            };
            let open: Vec<(i64,)> = query(
                "SELECT id FROM comment_reports WHERE comment_id = $1 AND resolved_at IS NULL",
            )
            .bind(id)
            .fetch_all(&mut tx)
            .await?;
            let open: Vec<i64> = open.into_iter().map(|r| r.0).collect();
            let current = CommentState {
                status,
                held_reason: old.held_reason.as_deref().and_then(HoldReason::parse),
                moderation_note: old.moderation_note.clone(),
                pinned_at: old.pinned_at,
                trained_as: old.trained_as.as_deref().and_then(TrainedAs::parse),
                open_reports: old.open_reports,
            };
            let change = match decide(&current, decision, &open, now) {
                Ok(change) => change,
                Err(why) => return Ok(Err(format!("comment {id} {why}"))),
            };
            let after = change.after;
            let new = ModState {
                status: after.status.as_str().to_owned(),
                held_reason: after.held_reason.map(|r| r.as_str().to_owned()),
                moderation_note: after.moderation_note,
                pinned_at: after.pinned_at,
                trained_as: after.trained_as.map(|t| t.as_str().to_owned()),
                open_reports: after.open_reports,
                closed_reports: change.closed_reports,
            };
            let reason = change.log_reason;
            set_state(&mut tx, id, &facts, &new, now).await?;
            let appeared = change.appeared;
            if appeared {
                // Readers see it now, so whoever it replies to or mentions is told; the
                // notifications' unique key keeps a second appearance from telling them again.
                super::notifications::queue_notifications(&mut tx, id, now).await?;
            }
            if appeared && *decision == Decision::Approve {
                let (slug, title, author, body_html, created_at): (
                    String,
                    String,
                    String,
                    String,
                    DateTime<Utc>,
                ) = query(
                    "SELECT a.slug, a.title, COALESCE(u.display_name, g.name, '[deleted]'), c.body_html, c.created_at \
                     FROM comments c JOIN articles a ON a.id = c.article_id \
                     LEFT JOIN users u ON u.id = c.author_id LEFT JOIN guest_identities g ON g.id = c.guest_id WHERE c.id = $1",
                )
                .bind(id)
                .fetch_one(&mut tx)
                .await?;
                let payload = webhook::comment_created_payload(
                    base_url,
                    now,
                    &webhook::CommentCreated {
                        id,
                        parent_id: facts.parent_id,
                        author_name: &author,
                        body_html: &body_html,
                        created_at,
                        article_slug: &slug,
                        article_headline: &title,
                    },
                );
                let event = webhook::Event::CommentCreated.as_str();
                super::webhooks::enqueue(&mut tx, event, &payload, now).await?;
            }
            let mut before = old.clone();
            before.closed_reports = Vec::new();
            let log_id = log(
                &mut tx,
                actor,
                &LogLine {
                    action: decision.action(),
                    comment: Some(id),
                    user: facts.author_id,
                    reason: &reason,
                    before: &json(&before),
                    after: &json(&new),
                },
                now,
            )
            .await?;
            Ok((facts.article_id, appeared, log_id))
        };
        tx.commit().await?;
        Ok(out)
    }

    /// Records a report; a member reports a comment once ([`super::Error::Conflict`] the
    /// second time). Every report is open on the desk, but only those of reporters who clear
    /// the site's bar ([`report_counts`]: judged as they report) count toward the threshold
    /// that hides a shown comment for review. Returns whether this report hid it.
    pub async fn report_comment(
        &self,
        comment_id: i64,
        reporter_id: i64,
        reason: &str,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let sql = format!("SELECT {STATE_COLUMNS} FROM comments WHERE id = $1");
        let r: Result<bool> = async {
            let mut tx = self.begin().await?;
            let out = {
let (threshold, verified_only, min_days, min_approved): (i64, bool, i64, i64) =
                    query(
                        "SELECT report_threshold, report_requires_verified, report_min_account_days, \
                         report_min_approved FROM moderation_settings WHERE id = 1",
                    )
                    .fetch_one(&mut tx)
                    .await?;
                let bar = ReporterBar {
                    verified: verified_only,
                    min_account_days: min_days,
                    min_approved,
                };
                let (role, verified_at, since): (String, Option<DateTime<Utc>>, DateTime<Utc>) =
                    query(
                        "SELECT role, email_verified_at, created_at FROM users WHERE id = $1",
                    )
                    .bind(reporter_id)
                    .fetch_one(&mut tx)
                    .await?;
                let (approved,): (i64,) = query(
                    "SELECT COUNT(*) FROM (SELECT 1 FROM comments WHERE author_id = $1 \
                     AND status = 'visible' LIMIT $2) AS shown",
                )
                .bind(reporter_id)
                .bind(bar.min_approved.max(0))
                .fetch_one(&mut tx)
                .await?;
                let counts = report_counts(
                    &bar,
                    &Reporter {
                        role: Role::parse(&role).unwrap_or(Role::Member),
                        verified: verified_at.is_some(),
                        account_age: now - since,
                        approved,
                    },
                );
                query(
                    "INSERT INTO comment_reports (comment_id, reporter_id, reason, note, created_at, counts_toward_hiding) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(comment_id)
                .bind(reporter_id)
                .bind(reason)
                .bind(note)
                .bind(now)
                .bind(counts)
                .execute(&mut tx)
                .await?;
                query("UPDATE comments SET open_reports = open_reports + 1 WHERE id = $1")
                    .bind(comment_id)
                    .execute(&mut tx)
                    .await?;
                let (counted,): (i64,) = query(
                    "SELECT COUNT(*) FROM comment_reports \
                     WHERE comment_id = $1 AND resolved_at IS NULL AND counts_toward_hiding",
                )
                .bind(comment_id)
                .fetch_one(&mut tx)
                .await?;
                let facts: CommentFacts = query(&sql)
                    .bind(comment_id)
                    .fetch_one(&mut tx)
                    .await?;
                if counts && threshold > 0 && counted >= threshold && facts.state.status == "visible"
                {
                    let new = ModState {
                        status: "pending".into(),
                        held_reason: Some(HoldReason::Reports.as_str().into()),
                        pinned_at: None,
                        ..facts.state.clone()
                    };
                    set_state(&mut tx, comment_id, &facts, &new, now).await?;
                    let actor = Actor::system();
                    log(&mut tx, &actor, &LogLine { action: "auto_hide", comment: Some(comment_id), user: facts.author_id, reason: &format!(
                            "{counted} open reports from established members ({} in all)",
                            facts.state.open_reports
                        ), before: &json(&facts.state), after: &json(&new) }, now).await?;
                    true
                } else {
                    false
                }
};
            tx.commit().await?;
            Ok(out)
        }
        .await;
        match r {
            Err(super::Error::Conflict(_)) => Err(super::Error::Conflict(
                "You have already reported this comment; moderators will look at it.".to_owned(),
            )),
            other => other,
        }
    }

    /// Bans a member until `until` (or lifts the ban with `None`), logging the change; the log
    /// row's id, or why not. The role is checked in the same transaction, so a member promoted
    /// meanwhile is not banned.
    pub async fn set_ban(
        &self,
        user_id: i64,
        until: Option<DateTime<Utc>>,
        reason: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<std::result::Result<i64, String>> {
        let mut tx = self.begin().await?;
        let logged = {
            let row: Option<(Option<DateTime<Utc>>, String, String, String)> = query(
                "SELECT banned_until, ban_reason, role, display_name FROM users WHERE id = $1",
            )
            .bind(user_id)
            .fetch_optional(&mut tx)
            .await?;
            let Some((old_until, old_reason, role, name)) = row else {
                return Ok(Err(format!("member {user_id} does not exist")));
            };
            if until.is_some() && !may_be_banned(Role::parse(&role).unwrap_or(Role::Member)) {
                return Ok(Err(format!(
                    "{name} is on the staff and cannot be banned; an administrator can change their role first"
                )));
            }
            let before = BanState {
                banned_until: old_until,
                ban_reason: old_reason,
            };
            let after = BanState {
                banned_until: until,
                ban_reason: if until.is_some() {
                    reason.to_owned()
                } else {
                    String::new()
                },
            };
            query("UPDATE users SET banned_until = $1, ban_reason = $2 WHERE id = $3")
                .bind(after.banned_until)
                .bind(&after.ban_reason)
                .bind(user_id)
                .execute(&mut tx)
                .await?;
            let action = if until.is_some() { "ban" } else { "unban" };
            Ok(log(
                &mut tx,
                actor,
                &LogLine {
                    action,
                    comment: None,
                    user: Some(user_id),
                    reason,
                    before: &json(&before),
                    after: &json(&after),
                },
                now,
            )
            .await?)
        };
        tx.commit().await?;
        if logged.is_ok() {
            self.member_changed(user_id).await;
        }
        Ok(logged)
    }

    /// Gives a member a role, logging who did it.
    pub async fn grant_role(
        &self,
        user_id: i64,
        role: Role,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let granted = {
            let row: Option<(String,)> = query("SELECT role FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(&mut tx)
                .await?;
            let Some((old,)) = row else {
                return Ok(false);
            };
            if old == role.as_str() {
                return Ok(true);
            }
            query("UPDATE users SET role = $1 WHERE id = $2")
                .bind(role.as_str())
                .bind(user_id)
                .execute(&mut tx)
                .await?;
            log(
                &mut tx,
                actor,
                &LogLine {
                    action: "role",
                    comment: None,
                    user: Some(user_id),
                    reason: &format!("{old} → {}", role.as_str()),
                    before: &old,
                    after: role.as_str(),
                },
                now,
            )
            .await?;
            true
        };
        tx.commit().await?;
        if granted {
            self.member_changed(user_id).await;
        }
        Ok(granted)
    }

    /// Reverses the logged action `log_id` (a decision, an automatic hide, a ban, an unban or a
    /// role change), provided nothing has changed the same thing since; logs the undo.
    pub async fn undo(
        &self,
        log_id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<std::result::Result<Undone, UndoProblem>> {
        let Some(entry) = self.log_entry(log_id).await? else {
            return Ok(Err(UndoProblem::Missing));
        };
        if entry.undone_by.is_some() {
            return Ok(Err(UndoProblem::AlreadyUndone));
        }
        let sql = format!("SELECT {STATE_COLUMNS} FROM comments WHERE id = $1");
        let reason = format!("undo of #{log_id} ({})", entry.action);
        let done = match entry.action.as_str() {
            "approve" | "reject" | "pin" | "unpin" | "auto_hide" => {
                let (Some(comment_id), Ok(before), Ok(after)) = (
                    entry.comment_id,
                    serde_json::from_str::<ModState>(&entry.before),
                    serde_json::from_str::<ModState>(&entry.after),
                ) else {
                    return Ok(Err(UndoProblem::NotUndoable));
                };
                let mut tx = self.begin().await?;
                let out = {
                    let mut facts: CommentFacts =
                        query(&sql).bind(comment_id).fetch_one(&mut tx).await?;
                    if !facts.state.same_as(&after) {
                        return Ok(Err(UndoProblem::ChangedSince));
                    }
                    // Reports the action closed open again.
                    facts.state.closed_reports = after.closed_reports.clone();
                    let restore = ModState {
                        closed_reports: Vec::new(),
                        ..before.clone()
                    };
                    set_state(&mut tx, comment_id, &facts, &restore, now).await?;
                    log_undo(
                        &mut tx,
                        actor,
                        log_id,
                        &LogLine {
                            action: "undo",
                            comment: Some(comment_id),
                            user: entry.user_id,
                            reason: &reason,
                            before: &json(&after),
                            after: &json(&before),
                        },
                        now,
                    )
                    .await?;
                    Some((
                        facts.article_id,
                        restore.status == "visible" && after.status != "visible",
                    ))
                };
                tx.commit().await?;
                out
            }
            "ban" | "unban" => {
                let (Some(user_id), Ok(before), Ok(after)) = (
                    entry.user_id,
                    serde_json::from_str::<BanState>(&entry.before),
                    serde_json::from_str::<BanState>(&entry.after),
                ) else {
                    return Ok(Err(UndoProblem::NotUndoable));
                };
                let mut tx = self.begin().await?;
                let out = {
                    let (until, why): (Option<DateTime<Utc>>, String) =
                        query("SELECT banned_until, ban_reason FROM users WHERE id = $1")
                            .bind(user_id)
                            .fetch_one(&mut tx)
                            .await?;
                    if until != after.banned_until || why != after.ban_reason {
                        return Ok(Err(UndoProblem::ChangedSince));
                    }
                    query("UPDATE users SET banned_until = $1, ban_reason = $2 WHERE id = $3")
                        .bind(before.banned_until)
                        .bind(&before.ban_reason)
                        .bind(user_id)
                        .execute(&mut tx)
                        .await?;
                    log_undo(
                        &mut tx,
                        actor,
                        log_id,
                        &LogLine {
                            action: "undo",
                            comment: None,
                            user: Some(user_id),
                            reason: &reason,
                            before: &json(&after),
                            after: &json(&before),
                        },
                        now,
                    )
                    .await?;
                    None
                };
                tx.commit().await?;
                out
            }
            "role" => {
                let Some(user_id) = entry.user_id else {
                    return Ok(Err(UndoProblem::NotUndoable));
                };
                let mut tx = self.begin().await?;
                let out = {
                    let (role,): (String,) = query("SELECT role FROM users WHERE id = $1")
                        .bind(user_id)
                        .fetch_one(&mut tx)
                        .await?;
                    if role != entry.after {
                        return Ok(Err(UndoProblem::ChangedSince));
                    }
                    query("UPDATE users SET role = $1 WHERE id = $2")
                        .bind(&entry.before)
                        .bind(user_id)
                        .execute(&mut tx)
                        .await?;
                    log_undo(
                        &mut tx,
                        actor,
                        log_id,
                        &LogLine {
                            action: "undo",
                            comment: None,
                            user: Some(user_id),
                            reason: &reason,
                            before: &entry.after,
                            after: &entry.before,
                        },
                        now,
                    )
                    .await?;
                    None
                };
                tx.commit().await?;
                out
            }
            _ => return Ok(Err(UndoProblem::NotUndoable)),
        };
        if let ("ban" | "unban" | "role", Some(user_id)) = (entry.action.as_str(), entry.user_id) {
            self.member_changed(user_id).await;
        }
        Ok(Ok(Undone {
            entry,
            comment: done,
        }))
    }

    pub async fn log_entry(&self, id: i64) -> Result<Option<LogRow>> {
        query(&format!("{LOG_SELECT} WHERE l.id = $1"))
            .bind(id)
            .fetch_optional(self.read())
            .await
    }

    /// Audit rows, newest first, filtered.
    pub async fn moderation_log(&self, f: &LogFilter, limit: i64) -> Result<Vec<LogRow>> {
        let sql = format!(
            "{LOG_SELECT} WHERE ($1 IS NULL OR l.actor_id = $1) AND ($2 IS NULL OR l.action = $2) \
                   AND ($3 IS NULL OR l.comment_id = $3) AND ($4 IS NULL OR l.user_id = $4) \
                   AND ($5 IS NULL OR l.id < $5) ORDER BY l.id DESC LIMIT $6"
        );
        query(&sql)
            .bind(f.actor_id)
            .bind(f.action.as_deref())
            .bind(f.comment_id)
            .bind(f.user_id)
            .bind(f.before_id)
            .bind(limit)
            .fetch_all(self.read())
            .await
    }

    /// The log rows about these comments, oldest first (prior decisions on the desk).
    pub async fn log_for_comments(&self, ids: &[i64]) -> Result<Vec<LogRow>> {
        self.log_rows_where("l.comment_id", ids).await
    }

    /// These log rows, oldest first (the decision just taken, offered for undo).
    pub async fn log_entries(&self, ids: &[i64]) -> Result<Vec<LogRow>> {
        self.log_rows_where("l.id", ids).await
    }

    async fn log_rows_where(&self, column: &str, ids: &[i64]) -> Result<Vec<LogRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = super::articles::placeholders(1, ids.len());
        let sql = format!("{LOG_SELECT} WHERE {column} IN ({list}) ORDER BY l.id");
        Ok({
            let mut q = query(&sql);
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(self.read()).await?
        })
    }

    /// How many comments wait in each queue.
    pub async fn queue_sizes(&self) -> Result<[(Queue, i64); 3]> {
        let held: Vec<(Option<String>, i64)> = query(
                "SELECT held_reason, COUNT(*) FROM comments WHERE status = 'pending' GROUP BY held_reason",
            )
            .fetch_all(self.read())
            .await?;
        let (reported,): (i64,) = query(
                "SELECT COUNT(*) FROM comments WHERE open_reports > 0 AND status IN ('visible', 'pending')",
            )
            .fetch_one(self.read())
            .await?;
        let count = |q: Queue| {
            held.iter()
                .filter(|(r, _)| {
                    r.as_deref()
                        .and_then(HoldReason::parse)
                        .is_some_and(|r| r.queue() == q)
                })
                .map(|(_, n)| *n)
                .sum::<i64>()
        };
        Ok([
            (Queue::Pending, count(Queue::Pending)),
            (Queue::Reported, reported),
            (Queue::Flagged, count(Queue::Flagged)),
        ])
    }

    /// One page of a queue with each comment's context.
    pub async fn queue(&self, queue: Queue, order: QueueOrder) -> Result<Vec<QueueRow>> {
        let filter = match queue {
            Queue::Reported => {
                "c.open_reports > 0 AND c.status IN ('visible', 'pending')".to_owned()
            }
            q => format!(
                "c.status = 'pending' AND c.held_reason IN ({})",
                q.held_reasons()
                    .iter()
                    .map(|r| format!("'{r}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let order = match order {
            QueueOrder::Time => "c.created_at, c.id",
            QueueOrder::Priority => {
                "(c.open_reports * 2 + COALESCE(c.spam_score, 0) * 3 + \
                 CASE WHEN EXISTS (SELECT 1 FROM comments r WHERE r.author_id = c.author_id AND r.status = 'rejected') \
                 THEN 1 ELSE 0 END) DESC, c.created_at, c.id"
            }
        };
        let sql = format!(
            "SELECT c.id, c.article_id, a.slug AS article_slug, a.title AS article_title, c.parent_id, \
             SUBSTR(p.body_source, 1, 200) AS parent_excerpt, pu.display_name AS parent_author, \
             c.author_id, COALESCE(u.display_name, g.name, '[deleted]') AS author_name, u.created_at AS author_since, \
             u.banned_until AS author_banned_until, c.body_html, c.status, c.held_reason, c.moderation_note, \
             c.spam_score, c.pinned_at, c.open_reports, c.created_at \
             FROM comments c JOIN articles a ON a.id = c.article_id \
             LEFT JOIN users u ON u.id = c.author_id LEFT JOIN guest_identities g ON g.id = c.guest_id \
             LEFT JOIN comments p ON p.id = c.parent_id LEFT JOIN users pu ON pu.id = p.author_id \
             WHERE {filter} ORDER BY {order} LIMIT {QUEUE_PAGE}"
        );
        query(&sql).fetch_all(self.read()).await
    }

    /// The open reports of these comments: (comment, reason, note, whether it counts toward
    /// hiding the comment).
    pub async fn open_reports_of(&self, ids: &[i64]) -> Result<Vec<(i64, String, String, bool)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = super::articles::placeholders(1, ids.len());
        let sql = format!(
            "SELECT comment_id, reason, note, counts_toward_hiding FROM comment_reports \
             WHERE comment_id IN ({list}) AND resolved_at IS NULL ORDER BY id"
        );
        Ok({
            let mut q = query(&sql);
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(self.read()).await?
        })
    }

    /// The records of these authors, in one grouped query.
    pub async fn author_records(&self, ids: &[i64]) -> Result<Vec<(i64, AuthorRecord)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = super::articles::placeholders(1, ids.len());
        let sql = format!(
            "SELECT author_id, status, COUNT(*) FROM comments WHERE author_id IN ({list}) \
             GROUP BY author_id, status"
        );
        let rows: Vec<(i64, String, i64)> = {
            let mut q = query(&sql);
            for id in ids {
                q = q.bind(*id);
            }
            q.fetch_all(self.read()).await?
        };
        let mut out: Vec<(i64, AuthorRecord)> = Vec::new();
        for (author, status, n) in rows {
            let i = match out.iter().position(|(a, _)| *a == author) {
                Some(i) => i,
                None => {
                    out.push((author, AuthorRecord::default()));
                    out.len() - 1
                }
            };
            let r = &mut out[i].1;
            match status.as_str() {
                "visible" => r.visible = n,
                "pending" => r.pending = n,
                "rejected" => r.rejected = n,
                _ => r.deleted += n,
            }
        }
        Ok(out)
    }

    /// An article's id and headline by its slug, published or not.
    pub async fn article_id_by_slug(&self, slug: &str) -> Result<Option<(i64, String)>> {
        query("SELECT id, title FROM articles WHERE slug = $1")
            .bind(slug)
            .fetch_optional(self.read())
            .await
    }

    /// Members for the users page: those whose address or name contains `q`, by id.
    pub async fn find_users(
        &self,
        q: &str,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<super::users::MemberRow>> {
        let pattern = format!(
            "%{}%",
            q.to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        query(
                "SELECT id, email, display_name, role, created_at, banned_until, ban_reason FROM users \
                 WHERE (LOWER(email) LIKE $1 ESCAPE '\\' OR LOWER(display_name) LIKE $1 ESCAPE '\\') \
                 AND id > $2 ORDER BY id LIMIT $3",
            )
            .bind(pattern)
            .bind(after_id)
            .bind(limit)
            .fetch_all(self.read())
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_compares_what_a_decision_changes() {
        let a = ModState {
            status: "pending".into(),
            held_reason: Some("link".into()),
            moderation_note: String::new(),
            pinned_at: None,
            trained_as: None,
            open_reports: 0,
            closed_reports: vec![],
        };
        let b = ModState {
            open_reports: 3,
            trained_as: Some("ham".into()),
            ..a.clone()
        };
        assert!(a.same_as(&b));
        let c = ModState {
            status: "visible".into(),
            ..a.clone()
        };
        assert!(!a.same_as(&c));
        let round: ModState = serde_json::from_str(&json(&a)).unwrap();
        assert_eq!(round, a);
    }
}
