//! Moderation rules: who may do what on the desk, comment policies and how they combine,
//! rejection reasons, bans, and the screening of a new comment (accept, hold or refuse).

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::user::Role;

mod decision;

pub use decision::{CommentState, StateChange, TrainedAs, Undecidable, decide};

/// What a role may do beyond taking part in the conversation. The one policy for the
/// moderation desk and the site's administration: pages show links with it, handlers refuse
/// with it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StaffAccess {
    /// Read the queues and decide on comments (approve, reject, pin, undo).
    pub moderate: bool,
    /// Ban and unban members.
    pub ban: bool,
    /// Set comment policies of sections and articles.
    pub policies: bool,
    /// Edit site-wide settings and the word lists, read the audit log, grant roles.
    pub administer: bool,
    /// Upload images to the media library and list it (contributors and up).
    pub media: bool,
}

pub fn staff_access(role: Option<Role>) -> StaffAccess {
    match role {
        Some(Role::Admin) => StaffAccess {
            moderate: true,
            ban: true,
            policies: true,
            administer: true,
            media: true,
        },
        Some(Role::Editor) => StaffAccess {
            moderate: true,
            ban: true,
            policies: true,
            administer: false,
            media: true,
        },
        Some(Role::Moderator) => StaffAccess {
            moderate: true,
            ban: true,
            policies: false,
            administer: false,
            media: true,
        },
        Some(Role::Contributor) => StaffAccess {
            media: true,
            ..StaffAccess::default()
        },
        Some(Role::Member) | None => StaffAccess::default(),
    }
}

/// Whether comments are taken on an article, as set at one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentMode {
    Open,
    Closed,
    /// Comments wait for a moderator: all of them, or only a member's first `n` approved ones.
    PreModerated {
        first: Option<i64>,
    },
}

impl CommentMode {
    pub fn from_stored(mode: &str, first: Option<i64>) -> Option<CommentMode> {
        match mode {
            "open" => Some(CommentMode::Open),
            "closed" => Some(CommentMode::Closed),
            "premoderated" => Some(CommentMode::PreModerated {
                first: first.filter(|n| *n > 0),
            }),
            _ => None,
        }
    }

    pub fn stored(self) -> (&'static str, Option<i64>) {
        match self {
            CommentMode::Open => ("open", None),
            CommentMode::Closed => ("closed", None),
            CommentMode::PreModerated { first } => ("premoderated", first),
        }
    }

    /// Parses the admin form: `open`, `closed`, `premoderated` (with `first`, blank for all).
    pub fn parse(mode: &str, first: &str) -> Result<CommentMode, String> {
        let first = match first.trim() {
            "" | "0" => None,
            n => Some(n.parse::<i64>().ok().filter(|n| (1..=1000).contains(n)).ok_or(
                "The number of first comments to hold must be a whole number from 1 to 1000, or blank for all.",
            )?),
        };
        CommentMode::from_stored(mode.trim(), first).ok_or_else(|| {
            format!("Unknown comment mode `{mode}`: choose open, closed or pre-moderated.")
        })
    }

    pub fn describe(self) -> String {
        match self {
            CommentMode::Open => "open".into(),
            CommentMode::Closed => "closed".into(),
            CommentMode::PreModerated { first: None } => "pre-moderated (every comment)".into(),
            CommentMode::PreModerated { first: Some(n) } => {
                format!("pre-moderated (a member's first {n} approved comments)")
            }
        }
    }
}

/// A policy as stored for one scope; `None` fields inherit from the wider scope.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PolicyLayer {
    pub mode: Option<CommentMode>,
    /// Days after publication when comments close; `Some(0)` never closes.
    pub auto_close_days: Option<i64>,
}

/// The policy in force on one article: the article's layer over its section's over the site's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommentPolicy {
    pub mode: CommentMode,
    pub auto_close_days: Option<i64>,
}

impl CommentPolicy {
    pub fn resolve(site: PolicyLayer, section: PolicyLayer, article: PolicyLayer) -> CommentPolicy {
        let mode = article
            .mode
            .or(section.mode)
            .or(site.mode)
            .unwrap_or(CommentMode::Open);
        let days = article
            .auto_close_days
            .or(section.auto_close_days)
            .or(site.auto_close_days)
            .filter(|d| *d > 0);
        CommentPolicy {
            mode,
            auto_close_days: days,
        }
    }

