//! Readers' questions on live articles ("Ask the newsroom"): asking, the live desk's list of
//! approved ones, answering one (an update quoting it, written with the question's change in one
//! transaction), and the mail that tells the asker. The moderation desk's decisions on them are
//! in `moderation/questions.rs`, with the audit log.

use chrono::{DateTime, Utc};

use super::live::{Changed, NewUpdate, insert_update};
use super::notifications::{NewMail, insert_mail};
use super::{Result, Store, query};
use crate::domain::live_question::{QuestionId, QuestionStatus};
use crate::domain::moderation::HoldReason;

/// A question as the desks see it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Question {
    pub id: i64,
    pub article_id: i64,
    pub article_slug: String,
    pub article_title: String,
    pub asker_id: Option<i64>,
    /// The asker's display name; `None` once the account is gone.
    pub asker_name: Option<String>,
    pub body: String,
    pub status: QuestionStatus,
    pub held_reason: HoldReason,
    pub held_note: String,
    pub spam_score: Option<f64>,
    pub notify: bool,
    pub created_at: DateTime<Utc>,
}

pub(super) const QUESTION_SELECT: &str = "SELECT q.id, q.article_id, a.slug AS article_slug, \
     a.title AS article_title, q.asker_id, u.display_name AS asker_name, q.body, q.status, \
     q.held_reason, q.held_note, q.spam_score, q.notify, q.created_at \
     FROM live_questions q JOIN articles a ON a.id = q.article_id \
     LEFT JOIN users u ON u.id = q.asker_id";

/// A new question, checked and screened by the caller.
pub struct NewQuestion<'a> {
    pub article_id: i64,
    pub asker_id: i64,
    pub body: &'a str,
    pub held_reason: HoldReason,
    pub held_note: &'a str,
    pub spam_score: Option<f64>,
    pub notify: bool,
}

/// An answered question whose asker asked to be told, with what the mail says.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AnswerToMail {
    pub question_id: i64,
    pub asker_id: i64,
    pub email: String,
    pub asker_name: String,
    pub body: String,
    pub article_slug: String,
    pub article_title: String,
    pub update_id: i64,
    /// The asker's language (`None`: the site's).
    pub locale: Option<String>,
}

impl Store {
    /// Stores a question, held for the moderation desk.
    pub async fn ask_question(&self, new: &NewQuestion<'_>, now: DateTime<Utc>) -> Result<i64> {
        query(
            "INSERT INTO live_questions (article_id, asker_id, body, status, held_reason, \
             held_note, spam_score, notify, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(new.article_id)
        .bind(new.asker_id)
        .bind(new.body)
        .bind(QuestionStatus::Held)
        .bind(new.held_reason)
        .bind(new.held_note)
        .bind(new.spam_score)
        .bind(new.notify)
        .bind(now)
        .scalar(self.write())
        .await
    }

    pub async fn question(&self, id: QuestionId) -> Result<Option<Question>> {
        let sql = format!("{QUESTION_SELECT} WHERE q.id = $1");
        query(&sql).bind(id.0).fetch_optional(self.read()).await
    }

    /// Questions in `status`, oldest first (the desk's queue), at most `limit`.
    pub async fn questions_in(&self, status: QuestionStatus, limit: i64) -> Result<Vec<Question>> {
        let sql =
            format!("{QUESTION_SELECT} WHERE q.status = $1 ORDER BY q.created_at, q.id LIMIT $2");
        query(&sql)
            .bind(status)
            .bind(limit)
            .fetch_all(self.read())
            .await
    }

    /// Every question a member asked, oldest first (their own data export).
    pub async fn questions_by_asker(&self, user_id: i64) -> Result<Vec<Question>> {
        let sql = format!("{QUESTION_SELECT} WHERE q.asker_id = $1 ORDER BY q.created_at, q.id");
        query(&sql).bind(user_id).fetch_all(self.read()).await
    }

    /// How many questions are in each status the desk lists.
    pub async fn question_counts(&self) -> Result<Vec<(QuestionStatus, i64)>> {
        query("SELECT status, COUNT(*) FROM live_questions GROUP BY status")
            .fetch_all(self.read())
            .await
    }

    /// An article's approved questions waiting for an answer, oldest first (the live desk).
    pub async fn questions_to_answer(&self, article_id: i64, limit: i64) -> Result<Vec<Question>> {
        let sql = format!(
            "{QUESTION_SELECT} WHERE q.article_id = $1 AND q.status = $2 \
             ORDER BY q.created_at, q.id LIMIT $3"
        );
        query(&sql)
            .bind(article_id)
            .bind(QuestionStatus::Approved)
            .bind(limit)
            .fetch_all(self.read())
            .await
    }

    /// Answers the approved question `id` with the update `new` (on the same article): the
    /// question turns answered and the update quoting it is written, in one transaction.
    /// `None` when the question is no longer approved (someone answered or rejected it).
    pub async fn answer_question(
        &self,
        id: QuestionId,
        new: &NewUpdate<'_>,
        now: DateTime<Utc>,
    ) -> Result<Option<Changed>> {
        let mut tx = self.begin().await?;
        let n = query(
            "UPDATE live_questions SET status = $1 WHERE id = $2 AND status = $3 \
             AND article_id = $4",
        )
        .bind(QuestionStatus::Answered)
        .bind(id.0)
        .bind(QuestionStatus::Approved)
        .bind(new.article_id)
        .execute(&mut tx)
        .await?;
        if n != 1 {
            return Ok(None);
        }
        let changed = insert_update(&mut tx, new, Some(id.0), now).await?;
        tx.commit().await?;
        Ok(Some(changed))
    }

    /// Answered questions whose answer readers now see and whose asker (with a confirmed
    /// address) asked to be told, not yet mailed. Derived from the committed publication, so
    /// an answer published as a draft first is mailed when an editor publishes it.
    pub async fn answers_to_mail(&self, limit: i64) -> Result<Vec<AnswerToMail>> {
        query(
            "SELECT q.id AS question_id, u.id AS asker_id, u.email, u.display_name AS asker_name, \
             q.body, a.slug AS article_slug, a.title AS article_title, l.id AS update_id, u.locale \
             FROM live_questions q JOIN live_updates l ON l.question_id = q.id \
             JOIN users u ON u.id = q.asker_id JOIN articles a ON a.id = q.article_id \
             WHERE q.status = $1 AND q.notify = $2 AND q.mailed_at IS NULL AND l.status = $3 \
             AND u.email_verified_at IS NOT NULL ORDER BY q.id LIMIT $4",
        )
        .bind(QuestionStatus::Answered)
        .bind(true)
        .bind(crate::domain::live::UpdateStatus::Published)
        .bind(limit)
        .fetch_all(self.read())
        .await
    }

    /// Queues the mail about an answered question and marks it mailed, in one transaction; the
    /// mail's key is the question's, so two processes doing this at once queue one mail.
    pub async fn queue_answer_mail(
        &self,
        question_id: i64,
        mail: &NewMail,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        insert_mail(&mut tx, mail, now).await?;
        query("UPDATE live_questions SET mailed_at = $2 WHERE id = $1 AND mailed_at IS NULL")
            .bind(question_id)
            .bind(now)
            .execute(&mut tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
