//! Live coverage: an article an editor has opened for a stream of short, timestamped updates,
//! who may do what with them, and the stream's keyset cursor. No SQL, no HTTP.

use chrono::{DateTime, Utc};

use crate::domain::user::Role;

/// A live update's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LiveUpdateId(pub i64);

/// An update's text is at most this long (Markdown source): updates are short by nature.
pub const MAX_UPDATE_BYTES: usize = 20_000;
/// Updates per page of the stream (the article page and each page of older ones).
pub const UPDATES_PER_PAGE: u32 = 20;
/// Key events pinned in the summary at the top of the page, newest first.
pub const KEY_EVENTS_SHOWN: u32 = 10;

/// Where an article's live coverage stands, from its start and end times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// Never opened: a normal article.
    None,
    /// Open since then: the page streams updates and cards carry the "Live" badge.
    Live { since: DateTime<Utc> },
    /// Was live; the page keeps its updates and says "Coverage has ended".
    Ended {
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    },
}

impl Coverage {
    pub fn of(started: Option<DateTime<Utc>>, ended: Option<DateTime<Utc>>) -> Coverage {
        match (started, ended) {
            (None, _) => Coverage::None,
            (Some(since), None) => Coverage::Live { since },
            (Some(since), Some(until)) => Coverage::Ended { since, until },
        }
    }

    pub fn is_live(self) -> bool {
        matches!(self, Coverage::Live { .. })
    }

    /// The article has (or had) coverage: its page shows the stream.
    pub fn has_stream(self) -> bool {
        !matches!(self, Coverage::None)
    }
}

/// What an editor asks of an article's coverage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoverageAction {
    Open,
    End,
}

impl CoverageAction {
    pub fn parse(s: &str) -> Option<CoverageAction> {
        match s {
            "open" => Some(CoverageAction::Open),
            "end" => Some(CoverageAction::End),
            _ => None,
        }
    }
}

/// Why a change to live coverage or an update was refused, as a value the web layer words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveProblem {
    AlreadyLive,
    NotLive,
    UpdateDeleted,
    /// A new update while coverage is not open.
    NotOpen,
    EmptyUpdate,
    /// The update's length in bytes, over [`MAX_UPDATE_BYTES`].
    UpdateTooLong(usize),
    AltWithoutImage,
    BadImageAddress,
    /// No alt text, or more than [`MAX_UPDATE_ALT_CHARS`].
    NoAlt,
}

/// The longest alt text of an update's image, in characters.
pub const MAX_UPDATE_ALT_CHARS: usize = 500;

/// The coverage `action` leaves, or why it cannot be done. Opening again after an end reopens
/// (the start stays, the end is cleared).
pub fn change_coverage(
    now_state: Coverage,
    action: CoverageAction,
    now: DateTime<Utc>,
) -> Result<Coverage, LiveProblem> {
    match (action, now_state) {
        (CoverageAction::Open, Coverage::Live { .. }) => Err(LiveProblem::AlreadyLive),
        (CoverageAction::Open, Coverage::None) => Ok(Coverage::Live { since: now }),
        (CoverageAction::Open, Coverage::Ended { since, .. }) => Ok(Coverage::Live { since }),
        (CoverageAction::End, Coverage::Live { since }) => {
            Ok(Coverage::Ended { since, until: now })
        }
        (CoverageAction::End, _) => Err(LiveProblem::NotLive),
    }
}

/// Where an update stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateStatus {
    /// Written, waiting for an editor; readers do not see it.
    Draft,
    Published,
    /// Taken down; the row and its revisions stay for the record.
    Deleted,
}

impl UpdateStatus {
    pub fn parse(s: &str) -> Option<UpdateStatus> {
        Some(match s {
            "draft" => UpdateStatus::Draft,
            "published" => UpdateStatus::Published,
            "deleted" => UpdateStatus::Deleted,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            UpdateStatus::Draft => "draft",
            UpdateStatus::Published => "published",
            UpdateStatus::Deleted => "deleted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            UpdateStatus::Draft => "Draft",
            UpdateStatus::Published => "Published",
            UpdateStatus::Deleted => "Deleted",
        }
    }
}

/// What a revision of an update records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateAction {
    Written,
    Published,
    Edited,
    Deleted,
}

impl UpdateAction {
    pub fn as_str(self) -> &'static str {
        match self {
            UpdateAction::Written => "written",
            UpdateAction::Published => "published",
            UpdateAction::Edited => "edited",
            UpdateAction::Deleted => "deleted",
        }
    }

    pub fn parse(s: &str) -> Option<UpdateAction> {
        Some(match s {
            "written" => UpdateAction::Written,
            "published" => UpdateAction::Published,
            "edited" => UpdateAction::Edited,
            "deleted" => UpdateAction::Deleted,
            _ => return None,
        })
    }
}