    /// When comments close on an article published at `published_at`, if they ever do.
    pub fn closes_at(&self, published_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.auto_close_days
            .map(|d| published_at + Duration::days(d))
    }

    /// Whether new comments are refused: closed by hand, or past the automatic closing time.
    pub fn is_closed(&self, published_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.mode == CommentMode::Closed || self.closes_at(published_at).is_some_and(|t| now >= t)
    }
}

/// Why a comment waits for a moderator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HoldReason {
    PreModeration,
    Link,
    SuspectWord,
    Spam,
    Reports,
}

impl HoldReason {
    pub fn as_str(self) -> &'static str {
        match self {
            HoldReason::PreModeration => "premoderation",
            HoldReason::Link => "link",
            HoldReason::SuspectWord => "suspect_word",
            HoldReason::Spam => "spam",
            HoldReason::Reports => "reports",
        }
    }

    pub fn parse(s: &str) -> Option<HoldReason> {
        Some(match s {
            "premoderation" => HoldReason::PreModeration,
            "link" => HoldReason::Link,
            "suspect_word" => HoldReason::SuspectWord,
            "spam" => HoldReason::Spam,
            "reports" => HoldReason::Reports,
            _ => return None,
        })
    }

    /// What moderators read on the desk.
    pub fn label(self) -> &'static str {
        match self {
            HoldReason::PreModeration => "Pre-moderated",
            HoldReason::Link => "Link from a new member",
            HoldReason::SuspectWord => "Suspect word",
            HoldReason::Spam => "Spam filter",
            HoldReason::Reports => "Hidden after reports",
        }
    }

    /// The queue the held comment is listed in.
    pub fn queue(self) -> Queue {
        match self {
            HoldReason::PreModeration | HoldReason::Link => Queue::Pending,
            HoldReason::SuspectWord | HoldReason::Spam => Queue::Flagged,
            HoldReason::Reports => Queue::Reported,
        }
    }
}

/// The desk's queues.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Queue {
    /// Held for review by policy: pre-moderation, links from new members.
    #[default]
    Pending,
    /// Comments readers reported (still shown until the threshold hides them).
    Reported,
    /// Held by the word lists or the spam filter.
    Flagged,
}

impl Queue {
    pub const ALL: [Queue; 3] = [Queue::Pending, Queue::Reported, Queue::Flagged];

    pub fn parse(s: Option<&str>) -> Queue {
        match s {
            Some("reported") => Queue::Reported,
            Some("flagged") => Queue::Flagged,
            _ => Queue::Pending,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Queue::Pending => "pending",
            Queue::Reported => "reported",
            Queue::Flagged => "flagged",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Queue::Pending => "Pending",
            Queue::Reported => "Reported",
            Queue::Flagged => "Auto-flagged",
        }
    }

    /// The held reasons listed in this queue (the reported queue also lists visible comments
    /// with open reports).
    pub fn held_reasons(self) -> &'static [&'static str] {
        match self {
            Queue::Pending => &["premoderation", "link"],
            Queue::Flagged => &["suspect_word", "spam"],
            Queue::Reported => &["reports"],
        }
    }
}

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

    pub fn label(self) -> &'static str {
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

/// Checks a moderator's free-text note: trimmed, within [`MAX_NOTE_CHARS`].
pub fn parse_note(note: &str) -> Result<String, String> {
    let note = note.trim();
    let n = note.chars().count();
    if n > MAX_NOTE_CHARS {
        return Err(format!(
            "The note is {n} characters long; the limit is {MAX_NOTE_CHARS}. Shorten it."
        ));
    }
    Ok(note.to_owned())
}

/// The text an author reads under a rejected comment.
pub fn rejection_text(reason: RejectReason, note: &str) -> String {
    if note.is_empty() {
        reason.label().to_owned()
    } else {
        format!("{}: {note}", reason.label())
    }
}

/// How long a ban lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BanLength {
    Days(i64),
    Forever,
}

/// The stored end of a permanent ban: far enough to compare like any other time.
pub fn forever() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(9999, 12, 31, 0, 0, 0).unwrap()
}

