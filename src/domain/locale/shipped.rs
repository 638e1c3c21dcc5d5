//! The languages the site speaks: their tags, their writing direction, and which one a reader
//! gets from their browser's `Accept-Language` (negotiated with `fluent-langneg`).

use std::fmt;

use unic_langid::LanguageIdentifier;

/// A language with a catalogue in `locales/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    De,
    Fr,
    Es,
    PtBr,
    Ar,
    /// The pseudo-locale: English, every message accented and bracketed, made from the English
    /// catalogue when it loads. It shows text that does not come from a catalogue; it is a site
    /// setting for testing and never offered to members or negotiated.
    EnXa,
}

/// Why a language tag was not taken.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a language this site has (it has {list})", list = Locale::shipped_list())]
pub struct UnknownLocale(pub String);

impl Locale {
    /// Every locale, the pseudo-locale last.
    pub const ALL: [Locale; 7] = [
        Locale::En,
        Locale::De,
        Locale::Fr,
        Locale::Es,
        Locale::PtBr,
        Locale::Ar,
        Locale::EnXa,
    ];

    /// The languages members may choose and browsers may be given: all but the pseudo-locale.
    pub const SHIPPED: &[Locale] = Locale::ALL.split_at(Locale::ALL.len() - 1).0;

    /// The BCP 47 tag, as `<html lang>` and the catalogues' folders spell it.
    /// The tag as the date and number formatting and search take it.
    pub fn language_tag(self) -> super::LanguageTag {
        super::LanguageTag::parse(self.tag()).unwrap_or_default()
    }

    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Fr => "fr",
            Locale::Es => "es",
            Locale::PtBr => "pt-BR",
            Locale::Ar => "ar",
            Locale::EnXa => "en-XA",
        }
    }

    /// The language's own name for itself, as a language menu lists it.
    pub fn autonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::De => "Deutsch",
            Locale::Fr => "Français",
            Locale::Es => "Español",
            Locale::PtBr => "Português (Brasil)",
            Locale::Ar => "العربية",
            Locale::EnXa => "English (pseudo)",
        }
    }

    /// The language as news sitemaps name it: ISO 639 alone (`pt`, not `pt-BR`).
    pub fn news_language(self) -> &'static str {
        match self {
            Locale::En | Locale::EnXa => "en",
            Locale::PtBr => "pt",
            other => other.tag(),
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Locale::Ar
    }

    /// `rtl` or `ltr`, for the `dir` attribute.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    /// A tag as given in a setting or a form: any case, `_` for `-`.
    pub fn parse(tag: &str) -> Result<Locale, UnknownLocale> {
        let wanted = tag.trim().replace('_', "-");
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(&wanted))
            .ok_or_else(|| UnknownLocale(tag.trim().to_owned()))
    }

    /// A member's stored choice: only the shipped languages (not the pseudo-locale).
    pub fn parse_member_choice(tag: &str) -> Result<Locale, UnknownLocale> {
        Locale::parse(tag)
            .ok()
            .filter(|l| Locale::SHIPPED.contains(l))
            .ok_or_else(|| UnknownLocale(tag.trim().to_owned()))
    }

    /// The language of a member: their stored choice when it is (still) shipped, the site's
    /// otherwise.
    pub fn of_member(choice: Option<&str>, site: Locale) -> Locale {
        choice
            .and_then(|tag| Locale::parse_member_choice(tag).ok())
            .unwrap_or(site)
    }

    /// The shipped languages' tags, as a message lists them.
    pub fn shipped_list() -> String {
        Locale::SHIPPED
            .iter()
            .map(|l| l.tag())
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn langid(self) -> LanguageIdentifier {
        self.tag().parse().expect("the tags are valid")
    }

    /// The shipped language that best fits an `Accept-Language` header, `None` when none fits
    /// (then the site's language). Preferences are taken by their `q` weight, highest first
    /// (ties in the header's order); `q=0` means "not this one".
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let available: Vec<LanguageIdentifier> =
            Locale::SHIPPED.iter().map(|l| l.langid()).collect();
        for wanted in preferences(accept_language) {
            let Ok(id) = wanted.parse::<LanguageIdentifier>() else {
                continue;
            };
            let found = fluent_langneg::negotiate_languages(
                &[id],
                &available,
                None,
                fluent_langneg::NegotiationStrategy::Lookup,
            );
            if let Some(best) = found.first() {
                return Locale::SHIPPED
                    .iter()
                    .copied()
                    .find(|l| l.langid() == **best);
            }
        }
        None
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// Longest `Accept-Language` header read; the rest is ignored.
const MAX_ACCEPT_LANGUAGE_BYTES: usize = 256;

/// The language ranges of an `Accept-Language` header, most wanted first, without `*` and the
/// refused (`q=0`) ones.
fn preferences(header: &str) -> Vec<&str> {
    let header = match header.char_indices().nth(MAX_ACCEPT_LANGUAGE_BYTES) {
        Some((i, _)) => &header[..i],
        None => header,
    };
    let mut ranges: Vec<(u16, &str)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let range = parts.next()?.trim();
            let mut weight = 1000;
            for p in parts {
                if let Some(q) = p.trim().strip_prefix("q=") {
                    weight = q
                        .trim()
                        .parse::<f32>()
                        .map_or(0, |q| (q.clamp(0.0, 1.0) * 1000.0) as u16);
                }
            }
            (weight > 0 && !range.is_empty() && range != "*").then_some((weight, range))
        })
        .collect();
    // Stable: equal weights keep the header's order.
    ranges.sort_by_key(|r| std::cmp::Reverse(r.0));
    ranges.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_in_any_case() {
        assert_eq!(Locale::parse("pt-BR"), Ok(Locale::PtBr));
        assert_eq!(Locale::parse("pt_br"), Ok(Locale::PtBr));
        assert_eq!(Locale::parse(" DE "), Ok(Locale::De));
        assert_eq!(Locale::parse("en-XA"), Ok(Locale::EnXa));
        assert!(Locale::parse("pt").is_err());
        assert!(Locale::parse("klingon").is_err());
        for l in Locale::ALL {
            assert_eq!(Locale::parse(l.tag()), Ok(l));
        }
    }

    #[test]
    fn members_choose_only_shipped_languages() {
        assert_eq!(Locale::parse_member_choice("ar"), Ok(Locale::Ar));
        let e = Locale::parse_member_choice("en-XA").unwrap_err();
        assert!(e.to_string().contains("en, de, fr, es, pt-BR, ar"), "{e}");
    }

    #[test]
    fn arabic_is_right_to_left() {
        assert_eq!(Locale::Ar.dir(), "rtl");
        assert_eq!(Locale::De.dir(), "ltr");
    }

    #[test]
    fn negotiation_follows_weights_and_regions() {
        assert_eq!(
            Locale::negotiate("de-AT,de;q=0.9,en;q=0.5"),
            Some(Locale::De)
        );
        assert_eq!(Locale::negotiate("en;q=0.5, fr;q=0.8"), Some(Locale::Fr));
        assert_eq!(Locale::negotiate("pt-PT, pt;q=0.9"), Some(Locale::PtBr));
        assert_eq!(Locale::negotiate("pt-BR"), Some(Locale::PtBr));
        assert_eq!(Locale::negotiate("ar-EG"), Some(Locale::Ar));
        assert_eq!(Locale::negotiate("en-US,en;q=0.9"), Some(Locale::En));
        assert_eq!(Locale::negotiate("ja, zh;q=0.8"), None);
        assert_eq!(Locale::negotiate("de;q=0, es"), Some(Locale::Es));
        assert_eq!(Locale::negotiate("*"), None);
        assert_eq!(Locale::negotiate(""), None);
        // The pseudo-locale is English to a browser that asks for it.
        assert_eq!(Locale::negotiate("en-XA"), Some(Locale::En));
    }
}