/// What the caller may do with live coverage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LiveAccess {
    /// Open the live desk and write updates (drafts).
    pub write: bool,
    /// Publish, edit and delete updates; open and end coverage.
    pub publish: bool,
}

/// The one policy for live coverage: contributors (and moderators, who rank above them) write;
/// editors and admins publish, edit, delete, open and end.
pub fn live_access(role: Role) -> LiveAccess {
    LiveAccess {
        write: role >= Role::Contributor,
        publish: role >= Role::Editor,
    }
}

/// Whether a change to an update in `status` is allowed (the caller has checked the role):
/// a deleted update is final; a new update needs live coverage; edits and deletions also
/// work after coverage ended (corrections to the record).
pub fn may_change(status: UpdateStatus) -> Result<(), LiveProblem> {
    match status {
        UpdateStatus::Deleted => Err(LiveProblem::UpdateDeleted),
        _ => Ok(()),
    }
}

/// Whether new updates may be written now.
pub fn may_write(coverage: Coverage) -> Result<(), LiveProblem> {
    if coverage.is_live() {
        Ok(())
    } else {
        Err(LiveProblem::NotOpen)
    }
}

/// A checked update text: trimmed, not empty, within the limit.
pub fn update_text(typed: &str) -> Result<String, LiveProblem> {
    let text = typed.trim();
    if text.is_empty() {
        return Err(LiveProblem::EmptyUpdate);
    }
    if text.len() > MAX_UPDATE_BYTES {
        return Err(LiveProblem::UpdateTooLong(text.len()));
    }
    Ok(text.to_owned())
}

/// An update's optional image, from the media library or any image address, with its
/// alt text, which it must have.
pub fn update_image(url: &str, alt: &str) -> Result<Option<(String, String)>, LiveProblem> {
    let (url, alt) = (url.trim(), alt.trim());
    if url.is_empty() {
        return if alt.is_empty() {
            Ok(None)
        } else {
            Err(LiveProblem::AltWithoutImage)
        };
    }
    if !super::frontmatter::is_image_address(url) || url.len() > 2000 {
        return Err(LiveProblem::BadImageAddress);
    }
    if alt.is_empty() || alt.chars().count() > MAX_UPDATE_ALT_CHARS {
        return Err(LiveProblem::NoAlt);
    }
    Ok(Some((url.to_owned(), alt.to_owned())))
}

