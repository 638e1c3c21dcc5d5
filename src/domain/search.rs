//! Reader search queries, parsed once for both backends. A query is a list of terms: words and
//! "quoted phrases". Everything else a person might type (operators, `*`, `:`, parentheses,
//! `NEAR`, stray quotes) is treated as text or dropped, so no query can be a syntax error in
//! FTS5 or `to_tsquery`: at worst it finds nothing.

/// The longest query considered; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
/// At most this many terms are used.
pub const MAX_TERMS: usize = 12;

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
}

/// Splits text into lower-case, accent-folded runs of letters and digits.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}

/// Lower-cases and folds accents ("Zürich" → "zurich"), as SQLite's FTS5 tokenizer does, so
/// both backends match alike. PostgreSQL indexes text folded this way.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(super::slug::fold_accent)
        .collect()
}

impl SearchQuery {
    pub fn parse(input: &str) -> SearchQuery {
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
        terms.truncate(MAX_TERMS);
        SearchQuery { terms }
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
        assert_eq!(
            SearchQuery::parse(&"x ".repeat(10_000)).terms.len(),
            MAX_TERMS
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
