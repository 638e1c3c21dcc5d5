//! Webhooks: the events a site announces and how deliveries are signed (they are retried as
//! `domain::jobs` says).
//!
//! Each delivery is a POST of a JSON body with the headers `Broadsheet-Event`,
//! `Broadsheet-Delivery` (the delivery's id, the same on every retry) and `Broadsheet-Signature:
//! t=UNIX_SECONDS,v1=HEX`, where HEX is HMAC-SHA256 keyed with the endpoint's secret over
//! `"{t}.{body}"`. Signing the timestamp lets a receiver refuse replays of old deliveries.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::user::Role;

pub const MAX_URL_CHARS: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    ArticlePublished,
    ArticleUpdated,
    CommentCreated,
    LiveUpdatePublished,
}

impl Event {
    pub const ALL: [Event; 4] = [
        Event::ArticlePublished,
        Event::ArticleUpdated,
        Event::CommentCreated,
        Event::LiveUpdatePublished,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Event::ArticlePublished => "article.published",
            Event::ArticleUpdated => "article.updated",
            Event::CommentCreated => "comment.created",
            Event::LiveUpdatePublished => "live.update.published",
        }
    }

    pub fn parse(s: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// What the `comment.created` event says about a comment and its article.
pub struct CommentCreated<'a> {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author_name: &'a str,
    pub body_html: &'a str,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub article_slug: &'a str,
    pub article_headline: &'a str,
}

/// The `comment.created` payload, sent when a comment becomes visible to readers: at once, or
/// when a moderator approves it. `base` is the site's public address.
pub fn comment_created_payload(
    base: &str,
    occurred_at: chrono::DateTime<chrono::Utc>,
    c: &CommentCreated<'_>,
) -> String {
    let base = base.trim_end_matches('/');
    let slug = c.article_slug;
    serde_json::json!({
        "event": Event::CommentCreated.as_str(),
        "occurred_at": occurred_at,
        "comment": {
            "id": c.id,
            "url": format!("{base}/articles/{slug}#comment-{}", c.id),
            "parent_id": c.parent_id,
            "author": { "name": c.author_name },
            "body_html": c.body_html,
            "created_at": c.created_at,
        },
        "article": {
            "slug": slug,
            "headline": c.article_headline,
            "url": format!("{base}/articles/{slug}"),
        },
    })
    .to_string()
}

/// The `live.update.published` payload, sent when an update of a live article reaches readers
/// (published at once, or a draft published by an editor).
pub fn live_update_published_payload(
    base: &str,
    occurred_at: chrono::DateTime<chrono::Utc>,
    update_id: i64,
    author_name: &str,
    body_html: &str,
    key_event: bool,
    article_slug: &str,
) -> String {
    let base = base.trim_end_matches('/');
    serde_json::json!({
        "event": Event::LiveUpdatePublished.as_str(),
        "occurred_at": occurred_at,
        "update": {
            "id": update_id,
            "url": format!("{base}/articles/{article_slug}#update-{update_id}"),
            "author": { "name": author_name },
            "body_html": body_html,
            "key_event": key_event,
            "published_at": occurred_at,
        },
        "article": {
            "slug": article_slug,
            "url": format!("{base}/articles/{article_slug}"),
        },
    })
    .to_string()
}

/// Who may register endpoints and read the delivery log: admins only (a webhook sends the
/// site's content to an address of their choosing).
pub fn may_manage(role: Role) -> bool {
    role == Role::Admin
}

/// The `Broadsheet-Signature` header value for `body` sent at `timestamp` (Unix seconds).
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

/// What is wrong with an endpoint URL (the page says it in the viewer's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    Empty,
    TooLong,
    NotHttp,
    NoHost,
}

/// Checks an endpoint URL: absolute http or https, of a sane length.
pub fn check_url(url: &str) -> Result<String, UrlProblem> {
    let url = url.trim();
    if url.is_empty() {
        return Err(UrlProblem::Empty);
    }
    if url.chars().count() > MAX_URL_CHARS {
        return Err(UrlProblem::TooLong);
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or(UrlProblem::NotHttp)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.contains(char::is_whitespace) || url.contains(char::is_control) {
        return Err(UrlProblem::NoHost);
    }
    Ok(url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_covers_time_and_body() {
        let a = signature("s3cret", 1_700_000_000, "{}");
        assert!(a.starts_with("t=1700000000,v1="));
        assert_eq!(a.len(), "t=1700000000,v1=".len() + 64);
        assert_ne!(a, signature("s3cret", 1_700_000_001, "{}"));
        assert_ne!(a, signature("s3cret", 1_700_000_000, "{ }"));
        assert_ne!(a, signature("other", 1_700_000_000, "{}"));
    }

    #[test]
    fn urls_are_checked() {
        assert!(check_url("ftp://x").is_err());
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(check_url("https:///path").is_err());
        assert_eq!(
            check_url(" https://hooks.example/in ").unwrap(),
            "https://hooks.example/in"
        );
    }

    #[test]
    fn events_round_trip() {
        for e in Event::ALL {
            assert_eq!(Event::parse(e.as_str()), Some(e));
        }
        assert_eq!(Event::parse("article.deleted"), None);
    }
}
