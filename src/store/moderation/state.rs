//! How a moderation action writes: the comment's new state with the counts it moves, the
//! spam filter's training, and the audit row.

use super::*;

/// One row of the moderation log, as its action writes it.
pub(super) struct LogLine<'a> {
    pub(super) action: &'a str,
    pub(super) comment: Option<i64>,
    pub(super) user: Option<i64>,
    pub(super) reason: &'a str,
    pub(super) before: &'a str,
    pub(super) after: &'a str,
}

/// Writes `line` to the moderation log in the action's transaction; its id.
pub(super) async fn log(
    tx: &mut Tx,
    actor: &Actor,
    line: &LogLine<'_>,
    now: DateTime<Utc>,
) -> Result<i64> {
    query(
        "INSERT INTO moderation_log (at, actor_id, actor_name, actor_kind, action, comment_id, user_id, reason, before, after) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(now)
    .bind(actor.id)
    .bind(&actor.name)
    .bind(actor.system.map(SystemActor::as_str))
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
pub(super) async fn log_undo(
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
pub(super) async fn set_state(
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
    .bind(new.status)
    .bind(new.held_reason)
    .bind(&new.moderation_note)
    .bind(new.pinned_at)
    .bind(new.trained_as)
    .bind(new.open_reports)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let was = i64::from(facts.state.status == CommentStatus::Visible);
    let is = i64::from(new.status == CommentStatus::Visible);
    if was != is {
        crate::store::comments::shift_counts(tx, facts.article_id, facts.parent_id, is - was)
            .await?;
        if is == 1 {
            crate::store::comments::notify_shown(tx, facts.article_id, id).await?;
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