impl BanLength {
    pub fn parse(s: &str) -> Result<BanLength, String> {
        match s.trim() {
            "forever" => Ok(BanLength::Forever),
            d => d
                .parse::<i64>()
                .ok()
                .filter(|d| (1..=3650).contains(d))
                .map(BanLength::Days)
                .ok_or_else(|| {
                    "Choose how long the ban lasts: a number of days from 1 to 3650, or for good."
                        .to_owned()
                }),
        }
    }

    pub fn until(self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            BanLength::Days(d) => now + Duration::days(d),
            BanLength::Forever => forever(),
        }
    }
}

/// Bans are for members and contributors; staff lose their role first, from an administrator.
pub fn may_be_banned(role: Role) -> bool {
    role < Role::Moderator
}

/// A member's ban as they read it.
pub fn ban_notice(until: DateTime<Utc>, reason: &str) -> String {
    let when = if until >= forever() {
        "permanently".to_owned()
    } else {
        format!("until {}", until.format("%-d %B %Y, %H:%M UTC"))
    };
    let reason = if reason.is_empty() {
        String::new()
    } else {
        format!(" Reason: {reason}")
    };
    format!(
        "Your account is suspended from the conversation {when}: you can read, but not post, edit, like or report.{reason}"
    )
}

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
    pub has_link: bool,
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
/// holds: a suspect word, the spam score, pre-moderation, a link from a new member. An edit
/// is held for the same reasons as a post, noted as an edit for moderators.
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
    } else if s.has_link && s.author_approved < s.link_hold_below {
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

/// The bar a member's report must clear to count toward hiding a comment: reports from anyone
/// are recorded and shown to moderators, but only established members' reports hide a
/// comment on their own, so a handful of fresh accounts cannot silence someone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReporterBar {
    /// The reporter has confirmed their email address.
    pub verified: bool,
    /// The reporter's account is at least this many days old.
    pub min_account_days: i64,
    /// The reporter has at least this many comments shown to readers.
    pub min_approved: i64,
}

impl Default for ReporterBar {
    fn default() -> ReporterBar {
        ReporterBar {
            verified: true,
            min_account_days: 1,
            min_approved: 1,
        }
    }
}

impl ReporterBar {
    /// How the bar reads on the settings page and in the audit log.
    pub fn describe(&self) -> String {
        format!(
            "reports count from members {}with accounts at least {} days old and at least {} approved comments",
            if self.verified {
                "with a confirmed address, "
            } else {
                ""
            },
            self.min_account_days,
            self.min_approved
        )
    }
}

/// What is known about a member who reports a comment.
#[derive(Clone, Copy, Debug)]
pub struct Reporter {
    pub role: Role,
    pub verified: bool,
    pub account_age: Duration,
    /// Their comments shown to readers, counted up to what the bar needs.
    pub approved: i64,
}

