//! Languages and time zones as the product speaks them: a language tag ([`LanguageTag`]), a
//! time zone by IANA name ([`Zone`]) and the one place dates, times and numbers are put into
//! words for a person ([`format`]).

pub mod format;
mod shipped;
pub mod zone;

pub use format::Dates;
pub use shipped::{Locale, UnknownLocale};
pub use zone::Zone;

use icu_locale_core::LanguageIdentifier;

/// A BCP 47 language tag (`en`, `de`, `pt-BR`, `ar`), checked and in canonical case. The
/// site's language and an article's own language are each one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LanguageTag(String);

/// The longest tag taken: far more than any real one needs (`zh-Hant-TW` is 10).
const MAX_TAG_BYTES: usize = 35;

impl LanguageTag {
    /// A tag as written (`pt-br`, `pt_BR` and `pt-BR` alike), or why it is not one.
    pub fn parse(s: &str) -> Result<LanguageTag, String> {
        let s = s.trim();
        if s.is_empty() || s.len() > MAX_TAG_BYTES {
            return Err(format!(
                "`{s}` is not a language tag (such as en, de or pt-BR)"
            ));
        }
        let id = LanguageIdentifier::try_from_str(&s.replace('_', "-"))
            .map_err(|_| format!("`{s}` is not a language tag (such as en, de or pt-BR)"))?;
        if id.language.is_unknown() {
            return Err(format!("`{s}` names no language"));
        }
        Ok(LanguageTag(id.to_string()))
    }

    /// English, the site's language when none is set.
    pub fn english() -> LanguageTag {
        LanguageTag("en".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language without region or script: `pt` of `pt-BR`.
    pub fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    pub fn is_english(&self) -> bool {
        self.language() == "en"
    }

    pub(crate) fn identifier(&self) -> LanguageIdentifier {
        LanguageIdentifier::try_from_str(&self.0).unwrap_or(LanguageIdentifier::UNKNOWN)
    }
}

impl Default for LanguageTag {
    fn default() -> Self {
        LanguageTag::english()
    }
}

impl std::fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An article's own language as the newsroom typed it: `None` when blank or the site's own
/// (an article without a language is in the site's), or why it is not a language tag.
pub fn article_language(typed: &str, site: &LanguageTag) -> Result<Option<LanguageTag>, String> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    let tag = LanguageTag::parse(typed)?;
    Ok((tag != *site).then_some(tag))
}

/// A language's name in itself, for a "Read in" link, when it is one the site ships; other
/// tags are shown as they are.
pub fn autonym(tag: &str) -> &str {
    match tag {
        "en" => "English",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "pt-BR" => "Português (Brasil)",
        "pt" => "Português",
        "ar" => "العربية",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_articles_language_is_none_when_it_is_the_sites() {
        let site = LanguageTag::parse("de").unwrap();
        assert_eq!(article_language("", &site), Ok(None));
        assert_eq!(article_language("DE", &site), Ok(None));
        assert_eq!(
            article_language("pt_BR", &site),
            Ok(Some(LanguageTag::parse("pt-BR").unwrap()))
        );
        assert!(article_language("x y", &site).is_err());
        assert_eq!(autonym("ar"), "العربية");
        assert_eq!(autonym("sv"), "sv");
    }

    #[test]
    fn tags_are_checked_and_put_in_canonical_case() {
        assert_eq!(LanguageTag::parse("pt_br").unwrap().as_str(), "pt-BR");
        assert_eq!(LanguageTag::parse(" DE ").unwrap().as_str(), "de");
        assert_eq!(LanguageTag::parse("pt-BR").unwrap().language(), "pt");
        assert!(LanguageTag::parse("en-GB").unwrap().is_english());
        assert!(LanguageTag::parse("").is_err());
        assert!(LanguageTag::parse("not a tag").is_err());
        assert!(LanguageTag::parse("<script>").is_err());
    }
}
