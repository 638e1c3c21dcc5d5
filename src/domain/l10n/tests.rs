//! The catalogue test: every language has exactly English's messages, uses only the variables
//! English's do and the same links, and every call in the code and the templates passes
//! exactly the variables its message uses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast;

use super::*;

/// A catalogue read with `fluent-syntax`: each message's variables and markup.
type Parsed = BTreeMap<String, Message>;

#[derive(Debug, Default)]
struct Message {
    variables: BTreeSet<String>,
    links: usize,
    strong: usize,
}

fn parse(locale: Locale) -> Parsed {
    let mut messages = Parsed::new();
    for source in sources(locale) {
        let resource = fluent_syntax::parser::parse(*source)
            .unwrap_or_else(|(_, e)| panic!("{locale}: not valid Fluent: {e:?}"));
        for entry in resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    let mut message = Message::default();
                    let mut text = String::new();
                    if let Some(p) = &m.value {
                        pattern(p, &mut message.variables, &mut text);
                    }
                    assert!(
                        m.attributes.is_empty(),
                        "{locale}: {}: attributes are not read",
                        m.id.name
                    );
                    message.links = text.matches("<a>").count();
                    assert_eq!(message.links, text.matches("</a>").count());
                    message.strong = text.matches("<strong>").count();
                    let id = m.id.name.to_owned();
                    assert!(
                        messages.insert(id.clone(), message).is_none(),
                        "{locale}: `{id}` twice"
                    );
                }
                ast::Entry::Junk { content } => panic!("{locale}: cannot read `{content}`"),
                _ => {}
            }
        }
    }
    messages
}

fn pattern(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    for element in &p.elements {
        match element {
            ast::PatternElement::TextElement { value } => text.push_str(value),
            ast::PatternElement::Placeable { expression } => expr(expression, vars, text),
        }
    }
}

fn expr(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline(selector, vars, text);
            for v in variants {
                pattern(&v.value, vars, text);
            }
        }
        ast::Expression::Inline(i) => inline(i, vars, text),
    }
}

fn inline(e: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>, text: &mut String) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline(a, vars, text);
            }
            for a in &arguments.named {
                inline(&a.value, vars, text);
            }
        }
        ast::InlineExpression::Placeable { expression } => expr(expression, vars, text),
        ast::InlineExpression::StringLiteral { value } => text.push_str(value),
        _ => {}
    }
}

#[test]
fn every_language_has_exactly_englishs_messages_and_variables() {
    let english = parse(Locale::En);
    assert!(english.len() > 100, "{} messages", english.len());
    for &locale in Locale::SHIPPED {
        let theirs = parse(locale);
        let missing: Vec<_> = english
            .keys()
            .filter(|k| !theirs.contains_key(*k))
            .collect();
        let extra: Vec<_> = theirs
            .keys()
            .filter(|k| !english.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{locale} has messages English lacks: {extra:?}"
        );
        for (id, m) in &theirs {
            let en = &english[id];
            let unknown: Vec<_> = m.variables.difference(&en.variables).collect();
            assert!(
                unknown.is_empty(),
                "{locale}: `{id}` uses {unknown:?}, which its callers do not pass"
            );
            assert_eq!(
                (m.links, m.strong),
                (en.links, en.strong),
                "{locale}: `{id}` must keep English's <a> and <strong> markup"
            );
        }
    }
}

/// Messages whose id is chosen at run time, with the variables every such call passes.
const DYNAMIC: &[(&str, &[&str])] = &[
    ("sso-", &["provider"]),
    // The rich editor's words (web/newsroom/editor_words.rs, which passes each as listed).
    ("editor-js-edit-named", &["name"]),
    ("editor-js-remove-named", &["name"]),
    ("editor-js-field-problem", &["name", "problem"]),
    ("editor-js-library-failed", &["status"]),
    ("editor-js-upload-failed", &["status"]),
    ("editor-js-describe-image", &["alt"]),
    ("editor-js-describe-caption", &["caption"]),
    ("editor-js-describe-library-image", &["id"]),
    ("editor-js-describe-embed", &["link"]),
    ("editor-js-describe-readmore", &["address"]),
    ("editor-js-describe-factbox", &["title"]),
    // The revision diff's lines (web/newsroom/words.rs::draft_line) and the live page's count
    // in each plural form (web/reading/live.rs::live_words, through `Tr::plural_forms`).
    ("live-diff-", &["value"]),
    ("live-js-new-updates", &["count"]),
];

