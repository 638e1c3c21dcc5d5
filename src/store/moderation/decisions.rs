//! Decisions on comments, reports, bans and roles, each logged with the state it changed.

use super::*;
use crate::domain::moderation::{CommentState, decide};

impl Store {
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
                Err(why) => out.skipped.push(why),
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
    ) -> Result<std::result::Result<(i64, bool, i64), Unchanged>> {
        let sql = format!("SELECT {STATE_COLUMNS} FROM comments WHERE id = $1");
        let mut tx = self.begin().await?;
        let out = {
            let facts: Option<CommentFacts> = query(&sql).bind(id).fetch_optional(&mut tx).await?;
            let Some(facts) = facts else {
                return Ok(Err(Unchanged::NoComment(id)));
            };
            let old = &facts.state;
            let open: Vec<(i64,)> = query(
                "SELECT id FROM comment_reports WHERE comment_id = $1 AND resolved_at IS NULL",
            )
            .bind(id)
            .fetch_all(&mut tx)
            .await?;
            let open: Vec<i64> = open.into_iter().map(|r| r.0).collect();
            let current = CommentState {
                status: old.status,
                held_reason: old.held_reason,
                moderation_note: old.moderation_note.clone(),
                pinned_at: old.pinned_at,
                trained_as: old.trained_as,
                open_reports: old.open_reports,
            };
            let change = match decide(&current, decision, &open, now) {
                Ok(change) => change,
                Err(why) => return Ok(Err(Unchanged::Comment(id, why))),
            };
            let after = change.after;
            let new = ModState {
                status: after.status,
                held_reason: after.held_reason,
                moderation_note: after.moderation_note,
                pinned_at: after.pinned_at,
                trained_as: after.trained_as,
                open_reports: after.open_reports,
                closed_reports: change.closed_reports,
            };
            let reason = change.log_reason;
            set_state(&mut tx, id, &facts, &new, now).await?;
            let appeared = change.appeared;
            if appeared {
                // Readers see it now, so whoever it replies to or mentions is told; the
                // notifications' unique key keeps a second appearance from telling them again.
                crate::store::notifications::queue_notifications(&mut tx, id, now).await?;
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
                crate::store::webhooks::enqueue(&mut tx, event, &payload, now).await?;
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

    /// Records a report; a member reports a comment once ([`crate::store::Error::Conflict`] the
    /// second time). Every report is open on the desk, but only those of reporters who are at
    /// least members (their trust level, judged as they report) count toward the threshold that
    /// hides a shown comment for review, a trusted member's weighing two. Returns whether this
    /// report hid it.
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
let settings: ModerationSettings = query(
                    "SELECT link_hold_below, report_threshold, report_requires_verified, report_min_account_days, \
                     report_min_approved, spam_threshold, words_version, spam_docs, ham_docs, \
                     trusted_min_account_days, trusted_min_approved, demote_window_days, demote_after, \
                     hold_first_comment FROM moderation_settings WHERE id = 1",
                )
                .fetch_one(&mut tx)
                .await?;
                let threshold = settings.report_threshold;
                let t = settings.trust_thresholds();
                let records = trust::trust_records(
                    &mut tx,
                    &[reporter_id],
                    t.approved_cap(),
                    None,
                    trust::strikes_since(&t, now),
                    now,
                )
                .await?;
                let (_, record) = records.into_iter().next().ok_or(crate::store::Error::NotFound)?;
                // New members' reports are recorded but weigh nothing; trusted members' count twice.
                let weight = crate::domain::moderation::trust_level(&t, &record).report_weight();
                let counts = weight > 0;
                query(
                    "INSERT INTO comment_reports (comment_id, reporter_id, reason, note, created_at, counts_toward_hiding, weight) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(comment_id)
                .bind(reporter_id)
                .bind(reason)
                .bind(note)
                .bind(now)
                .bind(counts)
                .bind(weight.max(1))
                .execute(&mut tx)
                .await?;
                query("UPDATE comments SET open_reports = open_reports + 1 WHERE id = $1")
                    .bind(comment_id)
                    .execute(&mut tx)
                    .await?;
                let (counted,): (i64,) = query(
                    "SELECT CAST(COALESCE(SUM(weight), 0) AS BIGINT) FROM comment_reports \
                     WHERE comment_id = $1 AND resolved_at IS NULL AND counts_toward_hiding",
                )
                .bind(comment_id)
                .fetch_one(&mut tx)
                .await?;
                let facts: CommentFacts = query(&sql)
                    .bind(comment_id)
                    .fetch_one(&mut tx)
                    .await?;
                if counts && threshold > 0 && counted >= threshold && facts.state.status == CommentStatus::Visible
                {
                    let new = ModState {
                        status: CommentStatus::Pending,
                        held_reason: Some(HoldReason::Reports),
                        pinned_at: None,
                        ..facts.state.clone()
                    };
                    set_state(&mut tx, comment_id, &facts, &new, now).await?;
                    query("UPDATE comments SET held_detail = $1 WHERE id = $2")
                        .bind(HoldDetail::of_reports(counted).stored())
                        .bind(comment_id)
                        .execute(&mut tx)
                        .await?;
                    let actor = Actor::system();
                    // The reason is the weight of the reports (worded when shown; the open
                    // reports in all are the state's before).
                    log(&mut tx, &actor, &LogLine { action: "auto_hide", comment: Some(comment_id), user: facts.author_id, reason: &counted.to_string(), before: &json(&facts.state), after: &json(&new) }, now).await?;
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
            Err(e) if e.is_duplicate("comment_reports", &["comment_id", "reporter_id"]) => {
                Err(crate::store::Error::Conflict(
                    "You have already reported this comment; moderators will look at it."
                        .to_owned(),
                ))
            }
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
    ) -> Result<std::result::Result<i64, Unchanged>> {
        let mut tx = self.begin().await?;
        let logged = {
            let row: Option<(Option<DateTime<Utc>>, String, String, String)> = query(
                "SELECT banned_until, ban_reason, role, display_name FROM users WHERE id = $1",
            )
            .bind(user_id)
            .fetch_optional(&mut tx)
            .await?;
            let Some((old_until, old_reason, role, name)) = row else {
                return Ok(Err(Unchanged::NoMember(user_id)));
            };
            if until.is_some() && !may_be_banned(Role::parse(&role).unwrap_or(Role::Member)) {
                return Ok(Err(Unchanged::Staff(name)));
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

    /// Gives a member a role, logging who did it (the roles before and after are the row's
    /// `before` and `after`, worded when shown).
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
                    reason: "",
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
}
