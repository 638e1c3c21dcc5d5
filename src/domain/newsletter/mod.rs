//! Newsletters: what fills an edition, when an automatic one is due, an edition's life, the
//! checks on an editor's fields and the signed one-click unsubscribe token. The mail itself is
//! made in [`compose`].

pub mod compose;

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub use compose::{EditionContent, EditionItem, Framing};

/// A newsletter's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct NewsletterId(pub i64);

/// An edition's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct EditionId(pub i64);

/// What fills an edition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Articles an editor picks for each edition, sent when they say so.
    Picked,
    /// A section's articles published since the last edition, daily at `hour`.
    Section { section_id: i64, hour: u32 },
    /// A tag's articles published since the last edition, daily at `hour`.
    Tag { tag_id: i64, hour: u32 },
}

impl Source {
    /// The `source` column.
    pub fn kind(self) -> &'static str {
        match self {
            Source::Picked => "picked",
            Source::Section { .. } => "section",
            Source::Tag { .. } => "tag",
        }
    }

    /// The hour of an automatic newsletter.
    pub fn hour(self) -> Option<u32> {
        match self {
            Source::Picked => None,
            Source::Section { hour, .. } | Source::Tag { hour, .. } => Some(hour),
        }
    }

    /// From the columns; `None` when they do not fit together (a section since deleted).
    pub fn from_columns(
        kind: &str,
        section_id: Option<i64>,
        tag_id: Option<i64>,
        hour: Option<i64>,
    ) -> Option<Source> {
        let hour = hour.and_then(|h| u32::try_from(h).ok()).filter(|h| *h < 24);
        match (kind, section_id, tag_id, hour) {
            ("picked", _, _, _) => Some(Source::Picked),
            ("section", Some(section_id), _, Some(hour)) => {
                Some(Source::Section { section_id, hour })
            }
            ("tag", _, Some(tag_id), Some(hour)) => Some(Source::Tag { tag_id, hour }),
            _ => None,
        }
    }
}

/// Where an edition is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditionStatus {
    /// Being composed: can be changed, previewed, sent to oneself.
    Draft,
    /// Its mails are being queued and sent.
    Sending,
    /// Every subscriber's mail is queued.
    Sent,
}

impl EditionStatus {
    pub const ALL: [EditionStatus; 3] = [
        EditionStatus::Draft,
        EditionStatus::Sending,
        EditionStatus::Sent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EditionStatus::Draft => "draft",
            EditionStatus::Sending => "sending",
            EditionStatus::Sent => "sent",
        }
    }

    pub fn parse(s: &str) -> Option<EditionStatus> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The longest name, description, sender name, subject and introduction.
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
pub const MAX_SENDER_CHARS: usize = 80;
pub const MAX_SUBJECT_CHARS: usize = 200;
pub const MAX_INTRO_CHARS: usize = 10_000;
/// The most articles an edition carries.
pub const MAX_ARTICLES: usize = 50;
/// How long a subscription's confirmation link works.
pub const CONFIRM_LINK_HOURS: i64 = 48;

/// A newsletter as an editor defines it, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewsletterFields {
    pub name: String,
    pub description: String,
    pub sender_name: String,
    pub source: Source,
}

/// A field of a newsletter or an edition that the checks name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewsletterField {
    Name,
    Description,
    SenderName,
    Subject,
    Intro,
}

/// Why a newsletter's or an edition's fields were refused (the web layer words it,
/// `web/newsletters/words.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewsletterProblem {
    /// The field is empty.
    Required(NewsletterField),
    /// The field has more than this many characters.
    TooLong(NewsletterField, usize),
    /// The sender name holds a line break or one of `<>"\`.
    SenderNameChars,
    /// An automatic edition's hour is not from 0 to 23.
    HourOutOfRange,
    /// The subject holds a line break.
    SubjectNotOneLine,
    /// A listed slug is longer than this many characters.
    SlugTooLong(usize),
    /// More articles than an edition carries (at most this many).
    TooManyArticles(usize),
}

/// The longest article slug an edition's list takes.
pub const MAX_SLUG_CHARS: usize = 200;