#[test]
fn every_call_passes_exactly_the_variables_its_message_uses() {
    let english = parse(Locale::En);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut calls = Vec::new();
    for dir in ["src", "templates"] {
        scan_dir(&root.join(dir), &mut calls);
    }
    assert!(calls.len() > 100, "{} calls found", calls.len());
    let mut called = BTreeSet::new();
    for (file, id, names) in &calls {
        let Some(m) = english.get(id) else {
            panic!("{file}: no message `{id}` in the English catalogue");
        };
        let names: BTreeSet<String> = names.iter().cloned().collect();
        assert_eq!(
            names, m.variables,
            "{file}: `{id}` is given {names:?} but uses {:?}",
            m.variables
        );
        called.insert(id.clone());
    }
    for (id, m) in &english {
        if m.variables.is_empty() || called.contains(id) {
            continue;
        }
        let dynamic = DYNAMIC
            .iter()
            .find(|(prefix, _)| id.starts_with(prefix))
            .unwrap_or_else(|| panic!("`{id}` takes variables but no call gives them"));
        let given: BTreeSet<String> = dynamic.1.iter().map(|s| s.to_string()).collect();
        assert_eq!(given, m.variables, "`{id}`");
    }
}

fn scan_dir(dir: &Path, calls: &mut Vec<(String, String, Vec<String>)>) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("readable").path();
        if path.is_dir() {
            scan_dir(&path, calls);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "html")
            && !path.ends_with("l10n/tests.rs")
        {
            let text = std::fs::read_to_string(&path).expect("text");
            for (id, names) in scan(&text) {
                calls.push((path.display().to_string(), id, names));
            }
        }
    }
}

/// The calls in `text` whose message id is written at the call: (id, the variables' names).
fn scan(text: &str) -> Vec<(String, Vec<String>)> {
    // Each method, with how many arguments come before each variable's name (after the id,
    // then after the previous name).
    const METHODS: &[(&str, &[usize])] = &[
        (".t(", &[]),
        (".t1(", &[0]),
        (".t2(", &[0, 1]),
        (".html(", &[]),
        (".html1(", &[1]),
        ("titled(", &[]),
    ];
    let mut found = Vec::new();
    for (method, skips) in METHODS {
        for (at, _) in text.match_indices(method) {
            let mut rest = &text[at + method.len()..];
            if *method == "titled(" {
                // `Layout::titled(state, viewer, "id")`: the id is the third argument.
                for _ in 0..2 {
                    rest = skip_argument(rest);
                }
            }
            let Some((id, after)) = literal(rest) else {
                continue;
            };
            if !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
            {
                continue;
            }
            let mut names = Vec::new();
            let mut rest = after;
            for skip in *skips {
                for _ in 0..*skip {
                    rest = skip_argument(rest);
                }
                let Some((name, after)) = literal(rest.trim_start_matches([',', ' ', '\n'])) else {
                    break;
                };
                names.push(name.to_owned());
                rest = after;
            }
            found.push((id.to_owned(), names));
        }
    }
    found
}

/// A string literal at the start of `s` (after blanks): its text and what follows it.
fn literal(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start().strip_prefix('"')?;
    let end = s.find('"')?;
    Some((&s[..end], &s[end + 1..]))
}

/// What follows the argument at the start of `s` and its comma (brackets and strings kept
/// whole).
fn skip_argument(s: &str) -> &str {
    let s = s.trim_start_matches([',', ' ', '\n']);
    let mut depth = 0i32;
    let mut in_string = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => in_string = !in_string,
            _ if in_string => {}
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return &s[i..],
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => return &s[i + 1..],
            _ => {}
        }
    }
    ""
}

