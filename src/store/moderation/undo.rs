//! Undoing a logged action: the state before it comes back if nothing changed since.

use super::*;

impl Store {
    /// Reverses the logged action `log_id` (a decision, an automatic hide, a ban, an unban or a
    /// role change), provided nothing has changed the same thing since; logs the undo (with no
    /// reason: the row undone points at it by `undone_by`, and the log words it from that).
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
                            reason: "",
                            before: &json(&after),
                            after: &json(&before),
                        },
                        now,
                    )
                    .await?;
                    Some((
                        facts.article_id,
                        restore.status == CommentStatus::Visible
                            && after.status != CommentStatus::Visible,
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
                            reason: "",
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
                            reason: "",
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
}
