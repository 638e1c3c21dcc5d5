//! What is left out of an export: the tables not exported, with why, and the values that
//! stand in for columns an export omits (secrets, password hashes).

use base64::Engine as _;

use super::Cell;

/// Tables of the schema that are not exported, and why. SQLite's FTS5 keeps its own tables
/// beside `article_search`; PostgreSQL has no counterpart of those.
pub static NOT_EXPORTED: &[(&str, &str)] = &[
    (
        "_sqlx_migrations",
        "the schema's own history: an import runs the migrations itself",
    ),
    (
        "search_index_state",
        "which accent folding built the search index: an import rebuilds the index",
    ),
    (
        "site_secrets",
        "secrets (the CSRF signing key): a site makes its own on first start",
    ),
    (
        "sessions",
        "sign-in secrets: members sign in again on the new site",
    ),
    (
        "single_use_tokens",
        "links mailed for password resets, sign-in, sign-up and address checks, each good for two \
         days at most: the member asks for a new one on the new site",
    ),
    (
        "api_tokens",
        "credentials: their holders create new tokens on the new site",
    ),
    (
        "signin_failures",
        "throttle counters that expire within minutes",
    ),
    (
        "host_token_ids",
        "the ids of host sign-in tokens already used, each kept ten minutes at most",
    ),
    (
        "rate_windows",
        "rate-limit counters that expire within minutes",
    ),
    (
        "jobs",
        "the job queue (outgoing mail, newsletter editions, webhook deliveries): replayed on another site it would send again",
    ),
    (
        "article_autosaves",
        "working copies an editor's browser kept while they typed, never saved as revisions: \
         the revisions are exported",
    ),
    (
        "new_article_autosaves",
        "new articles a writer's browser kept while they typed, never saved: not articles yet",
    ),
    (
        "article_views",
        "page views per article and hour, a measure of readership rather than content: a new \
         site counts its own (a backup keeps them)",
    ),
    (
        "oidc_logins",
        "single sign-ons in progress, each for at most ten minutes",
    ),
    (
        "job_cursors",
        "background jobs' progress; a new site starts its own",
    ),
    (
        "article_search",
        "the search index: rebuilt from the articles on import",
    ),
    (
        "article_search_data",
        "FTS5 storage of the search index (SQLite)",
    ),
    (
        "article_search_idx",
        "FTS5 storage of the search index (SQLite)",
    ),
    (
        "article_search_content",
        "FTS5 storage of the search index (SQLite)",
    ),
    (
        "article_search_docsize",
        "FTS5 storage of the search index (SQLite)",
    ),
    (
        "article_search_config",
        "FTS5 storage of the search index (SQLite)",
    ),
];

pub(super) fn no_password() -> Cell {
    // Not a PHC string, so no password verifies against it until the member sets one.
    Cell::Text(String::new())
}

pub(super) fn new_site_secret() -> Cell {
    let bytes = rand::random::<[u8; 32]>();
    Cell::Text(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

pub(super) fn new_webhook_secret() -> Cell {
    let bytes = rand::random::<[u8; 32]>();
    Cell::Text(format!(
        "whsec_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    ))
}
