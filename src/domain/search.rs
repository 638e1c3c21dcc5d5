//! Reader search queries, parsed once for both backends. A query is a list of terms: words and
//! "quoted phrases". Everything else a person might type (operators, `*`, `:`, parentheses,
//! `NEAR`, stray quotes) is treated as text or dropped, so no query can be a syntax error in
//! FTS5 or `to_tsquery`: at worst it finds nothing.

/// The longest query considered; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
/// At most this many words are searched, counting each word of a phrase: each is one more
/// index lookup and one more condition on every candidate.
pub const MAX_WORDS: usize = 8;
/// At most this many words are matched as beginnings of words (`elect*`); later ones match
/// whole words only. A prefix is a range scan over the index's terms, the costly kind.
pub const MAX_PREFIXES: usize = 2;
/// A beginning shorter than this matches whole words only: `a*` would be most of the index.
pub const MIN_PREFIX_CHARS: usize = 3;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// A word; `prefix` when it should also match longer words (the last word typed, or a word
    /// ending in `*`).
    Word {
        text: String,
        prefix: bool,
    },
    Phrase(Vec<String>),
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SearchQuery {
    pub terms: Vec<Term>,
    /// What of the query as typed was left out or searched differently, to say so.
    pub limited: Limited,
}

/// The limits a query met, each to be told to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Limited {
    /// Longer than [`MAX_QUERY_CHARS`]: the rest was ignored.
    pub chars: bool,
    /// More than [`MAX_WORDS`] words: the rest were ignored.
    pub words: bool,
    /// A `*` after fewer than [`MIN_PREFIX_CHARS`] letters: matched as a whole word.
    pub short_prefixes: bool,
    /// More than [`MAX_PREFIXES`] beginnings: the later ones matched as whole words.
    pub prefixes: bool,
}

impl Limited {
    pub fn any(self) -> bool {
        self.chars || self.words || self.short_prefixes || self.prefixes
    }
}

/// Splits text into lower-case, accent-folded runs of letters and digits.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}

/// The version of [`fold`] the search index is built with. Raise it whenever `fold` changes what
/// it makes of any character: the next start rebuilds the index with the new one.
pub const FOLD_VERSION: i64 = 1;

/// PostgreSQL's text-search configuration for a site in `lang`: its Snowball stemmer and stop
/// words, so that "Hafen" finds "Häfen" on a German site; `simple` (words as they are) for a
/// language PostgreSQL has no stemmer for. SQLite's FTS5 folds accents and case alike in every
/// language and stems in none.
pub fn text_search_config(lang: &crate::domain::locale::LanguageTag) -> &'static str {
    match lang.language() {
        "en" => "english",
        "de" => "german",
        "fr" => "french",
        "es" => "spanish",
        "pt" => "portuguese",
        "ar" => "arabic",
        "it" => "italian",
        "nl" => "dutch",
        _ => "simple",
    }
}

