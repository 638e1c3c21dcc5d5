//! A page's key in the cache: its canonical address.

use std::borrow::Cow;

use axum::extract::Request;

use crate::domain::Cursor;
use crate::domain::comment::ThreadCursor;

pub(super) fn cache_key(req: &Request) -> Option<String> {
    request_key(req.uri(), req.headers()).map(Cow::into_owned)
}

/// The key of the page a request asks for: [`page_key`], or for the embed's framed thread
/// [`frame_key`] (which reads the loading page's origin from the headers too).
pub(super) fn request_key<'u>(
    uri: &'u axum::http::Uri,
    headers: &axum::http::HeaderMap,
) -> Option<Cow<'u, str>> {
    if uri.path() == FRAME_PATH {
        return frame_key(uri, headers).map(Cow::Owned);
    }
    page_key(uri)
}

/// The framed thread's address, the one cached route outside the site's own pages.
const FRAME_PATH: &str = "/embed/thread";
/// What the framed thread reads, in this order (`reply` is left out: a member's own form).
const FRAME_PARAMETERS: [&str; 10] = [
    "site",
    "page",
    "id",
    "title",
    "theme",
    "sort",
    "font",
    "text",
    "accent",
    "background",
];
/// The frame's address carries the host page's address and title: longer than the site's own.
const MAX_FRAME_QUERY_BYTES: usize = 4096;

/// The cache key of a signed-out framed thread (`/embed/thread?…`): the parameters its handler
/// reads, in one order, and the origin of the page that loaded it (`Referer`), since the
/// handler refuses loads from origins the site does not list and only those may retitle the
/// thread: a load from elsewhere never meets a copy another origin's load made. `None` (not
/// cached) with any other parameter or one given twice.
pub fn frame_key(uri: &axum::http::Uri, headers: &axum::http::HeaderMap) -> Option<String> {
    let query = uri.query()?;
    if query.len() > MAX_FRAME_QUERY_BYTES {
        return None;
    }
    let mut values: [Option<Cow<'_, str>>; FRAME_PARAMETERS.len()] = Default::default();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        let at = FRAME_PARAMETERS.iter().position(|p| *p == name)?;
        if values[at].replace(value).is_some() {
            return None;
        }
    }
    let mut key = form_urlencoded::Serializer::new(format!("{FRAME_PATH}?"));
    for (name, value) in FRAME_PARAMETERS.iter().zip(&values) {
        if let Some(v) = value {
            key.append_pair(name, v);
        }
    }
    let from = headers
        .get(axum::http::header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| url::Url::parse(r).ok())
        .map_or_else(|| "-".to_owned(), |u| u.origin().ascii_serialization());
    Some(format!("{} from {from}", key.finish()))
}

/// The cached routes, by the parameters their handlers read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Route {
    /// `/`: none.
    Front,
    /// `/articles/{slug}`: `sort`, `page` (a thread cursor) and, for members only, `reply`.
    Article,
    /// `/sections/{slug}`, `/tags/{slug}`, `/authors/{slug}`: `before` (an article cursor).
    Listing,
}

fn route_of(path: &str) -> Option<Route> {
    if path == "/" {
        return Some(Route::Front);
    }
    let (kind, slug) = path.strip_prefix('/')?.split_once('/')?;
    let route = match kind {
        "articles" => Route::Article,
        "sections" | "tags" | "authors" => Route::Listing,
        _ => return None,
    };
    // The slug as the site writes it: no other spelling (percent-escapes, capitals, a trailing
    // slash) of the same page makes an entry of its own.
    crate::domain::slug::is_slug(slug).then_some(route)
}

/// Longer query strings are not looked at (no link of the site comes near).
pub(super) const MAX_KEYED_QUERY_BYTES: usize = 512;

/// The cache key of the page at `uri`, for signed-out readers: the path of a cached route and
/// the parameters its handler reads, each checked as the handler checks it, with defaults
/// left out, in the order the site's links use (`sort`, then the cursor). Parameters no cached
/// page reads (`utm_source`, `reply`…) are dropped: the page is the same. `None` (neither
/// answered from the cache nor stored) for any other address, and for one whose handler
/// answers 400 (a malformed cursor, a parameter given twice). Borrowed from the address, with
/// no allocation, when it is already canonical (the usual case).
pub fn page_key(uri: &axum::http::Uri) -> Option<Cow<'_, str>> {
    canonical_key(uri, false)
}

/// The key of a members' page (see `member_pages`): as [`page_key`], but `None` when the
/// address carries any parameter besides the sort and the cursor (`?reply=` gives a member
/// their own reply form, so such a page is rendered in full).
pub fn member_page_key(uri: &axum::http::Uri) -> Option<String> {
    canonical_key(uri, true).map(Cow::into_owned)
}

fn canonical_key(uri: &axum::http::Uri, strict: bool) -> Option<Cow<'_, str>> {
    let path = uri.path();
    let route = route_of(path)?;
    let Some(query) = uri.query() else {
        return Some(Cow::Borrowed(path));
    };
    if query.len() > MAX_KEYED_QUERY_BYTES {
        return None;
    }
    let (mut sort, mut cursor, mut reply) = (None, None, None);
    let mut other = false;
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        let slot = match (route, name.as_ref()) {
            // An old WordPress address (`/?p=ID`): its handler redirects, never from a copy.
            (Route::Front, "p" | "page_id") => return None,
            (Route::Article, "sort") => &mut sort,
            (Route::Article, "page") | (Route::Listing, "before") => &mut cursor,
            (Route::Article, "reply") => &mut reply,
            _ => {
                other = true;
                continue;
            }
        };
        // Given twice, the handler refuses the address (400).
        if slot.replace(value).is_some() {
            return None;
        }
    }
    if let Some(reply) = reply {
        // Read (as a number) only for members; anything else is refused (400).
        reply.parse::<i64>().ok()?;
        other = true;
    }
    if strict && other {
        return None;
    }
    // As `CommentSort::parse`: anything but these two is the default order.
    let sort = match sort.as_deref() {
        Some("newest") => Some("newest"),
        Some("liked") => Some("liked"),
        _ => None,
    };
    let cursor = match cursor.as_deref() {
        None | Some("") => None,
        Some(c) if route == Route::Article => Some(ThreadCursor::decode(c)?.encode()),
        Some(c) => Some(Cursor::decode(c)?.encode()),
    };
    let canonical = match (sort, cursor) {
        (None, None) => return Some(Cow::Borrowed(path)),
        (Some(sort), None) if query.strip_prefix("sort=") == Some(sort) => None,
        (Some(sort), None) => Some(format!("sort={sort}")),
        (None, Some(c)) if route == Route::Article => Some(format!("page={c}")),
        (None, Some(c)) => Some(format!("before={c}")),
        (Some(sort), Some(c)) => Some(format!("sort={sort}&page={c}")),
    };
    match canonical {
        Some(q) if q != query => Some(Cow::Owned(format!("{path}?{q}"))),
        _ => Some(Cow::Borrowed(
            uri.path_and_query().map_or(path, |p| p.as_str()),
        )),
    }
}