fn text_field(
    value: &str,
    what: NewsletterField,
    max: usize,
    required: bool,
) -> Result<String, NewsletterProblem> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(NewsletterProblem::Required(what));
    }
    if value.chars().count() > max {
        return Err(NewsletterProblem::TooLong(what, max));
    }
    Ok(value.to_owned())
}

/// Checks a name, a description and a sender name (which becomes the display name of the mail's
/// `From`, so it holds no line break and none of `<>"`, which a mail header would misread).
pub fn check_fields(
    name: &str,
    description: &str,
    sender_name: &str,
    source: Source,
) -> Result<NewsletterFields, NewsletterProblem> {
    use NewsletterField as F;
    let name = text_field(name, F::Name, MAX_NAME_CHARS, true)?;
    let description = text_field(description, F::Description, MAX_DESCRIPTION_CHARS, false)?;
    let sender_name = text_field(sender_name, F::SenderName, MAX_SENDER_CHARS, true)?;
    if sender_name
        .chars()
        .any(|c| c.is_control() || matches!(c, '<' | '>' | '"' | '\\'))
    {
        return Err(NewsletterProblem::SenderNameChars);
    }
    if let Some(hour) = source.hour()
        && hour > 23
    {
        return Err(NewsletterProblem::HourOutOfRange);
    }
    Ok(NewsletterFields {
        name,
        description,
        sender_name,
        source,
    })
}

/// Checks an edition's subject and introduction.
pub fn check_edition(subject: &str, intro: &str) -> Result<(String, String), NewsletterProblem> {
    let subject = text_field(subject, NewsletterField::Subject, MAX_SUBJECT_CHARS, true)?;
    if subject.chars().any(char::is_control) {
        return Err(NewsletterProblem::SubjectNotOneLine);
    }
    let intro = text_field(intro, NewsletterField::Intro, MAX_INTRO_CHARS, false)?;
    Ok((subject, intro.replace("\r\n", "\n")))
}

/// The article slugs an editor listed, one a line (or separated by spaces or commas), in order,
/// each once.
pub fn parse_picks(text: &str) -> Result<Vec<String>, NewsletterProblem> {
    let mut slugs: Vec<String> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || c == ',') {
        let slug = word.trim().trim_start_matches("/articles/");
        if slug.is_empty() || slugs.iter().any(|s| s == slug) {
            continue;
        }
        if slug.len() > MAX_SLUG_CHARS {
            return Err(NewsletterProblem::SlugTooLong(MAX_SLUG_CHARS));
        }
        slugs.push(slug.to_owned());
    }
    if slugs.len() > MAX_ARTICLES {
        return Err(NewsletterProblem::TooManyArticles(MAX_ARTICLES));
    }
    Ok(slugs)
}

/// The moment an automatic newsletter is due at, if one is: the latest `hour`:00 in `tz` at or
/// before `now` that is after `through` (the last moment handled). After days without a run
/// only the latest is due, and its edition carries everything since the last.
pub fn due_slot<Tz: TimeZone>(
    now: DateTime<Utc>,
    hour: u32,
    through: DateTime<Utc>,
    tz: &Tz,
) -> Option<DateTime<Utc>> {
    let local = now.with_timezone(tz);
    let at = NaiveTime::from_hms_opt(hour.min(23), 0, 0)?;
    let today = local.date_naive().and_time(at);
    let mut slot = moment(tz, today)?;
    if slot > now {
        slot = moment(tz, today - Duration::days(1))?;
    }
    (slot > through).then_some(slot)
}

/// The moment the clocks of `tz` read `local`. An hour a clock change repeats is taken at its
/// first; one it skips (02:00 when clocks go from 02:00 to 03:00) at the moment of the change,
/// so the edition still goes out that day.
fn moment<Tz: TimeZone>(tz: &Tz, local: chrono::NaiveDateTime) -> Option<DateTime<Utc>> {
    use chrono::Offset;
    use chrono::offset::LocalResult;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.with_timezone(&Utc)),
        LocalResult::None => {
            // In a gap: the offset before it, applied to the local time, lands on the change.
            let before = tz
                .from_local_datetime(&(local - Duration::hours(3)))
                .earliest()?
                .offset()
                .fix();
            Some(local.and_utc() - Duration::seconds(i64::from(before.local_minus_utc())))
        }
    }
}

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &[u8], user_id: i64, newsletter: NewsletterId) -> HmacSha256 {
    let mut mac = HmacSha256::new_from_slice(secret).expect("any key length");
    mac.update(format!("newsletter-unsubscribe:{user_id}:{}", newsletter.0).as_bytes());
    mac
}

