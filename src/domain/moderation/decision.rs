//! A moderator's decisions (approve, reject with a reason, pin, unpin) and what one does to a
//! comment: its state before, the decision and the comment's open reports in; its state after,
//! the reports it settles and what the audit log records out. Undo puts the state before back,
//! so everything a decision changes is here.

use chrono::{DateTime, Utc};

use super::HoldReason;
use crate::domain::comment::CommentStatus;

/// Why a moderator rejected a comment: the author reads the label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RejectReason {
    Spam,
    Abuse,
    OffTopic,
    Personal,
    Other,
}

impl RejectReason {
    pub const ALL: [RejectReason; 5] = [
        RejectReason::Spam,
        RejectReason::Abuse,
        RejectReason::OffTopic,
        RejectReason::Personal,
        RejectReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::Spam => "spam",
            RejectReason::Abuse => "abuse",
            RejectReason::OffTopic => "off_topic",
            RejectReason::Personal => "personal",
            RejectReason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<RejectReason> {
        RejectReason::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The reason as a rejected comment's note stores it: English, a fixed storage form that
    /// rows already stored use too; shown through the catalogue (see `parse_rejection`).
    pub fn stored_label(self) -> &'static str {
        match self {
            RejectReason::Spam => "Spam or advertising",
            RejectReason::Abuse => "Abusive, hateful or a personal attack",
            RejectReason::OffTopic => "Off topic",
            RejectReason::Personal => "Shares someone's personal information",
            RejectReason::Other => "Breaks the community guidelines",
        }
    }
}

/// A moderator's decision on a comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject { reason: RejectReason, note: String },
    Pin,
    Unpin,
}

impl Decision {
    pub fn action(&self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject { .. } => "reject",
            Decision::Pin => "pin",
            Decision::Unpin => "unpin",
        }
    }
}

/// The longest note a moderator may add to a decision or a ban.
pub const MAX_NOTE_CHARS: usize = 500;

/// A note past [`MAX_NOTE_CHARS`], with its length in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoteTooLong(pub usize);

/// Checks a moderator's free-text note: trimmed, within [`MAX_NOTE_CHARS`] (or how long it
/// is).
pub fn check_note(note: &str) -> Result<String, NoteTooLong> {
    let note = note.trim();
    let n = note.chars().count();
    if n > MAX_NOTE_CHARS {
        return Err(NoteTooLong(n));
    }
    Ok(note.to_owned())
}

/// The note stored with a rejected comment: the reason, and the moderator's words if any.
pub fn rejection_text(reason: RejectReason, note: &str) -> String {
    if note.is_empty() {
        reason.stored_label().to_owned()
    } else {
        format!("{}: {note}", reason.stored_label())
    }
}

/// The reason and the moderator's words back from a stored `rejection_text`; `None` for a note
/// written some other way (an import's), which is shown as it is.
pub fn parse_rejection(stored: &str) -> Option<(RejectReason, &str)> {
    RejectReason::ALL.into_iter().find_map(|reason| {
        let rest = stored.strip_prefix(reason.stored_label())?;
        if rest.is_empty() {
            Some((reason, ""))
        } else {
            rest.strip_prefix(": ").map(|note| (reason, note))
        }
    })
}

/// How the spam filter learnt from a comment, so that undo can unlearn it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainedAs {
    Spam,
    Ham,
}

impl TrainedAs {
    pub fn as_str(self) -> &'static str {
        match self {
            TrainedAs::Spam => "spam",
            TrainedAs::Ham => "ham",
        }
    }

    pub fn parse(s: &str) -> Option<TrainedAs> {
        match s {
            "spam" => Some(TrainedAs::Spam),
            "ham" => Some(TrainedAs::Ham),
            _ => None,
        }
    }
}

/// The part of a comment that moderation changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentState {
    pub status: CommentStatus,
    /// Why a pending comment waits.
    pub held_reason: Option<HoldReason>,
    /// What the author reads under a rejected comment.
    pub moderation_note: String,
    /// Since when it is an editor's pick.
    pub pinned_at: Option<DateTime<Utc>>,
    pub trained_as: Option<TrainedAs>,
    pub open_reports: i64,
}

