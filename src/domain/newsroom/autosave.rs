//! Autosave of the editor's working copy: what one may hold, and when reopening the editor
//! offers it back. An autosave is not a revision; it is kept per article and editor until they
//! save a revision or discard it.

use chrono::{DateTime, Utc};

use super::{DraftFields, MAX_BODY_BYTES};
use crate::domain::frontmatter::{
    MAX_AUTHORS, MAX_IMAGE_ALT_CHARS, MAX_IMAGE_CAPTION_CHARS, MAX_IMAGE_URL_CHARS, MAX_NAME_CHARS,
    MAX_SUMMARY_CHARS, MAX_TAGS, MAX_TITLE_CHARS,
};

/// The longest slug the form takes (its `maxlength`).
const MAX_SLUG_CHARS: usize = 100;

/// Why an autosave was not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Oversized {
    /// The body is longer than [`MAX_BODY_BYTES`].
    Body,
    /// Another field is longer than the form lets anyone type.
    Field,
}

/// Whether `f` is too large to keep. A working copy mid-sentence need not be valid (an empty
/// headline is fine), but it is held to the sizes a save is: autosave stores nothing a save
/// would not.
pub fn oversized(f: &DraftFields) -> Option<Oversized> {
    if f.body.len() > MAX_BODY_BYTES {
        return Some(Oversized::Body);
    }
    // A list of names: each at most a name long, with its comma and a space.
    let list = |n: usize| n * (MAX_NAME_CHARS + 2);
    let limits = [
        (&f.title, MAX_TITLE_CHARS),
        (&f.slug, MAX_SLUG_CHARS),
        (&f.summary, MAX_SUMMARY_CHARS),
        (&f.section, MAX_NAME_CHARS),
        (&f.authors, list(MAX_AUTHORS)),
        (&f.tags, list(MAX_TAGS)),
        (&f.image_url, MAX_IMAGE_URL_CHARS),
        (&f.image_alt, MAX_IMAGE_ALT_CHARS),
        (&f.image_caption, MAX_IMAGE_CAPTION_CHARS),
    ];
    limits
        .iter()
        .any(|(value, max)| value.chars().count() > *max)
        .then_some(Oversized::Field)
}

/// The fields as an autosave keeps them: the body's line ends as a save stores them (a browser
/// sends a text area's as CR LF).
pub fn normalised(mut f: DraftFields) -> DraftFields {
    f.body = f.body.replace("\r\n", "\n");
    f
}

/// Whether reopening the editor offers the autosave `saved` (made at `saved_at`) back: only
/// when it was made after the newest revision was saved (`last_saved`; none for an article
/// never saved here) and holds something other than the working copy `current`.
pub fn offered(
    saved: &DraftFields,
    saved_at: DateTime<Utc>,
    current: &DraftFields,
    last_saved: Option<DateTime<Utc>>,
) -> bool {
    last_saved.is_none_or(|t| saved_at > t) && saved != current
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn fields(body: &str) -> DraftFields {
        DraftFields {
            title: "Harbour reopens".into(),
            section: "Science".into(),
            authors: "Ada Reporter".into(),
            body: body.into(),
            ..DraftFields::default()
        }
    }

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 12, minute, 0).unwrap()
    }

    #[test]
    fn a_half_written_copy_is_kept_but_nothing_larger_than_a_save_takes() {
        assert_eq!(oversized(&DraftFields::default()), None);
        assert_eq!(oversized(&fields(&"x".repeat(MAX_BODY_BYTES))), None);
        assert_eq!(
            oversized(&fields(&"x".repeat(MAX_BODY_BYTES + 1))),
            Some(Oversized::Body)
        );
        let mut f = fields("Short.");
        f.title = "t".repeat(MAX_TITLE_CHARS);
        assert_eq!(oversized(&f), None);
        f.title.push('t');
        assert_eq!(oversized(&f), Some(Oversized::Field));
        let mut f = fields("Short.");
        f.tags = "tag, ".repeat(MAX_TAGS * 30);
        assert_eq!(oversized(&f), Some(Oversized::Field));
    }

    #[test]
    fn line_ends_are_kept_as_a_save_keeps_them() {
        assert_eq!(normalised(fields("One\r\nTwo")).body, "One\nTwo");
    }

    #[test]
    fn only_a_newer_and_different_autosave_is_offered() {
        let current = fields("Saved text.");
        let typed = fields("Saved text. And more.");
        assert!(offered(&typed, at(10), &current, Some(at(5))));
        assert!(offered(&typed, at(10), &current, None), "never saved here");
        assert!(
            !offered(&typed, at(5), &current, Some(at(10))),
            "saved since"
        );
        assert!(!offered(&typed, at(5), &current, Some(at(5))));
        assert!(
            !offered(&current, at(10), &current, Some(at(5))),
            "nothing new"
        );
    }
}
