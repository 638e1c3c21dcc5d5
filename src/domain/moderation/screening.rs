//! The screening of a comment's text (a new one, or an edit): shown, held (why) or refused.

use chrono::{DateTime, Utc};

use super::{CommentMode, HoldReason, TrustLevel};
use crate::domain::user::Role;

/// Everything known about a comment's text and its author when deciding whether it is shown,
/// held or refused: a new comment, or a new text for one (an edit is screened like a post).
#[derive(Clone, Copy, Debug)]
pub struct Screening<'a> {
    pub mode: CommentMode,
    /// Comments are closed on the article (by hand, or its closing time has passed).
    pub closed: bool,
    /// The author's ban in force, if any: until when, and why.
    pub ban: Option<(DateTime<Utc>, &'a str)>,
    /// The author's visible comments (other than the one being edited), counted up to what the
    /// rules need.
    pub author_approved: i64,
    pub author_role: Role,
    /// The author's trust level ([`super::trust_level`]).
    pub trust: TrustLevel,
    /// The site holds a new member's first comment.
    pub hold_first_comment: bool,
    pub has_link: bool,
    /// Links from members (not new, not trusted) with fewer approved comments than this are
    /// held too; 0 turns the link rule off.
    pub link_hold_below: i64,
    /// A banned word found in the text, if any.
    pub banned_word: Option<&'a str>,
    /// A suspect word found in the text, if any.
    pub suspect_word: Option<&'a str>,
    pub spam_score: Option<f64>,
    pub spam_threshold: f64,
    /// The text replaces that of a comment already posted.
    pub edit: bool,
}

/// What happens to a comment's text.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Readers see it at once.
    Show,
    /// It waits for a moderator: why (the queue it goes to), and a note for the desk.
    Hold { reason: HoldReason, note: String },
    /// It is not taken.
    Refuse(Refused),
}

/// Why a comment's text is not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The author is suspended from the conversation.
    Banned {
        until: DateTime<Utc>,
        reason: String,
    },
    /// Comments are closed on the article.
    Closed,
    /// The text contains this banned word.
    BannedWord(String),
}

/// Shows, holds (saying why) or refuses a comment's text. Bans, closed articles and banned
/// words refuse for everyone; staff are never held; otherwise the first reason that applies
/// holds: a suspect word, the spam score, pre-moderation, a new member's first comment (if the
/// site holds those), a link from a member who is not trusted (new, or with fewer approved
/// comments than the site's link bar). An edit is held for the same reasons as a post, noted
/// as an edit for moderators.
pub fn screen(s: &Screening<'_>) -> Verdict {
    if let Some((until, reason)) = s.ban {
        return Verdict::Refuse(Refused::Banned {
            until,
            reason: reason.to_owned(),
        });
    }
    if s.closed {
        return Verdict::Refuse(Refused::Closed);
    }
    if let Some(word) = s.banned_word {
        return Verdict::Refuse(Refused::BannedWord(word.to_owned()));
    }
    if s.author_role >= Role::Moderator {
        return Verdict::Show;
    }
    let reason = if s.suspect_word.is_some() {
        HoldReason::SuspectWord
    } else if s.spam_score.is_some_and(|p| p >= s.spam_threshold) {
        HoldReason::Spam
    } else if matches!(s.mode, CommentMode::PreModerated { first: None })
        || matches!(s.mode, CommentMode::PreModerated { first: Some(n) } if s.author_approved < n)
    {
        HoldReason::PreModeration
    } else if s.hold_first_comment
        && !s.edit
        && s.trust == TrustLevel::New
        && s.author_approved == 0
    {
        HoldReason::FirstComment
    } else if s.has_link
        && s.link_hold_below > 0
        && s.trust != TrustLevel::Trusted
        && (s.trust == TrustLevel::New || s.author_approved < s.link_hold_below)
    {
        HoldReason::Link
    } else {
        return Verdict::Show;
    };
    let what = match (reason, s.suspect_word) {
        (HoldReason::SuspectWord, Some(w)) => format!("contains “{w}”"),
        _ => String::new(),
    };
    let note = match (s.edit, what.is_empty()) {
        (false, _) => what,
        (true, true) => "edited after posting".to_owned(),
        (true, false) => format!("edited after posting; {what}"),
    };
    Verdict::Hold { reason, note }
}

