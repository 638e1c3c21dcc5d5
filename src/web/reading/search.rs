//! `/search`: full-text search over published articles.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Html;
use axum::routing::get;
use chrono::{NaiveDate, TimeZone, Utc};
use serde::Deserialize;

use crate::domain::l10n::Tr;
use crate::domain::search::{
    Limited, MAX_PREFIXES, MAX_QUERY_CHARS, MAX_WORDS, MIN_PREFIX_CHARS, SearchQuery,
};
use crate::store::search::{
    DEFAULT_CANDIDATES, MARK_END, MARK_START, SEARCH_TIMEOUT, SearchFilter, SearchSort,
};
use crate::web::layout::{CardView, Layout};
use crate::web::session::Viewer;
use crate::web::{AppState, Result};

pub fn router() -> Router<AppState> {
    Router::new().route("/search", get(search))
}

const PER_PAGE: u32 = 20;
/// Deeper pages than this are not offered: refine the query instead.
const MAX_PAGE: u32 = 50;

#[derive(Deserialize, Default)]
struct SearchParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    section: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    sort: String,
    page: Option<String>,
}

struct Hit {
    card: CardView,
    snippet_html: String,
}

struct SectionOption {
    slug: String,
    name: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    layout: Layout,
    q: String,
    from: String,
    to: String,
    newest: bool,
    sections: Vec<SectionOption>,
    hits: Vec<Hit>,
    searched: bool,
    /// "Results for …" or "No articles match …", with the page's number past the first.
    results_heading: String,
    notes: Vec<String>,
    prev: Option<String>,
    next: Option<String>,
}

