//! Whether a new comment is refused, held for a moderator or shown.
//!
//! The checks run in this order, each from facts the handler gathers:
//! 1. the body is parsed ([`super::CommentBody::parse`]): empty or too long is refused;
//! 2. screening ([`screen`](crate::domain::moderation::screen)): a ban, a closed article or a
//!    banned word refuses; a suspect word, the spam score, pre-moderation or a link from a new
//!    member holds;
//! 3. only then is the text counted toward its writer's posting rate, so a refused text does
//!    not use up the writer's minute; over the limit is refused ([`Pace::too_fast`]; the store
//!    counts in the transaction that stores the comment, [`Screened::admission`] is the whole
//!    decision in one call);
//! 4. the store refuses a reply whose parent is missing, elsewhere or deleted, in the
//!    transaction that stores it.

use chrono::{DateTime, Duration, DurationRound, Utc};

use crate::domain::moderation::{HoldReason, Refused, Verdict};

/// What becomes of a new comment.
#[derive(Clone, Debug, PartialEq)]
pub enum Admission {
    /// It is not taken: the writer reads why, with their text kept.
    Refused(RefusalReason),
    /// It is stored but waits for a moderator: why (which queue), and a note for the desk.
    Held { reason: HoldReason, note: String },
    /// Readers see it at once.
    Shown,
}

/// Why a new comment is not taken.
#[derive(Clone, Debug, PartialEq)]
pub enum RefusalReason {
    /// Screening refused the text: a ban, a closed article, a banned word.
    Screening(Refused),
    /// Its writer, or their address, posts faster than the site allows.
    TooFast(TooFast),
}

/// A writer over the posting rate: the limit, and how long until the next minute starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooFast {
    pub limit_per_minute: i64,
    /// At least one second.
    pub retry_after_seconds: i64,
}

impl TooFast {
    /// What the writer reads.
    pub fn message(&self) -> String {
        format!(
            "You are posting faster than {} comments a minute. Wait {} seconds, then post again: your text is kept below.",
            self.limit_per_minute, self.retry_after_seconds
        )
    }
}

/// The posting rate as counted with this comment: its writer's and its address's comments in
/// the current minute ([`rate_window`]), this one included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    pub member_posts: i64,
    pub address_posts: i64,
    pub limit_per_minute: i64,
    pub now: DateTime<Utc>,
}

impl Pace {
    /// Over the limit: its writer or their address has posted more than the limit this minute
    /// (reaching it is allowed).
    pub fn too_fast(&self) -> Option<TooFast> {
        let limit = self.limit_per_minute;
        if self.member_posts <= limit && self.address_posts <= limit {
            return None;
        }
        let next_minute = rate_window(self.now) + Duration::minutes(1);
        Some(TooFast {
            limit_per_minute: limit,
            retry_after_seconds: (next_minute - self.now).num_seconds().max(1),
        })
    }
}

/// The start of the minute a comment posted at `now` is counted in.
pub fn rate_window(now: DateTime<Utc>) -> DateTime<Utc> {
    now.duration_trunc(Duration::minutes(1)).unwrap_or(now)
}

/// The rate counter of a member's comments.
pub fn member_rate_key(user_id: i64) -> String {
    format!("comment:member:{user_id}")
}

/// The rate counter of the comments from one network address.
pub fn address_rate_key(ip: &str) -> String {
    format!("comment:address:{ip}")
}

/// A new comment that screening let through: held (why, with a note for the desk) or not,
/// waiting to be counted toward the posting rate.
#[derive(Clone, Debug, PartialEq)]
pub struct Screened {
    hold: Option<(HoldReason, String)>,
}

impl Screened {
    /// Takes screening's verdict on a new comment. A refusal ends here, before the text is
    /// counted toward the posting rate.
    pub fn from_verdict(verdict: Verdict) -> Result<Screened, RefusalReason> {
        match verdict {
            Verdict::Show => Ok(Screened { hold: None }),
            Verdict::Hold { reason, note } => Ok(Screened {
                hold: Some((reason, note)),
            }),
            Verdict::Refuse(r) => Err(RefusalReason::Screening(r)),
        }
    }

    /// Why it waits for a moderator, with the desk's note; `None`: shown once counted.
    pub fn hold(&self) -> Option<(HoldReason, &str)> {
        self.hold.as_ref().map(|(r, n)| (*r, n.as_str()))
    }

