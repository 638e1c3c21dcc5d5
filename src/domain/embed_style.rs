//! How a host page dresses the embedded conversation: a few CSS custom properties (font, text
//! colour, accent, background) from the snippet, each checked against a narrow grammar so no
//! host text ever becomes CSS of its own; and the pace rules of embedded threads.

use chrono::Duration;

/// The longest font list taken.
pub const MAX_FONT: usize = 200;

/// New threads one address may make on one site per minute (counted in the database, so every
/// process counts alike): a page load makes at most one, so a reader browsing never meets it.
pub const THREADS_PER_MINUTE: i64 = 20;

/// How often a loading page may change its thread's title.
pub fn title_refresh() -> Duration {
    Duration::hours(1)
}

/// The rate counter of the threads one address makes on one site.
pub fn thread_rate_key(site: i64, ip: &str) -> String {
    format!("embed-thread:{site}:{ip}")
}

/// The host's properties, checked; each `None` keeps the frame's own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmbedStyle {
    pub font: Option<String>,
    pub text: Option<String>,
    pub accent: Option<String>,
    pub background: Option<String>,
}

impl EmbedStyle {
    /// Checks what the snippet sent (`data-font`, `data-text-color`, `data-accent-color`,
    /// `data-background`); a value outside the grammar is a message naming it.
    pub fn parse(
        font: Option<&str>,
        text: Option<&str>,
        accent: Option<&str>,
        background: Option<&str>,
    ) -> Result<EmbedStyle, String> {
        fn given(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        let colour = |name: &str, v: Option<&str>| -> Result<Option<String>, String> {
            given(v)
                .map(|c| {
                    hex_colour(c).ok_or_else(|| {
                        format!(
                            "The {name} colour “{c}” is not a colour: write it as #rgb or #rrggbb."
                        )
                    })
                })
                .transpose()
        };
        Ok(EmbedStyle {
            font: given(font).map(font_list).transpose()?,
            text: colour("text", text)?,
            accent: colour("accent", accent)?,
            background: colour("background", background)?,
        })
    }

    pub fn is_empty(&self) -> bool {
        *self == EmbedStyle::default()
    }

    /// The stylesheet that sets the properties (every value already checked).
    pub fn css(&self) -> String {
        let mut rules = String::new();
        let mut set = |props: &[&str], v: &Option<String>| {
            if let Some(v) = v {
                for p in props {
                    rules.push_str(&format!(" {p}: {v};"));
                }
            }
        };
        set(&["--sans", "--serif"], &self.font);
        set(&["--ink"], &self.text);
        set(&["--accent", "--link"], &self.accent);
        set(&["--paper"], &self.background);
        // The scheme's own rules name `.embedded[data-theme]`: these must outrank them.
        let mut css = format!(".embedded.embedded[data-theme] {{{rules} }}\n");
        if self.background.is_some() {
            css.push_str(".embedded.embedded body { background: var(--paper); }\n");
        }
        css
    }

    /// The properties as query pairs, to carry them to the frame's own links.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("font", &self.font),
            ("text", &self.text),
            ("accent", &self.accent),
            ("background", &self.background),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
        .collect()
    }
}

/// `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa`, lower-cased.
fn hex_colour(c: &str) -> Option<String> {
    let digits = c.strip_prefix('#')?;
    (matches!(digits.len(), 3 | 4 | 6 | 8) && digits.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| c.to_ascii_lowercase())
}

const GENERIC_FONTS: &[&str] = &[
    "serif",
    "sans-serif",
    "monospace",
    "cursive",
    "fantasy",
    "system-ui",
    "ui-serif",
    "ui-sans-serif",
    "ui-monospace",
    "ui-rounded",
];

/// A comma-separated list of font families (names of letters, digits, spaces and hyphens, in
/// quotes or not), written back with each name quoted and generic families bare.
fn font_list(text: &str) -> Result<String, String> {
    let bad = || {
        format!(
            "The font “{text}” is not a list of font names: give names of letters, digits, \
             spaces and hyphens separated by commas (at most {MAX_FONT} characters)."
        )
    };
    if text.len() > MAX_FONT {
        return Err(bad());
    }
    let mut out = Vec::new();
    for part in text.split(',') {
        let name = part.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        let fine = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
        if !fine {
            return Err(bad());
        }
        let lower = name.to_ascii_lowercase();
        if GENERIC_FONTS.contains(&lower.as_str()) {
            out.push(lower);
        } else {
            out.push(format!("\"{name}\""));
        }
    }
    Ok(out.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_hex_only() {
        let s = EmbedStyle::parse(None, Some("#1A2B3C"), Some("#abc"), None).unwrap();
        assert_eq!(s.text.as_deref(), Some("#1a2b3c"));
        assert_eq!(s.accent.as_deref(), Some("#abc"));
        for bad in [
            "red",
            "#12",
            "#ggg",
            "#fff; } body { x: y",
            "url(x)",
            "#fffff",
        ] {
            assert!(
                EmbedStyle::parse(None, Some(bad), None, None).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn fonts_are_names_quoted_and_nothing_else() {
        let s =
            EmbedStyle::parse(Some("'Source Serif 4', Georgia, SERIF"), None, None, None).unwrap();
        assert_eq!(
            s.font.as_deref(),
            Some("\"Source Serif 4\", \"Georgia\", serif")
        );
        for bad in [
            "a;b",
            "x } body { y",
            "\"a\\\"",
            "f(x)",
            ",",
            &"a".repeat(MAX_FONT + 1),
        ] {
            assert!(
                EmbedStyle::parse(Some(bad), None, None, None).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_stylesheet_sets_only_what_was_given() {
        let s = EmbedStyle::parse(Some("Georgia"), None, None, Some("#000")).unwrap();
        let css = s.css();
        assert!(css.contains("--sans: \"Georgia\";"), "{css}");
        assert!(css.contains("--paper: #000;"), "{css}");
        assert!(!css.contains("--ink"), "{css}");
        assert!(EmbedStyle::default().is_empty());
        assert_eq!(
            s.pairs(),
            vec![("font", "\"Georgia\""), ("background", "#000")]
        );
    }
}
