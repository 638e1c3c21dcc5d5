//! URL slugs: lower-case ASCII letters, digits and single hyphens.

use std::fmt;

/// A validated slug. Parse one at the edge with [`Slug::parse`], or derive one from a title or
/// name with [`Slug::from_title`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Slug(String);

pub const MAX_SLUG_LEN: usize = 80;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SlugError {
    #[error("a slug cannot be empty")]
    Empty,
    #[error("a slug can be at most {MAX_SLUG_LEN} characters long")]
    TooLong,
    #[error(
        "a slug may contain only lower-case letters a–z, digits and single hyphens between them (got `{0}`)"
    )]
    Invalid(String),
}

impl Slug {
    pub fn parse(s: &str) -> Result<Slug, SlugError> {
        if s.is_empty() {
            return Err(SlugError::Empty);
        }
        if s.len() > MAX_SLUG_LEN {
            return Err(SlugError::TooLong);
        }
        if !is_slug(s) {
            return Err(SlugError::Invalid(s.to_owned()));
        }
        Ok(Slug(s.to_owned()))
    }

    /// Derives a slug from free text: accents folded where simple, everything else that is not
    /// a letter or digit becomes a hyphen. Returns `None` when nothing usable is left.
    pub fn from_title(title: &str) -> Option<Slug> {
        let mut out = String::with_capacity(title.len());
        for c in title.chars().flat_map(char::to_lowercase) {
            let c = fold_accent(c);
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if c == '\'' || c == '’' {
                // "Editor's pick" → "editors-pick", not "editor-s-pick".
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        let mut s = out.trim_end_matches('-').to_owned();
        if s.len() > MAX_SLUG_LEN {
            s.truncate(MAX_SLUG_LEN);
            // Cut at the last whole word when there is one.
            if let Some(i) = s.rfind('-') {
                s.truncate(i);
            }
            s = s.trim_end_matches('-').to_owned();
        }
        Slug::parse(&s).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `s` is a slug as [`Slug::parse`] takes it, without making one (the page cache asks
/// of every address it is given).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SLUG_LEN
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// The base letter of a common accented Latin letter (lower case); other characters unchanged.
pub(crate) fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'ž' | 'ź' | 'ż' => 'z',
        'š' | 'ś' => 's',
        'ř' => 'r',
        'ł' => 'l',
        'đ' | 'ď' => 'd',
        'ť' => 't',
        other => other,
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_slugs_and_rejects_others() {
        assert!(Slug::parse("world-news-2026").is_ok());
        assert_eq!(Slug::parse(""), Err(SlugError::Empty));
        for bad in ["Upper", "a--b", "-a", "a-", "a b", "a/b", "ü", "a_b"] {
            assert!(
                matches!(Slug::parse(bad), Err(SlugError::Invalid(_))),
                "{bad} should be invalid"
            );
        }
        assert_eq!(Slug::parse(&"a".repeat(81)), Err(SlugError::TooLong));
    }

    #[test]
    fn derives_slugs_from_titles() {
        let s = |t: &str| Slug::from_title(t).map(|s| s.0);
        assert_eq!(s("Hello, World!").as_deref(), Some("hello-world"));
        assert_eq!(
            s("Editor's pick: São Tomé").as_deref(),
            Some("editors-pick-sao-tome")
        );
        assert_eq!(s("  --- ").as_deref(), None);
        assert_eq!(
            s("Zürich’s trams — 2026").as_deref(),
            Some("zurichs-trams-2026")
        );
        let long = s(&"word ".repeat(40)).unwrap();
        assert!(long.len() <= MAX_SLUG_LEN && long.ends_with("word"));
    }
}
