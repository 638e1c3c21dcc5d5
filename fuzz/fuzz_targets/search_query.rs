//! The search-query parser: any text gives a query whose FTS5 and tsquery forms are balanced
//! (quotes and parentheses), never a panic, so the database never sees a syntax error.
#![no_main]

use broadsheet::domain::search::SearchQuery;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let q = SearchQuery::parse(input);
    let fts = q.to_fts5();
    assert_eq!(
        fts.matches('"').count() % 2,
        0,
        "unbalanced quotes in {fts:?}"
    );
    let ts = q.to_tsquery();
    let open = ts.matches('(').count();
    let close = ts.matches(')').count();
    assert_eq!(open, close, "unbalanced parentheses in {ts:?}");
    assert_eq!(
        ts.matches('\'').count() % 2,
        0,
        "unbalanced quotes in {ts:?}"
    );
    // Nothing in a term can be read as syntax: both grammars are ASCII, so every ASCII
    // character is a letter, a digit or syntax the query builder wrote itself. (Other
    // characters, such as combining accents, are text to both databases.)
    let plain =
        |c: char, syntax: &str| !c.is_ascii() || c.is_ascii_alphanumeric() || syntax.contains(c);
    assert!(fts.chars().all(|c| plain(c, " \"*")), "{fts:?}");
    assert!(ts.chars().all(|c| plain(c, " '()&<->:*")), "{ts:?}");
    if q.is_empty() {
        assert!(
            fts.is_empty() && ts.is_empty(),
            "{input:?} → {fts:?} / {ts:?}"
        );
    }
});
