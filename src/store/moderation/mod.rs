//! Moderation: comment policies, settings and word lists, the queues, decisions and their
//! undo, bans, the spam filter's counts and the audit log.
//!
//! Every decision is a change of a comment's state (status, why it is held, the note its author
//! reads, its pin, how the spam filter learnt from it, its open reports) made in one transaction
//! with the counts it affects and an audit row holding the state before and after, which is
//! what undo puts back. Nothing is deleted.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Result, Store, Tx, query};
use crate::domain::comment::CommentStatus;
use crate::domain::live_question::QuestionStatus;
use crate::domain::moderation::{
    CommentMode, CommentPolicy, Decision, HoldDetail, HoldReason, PolicyLayer, Queue, ReporterBar,
    TrainedAs, TrustThresholds, Undecidable, may_be_banned,
};
use crate::domain::spam;
use crate::domain::user::Role;
use crate::domain::webhook;

mod decisions;
mod policy;
mod questions;
mod queues;

pub use policy::{PolicyOf, PolicyReason, ScreeningRules};
pub use questions::QuestionsDecided;
mod state;
mod trust;
mod undo;

pub(crate) use state::train;
use state::{LogLine, log, log_undo, set_state};

/// Who acted: a member of staff (by id and name), or no one on the staff: the site itself
/// (reports reaching the threshold) or the command line, stored as a [`SystemActor`] and worded
/// when shown.
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: Option<i64>,
    pub name: String,
    pub system: Option<SystemActor>,
}

impl Actor {
    /// A member of staff.
    pub fn staff(id: i64, name: &str) -> Actor {
        Actor {
            id: Some(id),
            name: name.to_owned(),
            system: None,
        }
    }

    pub fn system() -> Actor {
        Actor {
            id: None,
            name: String::new(),
            system: Some(SystemActor::Site),
        }
    }

    pub fn command_line() -> Actor {
        Actor {
            id: None,
            name: String::new(),
            system: Some(SystemActor::CommandLine),
        }
    }
}

/// Who acted when no member of staff did (`moderation_log.actor_kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SystemActor {
    /// The site itself, e.g. hiding a comment whose reports reached the threshold.
    Site,
    /// `broadsheet user role`.
    CommandLine,
}

impl SystemActor {
    pub fn as_str(self) -> &'static str {
        match self {
            SystemActor::Site => "site",
            SystemActor::CommandLine => "command_line",
        }
    }

    pub fn parse(s: &str) -> Option<SystemActor> {
        match s {
            "site" => Some(SystemActor::Site),
            "command_line" => Some(SystemActor::CommandLine),
            _ => None,
        }
    }
}

/// Why a comment, a member or a question was left as it was, for the desk to word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unchanged {
    NoComment(i64),
    Comment(i64, Undecidable),
    NoMember(i64),
    /// A member of staff (by name) cannot be banned.
    Staff(String),
    NoQuestion(i64),
    /// The question is in a status the decision cannot leave (answered, or already so).
    Question(i64, QuestionStatus),
    /// The question's status changed between reading and writing it.
    QuestionChanged(i64),
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
    pub trusted_min_account_days: i64,
    pub trusted_min_approved: i64,
    pub demote_window_days: i64,
    pub demote_after: i64,
    /// A new member's first comment waits for a moderator.
    pub hold_first_comment: bool,
}

impl ModerationSettings {
    /// The thresholds of readers' trust levels (the member bar is the reporter bar).
    pub fn trust_thresholds(&self) -> TrustThresholds {
        TrustThresholds {
            member_requires_verified: self.report_requires_verified,
            member_min_account_days: self.report_min_account_days,
            member_min_approved: self.report_min_approved,
            trusted_min_account_days: self.trusted_min_account_days,
            trusted_min_approved: self.trusted_min_approved,
            demote_window_days: self.demote_window_days,
            demote_after: self.demote_after,
        }
    }

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
    pub status: CommentStatus,
    pub held_reason: Option<HoldReason>,
    pub moderation_note: String,
    pub pinned_at: Option<DateTime<Utc>>,
    pub trained_as: Option<TrainedAs>,
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
    /// `site` or `command_line` when no member of staff acted ([`SystemActor`]).
    pub actor_kind: Option<String>,
    pub action: String,
    pub comment_id: Option<i64>,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub reason: String,
    pub before: String,
    pub after: String,
    pub undone_by: Option<i64>,
    /// For an undo: the row it undid, and that row's action.
    pub undoes: Option<i64>,
    pub undoes_action: Option<String>,
}

impl LogRow {
    /// Who acted, when no member of staff did.
    pub fn system_actor(&self) -> Option<SystemActor> {
        self.actor_kind.as_deref().and_then(SystemActor::parse)
    }
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
    pub skipped: Vec<Unchanged>,
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
    /// The host page's address, when the article is an embedded page's thread.
    pub page_url: Option<String>,
    pub parent_id: Option<i64>,
    pub parent_excerpt: Option<String>,
    pub parent_author: Option<String>,
    pub author_id: Option<i64>,
    pub author_name: String,
    pub author_since: Option<DateTime<Utc>>,
    pub author_banned_until: Option<DateTime<Utc>>,
    pub body_html: String,
    pub status: CommentStatus,
    pub held_reason: Option<HoldReason>,
    pub held_detail: String,
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

const LOG_SELECT: &str = "SELECT l.id, l.at, l.actor_id, l.actor_name, l.actor_kind, l.action, \
     l.comment_id, l.user_id, u.display_name AS user_name, l.reason, l.before, l.after, \
     l.undone_by, o.id AS undoes, o.action AS undoes_action \
     FROM moderation_log l LEFT JOIN users u ON u.id = l.user_id \
     LEFT JOIN moderation_log o ON o.undone_by = l.id";

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_compares_what_a_decision_changes() {
        let a = ModState {
            status: CommentStatus::Pending,
            held_reason: Some(HoldReason::Link),
            moderation_note: String::new(),
            pinned_at: None,
            trained_as: None,
            open_reports: 0,
            closed_reports: vec![],
        };
        let b = ModState {
            open_reports: 3,
            trained_as: Some(TrainedAs::Ham),
            ..a.clone()
        };
        assert!(a.same_as(&b));
        let c = ModState {
            status: CommentStatus::Visible,
            ..a.clone()
        };
        assert!(!a.same_as(&c));
        let round: ModState = serde_json::from_str(&json(&a)).unwrap();
        assert_eq!(round, a);
    }
}
