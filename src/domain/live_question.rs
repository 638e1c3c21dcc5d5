//! "Ask the newsroom": readers' questions on a live article. A signed-in reader asks while the
//! coverage is live; every question waits for a moderator (screened like a comment, so a banned
//! word refuses it and a suspect word or the spam score says why it is flagged); a journalist
//! answers an approved one once, as a live update that quotes it. No SQL, no HTTP.

use chrono::{DateTime, Duration, Utc};

use super::live::Coverage;
use super::moderation::{HoldReason, Refused, Verdict};

/// A question's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QuestionId(pub i64);

/// A question is at most this many characters: one question, not an essay.
pub const MAX_QUESTION_CHARS: usize = 500;
/// Questions a reader (or one network address) may send a minute.
pub const QUESTIONS_PER_MINUTE: i64 = 3;

/// Where a question stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionStatus {
    /// Waiting on the moderation desk.
    Held,
    /// A moderator let it through: journalists see it on the live desk.
    Approved,
    Rejected,
    /// A journalist wrote its answer (an update quoting it).
    Answered,
}

impl QuestionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionStatus::Held => "held",
            QuestionStatus::Approved => "approved",
            QuestionStatus::Rejected => "rejected",
            QuestionStatus::Answered => "answered",
        }
    }

    pub fn parse(s: &str) -> Option<QuestionStatus> {
        Some(match s {
            "held" => QuestionStatus::Held,
            "approved" => QuestionStatus::Approved,
            "rejected" => QuestionStatus::Rejected,
            "answered" => QuestionStatus::Answered,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            QuestionStatus::Held => "Waiting",
            QuestionStatus::Approved => "Approved",
            QuestionStatus::Rejected => "Rejected",
            QuestionStatus::Answered => "Answered",
        }
    }
}

/// A moderator's decision on a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionDecision {
    Approve,
    Reject,
}

impl QuestionDecision {
    pub fn parse(s: &str) -> Option<QuestionDecision> {
        match s {
            "approve" => Some(QuestionDecision::Approve),
            "reject" => Some(QuestionDecision::Reject),
            _ => None,
        }
    }

    /// The audit log's action name.
    pub fn log_action(self) -> &'static str {
        match self {
            QuestionDecision::Approve => "question_approve",
            QuestionDecision::Reject => "question_reject",
        }
    }
}

/// Why a decision on a question changes nothing: the status it is in, answered (final) or
/// already the one decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Undecidable(pub QuestionStatus);

/// The status `decision` leaves a question in, or why it cannot be taken: a moderator may change
/// their mind until the question is answered, which is final (the answer quotes it).
pub fn decide(
    status: QuestionStatus,
    decision: QuestionDecision,
) -> Result<QuestionStatus, Undecidable> {
    match (status, decision) {
        (QuestionStatus::Answered, _)
        | (QuestionStatus::Approved, QuestionDecision::Approve)
        | (QuestionStatus::Rejected, QuestionDecision::Reject) => Err(Undecidable(status)),
        (_, QuestionDecision::Approve) => Ok(QuestionStatus::Approved),
        (_, QuestionDecision::Reject) => Ok(QuestionStatus::Rejected),
    }
}

/// Whether a question may be answered now (who may answer is `live::live_access`'s `write`:
/// contributors and up, an editor's answer published at once).
pub fn may_answer(status: QuestionStatus, coverage: Coverage) -> Result<(), AnswerRefusal> {
    match status {
        QuestionStatus::Approved if coverage.is_live() => Ok(()),
        QuestionStatus::Approved => Err(AnswerRefusal::NotLive),
        QuestionStatus::Answered => Err(AnswerRefusal::Answered),
        _ => Err(AnswerRefusal::NotApproved),
    }
}

/// Why a question cannot be answered now (the live desk words it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerRefusal {
    /// Questions are answered while the coverage is live.
    NotLive,
    /// It has an answer already.
    Answered,
    /// No moderator approved it.
    NotApproved,
}

/// Readers ask only while the coverage is live: [`may_ask`]'s refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotLive;

/// Whether readers may ask now: only while the coverage is live.
pub fn may_ask(coverage: Coverage) -> Result<(), NotLive> {
    if coverage.is_live() {
        Ok(())
    } else {
        Err(NotLive)
    }
}

/// Why a question's text was refused (the page words it in the reader's language).
#[derive(Debug, PartialEq, Eq)]
pub enum QuestionTextError {
    Empty,
    /// Longer than [`MAX_QUESTION_CHARS`]: this many characters.
    TooLong(usize),
}

