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
    fn each_hold_keeps_the_facts_of_its_reason() {
        let detail = |s: &Screening<'_>, r: HoldReason| {
            let d = HoldDetail::of_screening(s, r);
            // What is stored reads back the same.
            assert_eq!(HoldDetail::from_stored(&d.stored()), d);
            d
        };
        let link = detail(&BASE, HoldReason::Link);
        assert_eq!(
            (link.level.as_deref(), link.word, link.score),
            (Some("new"), None, None)
        );
        assert_eq!(
            detail(&BASE, HoldReason::SuspectWord).word.as_deref(),
            Some("idiot")
        );
        assert_eq!(detail(&BASE, HoldReason::Spam).score, Some(0.934));
        let member = Screening {
            trust: TrustLevel::Member,
            edit: true,
            ..BASE
        };
        let d = detail(&member, HoldReason::Link);
        assert_eq!((d.level.as_deref(), d.edit), (Some("member"), true));
        let first_two = Screening {
            mode: CommentMode::PreModerated { first: Some(2) },
            ..BASE
        };
        assert_eq!(detail(&first_two, HoldReason::PreModeration).first, Some(2));
        assert_eq!(detail(&BASE, HoldReason::PreModeration).first, None);
        assert_eq!(HoldDetail::of_reports(4).reports, Some(4));
        // Rows held before details were kept read as no detail.
        assert_eq!(HoldDetail::from_stored(""), HoldDetail::default());
    }
}