/// An update's text without its markup, for the key-events summary and structured data: the
/// Markdown's words, with raw HTML left out (as the sanitiser leaves it out of the page).
pub fn plain_text(source: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(source.len());
    // Inside an inline <script> or <style>: its text is dropped, as the sanitiser drops it.
    let mut hidden = false;
    for event in Parser::new(source) {
        match event {
            Event::InlineHtml(tag) | Event::Html(tag) => {
                let tag = tag.to_ascii_lowercase();
                if tag.starts_with("<script") || tag.starts_with("<style") {
                    hidden = true;
                } else if tag.starts_with("</script") || tag.starts_with("</style") {
                    hidden = false;
                }
            }
            Event::Text(_) | Event::Code(_) if hidden => {}
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A place in an article's stream: updates older than this one come next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UpdateCursor {
    pub published_at: DateTime<Utc>,
    pub id: LiveUpdateId,
}

impl UpdateCursor {
    /// `MICROS.ID`, as it goes in an address.
    pub fn encode(self) -> String {
        format!("{}.{}", self.published_at.timestamp_micros(), self.id.0)
    }

    pub fn decode(s: &str) -> Option<UpdateCursor> {
        let (micros, id) = s.split_once('.')?;
        let published_at = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
        let id: i64 = id.parse().ok()?;
        (id > 0).then_some(UpdateCursor {
            published_at,
            id: LiveUpdateId(id),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + s, 0).unwrap()
    }

    #[test]
    fn coverage_follows_its_times() {
        assert_eq!(Coverage::of(None, None), Coverage::None);
        assert_eq!(Coverage::of(None, Some(t(1))), Coverage::None);
        assert!(Coverage::of(Some(t(0)), None).is_live());
        let ended = Coverage::of(Some(t(0)), Some(t(5)));
        assert!(!ended.is_live() && ended.has_stream());
        assert!(!Coverage::None.has_stream());
    }

    #[test]
    fn coverage_opens_ends_and_reopens_keeping_its_start() {
        let open = change_coverage(Coverage::None, CoverageAction::Open, t(1)).unwrap();
        assert_eq!(open, Coverage::Live { since: t(1) });
        assert!(change_coverage(open, CoverageAction::Open, t(2)).is_err());
        let ended = change_coverage(open, CoverageAction::End, t(3)).unwrap();
        assert_eq!(
            ended,
            Coverage::Ended {
                since: t(1),
                until: t(3)
            }
        );
        assert!(change_coverage(ended, CoverageAction::End, t(4)).is_err());
        assert!(change_coverage(Coverage::None, CoverageAction::End, t(4)).is_err());
        assert_eq!(
            change_coverage(ended, CoverageAction::Open, t(5)).unwrap(),
            Coverage::Live { since: t(1) }
        );
    }

    #[test]
    fn contributors_write_and_editors_publish() {
        assert_eq!(live_access(Role::Member), LiveAccess::default());
        let c = live_access(Role::Contributor);
        assert!(c.write && !c.publish);
        let m = live_access(Role::Moderator);
        assert!(m.write && !m.publish);
        assert!(live_access(Role::Editor).publish);
        assert!(live_access(Role::Admin).publish);
    }

    #[test]
    fn only_live_coverage_takes_new_updates_and_deleted_ones_stay_deleted() {
        assert!(may_write(Coverage::Live { since: t(0) }).is_ok());
        assert!(may_write(Coverage::None).is_err());
        assert!(
            may_write(Coverage::Ended {
                since: t(0),
                until: t(1)
            })
            .is_err()
        );
        assert!(may_change(UpdateStatus::Draft).is_ok());
        assert!(may_change(UpdateStatus::Published).is_ok());
        assert!(may_change(UpdateStatus::Deleted).is_err());
    }

    #[test]
    fn update_text_is_trimmed_and_bounded() {
        assert_eq!(update_text("  Shots fired.\n").unwrap(), "Shots fired.");
        assert_eq!(update_text(" \n "), Err(LiveProblem::EmptyUpdate));
        assert!(update_text(&"x".repeat(MAX_UPDATE_BYTES)).is_ok());
        assert_eq!(
            update_text(&"x".repeat(MAX_UPDATE_BYTES + 1)),
            Err(LiveProblem::UpdateTooLong(MAX_UPDATE_BYTES + 1))
        );
    }

    #[test]
    fn an_image_needs_a_safe_address_and_alt_text() {
        assert_eq!(update_image("", "").unwrap(), None);
        assert_eq!(
            update_image("", "alt without image"),
            Err(LiveProblem::AltWithoutImage)
        );
        assert_eq!(
            update_image("/media/abc-480.jpg", ""),
            Err(LiveProblem::NoAlt)
        );
        assert_eq!(
            update_image("javascript:alert(1)", "x"),
            Err(LiveProblem::BadImageAddress)
        );
        assert_eq!(
            update_image(" /media/abc-480.jpg ", " Crowd ").unwrap(),
            Some(("/media/abc-480.jpg".into(), "Crowd".into()))
        );
    }

    #[test]
    fn statuses_and_actions_round_trip() {
        for s in [
            UpdateStatus::Draft,
            UpdateStatus::Published,
            UpdateStatus::Deleted,
        ] {
            assert_eq!(UpdateStatus::parse(s.as_str()), Some(s));
        }
        for a in [
            UpdateAction::Written,
            UpdateAction::Published,
            UpdateAction::Edited,
            UpdateAction::Deleted,
        ] {
            assert_eq!(UpdateAction::parse(a.as_str()), Some(a));
        }
        assert_eq!(UpdateStatus::parse("live"), None);
    }

    #[test]
    fn plain_text_keeps_the_words_and_drops_markup_and_raw_html() {
        assert_eq!(
            plain_text("The minister **resigns**.\n\nMore *soon*: `now`."),
            "The minister resigns. More soon: now."
        );
        assert_eq!(
            plain_text("Reaction <script>alert(1)</script> pours in."),
            "Reaction pours in."
        );
        assert_eq!(plain_text("- one\n- two"), "one two");
    }

    #[test]
    fn cursors_round_trip_and_refuse_junk() {
        let c = UpdateCursor {
            published_at: DateTime::from_timestamp_micros(1_800_000_000_123_456).unwrap(),
            id: LiveUpdateId(42),
        };
        assert_eq!(UpdateCursor::decode(&c.encode()), Some(c));
        assert_eq!(UpdateCursor::decode("x.1"), None);
        assert_eq!(UpdateCursor::decode("1800000000"), None);
        assert_eq!(UpdateCursor::decode("1.0"), None);
        assert_eq!(UpdateCursor::decode("1.-3"), None);
    }
}
