//! The message catalogues (Project Fluent, `locales/{tag}/*.ftl`, compiled into the binary)
//! and [`Tr`], the one way pages, handlers and mails get their words.
//!
//! Each language's bundle holds its own messages; a message it lacks is taken from English. The
//! pseudo-locale `en-XA` is the English catalogue with every letter accented (a Fluent
//! transform, so variables such as a member's name stay as given) and every message in
//! brackets: text on an `en-XA` page without them did not come from a catalogue.
//!
//! Messages take their variables through [`Tr::t1`] and [`Tr::t2`] with the names written at
//! the call, so the catalogue test (`tests.rs`) can check every call against every catalogue.

mod pseudo;
#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};

use crate::domain::locale::Locale;

/// The catalogue files of each language, one per area of the site.
macro_rules! catalogue {
    ($tag:literal) => {
        &[
            include_str!(concat!("../../../locales/", $tag, "/layout.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/errors.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/accounts.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/settings.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/mail.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/reading.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/conversation.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/newsroom.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/desk.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/embed.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/editor.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/live.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/media-newsletters.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/log-feeds.ftl")),
            include_str!(concat!("../../../locales/", $tag, "/autosave.ftl")),
        ]
    };
}

/// The catalogue sources of a locale (the pseudo-locale's are English's).
pub fn sources(locale: Locale) -> &'static [&'static str] {
    match locale {
        Locale::En | Locale::EnXa => catalogue!("en"),
        Locale::De => catalogue!("de"),
        Locale::Fr => catalogue!("fr"),
        Locale::Es => catalogue!("es"),
        Locale::PtBr => catalogue!("pt-BR"),
        Locale::Ar => catalogue!("ar"),
    }
}

type Bundle = FluentBundle<FluentResource>;

struct Catalogues {
    bundles: Vec<(Locale, Bundle)>,
}

static CATALOGUES: LazyLock<Catalogues> = LazyLock::new(|| Catalogues {
    bundles: Locale::ALL.into_iter().map(|l| (l, bundle(l))).collect(),
});

fn bundle(locale: Locale) -> Bundle {
    let mut bundle = Bundle::new_concurrent(vec![locale.langid()]);
    // Unicode isolation marks keep a Latin name from reordering Arabic text around it; in
    // left-to-right languages they would only be invisible bytes in every page and attribute.
    bundle.set_use_isolating(locale.is_rtl());
    if locale == Locale::EnXa {
        bundle.set_transform(Some(pseudo::accent));
    }
    for source in sources(locale) {
        let resource =
            FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(_, errors)| {
                panic!("a catalogue of {locale} is not valid Fluent: {errors:?}")
            });
        bundle.add_resource(resource).unwrap_or_else(|errors| {
            panic!("a catalogue of {locale} repeats a message: {errors:?}")
        });
    }
    bundle
}

impl Catalogues {
    fn bundle(&self, locale: Locale) -> &Bundle {
        &self
            .bundles
            .iter()
            .find(|(l, _)| *l == locale)
            .expect("every locale has a bundle")
            .1
    }
}

/// Loads every catalogue now (at start-up), so that a broken one stops the server at once
/// rather than the first page in that language.
pub fn load() {
    LazyLock::force(&CATALOGUES);
}

/// A value a message takes: text or a number.
pub trait MsgArg {
    fn value(&self) -> FluentValue<'_>;
}

impl MsgArg for str {
    fn value(&self) -> FluentValue<'_> {
        FluentValue::from(self)
    }
}
impl MsgArg for String {
    fn value(&self) -> FluentValue<'_> {
        FluentValue::from(self.as_str())
    }
}
impl<T: MsgArg + ?Sized> MsgArg for &T {
    fn value(&self) -> FluentValue<'_> {
        (**self).value()
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl MsgArg for $t {
            fn value(&self) -> FluentValue<'_> {
                FluentValue::from(*self)
            }
        }
    )*};
}
number_arg!(i32, i64, u16, u32, u64, usize);

/// The words of one language: cheap to copy, into every page's frame and every mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Tr {
    pub locale: Locale,
}

impl Tr {
    pub fn new(locale: Locale) -> Tr {
        Tr { locale }
    }