/// A decision taken: the comment's new state and what goes with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateChange {
    pub after: CommentState,
    /// The open reports (their ids) the decision settles: approving or rejecting answers them.
    pub closed_reports: Vec<i64>,
    /// The reason the audit log records: the rejection text the author reads, else empty.
    pub log_reason: String,
    /// Readers see the comment now and did not before (whom it answers or mentions is told).
    pub appeared: bool,
}

/// Why a decision changes nothing. Reads after "comment {id} ".
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Undecidable {
    #[error("was deleted by its author and stays so")]
    Deleted,
    #[error("is not shown to readers, so it cannot be an editor's pick")]
    NotShownSoNotPinnable,
    #[error("is already in that state")]
    Unchanged,
}

/// Applies `decision`, taken at `now`, to a comment in the state `before` with the open
/// reports `open_reports`. Approving shows the comment and teaches the spam filter it is
/// ham; rejecting hides it, unpins it and, for spam, teaches the filter so; both settle the
/// open reports. Pinning (re-pinning moves the time) needs a shown comment. A comment its
/// author deleted stays deleted.
pub fn decide(
    before: &CommentState,
    decision: &Decision,
    open_reports: &[i64],
    now: DateTime<Utc>,
) -> Result<StateChange, Undecidable> {
    if before.status == CommentStatus::Deleted {
        return Err(Undecidable::Deleted);
    }
    let mut after = before.clone();
    let mut closed_reports = Vec::new();
    let mut log_reason = String::new();
    match decision {
        Decision::Approve => {
            after.status = CommentStatus::Visible;
            after.held_reason = None;
            after.moderation_note = String::new();
            after.trained_as = Some(TrainedAs::Ham);
            after.open_reports = 0;
            closed_reports = open_reports.to_vec();
        }
        Decision::Reject { reason, note } => {
            after.status = CommentStatus::Rejected;
            after.held_reason = None;
            after.moderation_note = rejection_text(*reason, note);
            after.pinned_at = None;
            if *reason == RejectReason::Spam {
                after.trained_as = Some(TrainedAs::Spam);
            }
            after.open_reports = 0;
            closed_reports = open_reports.to_vec();
            log_reason = after.moderation_note.clone();
        }
        Decision::Pin => {
            if before.status != CommentStatus::Visible {
                return Err(Undecidable::NotShownSoNotPinnable);
            }
            after.pinned_at = Some(now);
        }
        Decision::Unpin => after.pinned_at = None,
    }
    if after == *before && closed_reports.is_empty() {
        return Err(Undecidable::Unchanged);
    }
    let appeared =
        before.status != CommentStatus::Visible && after.status == CommentStatus::Visible;
    Ok(StateChange {
        after,
        closed_reports,
        log_reason,
        appeared,
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_stored_rejection_gives_its_reason_and_note_back() {
        for reason in RejectReason::ALL {
            assert_eq!(
                parse_rejection(&rejection_text(reason, "")),
                Some((reason, ""))
            );
            assert_eq!(
                parse_rejection(&rejection_text(reason, "see: the rules")),
                Some((reason, "see: the rules"))
            );
        }
        assert_eq!(parse_rejection("Removed at import"), None);
        assert_eq!(parse_rejection("Off topicality"), None);
    }

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, h, 0, 0).unwrap()
    }

    const NOW_HOUR: u32 = 12;

    fn shown() -> CommentState {
        CommentState {
            status: CommentStatus::Visible,
            held_reason: None,
            moderation_note: String::new(),
            pinned_at: None,
            trained_as: None,
            open_reports: 0,
        }
    }

    fn held(reason: HoldReason) -> CommentState {
        CommentState {
            status: CommentStatus::Pending,
            held_reason: Some(reason),
            ..shown()
        }
    }

    fn reject(reason: RejectReason, note: &str) -> Decision {
        Decision::Reject {
            reason,
            note: note.into(),
        }
    }

    /// Each row: why, the state before, the decision, the open reports, and what follows:
    /// the state after, the reports closed, the logged reason and whether it appeared.
    type Row = (
        &'static str,
        CommentState,
        Decision,
        Vec<i64>,
        Result<StateChange, Undecidable>,
    );

    fn change(
        after: CommentState,
        closed_reports: Vec<i64>,
        log_reason: &str,
        appeared: bool,
    ) -> Result<StateChange, Undecidable> {
        Ok(StateChange {
            after,
            closed_reports,
            log_reason: log_reason.into(),
            appeared,
        })
    }

    #[test]
    fn each_decision_changes_what_it_should_and_nothing_else() {
        let now = at(NOW_HOUR);
        let pinned = CommentState {
            pinned_at: Some(at(9)),
            ..shown()
        };
        let reported = CommentState {
            open_reports: 2,
            ..held(HoldReason::Reports)
        };
        let rejected = CommentState {
            status: CommentStatus::Rejected,
            moderation_note: "Off topic".into(),
            trained_as: Some(TrainedAs::Spam),
            ..shown()
        };
        let rows: Vec<Row> = vec![
            (
                "approving a held comment shows it and teaches ham",
                held(HoldReason::Link),
                Decision::Approve,
                vec![],
                change(
                    CommentState {
                        trained_as: Some(TrainedAs::Ham),
                        ..shown()
                    },
                    vec![],
                    "",
                    true,
                ),
            ),
            (
                "approving a comment hidden by reports settles them",
                reported.clone(),
                Decision::Approve,
                vec![4, 7],
                change(
                    CommentState {
                        trained_as: Some(TrainedAs::Ham),
                        ..shown()
                    },
                    vec![4, 7],
                    "",
                    true,
                ),
            ),
            (
                "approving a rejected comment clears the note and relearns it as ham",
                rejected.clone(),
                Decision::Approve,
                vec![],
                change(
                    CommentState {
                        trained_as: Some(TrainedAs::Ham),
                        ..shown()
                    },
                    vec![],
                    "",
                    true,
                ),
            ),
            (
                "approving a shown, reported comment keeps its pin and settles the reports",
                CommentState {
                    open_reports: 1,
                    trained_as: Some(TrainedAs::Ham),
                    ..pinned.clone()
                },
                Decision::Approve,
                vec![9],
                change(
                    CommentState {
                        trained_as: Some(TrainedAs::Ham),
                        ..pinned.clone()
                    },
                    vec![9],
                    "",
                    false,
                ),
            ),
            (
                "approving a shown comment first teaches ham",
                shown(),
                Decision::Approve,
                vec![],
                change(
                    CommentState {
                        trained_as: Some(TrainedAs::Ham),
                        ..shown()
                    },
                    vec![],
                    "",
                    false,
                ),
            ),
            (
                "approving a shown comment already learnt as ham changes nothing",
                CommentState {
                    trained_as: Some(TrainedAs::Ham),
                    ..shown()
                },
                Decision::Approve,
                vec![],
                Err(Undecidable::Unchanged),
            ),
            (
                "approving with open reports the count missed still settles them",
                CommentState {
                    trained_as: Some(TrainedAs::Ham),
                    ..shown()
                },
                Decision::Approve,
                vec![3],
                change(
                    CommentState {
                        trained_as: Some(TrainedAs::Ham),
                        ..shown()
                    },
                    vec![3],
                    "",
                    false,
                ),
            ),
            (
                "rejecting as spam unpins, notes the reason and teaches spam",
                CommentState {
                    open_reports: 1,
                    trained_as: Some(TrainedAs::Ham),
                    ..pinned.clone()
                },
                reject(RejectReason::Spam, ""),
                vec![5],
                change(
                    CommentState {
                        status: CommentStatus::Rejected,
                        moderation_note: "Spam or advertising".into(),
                        trained_as: Some(TrainedAs::Spam),
                        ..shown()
                    },
                    vec![5],
                    "Spam or advertising",
                    false,
                ),
            ),
            (
                "rejecting for another reason leaves the filter as it was",
                held(HoldReason::SuspectWord),
                reject(RejectReason::OffTopic, "about football"),
                vec![],
                change(
                    CommentState {
                        status: CommentStatus::Rejected,
                        moderation_note: "Off topic: about football".into(),
                        ..shown()
                    },
                    vec![],
                    "Off topic: about football",
                    false,
                ),
            ),
            (
                "rejecting again with the same reason changes nothing",
                rejected.clone(),
                reject(RejectReason::OffTopic, ""),
                vec![],
                Err(Undecidable::Unchanged),
            ),
            (
                "rejecting again with another reason changes the note",
                rejected.clone(),
                reject(RejectReason::Abuse, ""),
                vec![],
                change(
                    CommentState {
                        moderation_note: "Abusive, hateful or a personal attack".into(),
                        ..rejected.clone()
                    },
                    vec![],
                    "Abusive, hateful or a personal attack",
                    false,
                ),
            ),
            (
                "pinning a shown comment pins it now",
                shown(),
                Decision::Pin,
                vec![1],
                change(
                    CommentState {
                        pinned_at: Some(now),
                        ..shown()
                    },
                    vec![],
                    "",
                    false,
                ),
            ),
            (
                "pinning a pinned comment moves its time",
                pinned.clone(),
                Decision::Pin,
                vec![],
                change(
                    CommentState {
                        pinned_at: Some(now),
                        ..shown()
                    },
                    vec![],
                    "",
                    false,
                ),
            ),
            (
                "pinning it again in the same instant changes nothing",
                CommentState {
                    pinned_at: Some(now),
                    ..shown()
                },
                Decision::Pin,
                vec![],
                Err(Undecidable::Unchanged),
            ),
            (
                "a held comment cannot be pinned",
                held(HoldReason::PreModeration),
                Decision::Pin,
                vec![],
                Err(Undecidable::NotShownSoNotPinnable),
            ),
            (
                "a rejected comment cannot be pinned",
                rejected.clone(),
                Decision::Pin,
                vec![],
                Err(Undecidable::NotShownSoNotPinnable),
            ),
            (
                "unpinning takes the pin off",
                pinned.clone(),
                Decision::Unpin,
                vec![2],
                change(shown(), vec![], "", false),
            ),
            (
                "unpinning a held comment that kept its pin takes it off",
                CommentState {
                    pinned_at: Some(at(9)),
                    ..held(HoldReason::Reports)
                },
                Decision::Unpin,
                vec![],
                change(held(HoldReason::Reports), vec![], "", false),
            ),
            (
                "unpinning a comment without a pin changes nothing",
                shown(),
                Decision::Unpin,
                vec![],
                Err(Undecidable::Unchanged),
            ),
        ];
        for (why, before, decision, open, expected) in rows {
            assert_eq!(decide(&before, &decision, &open, now), expected, "{why}");
        }
    }

    #[test]
    fn a_comment_its_author_deleted_stays_deleted() {
        let deleted = CommentState {
            status: CommentStatus::Deleted,
            ..shown()
        };
        for decision in [
            Decision::Approve,
            reject(RejectReason::Spam, ""),
            Decision::Pin,
            Decision::Unpin,
        ] {
            assert_eq!(
                decide(&deleted, &decision, &[1], at(NOW_HOUR)),
                Err(Undecidable::Deleted),
                "{decision:?}"
            );
        }
    }

    #[test]
    fn refusals_read_after_the_comment_they_name() {
        assert_eq!(
            format!("comment 7 {}", Undecidable::Deleted),
            "comment 7 was deleted by its author and stays so"
        );
        assert_eq!(
            format!("comment 7 {}", Undecidable::NotShownSoNotPinnable),
            "comment 7 is not shown to readers, so it cannot be an editor's pick"
        );
        assert_eq!(
            format!("comment 7 {}", Undecidable::Unchanged),
            "comment 7 is already in that state"
        );
    }

    #[test]
    fn the_spam_filter_lessons_read_back_as_stored() {
        for class in [TrainedAs::Spam, TrainedAs::Ham] {
            assert_eq!(TrainedAs::parse(class.as_str()), Some(class));
        }
        assert_eq!(TrainedAs::parse("eggs"), None);
    }
}