/// Whether a report by `reporter` counts toward hiding a comment. Staff always count (they
/// could hide it themselves).
pub fn report_counts(bar: &ReporterBar, reporter: &Reporter) -> bool {
    reporter.role >= Role::Moderator
        || ((reporter.verified || !bar.verified)
            && reporter.account_age >= Duration::days(bar.min_account_days)
            && reporter.approved >= bar.min_approved)
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
    use super::*;

    fn layer(mode: Option<CommentMode>, days: Option<i64>) -> PolicyLayer {
        PolicyLayer {
            mode,
            auto_close_days: days,
        }
    }

    #[test]
    fn narrower_scopes_override_wider_ones_field_by_field() {
        let site = layer(Some(CommentMode::Open), Some(0));
        let section = layer(Some(CommentMode::PreModerated { first: Some(2) }), Some(7));
        let article = layer(None, None);
        let p = CommentPolicy::resolve(site, section, article);
        assert_eq!(p.mode, CommentMode::PreModerated { first: Some(2) });
        assert_eq!(p.auto_close_days, Some(7));
        let p = CommentPolicy::resolve(site, section, layer(Some(CommentMode::Closed), Some(0)));
        assert_eq!(p.mode, CommentMode::Closed);
        assert_eq!(p.auto_close_days, None, "0 at the article means never");
        let p = CommentPolicy::resolve(layer(None, None), layer(None, None), layer(None, None));
        assert_eq!(p.mode, CommentMode::Open);
    }

    #[test]
    fn comments_close_by_hand_or_after_the_set_days() {
        let published = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap();
        let p = CommentPolicy {
            mode: CommentMode::Open,
            auto_close_days: Some(3),
        };
        assert!(!p.is_closed(
            published,
            published + Duration::days(3) - Duration::seconds(1)
        ));
        assert!(p.is_closed(published, published + Duration::days(3)));
        let closed = CommentPolicy {
            mode: CommentMode::Closed,
            auto_close_days: None,
        };
        assert!(closed.is_closed(published, published));
    }

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
    fn only_established_members_reports_count_toward_hiding() {
        let bar = ReporterBar::default();
        let established = Reporter {
            role: Role::Member,
            verified: true,
            account_age: Duration::days(1),
            approved: 1,
        };
        assert!(report_counts(&bar, &established));
        for (newcomer, why) in [
            (
                Reporter {
                    verified: false,
                    ..established
                },
                "unconfirmed address",
            ),
            (
                Reporter {
                    account_age: Duration::days(1) - Duration::seconds(1),
                    ..established
                },
                "account under a day old",
            ),
            (
                Reporter {
                    approved: 0,
                    ..established
                },
                "no approved comment",
            ),
        ] {
            assert!(!report_counts(&bar, &newcomer), "{why}");
            assert!(
                report_counts(
                    &bar,
                    &Reporter {
                        role: Role::Moderator,
                        ..newcomer
                    }
                ),
                "staff count: {why}"
            );
        }
        let open = ReporterBar {
            verified: false,
            min_account_days: 0,
            min_approved: 0,
        };
        let brand_new = Reporter {
            role: Role::Member,
            verified: false,
            account_age: Duration::zero(),
            approved: 0,
        };
        assert!(
            report_counts(&open, &brand_new),
            "a bar of zero lets everyone count"
        );
        let strict = ReporterBar {
            min_account_days: 30,
            min_approved: 5,
            ..bar
        };
        assert!(!report_counts(&strict, &established));
    }

    #[test]
    fn links_are_found_in_their_usual_shapes() {
        assert!(has_link("see https://example.org/x"));
        assert!(has_link("WWW.EXAMPLE.ORG"));
        assert!(has_link("[here](/x)"));
        assert!(!has_link("no links, just words. Really."));
    }

    #[test]
    fn forms_are_parsed_with_clear_refusals() {
        assert_eq!(
            CommentMode::parse("premoderated", "5"),
            Ok(CommentMode::PreModerated { first: Some(5) })
        );
        assert_eq!(
            CommentMode::parse("premoderated", ""),
            Ok(CommentMode::PreModerated { first: None })
        );
        assert!(CommentMode::parse("premoderated", "-1").is_err());
        assert!(CommentMode::parse("sometimes", "").is_err());
        assert_eq!(BanLength::parse("7"), Ok(BanLength::Days(7)));
        assert_eq!(BanLength::parse("forever"), Ok(BanLength::Forever));
        assert!(BanLength::parse("0").is_err());
        assert!(parse_note(&"x".repeat(501)).is_err());
        assert_eq!(
            RejectReason::parse("off_topic"),
            Some(RejectReason::OffTopic)
        );
    }

    #[test]
    fn the_desk_is_for_moderators_and_up() {
        assert!(!staff_access(None).moderate);
        assert!(!staff_access(Some(Role::Member)).moderate);
        assert!(!staff_access(Some(Role::Contributor)).moderate);
        let m = staff_access(Some(Role::Moderator));
        assert!(m.moderate && m.ban && !m.policies && !m.administer);
        let e = staff_access(Some(Role::Editor));
        assert!(e.policies && !e.administer);
        assert!(staff_access(Some(Role::Admin)).administer);
    }

    #[test]
    fn the_media_library_is_for_contributors_and_up() {
        assert!(!staff_access(None).media);
        assert!(!staff_access(Some(Role::Member)).media);
        let c = staff_access(Some(Role::Contributor));
        assert!(c.media && !c.moderate && !c.ban);
        for role in [Role::Moderator, Role::Editor, Role::Admin] {
            assert!(staff_access(Some(role)).media, "{role:?}");
        }
    }
}
