//! [`Settings`]: every setting as given, one field each, read by clap (flags, environment)
//! and serde (the file).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::Args;
use serde::{Deserialize, Serialize};

use super::*;

/// Every setting as given, each one field: as a flag and an environment variable (`#[arg]`,
/// shared by every command) and as a key of the TOML file (serde: keys as the long flags, with
/// underscores; unknown keys refused, so a typo is not silently ignored). What nobody gives is
/// `None` (a switch: `false`) and takes its default in [`Config::resolve`].
#[derive(Args, Serialize, Deserialize, Debug, Default, Clone)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// A TOML file with any of the settings below (keys as the long flags, with underscores).
    #[arg(long, short = 'c', env = "BROADSHEET_CONFIG", global = true)]
    #[serde(skip)]
    pub config: Option<PathBuf>,
    /// Database: sqlite://PATH (default: a file under the data directory) or postgres://…
    #[arg(
        long,
        env = "BROADSHEET_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    pub database_url: Option<DatabaseUrl>,
    /// Address to listen on [default: 127.0.0.1:3000]
    #[arg(long, env = "BROADSHEET_ADDR", global = true)]
    pub addr: Option<SocketAddr>,
    /// Public URL of the site, for absolute links [default: http://ADDR]
    #[arg(long, env = "BROADSHEET_BASE_URL", global = true)]
    pub base_url: Option<String>,
    /// Name shown in the header and page titles [default: Broadsheet]
    #[arg(long, env = "BROADSHEET_SITE_NAME", global = true)]
    pub site_name: Option<String>,
    /// The site's time zone, by IANA name (Europe/Berlin): the times pages and mails show
    /// and the hour automatic newsletters go out at [default: UTC]
    #[arg(long, env = "BROADSHEET_TIME_ZONE", global = true)]
    pub time_zone: Option<String>,
    /// Folder for local data [default: ./data]
    #[arg(long, env = "BROADSHEET_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Do not load the demo articles into an empty database.
    #[arg(long, env = "BROADSHEET_NO_DEMO", global = true)]
    #[serde(skip)]
    pub no_demo: bool,
    // The file's way of saying --no-demo: `demo_content = false`.
    #[arg(skip)]
    pub demo_content: Option<bool>,
    /// Articles per listing page, 1–100 [default: 20]
    #[arg(long, env = "BROADSHEET_PAGE_SIZE", global = true)]
    pub page_size: Option<u32>,
    /// Log format [default: text]
    #[arg(long, env = "BROADSHEET_LOG_FORMAT", global = true)]
    pub log_format: Option<LogFormat>,
    /// Largest number of database connections per process [default: 16 on PostgreSQL; on
    /// SQLite, read connections: 4 per CPU core, from 4 to 16]
    #[arg(long, env = "BROADSHEET_DB_MAX_CONNECTIONS", global = true)]
    pub db_max_connections: Option<u32>,
    /// Seconds a request may take before it is answered 408 [default: 30]
    #[arg(long, env = "BROADSHEET_REQUEST_TIMEOUT_SECS", global = true)]
    pub request_timeout_secs: Option<u64>,
    /// Largest request body accepted, in bytes; larger ones get 413 [default: 1048576]
    #[arg(long, env = "BROADSHEET_MAX_BODY_BYTES", global = true)]
    pub max_body_bytes: Option<usize>,
    /// Replaced by --trusted-proxies; refused with a message saying so.
    #[arg(long, env = "BROADSHEET_TRUST_PROXY", global = true, hide = true)]
    #[serde(
        deserialize_with = "present",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub trust_proxy: bool,
    /// Networks of your reverse proxies and CDN, comma-separated (127.0.0.1/32,10.0.0.0/8): the
    /// client's address is the rightmost forwarded address not in them [default: none; the
    /// socket's address, forwarding headers ignored]
    #[arg(
        long,
        env = "BROADSHEET_TRUSTED_PROXIES",
        global = true,
        value_delimiter = ','
    )]
    pub trusted_proxies: Option<Vec<String>>,
    /// The header those proxies write: x-forwarded-for or forwarded (RFC 7239); the other is
    /// ignored [default: x-forwarded-for]
    #[arg(long, env = "BROADSHEET_PROXY_HEADER", global = true)]
    pub proxy_header: Option<ProxyHeader>,
    /// Live-update streams this process keeps open at once; more are answered 503 [default: 2000]
    #[arg(long, env = "BROADSHEET_MAX_LIVE_STREAMS", global = true)]
    pub max_live_streams: Option<usize>,
    /// Live-update streams one address may keep open in this process; more are answered 429
    /// [default: 20]
    #[arg(long, env = "BROADSHEET_MAX_LIVE_STREAMS_PER_ADDRESS", global = true)]
    pub max_live_streams_per_address: Option<usize>,
    /// Deliver webhooks to loopback, private and link-local addresses too (a receiver on this
    /// machine or network) [default: refused]
    #[arg(long, env = "BROADSHEET_WEBHOOKS_ALLOW_PRIVATE", global = true)]
    pub webhooks_allow_private: bool,
    /// A shared cache to purge when pages change, repeatable: Varnish's address (sent `PURGE`
    /// with the pages' surrogate keys in `xkey-purge`), or a CDN's purge API as
    /// `post+https://…` (sent a JSON `{"surrogate_keys": […]}`) [default: none]
    #[arg(
        long = "purge-url",
        env = "BROADSHEET_PURGE_URL",
        global = true,
        value_delimiter = ','
    )]
    pub purge_url: Option<Vec<String>>,
    /// Do not count article page views. Counting keeps no cookie, address or anything else
    /// about the reader: a number per article and hour, for the staff's dashboard [default:
    /// counted]
    #[arg(long, env = "BROADSHEET_NO_VIEW_COUNTING", global = true)]
    pub no_view_counting: bool,
    /// Bearer token that /metrics asks for (prefer the environment or the file to a flag)
    /// [default: none; /metrics answers 404]
    #[arg(
        long,
        env = "BROADSHEET_METRICS_TOKEN",
        global = true,
        hide_env_values = true
    )]
    pub metrics_token: Option<Secret>,
    /// Longest comment, in characters [default: 5000]
    #[arg(long, env = "BROADSHEET_MAX_COMMENT_CHARS", global = true)]
    pub max_comment_chars: Option<usize>,
    /// Comments a member, and an address, may post per minute [default: 5]
    #[arg(long, env = "BROADSHEET_COMMENTS_PER_MINUTE", global = true)]
    pub comments_per_minute: Option<u32>,
    /// Accounts one address may create per hour [default: 5]
    #[arg(long, env = "BROADSHEET_SIGNUPS_PER_HOUR", global = true)]
    pub signups_per_hour: Option<u32>,
    /// SMTP relay for outgoing mail: smtps://[user:password@]host[:465] (TLS),
    /// smtp://host[:587]?tls=starttls, or smtp://localhost[:25] on this machine; unencrypted to
    /// another host only with ?tls=none [default: none; mail is written to DATA_DIR/outbox/]
    #[arg(
        long,
        env = "BROADSHEET_SMTP_URL",
        global = true,
        hide_env_values = true
    )]
    pub smtp_url: Option<DatabaseUrl>,
    /// PEM file of certificate authorities to trust for the SMTP relay's TLS certificate, besides
    /// the public ones (a relay with a private or self-signed certificate)
    #[arg(long, env = "BROADSHEET_SMTP_CA_FILE", global = true)]
    pub smtp_ca_file: Option<PathBuf>,
    /// Sender of outgoing mail [default: Broadsheet <no-reply@localhost>]
    #[arg(long, env = "BROADSHEET_MAIL_FROM", global = true)]
    pub mail_from: Option<String>,
    /// What feeds carry: the full article or its summary [default: full]
    #[arg(long, env = "BROADSHEET_FEED_CONTENT", global = true)]
    pub feed_content: Option<FeedContent>,
    /// Seconds a client has to send a request's headers; also the longest a kept-alive
    /// connection may sit idle before the next request [default: 10]
    #[arg(long, env = "BROADSHEET_HEADER_TIMEOUT_SECS", global = true)]
    pub header_timeout_secs: Option<u64>,
    /// Largest request head (request line and headers), in bytes; larger ones get 431 [default: 16384]
    #[arg(long, env = "BROADSHEET_MAX_HEADER_BYTES", global = true)]
    pub max_header_bytes: Option<usize>,
    /// Requests served at once; more are answered 503 with Retry-After at once (live update
    /// streams are not counted) [default: 512]
    #[arg(long, env = "BROADSHEET_MAX_CONCURRENT_REQUESTS", global = true)]
    pub max_concurrent_requests: Option<usize>,
    /// Seconds a request waits for a database connection (when the database is down, say)
    /// before it is answered 503 [default: 5]
    #[arg(long, env = "BROADSHEET_DB_ACQUIRE_TIMEOUT_SECS", global = true)]
    pub db_acquire_timeout_secs: Option<u64>,
    /// Largest image file accepted by the media library, in bytes [default: 15728640]
    #[arg(long, env = "BROADSHEET_MAX_UPLOAD_BYTES", global = true)]
    pub max_upload_bytes: Option<usize>,
    /// Where uploaded images are kept: DATA_DIR/media or an S3-compatible bucket [default: local]
    #[arg(long, env = "BROADSHEET_MEDIA_STORAGE", global = true)]
    pub media_storage: Option<MediaStorageKind>,
    /// URL of the S3-compatible service (leave out for Amazon S3)
    #[arg(long, env = "BROADSHEET_MEDIA_S3_ENDPOINT", global = true)]
    pub media_s3_endpoint: Option<String>,
    /// Bucket for images (with --media-storage s3)
    #[arg(long, env = "BROADSHEET_MEDIA_S3_BUCKET", global = true)]
    pub media_s3_bucket: Option<String>,
    /// Region of the bucket [default: us-east-1]
    #[arg(long, env = "BROADSHEET_MEDIA_S3_REGION", global = true)]
    pub media_s3_region: Option<String>,
    /// Access key id for the bucket
    #[arg(long, env = "BROADSHEET_MEDIA_S3_ACCESS_KEY_ID", global = true)]
    pub media_s3_access_key_id: Option<String>,
    /// Secret access key for the bucket (prefer the environment or the file to a flag)
    #[arg(
        long,
        env = "BROADSHEET_MEDIA_S3_SECRET_ACCESS_KEY",
        global = true,
        hide_env_values = true
    )]
    pub media_s3_secret_access_key: Option<Secret>,
    /// Issuer URL of the newsroom's OpenID Connect provider, for single sign-on [default: none]
    #[arg(long, env = "BROADSHEET_OIDC_ISSUER", global = true)]
    pub oidc_issuer: Option<String>,
    /// This site's client id at the provider
    #[arg(long, env = "BROADSHEET_OIDC_CLIENT_ID", global = true)]
    pub oidc_client_id: Option<String>,
    /// This site's client secret at the provider (prefer the environment or the file to a flag)
    #[arg(
        long,
        env = "BROADSHEET_OIDC_CLIENT_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub oidc_client_secret: Option<Secret>,
    /// The sign-in button says "Sign in with LABEL" [default: your newsroom account]
    #[arg(long, env = "BROADSHEET_OIDC_LABEL", global = true)]
    pub oidc_label: Option<String>,
    /// Language of the site's pages and mails: en, de, fr, es, pt-BR or ar (en-XA, the
    /// pseudo-locale, shows text that no catalogue gave) [default: en]
    #[arg(long, env = "BROADSHEET_LOCALE", global = true)]
    pub locale: Option<String>,
    /// Give signed-out readers the pages in the language their browser asks for
    /// (`Accept-Language`) when the site has it; the page cache keeps a copy per language
    /// [default: off, the site's language]
    #[arg(long, env = "BROADSHEET_NEGOTIATE_LANGUAGE", global = true)]
    pub negotiate_language: bool,
}