/// A checked question: trimmed, not empty, within the limit (counted in characters, as the
/// form's `maxlength` counts).
pub fn question_text(typed: &str) -> Result<String, QuestionTextError> {
    let text = typed.trim();
    if text.is_empty() {
        return Err(QuestionTextError::Empty);
    }
    let n = text.chars().count();
    if n > MAX_QUESTION_CHARS {
        return Err(QuestionTextError::TooLong(n));
    }
    Ok(text.to_owned())
}

/// What screening's verdict on a question's text means for it: every question waits for a
/// moderator (one that screening would show, from staff or under an open policy, waits as
/// pre-moderated), flagged with why; a refusal (a ban, a banned word) refuses the question.
pub fn hold_of(verdict: Verdict) -> Result<(HoldReason, String), Refused> {
    match verdict {
        Verdict::Show => Ok((HoldReason::PreModeration, String::new())),
        Verdict::Hold { reason, note } => Ok((reason, note)),
        Verdict::Refuse(r) => Err(r),
    }
}

/// A reader over the asking rate: seconds until the next minute, or `None` when within it.
/// The counts include this question.
pub fn too_fast(member: i64, address: i64, now: DateTime<Utc>) -> Option<i64> {
    if member <= QUESTIONS_PER_MINUTE && address <= QUESTIONS_PER_MINUTE {
        return None;
    }
    let next = super::comment::admission::rate_window(now) + Duration::minutes(1);
    Some((next - now).num_seconds().max(1))
}

/// The rate counters of a member's questions and of one address's.
pub fn rate_keys(user_id: i64, ip: &str) -> (String, String) {
    (
        format!("question:member:{user_id}"),
        format!("question:address:{ip}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + s, 0).unwrap()
    }

    #[test]
    fn decisions_move_until_the_question_is_answered() {
        use QuestionDecision::*;
        use QuestionStatus::*;
        assert_eq!(decide(Held, Approve), Ok(Approved));
        assert_eq!(decide(Held, Reject), Ok(Rejected));
        assert_eq!(decide(Rejected, Approve), Ok(Approved));
        assert_eq!(decide(Approved, Reject), Ok(Rejected));
        assert_eq!(decide(Approved, Approve), Err(Undecidable(Approved)));
        assert_eq!(decide(Rejected, Reject), Err(Undecidable(Rejected)));
        assert_eq!(decide(Answered, Reject), Err(Undecidable(Answered)));
        assert_eq!(decide(Answered, Approve), Err(Undecidable(Answered)));
    }

    #[test]
    fn only_approved_questions_on_live_coverage_are_answered() {
        let live = Coverage::Live { since: t(0) };
        let ended = Coverage::Ended {
            since: t(0),
            until: t(1),
        };
        assert!(may_answer(QuestionStatus::Approved, live).is_ok());
        assert!(may_answer(QuestionStatus::Approved, ended).is_err());
        assert!(may_answer(QuestionStatus::Held, live).is_err());
        assert!(may_answer(QuestionStatus::Answered, live).is_err());
        assert!(may_ask(live).is_ok());
        assert!(may_ask(ended).is_err());
        assert!(may_ask(Coverage::None).is_err());
    }

    #[test]
    fn question_text_is_trimmed_and_bounded_in_characters() {
        assert_eq!(question_text("  Why now? \n").unwrap(), "Why now?");
        assert!(question_text(" \n").is_err());
        assert!(question_text(&"é".repeat(MAX_QUESTION_CHARS)).is_ok());
        assert_eq!(
            question_text(&"x".repeat(MAX_QUESTION_CHARS + 1)),
            Err(QuestionTextError::TooLong(MAX_QUESTION_CHARS + 1))
        );
    }

    #[test]
    fn every_question_is_held_and_refusals_stay_refusals() {
        assert_eq!(
            hold_of(Verdict::Show),
            Ok((HoldReason::PreModeration, String::new()))
        );
        let flagged = Verdict::Hold {
            reason: HoldReason::SuspectWord,
            note: "contains “x”".into(),
        };
        assert_eq!(hold_of(flagged).unwrap().0, HoldReason::SuspectWord);
        assert!(hold_of(Verdict::Refuse(Refused::BannedWord("x".into()))).is_err());
    }

    #[test]
    fn the_rate_allows_the_limit_and_refuses_past_it() {
        let now = t(30);
        assert_eq!(too_fast(QUESTIONS_PER_MINUTE, 1, now), None);
        let wait = too_fast(QUESTIONS_PER_MINUTE + 1, 1, now).unwrap();
        assert!((1..=60).contains(&wait));
        assert!(too_fast(1, QUESTIONS_PER_MINUTE + 1, now).is_some());
    }

    #[test]
    fn statuses_round_trip() {
        for s in [
            QuestionStatus::Held,
            QuestionStatus::Approved,
            QuestionStatus::Rejected,
            QuestionStatus::Answered,
        ] {
            assert_eq!(QuestionStatus::parse(s.as_str()), Some(s));
        }
    }
}
