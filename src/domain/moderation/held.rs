//! Why a comment was held, in words a moderator reads: the reason (a [`HoldReason`]) with its
//! detail (the word found, the spam score, the author's trust level…), stored as the comment's
//! `held_detail` (JSON) beside its `held_reason`, and put into words only at the desk.

use serde::{Deserialize, Serialize};

use super::{CommentMode, HoldReason, Screening};

/// The facts behind a hold, as stored. Every field is optional so that old rows (an empty
/// detail) and new reasons read back.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HoldDetail {
    /// The suspect word found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub word: Option<String>,
    /// The spam filter's score of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The author's trust level when the comment was held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// With pre-moderation of a member's first comments only: how many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<i64>,
    /// The weight of the reports that hid the comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports: Option<i64>,
    /// The text was edited after posting.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub edit: bool,
}

impl HoldDetail {
    /// The detail of a hold that screening decided, from the facts it was given.
    pub fn of_screening(s: &Screening<'_>, reason: HoldReason) -> HoldDetail {
        HoldDetail {
            word: (reason == HoldReason::SuspectWord)
                .then(|| s.suspect_word.map(str::to_owned))
                .flatten(),
            score: (reason == HoldReason::Spam)
                .then_some(s.spam_score)
                .flatten(),
            level: Some(s.trust.label().to_owned()),
            first: match (reason, s.mode) {
                (HoldReason::PreModeration, CommentMode::PreModerated { first }) => first,
                _ => None,
            },
            reports: None,
            edit: s.edit,
        }
    }

    /// A hide by readers' reports of this total weight.
    pub fn of_reports(weight: i64) -> HoldDetail {
        HoldDetail {
            reports: Some(weight),
            ..HoldDetail::default()
        }
    }

    pub fn stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored detail; an empty or unreadable one reads as no detail.
    pub fn from_stored(s: &str) -> HoldDetail {
        serde_json::from_str(s).unwrap_or_default()
    }

    /// Why the comment waits, as the desk says it.
    pub fn words(&self, reason: HoldReason) -> String {
        let level = self.level.as_deref();
        let why = match reason {
            HoldReason::PreModeration => match self.first {
                Some(n) => format!("pre-moderated: one of a member's first {n} comments"),
                None => "pre-moderated: every comment here waits".to_owned(),
            },
            HoldReason::FirstComment => "first comment from a new member".to_owned(),
            HoldReason::Link => match level {
                Some("new") | None => "first link from a new member".to_owned(),
                Some(l) => format!("link from a {l} with few approved comments"),
            },
            HoldReason::SuspectWord => match &self.word {
                Some(w) => format!("suspect word: {w}"),
                None => "suspect word".to_owned(),
            },
            HoldReason::Spam => match self.score {
                Some(p) => format!("spam score {p:.2}"),
                None => "spam filter".to_owned(),
            },
            HoldReason::Reports => match self.reports {
                Some(n) => format!("hidden after reports weighing {n}"),
                None => "hidden after reports".to_owned(),
            },
        };
        if self.edit {
            format!("edited after posting; {why}")
        } else {
            why
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::moderation::TrustLevel;
    use crate::domain::user::Role;

    const BASE: Screening<'static> = Screening {
        mode: CommentMode::Open,
        closed: false,
        ban: None,
        author_approved: 0,
        author_role: Role::Member,
        trust: TrustLevel::New,
        hold_first_comment: false,
        has_link: true,
        link_hold_below: 3,
        banned_word: None,
        suspect_word: Some("idiot"),
        spam_score: Some(0.934),
        spam_threshold: 0.9,
        edit: false,
    };

    #[test]
    fn each_reason_reads_in_words_with_its_detail() {
        let words = |s: &Screening<'_>, r: HoldReason| {
            let d = HoldDetail::of_screening(s, r);
            // What is stored reads back the same.
            assert_eq!(HoldDetail::from_stored(&d.stored()), d);
            d.words(r)
        };
        assert_eq!(
            words(&BASE, HoldReason::Link),
            "first link from a new member"
        );
        assert_eq!(words(&BASE, HoldReason::SuspectWord), "suspect word: idiot");
        assert_eq!(words(&BASE, HoldReason::Spam), "spam score 0.93");
        assert_eq!(
            words(&BASE, HoldReason::FirstComment),
            "first comment from a new member"
        );
        let member = Screening {
            trust: TrustLevel::Member,
            edit: true,
            ..BASE
        };
        assert_eq!(
            words(&member, HoldReason::Link),
            "edited after posting; link from a member with few approved comments"
        );
        let first_two = Screening {
            mode: CommentMode::PreModerated { first: Some(2) },
            ..BASE
        };
        assert_eq!(
            words(&first_two, HoldReason::PreModeration),
            "pre-moderated: one of a member's first 2 comments"
        );
        assert_eq!(
            HoldDetail::of_reports(4).words(HoldReason::Reports),
            "hidden after reports weighing 4"
        );
        assert_eq!(
            HoldDetail::from_stored("").words(HoldReason::Spam),
            "spam filter",
            "rows held before details were kept"
        );
    }
}