/// Whether a comment's Markdown source contains a link: a URL, a bare `www.` address or a
/// Markdown link target.
pub fn has_link(source: &str) -> bool {
    let lower = source.to_lowercase();
    lower.contains("http://")
        || lower.contains("https://")
        || lower.contains("www.")
        || lower.contains("](")
        || lower.contains("mailto:")
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn held(s: &Screening<'_>) -> Option<HoldReason> {
        match screen(s) {
            Verdict::Show => None,
            Verdict::Hold { reason, .. } => Some(reason),
            Verdict::Refuse(r) => panic!("refused: {r:?}"),
        }
    }

    const BASE: Screening<'static> = Screening {
        mode: CommentMode::Open,
        closed: false,
        ban: None,
        author_approved: 0,
        author_role: Role::Member,
        trust: TrustLevel::Member,
        hold_first_comment: false,
        has_link: false,
        link_hold_below: 3,
        banned_word: None,
        suspect_word: None,
        spam_score: None,
        spam_threshold: 0.9,
        edit: false,
    };

    #[test]
    fn screening_holds_for_the_first_reason_that_applies() {
        let base = BASE;
        assert_eq!(held(&base), None);
        assert_eq!(
            held(&Screening {
                has_link: true,
                ..base
            }),
            Some(HoldReason::Link)
        );
        assert_eq!(
            held(&Screening {
                has_link: true,
                author_approved: 3,
                ..base
            }),
            None
        );
        assert_eq!(
            held(&Screening {
                spam_score: Some(0.95),
                ..base
            }),
            Some(HoldReason::Spam)
        );
        assert_eq!(
            held(&Screening {
                spam_score: Some(0.5),
                ..base
            }),
            None
        );
        assert_eq!(
            held(&Screening {
                suspect_word: Some("idiot"),
                ..base
            }),
            Some(HoldReason::SuspectWord)
        );
        let first_two = Screening {
            mode: CommentMode::PreModerated { first: Some(2) },
            ..base
        };
        assert_eq!(held(&first_two), Some(HoldReason::PreModeration));
        assert_eq!(
            held(&Screening {
                author_approved: 2,
                ..first_two
            }),
            None
        );
        assert_eq!(
            held(&Screening {
                mode: CommentMode::PreModerated { first: None },
                author_approved: 500,
                ..base
            }),
            Some(HoldReason::PreModeration)
        );
        assert_eq!(
            held(&Screening {
                mode: CommentMode::PreModerated { first: None },
                author_role: Role::Moderator,
                suspect_word: Some("x"),
                ..base
            }),
            None,
            "staff are never held"
        );
    }

    #[test]
    fn trust_levels_drive_the_link_and_first_comment_rules() {
        let link = Screening {
            has_link: true,
            author_approved: 10,
            ..BASE
        };
        let at = |trust| Screening { trust, ..link };
        assert_eq!(
            held(&at(TrustLevel::New)),
            Some(HoldReason::Link),
            "a new member's links wait however many comments they have"
        );
        assert_eq!(held(&at(TrustLevel::Member)), None);
        assert_eq!(
            held(&Screening {
                author_approved: 1,
                ..at(TrustLevel::Member)
            }),
            Some(HoldReason::Link),
            "a member under the site's link bar"
        );
        assert_eq!(
            held(&Screening {
                author_approved: 0,
                ..at(TrustLevel::Trusted)
            }),
            None,
            "trusted members are never held by the link rule"
        );
        assert_eq!(
            held(&Screening {
                link_hold_below: 0,
                ..at(TrustLevel::New)
            }),
            None,
            "0 turns the link rule off"
        );
        let first = Screening {
            hold_first_comment: true,
            trust: TrustLevel::New,
            ..BASE
        };
        assert_eq!(held(&first), Some(HoldReason::FirstComment));
        assert_eq!(
            held(&Screening {
                has_link: true,
                ..first
            }),
            Some(HoldReason::FirstComment),
            "the first comment rule comes before the link rule"
        );
        assert_eq!(
            held(&Screening {
                hold_first_comment: false,
                ..first
            }),
            None
        );
        assert_eq!(
            held(&Screening {
                author_approved: 1,
                ..first
            }),
            None,
            "only the first"
        );
        assert_eq!(
            held(&Screening {
                trust: TrustLevel::Member,
                ..first
            }),
            None,
            "a member who is not new (an open bar) is not held"
        );
    }

    #[test]
    fn bans_closed_articles_and_banned_words_refuse_everyone() {
        let until = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
        let staff = Screening {
            author_role: Role::Admin,
            ..BASE
        };
        assert_eq!(
            screen(&Screening {
                ban: Some((until, "abuse")),
                closed: true,
                ..BASE
            }),
            Verdict::Refuse(Refused::Banned {
                until,
                reason: "abuse".into()
            })
        );
        assert_eq!(
            screen(&Screening {
                closed: true,
                ..staff
            }),
            Verdict::Refuse(Refused::Closed)
        );
        assert_eq!(
            screen(&Screening {
                banned_word: Some("grotbag"),
                suspect_word: Some("idiot"),
                ..staff
            }),
            Verdict::Refuse(Refused::BannedWord("grotbag".into()))
        );
    }

    #[test]
    fn an_edit_is_held_for_what_would_hold_a_post_and_says_so() {
        let edit = Screening { edit: true, ..BASE };
        assert_eq!(screen(&edit), Verdict::Show);
        assert_eq!(
            screen(&Screening {
                suspect_word: Some("idiot"),
                ..edit
            }),
            Verdict::Hold {
                reason: HoldReason::SuspectWord,
                note: "edited after posting; contains “idiot”".into()
            }
        );
        assert_eq!(
            screen(&Screening {
                suspect_word: Some("idiot"),
                ..BASE
            }),
            Verdict::Hold {
                reason: HoldReason::SuspectWord,
                note: "contains “idiot”".into()
            }
        );
        for (s, reason) in [
            (
                Screening {
                    has_link: true,
                    ..edit
                },
                HoldReason::Link,
            ),
            (
                Screening {
                    spam_score: Some(0.99),
                    ..edit
                },
                HoldReason::Spam,
            ),
            (
                Screening {
                    mode: CommentMode::PreModerated { first: None },
                    ..edit
                },
                HoldReason::PreModeration,
            ),
        ] {
            assert_eq!(
                screen(&s),
                Verdict::Hold {
                    reason,
                    note: "edited after posting".into()
                }
            );
        }
    }

    #[test]
    fn links_are_found_in_their_usual_shapes() {
        assert!(has_link("see https://example.org/x"));
        assert!(has_link("WWW.EXAMPLE.ORG"));
        assert!(has_link("[here](/x)"));
        assert!(!has_link("no links, just words. Really."));
    }
}