    /// The comment's fate once it is counted: refused when its writer or their address is over
    /// the limit this minute (reaching it is allowed), else held or shown as screening said.
    pub fn admission(self, pace: &Pace) -> Admission {
        if let Some(too_fast) = pace.too_fast() {
            return Admission::Refused(RefusalReason::TooFast(too_fast));
        }
        match self.hold {
            Some((reason, note)) => Admission::Held { reason, note },
            None => Admission::Shown,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::moderation::{CommentMode, Screening, screen};
    use crate::domain::user::Role;

    /// Both steps, as the handler takes them, from screening's facts.
    fn admission(screening: &Screening<'_>, pace: &Pace) -> Admission {
        match Screened::from_verdict(screen(screening)) {
            Ok(screened) => screened.admission(pace),
            Err(reason) => Admission::Refused(reason),
        }
    }

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, h, m, s).unwrap()
    }

    const MEMBER: Screening<'static> = Screening {
        mode: CommentMode::Open,
        closed: false,
        ban: None,
        author_approved: 0,
        author_role: Role::Member,
        trust: crate::domain::moderation::TrustLevel::Member,
        hold_first_comment: false,
        has_link: false,
        link_hold_below: 3,
        banned_word: None,
        suspect_word: None,
        spam_score: None,
        spam_threshold: 0.9,
        edit: false,
    };

    fn calm() -> Pace {
        Pace {
            member_posts: 1,
            address_posts: 1,
            limit_per_minute: 5,
            now: at(12, 0, 30),
        }
    }

    fn held(reason: HoldReason, note: &str) -> Admission {
        Admission::Held {
            reason,
            note: note.into(),
        }
    }

    fn too_fast(retry_after_seconds: i64) -> Admission {
        Admission::Refused(RefusalReason::TooFast(TooFast {
            limit_per_minute: 5,
            retry_after_seconds,
        }))
    }

    #[test]
    fn every_screening_outcome_reaches_the_writer_in_order() {
        let until = at(23, 0, 0);
        let premoderated_all = CommentMode::PreModerated { first: None };
        let first_two = CommentMode::PreModerated { first: Some(2) };
        let refused = |r: Refused| Admission::Refused(RefusalReason::Screening(r));
        let cases: Vec<(&str, Screening<'static>, Admission)> = vec![
            ("an ordinary comment is shown", MEMBER, Admission::Shown),
            (
                "a ban refuses before anything else",
                Screening {
                    ban: Some((until, "abuse")),
                    closed: true,
                    banned_word: Some("grotbag"),
                    ..MEMBER
                },
                refused(Refused::Banned {
                    until,
                    reason: "abuse".into(),
                }),
            ),
            (
                "a closed article refuses before a banned word",
                Screening {
                    closed: true,
                    banned_word: Some("grotbag"),
                    ..MEMBER
                },
                refused(Refused::Closed),
            ),
            (
                "a banned word refuses",
                Screening {
                    banned_word: Some("grotbag"),
                    suspect_word: Some("idiot"),
                    ..MEMBER
                },
                refused(Refused::BannedWord("grotbag".into())),
            ),
            (
                "a closed article refuses staff too",
                Screening {
                    closed: true,
                    author_role: Role::Admin,
                    ..MEMBER
                },
                refused(Refused::Closed),
            ),
            (
                "staff are never held",
                Screening {
                    author_role: Role::Moderator,
                    mode: premoderated_all,
                    suspect_word: Some("idiot"),
                    spam_score: Some(0.99),
                    has_link: true,
                    ..MEMBER
                },
                Admission::Shown,
            ),
            (
                "a suspect word holds before the spam score",
                Screening {
                    suspect_word: Some("idiot"),
                    spam_score: Some(0.99),
                    mode: premoderated_all,
                    ..MEMBER
                },
                held(HoldReason::SuspectWord, "contains “idiot”"),
            ),
            (
                "the spam score holds at the threshold",
                Screening {
                    spam_score: Some(0.9),
                    mode: premoderated_all,
                    has_link: true,
                    ..MEMBER
                },
                held(HoldReason::Spam, ""),
            ),
            (
                "a spam score under the threshold does not hold",
                Screening {
                    spam_score: Some(0.89),
                    ..MEMBER
                },
                Admission::Shown,
            ),
            (
                "pre-moderation of every comment holds however established",
                Screening {
                    mode: premoderated_all,
                    author_approved: 500,
                    has_link: true,
                    ..MEMBER
                },
                held(HoldReason::PreModeration, ""),
            ),
            (
                "pre-moderation of the first two holds the second",
                Screening {
                    mode: first_two,
                    author_approved: 1,
                    ..MEMBER
                },
                held(HoldReason::PreModeration, ""),
            ),
            (
                "pre-moderation of the first two lets the third through",
                Screening {
                    mode: first_two,
                    author_approved: 2,
                    ..MEMBER
                },
                Admission::Shown,
            ),
            (
                "a link from a new member holds",
                Screening {
                    has_link: true,
                    author_approved: 2,
                    ..MEMBER
                },
                held(HoldReason::Link, ""),
            ),
            (
                "a link from an established member is shown",
                Screening {
                    has_link: true,
                    author_approved: 3,
                    ..MEMBER
                },
                Admission::Shown,
            ),
            (
                "an open article ignores the first-comments count",
                Screening {
                    mode: CommentMode::Open,
                    author_approved: 0,
                    ..MEMBER
                },
                Admission::Shown,
            ),
        ];
        for (why, screening, expected) in cases {
            assert_eq!(admission(&screening, &calm()), expected, "{why}");
        }
    }

    #[test]
    fn the_posting_rate_refuses_after_screening_has_let_the_text_through() {
        let fast = |member_posts, address_posts| Pace {
            member_posts,
            address_posts,
            ..calm()
        };
        let link = Screening {
            has_link: true,
            ..MEMBER
        };
        let cases: Vec<(&str, Screening<'static>, Pace, Admission)> = vec![
            (
                "reaching the limit is allowed",
                MEMBER,
                fast(5, 5),
                Admission::Shown,
            ),
            (
                "the member over the limit is refused",
                MEMBER,
                fast(6, 1),
                too_fast(30),
            ),
            (
                "the address over the limit is refused",
                MEMBER,
                fast(1, 6),
                too_fast(30),
            ),
            (
                "a comment that would be held is refused too",
                link,
                fast(6, 6),
                too_fast(30),
            ),
            (
                "a held comment within the limit is held",
                link,
                fast(5, 5),
                held(HoldReason::Link, ""),
            ),
            (
                "screening's refusal comes first",
                Screening {
                    closed: true,
                    ..MEMBER
                },
                fast(6, 6),
                Admission::Refused(RefusalReason::Screening(Refused::Closed)),
            ),
            (
                "staff are counted like everyone",
                Screening {
                    author_role: Role::Admin,
                    ..MEMBER
                },
                fast(6, 1),
                too_fast(30),
            ),
        ];
        for (why, screening, pace, expected) in cases {
            assert_eq!(admission(&screening, &pace), expected, "{why}");
        }
    }

    #[test]
    fn the_wait_runs_to_the_next_minute_and_is_never_zero() {
        let over = |now| Pace {
            member_posts: 6,
            now,
            ..calm()
        };
        let cases = [
            (at(12, 0, 0), 60),
            (at(12, 0, 1), 59),
            (at(12, 0, 59), 1),
            (at(12, 0, 59) + Duration::milliseconds(500), 1),
            (at(12, 0, 0) + Duration::milliseconds(400), 59),
        ];
        for (now, wait) in cases {
            let Admission::Refused(RefusalReason::TooFast(t)) =
                Screened::from_verdict(Verdict::Show)
                    .unwrap()
                    .admission(&over(now))
            else {
                panic!("not refused at {now}");
            };
            assert_eq!(t.retry_after_seconds, wait, "at {now}");
        }
    }

    #[test]
    fn the_rate_is_counted_per_minute_per_member_and_per_address() {
        assert_eq!(
            rate_window(at(12, 0, 59) + Duration::milliseconds(999)),
            at(12, 0, 0)
        );
        assert_eq!(rate_window(at(12, 1, 0)), at(12, 1, 0));
        assert_eq!(member_rate_key(42), "comment:member:42");
        assert_eq!(address_rate_key("192.0.2.1"), "comment:address:192.0.2.1");
    }

    #[test]
    fn the_writer_reads_the_limit_and_the_wait() {
        let t = TooFast {
            limit_per_minute: 5,
            retry_after_seconds: 12,
        };
        assert_eq!(
            t.message(),
            "You are posting faster than 5 comments a minute. Wait 12 seconds, then post again: your text is kept below."
        );
    }
}