/// Lower-cases and removes accents as SQLite's FTS5 tokenizer does to the text it indexes
/// (`unicode61 remove_diacritics 2`, migrations/sqlite/0003_search.sql), so both backends match
/// alike: queries are folded with it on both, and PostgreSQL indexes text folded with it.
///
/// Like FTS5, it removes the marks from a letter whose canonical decomposition is an ASCII
/// letter and combining marks ("Zürich", "Erdős", "București", "Doğan" → "zurich", "erdos",
/// "bucuresti", "dogan") and keeps every other letter as it is, lower-cased: letters that do
/// not decompose ("Søren", "Łódź" → "søren", "łodz"), and accented letters of other scripts.
/// One character in, one character out.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// [`fold`] of one character.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let (mut base, mut only_marks) = (None, true);
    unicode_normalization::char::decompose_canonical(c, |part| match base {
        None => base = Some(part),
        Some(_) => only_marks &= unicode_normalization::char::is_combining_mark(part),
    });
    match base {
        Some(letter) if letter.is_ascii_alphabetic() && only_marks => letter.to_ascii_lowercase(),
        _ => {
            // Only U+0130 (İ) lower-cases to two characters, and it decomposes above.
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

impl SearchQuery {
    pub fn parse(input: &str) -> SearchQuery {
        let mut limited = Limited {
            chars: input.chars().nth(MAX_QUERY_CHARS).is_some(),
            ..Limited::default()
        };
        let input: String = input.chars().take(MAX_QUERY_CHARS).collect();
        let mut terms = Vec::new();
        // Odd-numbered pieces between quotes are phrases; an unbalanced quote closes at the end.
        for (i, piece) in input.split('"').enumerate() {
            if i % 2 == 1 {
                let ws = words(piece);
                match ws.len() {
                    0 => {}
                    1 => terms.push(Term::Word {
                        text: ws[0].clone(),
                        prefix: false,
                    }),
                    _ => terms.push(Term::Phrase(ws)),
                }
            } else {
                for raw in piece.split_whitespace() {
                    let star = raw.ends_with('*');
                    let ws = words(raw);
                    let n = ws.len();
                    for (j, w) in ws.into_iter().enumerate() {
                        terms.push(Term::Word {
                            text: w,
                            prefix: star && j + 1 == n,
                        });
                    }
                }
            }
        }
        // The last bare word typed matches as a prefix ("elect" finds "election").
        if !input.trim_end().ends_with('"')
            && let Some(Term::Word { prefix, text }) = terms.last_mut()
            && text.chars().count() >= 3
        {
            *prefix = true;
        }
        // Words beyond the limit go, a phrase cut where the limit falls.
        let mut words = 0;
        terms.retain_mut(|t| {
            let room = MAX_WORDS.saturating_sub(words);
            let n = match t {
                Term::Word { .. } => 1,
                Term::Phrase(ws) => ws.len(),
            };
            if n > room {
                limited.words = true;
            }
            words += n.min(room);
            match t {
                Term::Phrase(ws) if room >= 2 => {
                    ws.truncate(room);
                    true
                }
                Term::Phrase(ws) if room == 1 => {
                    *t = Term::Word {
                        text: ws.swap_remove(0),
                        prefix: false,
                    };
                    true
                }
                _ => room >= 1,
            }
        });
        // Short beginnings match whole words; only the first few beginnings stay beginnings.
        let mut prefixes = 0;
        for t in &mut terms {
            if let Term::Word { text, prefix } = t
                && *prefix
            {
                if text.chars().count() < MIN_PREFIX_CHARS {
                    *prefix = false;
                    limited.short_prefixes = true;
                } else if prefixes == MAX_PREFIXES {
                    *prefix = false;
                    limited.prefixes = true;
                } else {
                    prefixes += 1;
                }
            }
        }
        SearchQuery { terms, limited }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// An FTS5 MATCH expression: every term quoted (so it can only be text), all required.
    pub fn to_fts5(&self) -> String {
        self.terms
            .iter()
            .map(|t| match t {
                Term::Word { text, prefix } => {
                    format!("\"{text}\"{}", if *prefix { "*" } else { "" })
                }
                Term::Phrase(ws) => format!("\"{}\"", ws.join(" ")),
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// A `to_tsquery('simple', …)` expression: words as lexemes (`:*` for prefixes), phrases
    /// with `<->`, all required. Terms contain only letters and digits, so quoting them is safe.
    pub fn to_tsquery(&self) -> String {
        self.terms
            .iter()
            .map(|t| match t {
                Term::Word { text, prefix } => {
                    format!("'{text}'{}", if *prefix { ":*" } else { "" })
                }
                Term::Phrase(ws) => format!(
                    "({})",
                    ws.iter()
                        .map(|w| format!("'{w}'"))
                        .collect::<Vec<_>>()
                        .join(" <-> ")
                ),
            })
            .collect::<Vec<_>>()
            .join(" & ")
    }
}

/// Plain text of Markdown, for the search index and its snippets.
pub fn markdown_text(source: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(source.len());
    for event in Parser::new(source) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::BlockQuote(_),
            ) => out.push('\n'),
            _ => {}
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {

    #[test]
    fn each_shipped_language_has_its_stemmer_and_others_the_plain_words() {
        let config = |tag: &str| {
            text_search_config(&crate::domain::locale::LanguageTag::parse(tag).unwrap())
        };
        assert_eq!(config("en"), "english");
        assert_eq!(config("de"), "german");
        assert_eq!(config("fr"), "french");
        assert_eq!(config("es"), "spanish");
        assert_eq!(config("pt-BR"), "portuguese");
        assert_eq!(config("ar"), "arabic");
        assert_eq!(config("ja"), "simple");
    }
    use super::*;

    fn w(text: &str, prefix: bool) -> Term {
        Term::Word {
            text: text.into(),
            prefix,
        }
    }

    #[test]
    fn parses_words_phrases_and_prefixes() {
        let q = SearchQuery::parse("Tidal \"power plant\" elect");
        assert_eq!(
            q.terms,
            vec![
                w("tidal", false),
                Term::Phrase(vec!["power".into(), "plant".into()]),
                w("elect", true)
            ]
        );
        assert_eq!(q.to_fts5(), "\"tidal\" AND \"power plant\" AND \"elect\"*");
        assert_eq!(
            q.to_tsquery(),
            "'tidal' & ('power' <-> 'plant') & 'elect':*"
        );
        assert_eq!(
            SearchQuery::parse("robot* arm").terms,
            vec![w("robot", true), w("arm", true)]
        );
    }

    #[test]
    fn hostile_queries_become_harmless_terms() {
        for q in [
            "\"",
            "*",
            "NEAR(a b)",
            "title:x",
            "((((",
            "a OR b -c",
            "'; DROP TABLE articles; --",
            "\"unbalanced phrase",
        ] {
            let parsed = SearchQuery::parse(q);
            for t in &parsed.terms {
                let texts: Vec<&String> = match t {
                    Term::Word { text, .. } => vec![text],
                    Term::Phrase(ws) => ws.iter().collect(),
                };
                assert!(
                    texts.iter().all(|t| t.chars().all(char::is_alphanumeric)),
                    "{q:?} → {t:?}"
                );
            }
        }
        assert!(SearchQuery::parse("*** ::: ()").is_empty());
        assert_eq!(SearchQuery::parse("Zürich").terms, vec![w("zurich", true)]);
        let long = SearchQuery::parse(&"x ".repeat(10_000));
        assert_eq!(long.terms.len(), MAX_WORDS);
        assert!(long.limited.chars && long.limited.words);
    }

    #[test]
    fn the_cost_of_a_query_is_bounded() {
        let words = |q: &SearchQuery| -> usize {
            q.terms
                .iter()
                .map(|t| match t {
                    Term::Word { .. } => 1,
                    Term::Phrase(ws) => ws.len(),
                })
                .sum()
        };
        let prefixes = |q: &SearchQuery| {
            q.terms
                .iter()
                .filter(|t| matches!(t, Term::Word { prefix: true, .. }))
                .count()
        };
        // Words, and the words of phrases, count alike; a phrase is cut where the limit falls.
        let q = SearchQuery::parse("one two three \"four five six seven eight nine ten\" eleven");
        assert_eq!(words(&q), MAX_WORDS);
        assert!(q.limited.words && !q.limited.chars);
        assert_eq!(
            q.terms[3],
            Term::Phrase(vec![
                "four".into(),
                "five".into(),
                "six".into(),
                "seven".into(),
                "eight".into()
            ])
        );
        let q = SearchQuery::parse("a b c d e f g \"h i\"");
        assert_eq!(q.terms[7], w("h", false));
        // Beginnings: at least three letters, at most two of them.
        let q = SearchQuery::parse("a* bo* cat* dogs* emus* fox*");
        assert_eq!(
            q.terms,
            vec![
                w("a", false),
                w("bo", false),
                w("cat", true),
                w("dogs", true),
                w("emus", false),
                w("fox", false)
            ]
        );
        assert!(q.limited.short_prefixes && q.limited.prefixes && !q.limited.words);
        assert_eq!(
            q.to_fts5(),
            "\"a\" AND \"bo\" AND \"cat\"* AND \"dogs\"* AND \"emus\" AND \"fox\""
        );
        // The worst of everything at once stays within every bound.
        let worst = format!(
            "{} \"{}\" {}",
            "ab* ".repeat(40),
            "w ".repeat(60),
            "xyz* ".repeat(40)
        );
        let q = SearchQuery::parse(&worst);
        assert!(words(&q) <= MAX_WORDS && prefixes(&q) <= MAX_PREFIXES);
        assert!(q.limited.any());
        // An ordinary query meets no limit.
        assert!(
            !SearchQuery::parse("tidal \"power plant\" elect")
                .limited
                .any()
        );
    }

    #[test]
    fn accents_fold_as_fts5_folds_them() {
        // Letters that decompose to an ASCII letter lose their marks, in any case.
        assert_eq!(fold("Erdős ERDŐS"), "erdos erdos");
        assert_eq!(fold("București ȘTEFAN"), "bucuresti stefan");
        assert_eq!(fold("Doğan İstanbul"), "dogan istanbul");
        assert_eq!(fold("Zürich São Tomé ǘ"), "zurich sao tome u");
        // Letters that do not decompose stay themselves, as FTS5 leaves them.
        assert_eq!(
            fold("Søren Ørsted Łódź Đorđe Straße Æsir"),
            "søren ørsted łodz đorđe straße æsir"
        );
        // Other scripts: lower case only (FTS5 removes marks only down to ASCII letters).
        assert_eq!(fold("Ελλάδα Йошкар"), "ελλάδα йошкар");
        for s in ["İİ", "Ⅻ ǅ ﬁ", "Zürich"] {
            assert_eq!(fold(s).chars().count(), s.chars().count(), "{s}");
        }
        assert_eq!(
            SearchQuery::parse("Erdős").terms,
            SearchQuery::parse("erdos").terms
        );
    }

    #[test]
    fn markdown_text_keeps_words_drops_markup() {
        assert_eq!(
            markdown_text("## Head\n\nSome *bold* [link](https://x.org) `code`"),
            "Head\nSome bold link code"
        );
    }
}
