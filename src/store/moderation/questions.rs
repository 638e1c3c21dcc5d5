//! Moderators' decisions on readers' questions ("Ask the newsroom"): each one a compare-and-set
//! of the question's status with its audit row, in one transaction. A decision is reversed by
//! deciding again (until the question is answered), not by undo.

use super::*;
use crate::domain::live_question::{QuestionDecision, QuestionStatus, Undecidable, decide};

/// What a round of decisions did.
#[derive(Debug, Default)]
pub struct QuestionsDecided {
    pub log_ids: Vec<i64>,
    /// Questions left as they were, with why.
    pub skipped: Vec<Unchanged>,
}

impl Store {
    /// Applies `decision` to each question of `ids`, logging each change with `note`.
    pub async fn decide_questions(
        &self,
        ids: &[i64],
        decision: QuestionDecision,
        note: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<QuestionsDecided> {
        let mut out = QuestionsDecided::default();
        for &id in ids {
            let mut tx = self.begin().await?;
            let row: Option<(QuestionStatus, Option<i64>)> =
                query("SELECT status, asker_id FROM live_questions WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut tx)
                    .await?;
            let Some((status, asker)) = row else {
                out.skipped.push(Unchanged::NoQuestion(id));
                continue;
            };
            let next = match decide(status, decision) {
                Ok(next) => next,
                Err(Undecidable(why)) => {
                    out.skipped.push(Unchanged::Question(id, why));
                    continue;
                }
            };
            let n = query(
                "UPDATE live_questions SET status = $1, decided_at = $2, decided_by = $3 \
                 WHERE id = $4 AND status = $5",
            )
            .bind(next)
            .bind(now)
            .bind(actor.id)
            .bind(id)
            .bind(status)
            .execute(&mut tx)
            .await?;
            if n != 1 {
                out.skipped.push(Unchanged::QuestionChanged(id));
                continue;
            }
            let line = LogLine {
                action: decision.log_action(),
                comment: None,
                user: asker,
                reason: note,
                before: status.as_str(),
                after: next.as_str(),
            };
            out.log_ids.push(log(&mut tx, actor, &line, now).await?);
            tx.commit().await?;
        }
        Ok(out)
    }
}