/// The token of a newsletter's one-click unsubscribe link: the member, the newsletter and an
/// HMAC of both under the site's unsubscribe key, so it needs no table, works from any mail of
/// that newsletter and cannot be made for someone else.
pub fn unsubscribe_token(secret: &[u8], user_id: i64, newsletter: NewsletterId) -> String {
    use base64::Engine;
    let sig = mac(secret, user_id, newsletter).finalize().into_bytes();
    format!(
        "{user_id}.{}.{}",
        newsletter.0,
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sig)
    )
}

/// The member and newsletter a token was made for, if it was made with `secret`.
pub fn check_unsubscribe_token(secret: &[u8], token: &str) -> Option<(i64, NewsletterId)> {
    use base64::Engine;
    if token.len() > 200 {
        return None;
    }
    let mut parts = token.splitn(3, '.');
    let user_id: i64 = parts.next()?.parse().ok()?;
    let newsletter = NewsletterId(parts.next()?.parse().ok()?);
    let sig = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(parts.next()?)
        .ok()?;
    mac(secret, user_id, newsletter).verify_slice(&sig).ok()?;
    Some((user_id, newsletter))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn an_automatic_newsletter_is_due_once_at_its_hour() {
        let created = at("2026-06-01T10:00:00Z");
        // Before the first 07:00 after it was made: nothing.
        assert_eq!(due_slot(at("2026-06-02T06:59:00Z"), 7, created, &Utc), None);
        let slot = due_slot(at("2026-06-02T07:00:00Z"), 7, created, &Utc);
        assert_eq!(slot, Some(at("2026-06-02T07:00:00Z")));
        // Handled: not due again that day, due the next.
        let through = slot.unwrap();
        assert_eq!(due_slot(at("2026-06-02T23:00:00Z"), 7, through, &Utc), None);
        assert_eq!(
            due_slot(at("2026-06-03T07:30:00Z"), 7, through, &Utc),
            Some(at("2026-06-03T07:00:00Z"))
        );
        // Days without a run: only the latest moment.
        assert_eq!(
            due_slot(at("2026-06-09T08:00:00Z"), 7, through, &Utc),
            Some(at("2026-06-09T07:00:00Z"))
        );
        // In a time zone: 07:00 at UTC+2 is 05:00 UTC.
        let plus2 = chrono::FixedOffset::east_opt(2 * 3600).unwrap();
        assert_eq!(
            due_slot(at("2026-06-02T05:00:00Z"), 7, created, &plus2),
            Some(at("2026-06-02T05:00:00Z"))
        );
    }

    #[test]
    fn the_hour_is_the_sites_across_clock_changes() {
        let berlin = chrono_tz::Europe::Berlin;
        let created = at("2026-03-01T10:00:00Z");
        // Winter: 07:00 in Berlin is 06:00 UTC; summer: 05:00 UTC.
        assert_eq!(
            due_slot(at("2026-03-27T06:00:00Z"), 7, created, &berlin),
            Some(at("2026-03-27T06:00:00Z"))
        );
        assert_eq!(
            due_slot(
                at("2026-03-30T04:59:00Z"),
                7,
                at("2026-03-29T05:00:00Z"),
                &berlin
            ),
            None
        );
        assert_eq!(
            due_slot(
                at("2026-03-30T05:00:00Z"),
                7,
                at("2026-03-29T05:00:00Z"),
                &berlin
            ),
            Some(at("2026-03-30T05:00:00Z"))
        );
        // The night clocks go forward (29 March 2026, 02:00 → 03:00): 07:00 is 05:00 UTC, and
        // the day before's 07:00 (06:00 UTC) is not due again.
        let saturday = at("2026-03-28T06:00:00Z");
        assert_eq!(
            due_slot(at("2026-03-29T04:59:00Z"), 7, saturday, &berlin),
            None
        );
        assert_eq!(
            due_slot(at("2026-03-29T05:00:00Z"), 7, saturday, &berlin),
            Some(at("2026-03-29T05:00:00Z"))
        );
        // An edition at 02:00, an hour that night does not have, goes out at the change
        // (03:00 summer time, 01:00 UTC), once.
        let slot = due_slot(at("2026-03-29T01:00:00Z"), 2, saturday, &berlin);
        assert_eq!(slot, Some(at("2026-03-29T01:00:00Z")));
        assert_eq!(
            due_slot(at("2026-03-29T01:30:00Z"), 2, slot.unwrap(), &berlin),
            None
        );
        // The night clocks go back (25 October 2026, 03:00 → 02:00): 02:00 comes twice and the
        // edition goes out at the first, once.
        let before = at("2026-10-24T00:00:00Z");
        let first = due_slot(at("2026-10-25T00:00:00Z"), 2, before, &berlin);
        assert_eq!(first, Some(at("2026-10-25T00:00:00Z")));
        assert_eq!(
            due_slot(at("2026-10-25T01:00:00Z"), 2, first.unwrap(), &berlin),
            None
        );
        assert_eq!(
            due_slot(at("2026-10-25T22:59:00Z"), 2, first.unwrap(), &berlin),
            None
        );
        // After it, 07:00 is 06:00 UTC again.
        assert_eq!(
            due_slot(at("2026-10-25T06:00:00Z"), 7, first.unwrap(), &berlin),
            Some(at("2026-10-25T06:00:00Z"))
        );
    }

    #[test]
    fn unsubscribe_tokens_are_bound_to_member_newsletter_and_key() {
        let t = unsubscribe_token(b"key", 7, NewsletterId(3));
        assert_eq!(
            check_unsubscribe_token(b"key", &t),
            Some((7, NewsletterId(3)))
        );
        assert_eq!(check_unsubscribe_token(b"other", &t), None);
        let forged = t.replacen("7.", "8.", 1);
        assert_eq!(check_unsubscribe_token(b"key", &forged), None);
        assert_eq!(check_unsubscribe_token(b"key", "7.3"), None);
    }

    #[test]
    fn fields_are_checked_with_specific_messages() {
        let ok = check_fields(" Morning ", "", "The Desk", Source::Picked).unwrap();
        assert_eq!(ok.name, "Morning");
        assert_eq!(
            check_fields("", "", "Desk", Source::Picked).unwrap_err(),
            NewsletterProblem::Required(NewsletterField::Name)
        );
        assert_eq!(
            check_fields("M", "", "Desk <x@y>", Source::Picked).unwrap_err(),
            NewsletterProblem::SenderNameChars
        );
        assert_eq!(
            check_fields(
                "M",
                &"d".repeat(MAX_DESCRIPTION_CHARS + 1),
                "D",
                Source::Picked
            )
            .unwrap_err(),
            NewsletterProblem::TooLong(NewsletterField::Description, MAX_DESCRIPTION_CHARS)
        );
        let late = Source::Tag {
            tag_id: 1,
            hour: 24,
        };
        assert_eq!(
            check_fields("M", "", "D", late).unwrap_err(),
            NewsletterProblem::HourOutOfRange
        );
        assert_eq!(
            check_edition("Line\nbreak", "").unwrap_err(),
            NewsletterProblem::SubjectNotOneLine
        );
    }

    #[test]
    fn picks_keep_their_order_once_each() {
        assert_eq!(
            parse_picks("b\n/articles/a, b  c").unwrap(),
            vec!["b".to_owned(), "a".to_owned(), "c".to_owned()]
        );
        let many: String = (0..51).map(|i| format!("s{i} ")).collect();
        assert_eq!(
            parse_picks(&many).unwrap_err(),
            NewsletterProblem::TooManyArticles(MAX_ARTICLES)
        );
        assert_eq!(
            parse_picks(&"s".repeat(MAX_SLUG_CHARS + 1)).unwrap_err(),
            NewsletterProblem::SlugTooLong(MAX_SLUG_CHARS)
        );
    }

    #[test]
    fn statuses_and_sources_round_trip() {
        for s in EditionStatus::ALL {
            assert_eq!(EditionStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(
            Source::from_columns("section", Some(2), None, Some(7)),
            Some(Source::Section {
                section_id: 2,
                hour: 7
            })
        );
        assert_eq!(Source::from_columns("tag", None, None, Some(7)), None);
    }
}