impl Settings {
    /// The settings of a TOML file.
    pub(super) fn load(path: &Path) -> Result<Settings, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.display().to_string(),
            message: e.to_string(),
        })
    }

    /// These settings laid over `lower`: each one given here replaces `lower`'s, the rest are
    /// `lower`'s. A switch not given here (`false`) leaves `lower`'s as it is, and a list given
    /// here replaces `lower`'s whole.
    pub(super) fn over(&self, lower: &Settings) -> Result<Settings, ConfigError> {
        use serde_json::Value;
        let as_map = |s: &Settings| match serde_json::to_value(s) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => unreachable!("a struct serializes to a map"),
            Err(e) => Err(ConfigError::Invalid(e.to_string())),
        };
        let mut merged = as_map(lower)?;
        for (key, value) in as_map(self)? {
            if !matches!(value, Value::Null | Value::Bool(false)) {
                merged.insert(key, value);
            }
        }
        let mut settings: Settings = serde_json::from_value(Value::Object(merged))
            .map_err(|e| ConfigError::Invalid(e.to_string()))?;
        // Not in the file (it says `demo_content = false`), so not in the map.
        settings.no_demo = self.no_demo;
        Ok(settings)
    }
}

/// Deserializes a setting that counts as given whatever its value: the old `trust_proxy`,
/// refused even as `trust_proxy = false`.
fn present<'de, D: serde::Deserializer<'de>>(value: D) -> Result<bool, D::Error> {
    serde::de::IgnoredAny::deserialize(value).map(|_| true)
}