#[test]
fn the_scanner_reads_calls_as_written() {
    let calls = scan(
        r#"tr.t1("a-b", "name", x(1, 2)) tr.t2(
            "c",
            "site",
            site,
            "hours",
            H
        ) layout.tr.html1("d", ["/x", "/y"], "email", email) Layout::titled(&s, &v, "e")
        tr.t(id)"#,
    );
    let ids: Vec<_> = calls.iter().map(|(i, n)| (i.as_str(), n.clone())).collect();
    assert!(ids.contains(&("a-b", vec!["name".to_owned()])), "{ids:?}");
    assert!(
        ids.contains(&("c", vec!["site".to_owned(), "hours".to_owned()])),
        "{ids:?}"
    );
    assert!(ids.contains(&("d", vec!["email".to_owned()])), "{ids:?}");
    assert!(ids.contains(&("e", vec![])), "{ids:?}");
    assert_eq!(ids.len(), 4, "{ids:?}");
}

#[test]
fn english_reads_as_before_and_other_languages_fall_back_to_it() {
    let en = Tr::new(Locale::En);
    assert_eq!(en.t("skip-link"), "Skip to main content");
    assert_eq!(en.t1("error-kicker", "status", 404), "Error 404");
    let de = Tr::new(Locale::De);
    assert_ne!(de.t("skip-link"), en.t("skip-link"));
}

#[test]
fn the_pseudo_locale_brackets_and_accents_but_keeps_variables() {
    let xa = Tr::new(Locale::EnXa);
    let text = xa.t1("settings-unsubscribe-from", "name", "Morning Briefing");
    assert!(text.starts_with('[') && text.ends_with(']'), "{text}");
    assert!(text.contains("Morning Briefing"), "{text}");
    assert!(!text.contains("Unsubscribe"), "{text}");
}

#[test]
fn links_and_values_in_messages_are_escaped_markup() {
    let en = Tr::new(Locale::En);
    assert_eq!(
        en.html("reset-expired", ["/reset?a=1&b=\"2\""]),
        "This link has expired or has already been used. \
         <a href=\"/reset?a=1&amp;b=&quot;2&quot;\">Ask for a new one</a>."
    );
    assert_eq!(
        en.html1("settings-signed-in-as", [], "email", "<b>a@example.org</b>"),
        "Signed in as <strong>&lt;b&gt;a@example.org&lt;/b&gt;</strong>."
    );
    let xa = Tr::new(Locale::EnXa);
    assert!(
        xa.html("reset-expired", ["/reset"])
            .contains("<a href=\"/reset\">")
    );
}

#[test]
fn every_catalogue_loads() {
    load();
    for locale in Locale::ALL {
        assert!(!Tr::new(locale).t("skip-link").is_empty());
    }
}

#[test]
fn a_count_comes_in_each_plural_form_of_the_language_with_its_number_left_open() {
    let forms = |locale| Tr::new(locale).plural_forms("live-js-new-updates", "count");
    assert_eq!(
        forms(Locale::En),
        vec![
            ("other", "{count} new updates".to_owned()),
            ("one", "{count} new update".to_owned()),
        ]
    );
    let ar: Vec<&str> = forms(Locale::Ar).into_iter().map(|(c, _)| c).collect();
    assert_eq!(ar, ["zero", "one", "two", "few", "many", "other"]);
    let de = forms(Locale::De);
    assert!(
        de.contains(&("one", "{count} neues Update".to_owned())),
        "{de:?}"
    );
    // French counts 0 and 1 alike: the singular.
    let fr = forms(Locale::Fr);
    assert_eq!(fr[0], ("one", "{count} nouvelle mise à jour".to_owned()));
    // Only a number standing alone is the count.
    assert_eq!(
        with_placeholder("1 of 11, 21 and 1", 1, "n"),
        "{n} of 11, 21 and {n}"
    );
}