/// Escapes the snippet's text and turns the database's match markers into `<mark>`.
fn snippet_html(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 32);
    for c in raw.chars() {
        match c {
            MARK_START => out.push_str("<mark>"),
            MARK_END => out.push_str("</mark>"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// At most this much of a typed value is repeated back in a message.
const ECHO_CHARS: usize = 40;

fn echo(s: &str) -> String {
    match s.char_indices().nth(ECHO_CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// Which date field a value came from.
#[derive(Clone, Copy)]
enum DateField {
    From,
    To,
}

/// A day as the date field sends it: exactly `YYYY-MM-DD`, a four-digit year.
fn parse_day(s: &str, field: DateField, tr: Tr, notes: &mut Vec<String>) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let day = (s.len() == 10)
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten();
    if day.is_none() {
        let value = echo(s);
        notes.push(match field {
            DateField::From => tr.t1("reading-search-bad-from", "value", value),
            DateField::To => tr.t1("reading-search-bad-to", "value", value),
        });
    }
    day
}

/// What the reader is told of the limits their query met, in plain words.
fn limit_notes(limited: Limited, tr: Tr, notes: &mut Vec<String>) {
    if limited.chars {
        notes.push(tr.t1("reading-search-limit-chars", "max", MAX_QUERY_CHARS));
    }
    if limited.words {
        notes.push(tr.t1("reading-search-limit-words", "max", MAX_WORDS));
    }
    if limited.short_prefixes {
        notes.push(tr.t1(
            "reading-search-limit-short-prefixes",
            "min",
            MIN_PREFIX_CHARS,
        ));
    }
    if limited.prefixes {
        notes.push(tr.t1("reading-search-limit-prefixes", "max", MAX_PREFIXES));
    }
}

/// The results' heading: what was searched, whether anything matched, the page past the first.
fn results_heading(tr: Tr, q: &str, found: bool, page: u32, shown_page: &str) -> String {
    match (found, page > 1) {
        (false, false) => tr.t1("reading-search-none", "query", q),
        (false, true) => tr.t2(
            "reading-search-none-on-page",
            "query",
            q,
            "page",
            shown_page,
        ),
        (true, false) => tr.t1("reading-search-results", "query", q),
        (true, true) => tr.t2(
            "reading-search-results-page",
            "query",
            q,
            "page",
            shown_page,
        ),
    }
}

/// `GET /search?q=…&section=…&from=YYYY-MM-DD&to=YYYY-MM-DD&sort=relevance|newest&page=N`
async fn search(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(p): Query<SearchParams>,
) -> Result<Html<String>> {
    let sections = state.store.sections().await?;
    let query = SearchQuery::parse(&p.q);
    let tr = Tr::new(viewer.locale);
    let mut notes = Vec::new();
    limit_notes(query.limited, tr, &mut notes);
    let mut from = parse_day(&p.from, DateField::From, tr, &mut notes);
    let mut to = parse_day(&p.to, DateField::To, tr, &mut notes);
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        notes.push(tr.t("reading-search-swapped"));
        (from, to) = (Some(t), Some(f));
    }
    let page = p
        .page
        .as_deref()
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_PAGE);
    let section = sections.iter().find(|s| s.slug == p.section);
    if section.is_none() && !p.section.is_empty() {
        notes.push(tr.t1("reading-search-no-section", "section", echo(&p.section)));
    }
    let newest = p.sort == "newest";
    let filter = SearchFilter {
        section_id: section.map(|s| s.id),
        from: from.map(|d| Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight"))),
        until: to.map(|d| Utc.from_utc_datetime(&d.and_hms_opt(23, 59, 59).expect("end of day"))),
        sort: if newest {
            SearchSort::Newest
        } else {
            SearchSort::Relevance
        },
        limit: PER_PAGE + 1,
        offset: (page - 1) * PER_PAGE,
        // Within the filters: a date range reaches its own newest matches.
        candidates: Some(DEFAULT_CANDIDATES),
        timeout: Some(SEARCH_TIMEOUT),
    };
    let mut hits = match state
        .store
        .search(&query, &filter, state.clock.now())
        .await?
    {
        Some(hits) => hits,
        None => {
            notes.push(tr.t("reading-search-timeout"));
            Vec::new()
        }
    };
    let more = hits.len() > PER_PAGE as usize;
    hits.truncate(PER_PAGE as usize);
    let searched = !p.q.trim().is_empty();
    if searched && query.is_empty() {
        notes.push(tr.t("reading-search-nothing"));
    }
    let link = |n: u32| {
        let mut s = url_encode_pairs(&[
            ("q", &p.q),
            ("section", &p.section),
            ("from", &p.from),
            ("to", &p.to),
            ("sort", &p.sort),
        ]);
        if n > 1 {
            s.push_str(&format!("&page={n}"));
        }
        format!("/search?{s}")
    };
    let title = if searched {
        tr.t1("reading-search-page-title", "query", p.q.trim())
    } else {
        tr.t("reading-search-title")
    };
    let found = !hits.is_empty();
    let page_view = SearchPage {
        layout: Layout::new(&state, &sections, &title, None, None).with_viewer(&viewer),
        q: p.q.clone(),
        from: p.from.clone(),
        to: p.to.clone(),
        newest,
        sections: sections
            .iter()
            .map(|s| SectionOption {
                slug: s.slug.clone(),
                name: s.name.clone(),
                selected: Some(s.id) == section.map(|x| x.id),
            })
            .collect(),
        hits: hits
            .iter()
            .map(|h| Hit {
                card: CardView::from(&h.card, &viewer.dates),
                snippet_html: snippet_html(&h.snippet),
            })
            .collect(),
        searched,
        results_heading: results_heading(
            tr,
            &p.q,
            found,
            page,
            &viewer.dates.number(i64::from(page)),
        ),
        notes,
        prev: (page > 1).then(|| link(page - 1)),
        next: (more && page < MAX_PAGE).then(|| link(page + 1)),
    };
    Ok(Html(page_view.render()?))
}

/// `application/x-www-form-urlencoded` pairs, leaving out empty values.
fn url_encode_pairs(pairs: &[(&str, &str)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        out.append_pair(k, v);
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_escaped_and_marked() {
        assert_eq!(
            snippet_html("a <b> \u{2}tide\u{3} & co"),
            "a &lt;b&gt; <mark>tide</mark> &amp; co"
        );
    }

    #[test]
    fn links_keep_the_query() {
        assert_eq!(
            url_encode_pairs(&[("q", "tidal power & co"), ("x", "")]),
            "q=tidal+power+%26+co"
        );
    }
}