    /// The `lang` attribute's value.
    pub fn lang(&self) -> &'static str {
        self.locale.tag()
    }

    /// The `dir` attribute's value.
    pub fn dir(&self) -> &'static str {
        self.locale.dir()
    }

    /// A message without variables.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// A message with one variable.
    pub fn t1(&self, id: &str, name: &str, value: impl MsgArg) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.value());
        self.format(id, Some(&args))
    }

    /// A message with two variables.
    pub fn t2(
        &self,
        id: &str,
        name: &str,
        value: impl MsgArg,
        name2: &str,
        value2: impl MsgArg,
    ) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.value());
        args.set(name2.to_owned(), value2.value());
        self.format(id, Some(&args))
    }

    /// A message whose text has links, written `<a>…</a>` in the catalogue (and perhaps
    /// `<strong>…</strong>`), as HTML: the text escaped, each `<a>` (in order) opened on the next
    /// of `hrefs`. For `|safe` in a template.
    pub fn html<'h>(&self, id: &str, hrefs: impl AsRef<[&'h str]>) -> String {
        marked_up(&self.t(id), hrefs.as_ref(), None)
    }

    /// [`Tr::html`] with one variable, given as text (escaped like the rest).
    pub fn html1<'h>(
        &self,
        id: &str,
        hrefs: impl AsRef<[&'h str]>,
        name: &str,
        value: &str,
    ) -> String {
        let text = self.t1(id, name, PLACEHOLDER);
        marked_up(&text, hrefs.as_ref(), Some(value))
    }

    /// A message with a count, in each plural form the language has (CLDR's categories:
    /// `zero`, `one`, `two`, `few`, `many`, `other`), for a script to choose from with
    /// `Intl.PluralRules`: each formatted with a number of that form, the number then written
    /// `{name}` for the script to fill in. Forms no count up to 200 takes are left out (the
    /// script falls back to `other`).
    pub fn plural_forms(&self, id: &str, name: &str) -> Vec<(&'static str, String)> {
        let rules = plural_rules(self.locale);
        let mut forms: Vec<(&'static str, String)> = Vec::new();
        for n in 0..=200_u32 {
            let Ok(category) = rules.select(n) else {
                continue;
            };
            let category = plural_category(category);
            if forms.iter().any(|(c, _)| *c == category) {
                continue;
            }
            let text = self.t1(id, name, n);
            forms.push((category, with_placeholder(&text, n, name)));
        }
        forms
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let catalogues = &*CATALOGUES;
        let own = catalogues.bundle(self.locale);
        let (bundle, message) = match own.get_message(id) {
            Some(m) => (own, m),
            None => {
                let english = catalogues.bundle(Locale::En);
                match english.get_message(id) {
                    Some(m) => (english, m),
                    None => {
                        debug_assert!(false, "no message `{id}` in the English catalogue");
                        tracing::error!(id, "no such message in the catalogues");
                        return id.to_owned();
                    }
                }
            }
        };
        let Some(pattern) = message.value() else {
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            // A variable the caller did not give shows as `{$name}`; the catalogue test keeps
            // that from shipping.
            tracing::warn!(id, locale = %self.locale, ?errors, "message formatted with errors");
        }
        match self.locale {
            Locale::EnXa => format!("[{text}]"),
            _ => text.into_owned(),
        }
    }
}

/// The cardinal plural rules Fluent uses for `locale` (found as fluent-bundle finds them:
/// the best CLDR language by lookup, else English).
fn plural_rules(locale: Locale) -> PluralRules {
    let english: unic_langid::LanguageIdentifier = "en".parse().expect("a valid tag");
    let available = PluralRules::get_locales(PluralRuleType::CARDINAL);
    let chosen = fluent_langneg::negotiate_languages(
        &[locale.langid()],
        &available,
        Some(&english),
        fluent_langneg::NegotiationStrategy::Lookup,
    )
    .first()
    .map_or_else(|| english.clone(), |l| (*l).clone());
    PluralRules::create(chosen, PluralRuleType::CARDINAL)
        .or_else(|_| PluralRules::create(english, PluralRuleType::CARDINAL))
        .expect("CLDR has English's plural rules")
}

/// A plural category as CLDR (and `Intl.PluralRules`) names it.
fn plural_category(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// `text` with the number `n` (written as Fluent writes it, in ASCII digits) put back as
/// `{name}`: only where it stands alone, not as part of a longer number.
fn with_placeholder(text: &str, n: u32, name: &str) -> String {
    let digits = n.to_string();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + name.len());
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let alone = text[i..].starts_with(&digits)
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && !bytes.get(i + digits.len()).is_some_and(u8::is_ascii_digit);
        if alone {
            out.push('{');
            out.push_str(name);
            out.push('}');
            i += digits.len();
        } else {
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Stands in for a variable's value while a message's markup is made, so that nothing in the
/// value can be taken for markup.
const PLACEHOLDER: &str = "\u{E000}";

/// `text` escaped, with its `<a>` markers opened on `hrefs` in order, its `<strong>` markers
/// kept, and the value put back in place of [`PLACEHOLDER`], escaped.
fn marked_up(text: &str, hrefs: &[&str], value: Option<&str>) -> String {
    let text = escape_html(text);
    let mut out = String::with_capacity(text.len() + 32 * hrefs.len());
    let mut rest = text.as_str();
    let mut hrefs = hrefs.iter();
    while let Some(at) = rest.find("&lt;a&gt;") {
        out.push_str(&rest[..at]);
        match hrefs.next() {
            Some(href) => {
                out.push_str("<a href=\"");
                out.push_str(&escape_html(href));
                out.push_str("\">");
            }
            None => out.push_str("&lt;a&gt;"),
        }
        rest = &rest[at + "&lt;a&gt;".len()..];
    }
    out.push_str(rest);
    let out = out
        .replace("&lt;/a&gt;", "</a>")
        .replace("&lt;strong&gt;", "<strong>")
        .replace("&lt;/strong&gt;", "</strong>");
    match value {
        Some(v) => out.replace(PLACEHOLDER, &escape_html(v)),
        None => out,
    }
}

/// `s` escaped for text or a double-quoted attribute.
fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
