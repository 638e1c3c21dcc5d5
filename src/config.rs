//! All configuration in one struct. Sources, lowest to highest precedence: built-in defaults,
//! a TOML file (`--config FILE` or `BROADSHEET_CONFIG`), environment variables (`BROADSHEET_*`)
//! and command-line flags.
//!
//! Each setting is one field of [`Settings`]: its doc comment is its `--help` text, `#[arg]`
//! names its flag and environment variable (clap reads both, a flag winning), and serde reads
//! the same field from the file under its own name. [`Config::resolve`] lays the flags over the
//! file and turns the result into a [`Config`], with the defaults and the checks.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;
use serde::{Deserialize, Serialize};

use crate::domain::network::TrustedProxies;

/// A database URL. Never printed with its password.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(url: impl Into<String>) -> Self {
        DatabaseUrl(url.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_postgres(&self) -> bool {
        self.0.starts_with("postgres:") || self.0.starts_with("postgresql:")
    }
}

impl From<String> for DatabaseUrl {
    fn from(url: String) -> Self {
        DatabaseUrl(url)
    }
}

impl fmt::Display for DatabaseUrl {
    /// Shows the URL with any password replaced by `***`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = &self.0;
        if let Some((scheme, rest)) = url.split_once("://")
            && let Some((userinfo, host)) = rest.split_once('@')
            && let Some((user, _password)) = userinfo.split_once(':')
        {
            return write!(f, "{scheme}://{user}:***@{host}");
        }
        f.write_str(url)
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

/// A secret setting (a storage key). Never printed: `Debug` and `Display` show `***`. It is
/// serialized only to lay the flags over the file ([`Settings::over`]).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Where uploaded images are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum MediaStorageKind {
    /// Files under DATA_DIR/media (one server, or a folder every server shares).
    Local,
    /// An S3-compatible object store (several servers).
    S3,
}

/// An S3-compatible bucket for images.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct S3Settings {
    /// The service's URL (MinIO, Garage, Ceph, …); `None` for Amazon S3 itself.
    pub endpoint: Option<String>,
    pub bucket: String,
    pub region: String,
    /// Credentials; without them the usual AWS environment and instance credentials apply.
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<Secret>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MediaStorage {
    /// DATA_DIR/media
    Local,
    S3(S3Settings),
}

/// Single sign-on with the newsroom's OpenID Connect provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OidcSettings {
    /// The provider's issuer URL; its discovery document is at ISSUER/.well-known/openid-configuration.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// Shown on the sign-in page as "Sign in with LABEL".
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// What feeds carry of each article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    /// The whole body, as HTML.
    Full,
    /// The summary only: readers come to the site for the rest.
    Summary,
}

/// The header the trusted proxies write the addresses they forwarded for into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum ProxyHeader {
    /// `X-Forwarded-For`, as nginx's `$proxy_add_x_forwarded_for` and most CDNs write it.
    XForwardedFor,
    /// RFC 7239 `Forwarded` (`for=` of each element).
    Forwarded,
}

/// The site's configuration, resolved from every source.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub addr: SocketAddr,
    /// The public address of the site, used in absolute links (feeds, e-mail, canonical URLs).
    pub base_url: String,
    pub site_name: String,
    /// Where local files live (the default SQLite database, later media and outbox).
    pub data_dir: PathBuf,
    /// Load the demo articles when `serve` starts on an empty database.
    pub demo_content: bool,
    pub page_size: u32,
    pub log_format: LogFormat,
    pub db_max_connections: u32,
    pub request_timeout: Duration,
    pub max_body_bytes: usize,
    /// The reverse proxies (and CDN) in front of the site: the client's address is the
    /// rightmost forwarded address that is not one of them (`domain::network`). Empty: the
    /// socket's address, and forwarding headers are ignored.
    pub trusted_proxies: TrustedProxies,
    /// The one header those proxies write (the other could come from the client).
    pub proxy_header: ProxyHeader,
    pub max_comment_chars: usize,
    /// Comments a member (and an address) may post per minute.
    pub comments_per_minute: u32,
    /// Accounts one address may create per hour.
    pub signups_per_hour: u32,
    /// SMTP relay, e.g. smtp://mail.example.org:25. Without it, mail goes to DATA_DIR/outbox/.
    pub smtp_url: Option<DatabaseUrl>,
    pub mail_from: String,
    pub feed_content: FeedContent,
    /// Connection limits (see `web::limits`): time to send a request's headers, which is also
    /// the longest a kept-alive connection may sit idle; the largest request head; requests
    /// served at once before new ones are answered 503.
    pub header_timeout: Duration,
    pub max_header_bytes: usize,
    pub max_concurrent_requests: usize,
    /// How long a request waits for a database connection before it is answered 503.
    pub db_acquire_timeout: Duration,
    /// The largest image file accepted by `/admin/media` (that route's body limit follows it).
    pub max_upload_bytes: usize,
    pub media_storage: MediaStorage,
    /// Single sign-on; `None` when not configured (the sign-in page offers no button).
    pub oidc: Option<OidcSettings>,
    /// Live-update streams this process keeps open at once, in all and from one address; past
    /// them a new stream is refused (503 and 429) and the page works without live updates.
    pub max_live_streams: usize,
    pub max_live_streams_per_address: usize,
    /// Deliver webhooks to addresses inside the network too (loopback, private, link-local…),
    /// for a receiver on the same machine or network. Off: such deliveries are refused.
    pub webhooks_allow_private: bool,
    /// The bearer token `/metrics` asks for; without one `/metrics` is not served (404).
    pub metrics_token: Option<Secret>,
}

impl Default for Config {
    /// The configuration when no setting is given anywhere.
    fn default() -> Self {
        Config::from_settings(Settings::default()).expect("the defaults are valid")
    }
}

impl Config {
    /// Settings for the integration tests: no demo content, an ephemeral port, the given database.
    pub fn for_tests(database_url: &str) -> Config {
        let addr: SocketAddr = ([127, 0, 0, 1], 0).into();
        Config {
            database_url: DatabaseUrl::new(database_url),
            addr,
            base_url: "http://127.0.0.1".to_owned(),
            demo_content: false,
            db_max_connections: 4,
            data_dir: std::env::temp_dir().join(format!("broadsheet-test-{}", std::process::id())),
            ..Config::default()
        }
    }

    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// Resolves the configuration from the flags (which clap has already merged with the
    /// environment), the TOML file they name, and the defaults.
    pub fn resolve(given: &Settings) -> Result<Config, ConfigError> {
        let settings = match &given.config {
            Some(path) => given.over(&Settings::load(path)?)?,
            None => given.clone(),
        };
        Config::from_settings(settings)
    }

    /// The configuration from the settings given: what is not given takes its default; values
    /// out of range are refused, naming the setting.
    fn from_settings(s: Settings) -> Result<Config, ConfigError> {
        let media_storage = media_storage(&s)?;
        let oidc = oidc_settings(&s)?;
        let trusted_proxies = trusted_proxies(&s)?;
        let metrics_token = metrics_token(&s)?;
        let addr = s.addr.unwrap_or_else(|| ([127, 0, 0, 1], 3000).into());
        let data_dir = s.data_dir.unwrap_or_else(|| PathBuf::from("data"));
        let base_url = s.base_url.unwrap_or_else(|| format!("http://{addr}"));
        let base_url = base_url.trim_end_matches('/').to_owned();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(ConfigError::Invalid(format!(
                "base_url must start with http:// or https:// (got `{base_url}`)"
            )));
        }
        let max_live_streams = s.max_live_streams.unwrap_or(2000);
        let max_live_streams_per_address = s.max_live_streams_per_address.unwrap_or(20);
        if max_live_streams == 0 || max_live_streams_per_address == 0 {
            return Err(ConfigError::Invalid(
                "max_live_streams and max_live_streams_per_address must be at least 1".to_owned(),
            ));
        }
        if s.header_timeout_secs == Some(0)
            || s.max_concurrent_requests == Some(0)
            || s.db_acquire_timeout_secs == Some(0)
        {
            return Err(ConfigError::Invalid(
                "header_timeout_secs, max_concurrent_requests and db_acquire_timeout_secs must be at least 1"
                    .to_owned(),
            ));
        }
        if s.max_header_bytes.is_some_and(|n| n < 1024) {
            return Err(ConfigError::Invalid(
                "max_header_bytes must be at least 1024".to_owned(),
            ));
        }
        let max_upload_bytes = s.max_upload_bytes.unwrap_or(15 * 1024 * 1024);
        if max_upload_bytes < 1024 {
            return Err(ConfigError::Invalid(
                "max_upload_bytes must be at least 1024".to_owned(),
            ));
        }
        let page_size = s.page_size.unwrap_or(20);
        if !(1..=100).contains(&page_size) {
            return Err(ConfigError::Invalid(format!(
                "page_size must be between 1 and 100 (got {page_size})"
            )));
        }
        let database_url = s.database_url.unwrap_or_else(|| {
            let file = data_dir.join("broadsheet.db");
            DatabaseUrl::new(format!("sqlite://{}", file.to_string_lossy()))
        });
        let db_max_connections = s.db_max_connections.unwrap_or_else(|| {
            if database_url.expose().starts_with("sqlite:") {
                sqlite_default_readers()
            } else {
                16
            }
        });
        Ok(Config {
            database_url,
            addr,
            base_url,
            site_name: s.site_name.unwrap_or_else(|| "Broadsheet".to_owned()),
            data_dir,
            demo_content: !(s.no_demo || s.demo_content == Some(false)),
            page_size,
            log_format: s.log_format.unwrap_or(LogFormat::Text),
            db_max_connections,
            request_timeout: Duration::from_secs(s.request_timeout_secs.unwrap_or(30)),
            max_body_bytes: s.max_body_bytes.unwrap_or(1024 * 1024),
            trusted_proxies,
            proxy_header: s.proxy_header.unwrap_or(ProxyHeader::XForwardedFor),
            max_comment_chars: s
                .max_comment_chars
                .unwrap_or(crate::domain::comment::DEFAULT_MAX_COMMENT_CHARS),
            comments_per_minute: s.comments_per_minute.unwrap_or(5),
            signups_per_hour: s.signups_per_hour.unwrap_or(5),
            smtp_url: s.smtp_url,
            mail_from: s
                .mail_from
                .unwrap_or_else(|| "Broadsheet <no-reply@localhost>".to_owned()),
            feed_content: s.feed_content.unwrap_or(FeedContent::Full),
            header_timeout: Duration::from_secs(s.header_timeout_secs.unwrap_or(10)),
            max_header_bytes: s.max_header_bytes.unwrap_or(16 * 1024),
            max_concurrent_requests: s.max_concurrent_requests.unwrap_or(512),
            db_acquire_timeout: Duration::from_secs(s.db_acquire_timeout_secs.unwrap_or(5)),
            max_upload_bytes,
            media_storage,
            oidc,
            max_live_streams,
            max_live_streams_per_address,
            webhooks_allow_private: s.webhooks_allow_private,
            metrics_token,
        })
    }
}

/// A text setting as given, trimmed; `None` when not given or blank.
fn given(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// A secret setting as given, trimmed; `None` when not given or blank.
fn given_secret(value: &Option<Secret>) -> Option<Secret> {
    given(&value.as_ref().map(|s| s.0.clone())).map(Secret)
}

/// The media storage the settings choose; S3 needs a bucket, and an endpoint that is a URL.
fn media_storage(s: &Settings) -> Result<MediaStorage, ConfigError> {
    if s.media_storage.unwrap_or(MediaStorageKind::Local) == MediaStorageKind::Local {
        return Ok(MediaStorage::Local);
    }
    let bucket = given(&s.media_s3_bucket).ok_or_else(|| {
        ConfigError::Invalid(
            "media_storage = s3 needs media_s3_bucket (BROADSHEET_MEDIA_S3_BUCKET)".to_owned(),
        )
    })?;
    let endpoint = given(&s.media_s3_endpoint).map(|e| e.trim_end_matches('/').to_owned());
    if let Some(e) = &endpoint
        && !(e.starts_with("http://") || e.starts_with("https://"))
    {
        return Err(ConfigError::Invalid(format!(
            "media_s3_endpoint must start with http:// or https:// (got `{e}`)"
        )));
    }
    let access_key_id = given(&s.media_s3_access_key_id);
    let secret_access_key = given_secret(&s.media_s3_secret_access_key);
    if access_key_id.is_some() != secret_access_key.is_some() {
        return Err(ConfigError::Invalid(
            "give both media_s3_access_key_id and media_s3_secret_access_key, or neither"
                .to_owned(),
        ));
    }
    Ok(MediaStorage::S3(S3Settings {
        endpoint,
        bucket,
        region: given(&s.media_s3_region).unwrap_or_else(|| "us-east-1".to_owned()),
        access_key_id,
        secret_access_key,
    }))
}

/// The trusted proxies' networks. The old `trust_proxy` switch believed the leftmost
/// `X-Forwarded-For` entry, which the client writes: it is refused with what to write instead,
/// rather than guessed at (a guess of "loopback" would quietly give every client behind a
/// proxy on another machine one shared address, and its limits).
fn trusted_proxies(s: &Settings) -> Result<TrustedProxies, ConfigError> {
    if s.trust_proxy {
        return Err(ConfigError::Invalid(
            "trust_proxy (BROADSHEET_TRUST_PROXY) is replaced by trusted_proxies: list the networks of your \
             reverse proxies, e.g. --trusted-proxies 127.0.0.1/32 for nginx on this machine \
             (BROADSHEET_TRUSTED_PROXIES, or trusted_proxies = [\"127.0.0.1/32\"] in the file)"
                .to_owned(),
        ));
    }
    TrustedProxies::parse(s.trusted_proxies.iter().flatten().map(String::as_str))
        .map_err(|e| ConfigError::Invalid(format!("trusted_proxies: {e}")))
}

/// The shortest `/metrics` token taken: it guards the site's counters from the internet.
const MIN_METRICS_TOKEN_CHARS: usize = 16;

fn metrics_token(s: &Settings) -> Result<Option<Secret>, ConfigError> {
    match given_secret(&s.metrics_token) {
        Some(t) if t.0.chars().count() < MIN_METRICS_TOKEN_CHARS => {
            Err(ConfigError::Invalid(format!(
                "metrics_token must be at least {MIN_METRICS_TOKEN_CHARS} characters long \
             (e.g. the output of `openssl rand -hex 32`)"
            )))
        }
        t => Ok(t),
    }
}

/// The longest label the sign-in button takes.
const MAX_OIDC_LABEL_CHARS: usize = 40;

/// Single sign-on, when an issuer is set: it needs a client id and secret, and an http(s) URL.
fn oidc_settings(s: &Settings) -> Result<Option<OidcSettings>, ConfigError> {
    let Some(issuer) = given(&s.oidc_issuer) else {
        return Ok(None);
    };
    if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
        return Err(ConfigError::Invalid(format!(
            "oidc_issuer must start with https:// (got `{issuer}`)"
        )));
    }
    let client_id = given(&s.oidc_client_id).ok_or_else(|| {
        ConfigError::Invalid(
            "oidc_issuer needs oidc_client_id (BROADSHEET_OIDC_CLIENT_ID)".to_owned(),
        )
    })?;
    let client_secret = given_secret(&s.oidc_client_secret).ok_or_else(|| {
        ConfigError::Invalid(
            "oidc_issuer needs oidc_client_secret (BROADSHEET_OIDC_CLIENT_SECRET)".to_owned(),
        )
    })?;
    let label = given(&s.oidc_label).unwrap_or_else(|| "your newsroom account".to_owned());
    if label.chars().count() > MAX_OIDC_LABEL_CHARS {
        return Err(ConfigError::Invalid(format!(
            "oidc_label can be at most {MAX_OIDC_LABEL_CHARS} characters long"
        )));
    }
    Ok(Some(OidcSettings {
        issuer,
        client_id,
        client_secret,
        label,
    }))
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the configuration file {path} is not valid: {message}")]
    Parse { path: String, message: String },
    #[error("{0}")]
    Invalid(String),
}

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
    /// SMTP relay for outgoing mail, smtp://host:port [default: none; mail is written to DATA_DIR/outbox/]
    #[arg(
        long,
        env = "BROADSHEET_SMTP_URL",
        global = true,
        hide_env_values = true
    )]
    pub smtp_url: Option<DatabaseUrl>,
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
}

impl Settings {
    /// The settings of a TOML file.
    fn load(path: &Path) -> Result<Settings, ConfigError> {
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
    fn over(&self, lower: &Settings) -> Result<Settings, ConfigError> {
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

/// SQLite's read connections when none are configured: 4 per core, from 4 to 16. A SQLite read
/// is work on this machine's cores (the file lives in the kernel's page cache), so readers
/// beyond a few per core add no throughput, only memory: each keeps its own page cache and
/// prepared statements (16 readers instead of 8 was 13 MiB more after a crawl of 3,000
/// articles on a 2-core machine, BENCHMARKS.md).
pub fn sqlite_default_readers() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    (4 * cores).clamp(4, 16) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_without_any_source() {
        let c = Config::resolve(&Settings::default()).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.database_url.expose(), "sqlite://data/broadsheet.db");
        assert_eq!(c.base_url, "http://127.0.0.1:3000");
        assert!(c.demo_content);
        assert_eq!(c.feed_content, FeedContent::Full);
    }

    #[test]
    fn sqlite_gets_a_few_readers_per_core_unless_told_otherwise() {
        let c = Config::resolve(&Settings::default()).unwrap();
        assert_eq!(c.db_max_connections, sqlite_default_readers());
        assert!((4..=16).contains(&c.db_max_connections));
        let pg = Settings {
            database_url: Some(DatabaseUrl::new("postgres://127.0.0.1/site")),
            ..Settings::default()
        };
        assert_eq!(Config::resolve(&pg).unwrap().db_max_connections, 16);
        let told = Settings {
            db_max_connections: Some(24),
            ..Settings::default()
        };
        assert_eq!(Config::resolve(&told).unwrap().db_max_connections, 24);
    }

    #[test]
    fn feed_content_comes_from_the_file_or_a_flag() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.toml");
        std::fs::write(&path, "feed_content = \"summary\"\n").unwrap();
        let mut flags = Settings {
            config: Some(path.clone()),
            ..Settings::default()
        };
        assert_eq!(
            Config::resolve(&flags).unwrap().feed_content,
            FeedContent::Summary
        );
        flags.feed_content = Some(FeedContent::Full);
        assert_eq!(
            Config::resolve(&flags).unwrap().feed_content,
            FeedContent::Full
        );
        std::fs::write(&path, "feed_content = \"excerpt\"\n").unwrap();
        flags.feed_content = None;
        let e = Config::resolve(&flags).unwrap_err().to_string();
        assert!(e.contains("feed_content"), "{e}");
    }

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.toml");
        std::fs::write(
            &path,
            "addr = \"127.0.0.1:4000\"\nsite_name = \"The Harbour Gazette\"\npage_size = 7\ndemo_content = false\n",
        )
        .unwrap();
        let flags = Settings {
            config: Some(path),
            addr: Some("127.0.0.1:5000".parse().unwrap()),
            ..Settings::default()
        };
        let c = Config::resolve(&flags).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:5000");
        assert_eq!(c.site_name, "The Harbour Gazette");
        assert_eq!(c.page_size, 7);
        assert!(!c.demo_content);
    }

    #[test]
    fn switches_given_as_flags_add_to_the_file_and_never_switch_it_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.toml");
        std::fs::write(
            &path,
            "webhooks_allow_private = true\ndemo_content = true\n",
        )
        .unwrap();
        let mut flags = Settings {
            config: Some(path.clone()),
            ..Settings::default()
        };
        let c = Config::resolve(&flags).unwrap();
        assert!(c.webhooks_allow_private && c.demo_content);
        flags.no_demo = true;
        flags.webhooks_allow_private = true;
        let c = Config::resolve(&flags).unwrap();
        assert!(c.webhooks_allow_private && !c.demo_content);
        // The old switch is refused whatever the file says of it.
        std::fs::write(&path, "trust_proxy = false\n").unwrap();
        let e = Config::resolve(&flags).unwrap_err().to_string();
        assert!(e.contains("replaced by trusted_proxies"), "{e}");
    }

    #[test]
    fn a_typo_in_the_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.toml");
        std::fs::write(&path, "adr = \"127.0.0.1:4000\"\n").unwrap();
        let flags = Settings {
            config: Some(path),
            ..Settings::default()
        };
        let e = Config::resolve(&flags).unwrap_err().to_string();
        assert!(e.contains("unknown field `adr`"), "{e}");
    }

    #[test]
    fn connection_limits_come_from_the_file_and_flags_and_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.toml");
        std::fs::write(
            &path,
            "header_timeout_secs = 4\nmax_header_bytes = 4096\nmax_concurrent_requests = 64\ndb_acquire_timeout_secs = 2\n",
        )
        .unwrap();
        let flags = Settings {
            config: Some(path.clone()),
            max_concurrent_requests: Some(8),
            ..Settings::default()
        };
        let c = Config::resolve(&flags).unwrap();
        assert_eq!(c.header_timeout, Duration::from_secs(4));
        assert_eq!(c.max_header_bytes, 4096);
        assert_eq!(c.max_concurrent_requests, 8);
        assert_eq!(c.db_acquire_timeout, Duration::from_secs(2));
        let d = Config::resolve(&Settings::default()).unwrap();
        assert_eq!(d.header_timeout, Duration::from_secs(10));
        assert_eq!(d.max_concurrent_requests, 512);
        assert_eq!(d.db_acquire_timeout, Duration::from_secs(5));
        for bad in [
            Settings {
                max_concurrent_requests: Some(0),
                ..Settings::default()
            },
            Settings {
                header_timeout_secs: Some(0),
                ..Settings::default()
            },
            Settings {
                max_header_bytes: Some(100),
                ..Settings::default()
            },
        ] {
            assert!(Config::resolve(&bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn media_settings_come_from_the_file_and_flags_and_secrets_never_print() {
        let d = Config::resolve(&Settings::default()).unwrap();
        assert_eq!(d.max_upload_bytes, 15 * 1024 * 1024);
        assert_eq!(d.media_storage, MediaStorage::Local);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.toml");
        std::fs::write(
            &path,
            "media_storage = \"s3\"\nmedia_s3_bucket = \"pictures\"\nmedia_s3_endpoint = \"http://127.0.0.1:9000/\"\nmedia_s3_access_key_id = \"AKIDEXAMPLE\"\nmedia_s3_secret_access_key = \"wJalrXUtnFEMI-very-secret\"\nmax_upload_bytes = 2048\n",
        )
        .unwrap();
        let flags = Settings {
            config: Some(path.clone()),
            media_s3_region: Some("eu-west-2".to_owned()),
            ..Settings::default()
        };
        let c = Config::resolve(&flags).unwrap();
        assert_eq!(c.max_upload_bytes, 2048);
        let MediaStorage::S3(s3) = &c.media_storage else {
            panic!("expected S3: {:?}", c.media_storage);
        };
        assert_eq!(s3.bucket, "pictures");
        assert_eq!(s3.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(s3.region, "eu-west-2");
        assert_eq!(
            s3.secret_access_key.as_ref().map(Secret::expose),
            Some("wJalrXUtnFEMI-very-secret")
        );
        assert!(!format!("{c:?}").contains("very-secret"));
        std::fs::write(&path, "media_storage = \"s3\"\n").unwrap();
        let e = Config::resolve(&flags).unwrap_err().to_string();
        assert!(e.contains("media_s3_bucket"), "{e}");
        std::fs::write(
            &path,
            "media_storage = \"s3\"\nmedia_s3_bucket = \"b\"\nmedia_s3_access_key_id = \"AKID\"\n",
        )
        .unwrap();
        let e = Config::resolve(&flags).unwrap_err().to_string();
        assert!(e.contains("or neither"), "{e}");
    }

    #[test]
    fn single_sign_on_needs_a_client_and_its_secret_never_prints() {
        assert_eq!(Config::resolve(&Settings::default()).unwrap().oidc, None);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.toml");
        std::fs::write(
            &path,
            "oidc_issuer = \"https://id.example.org/realms/news\"\noidc_client_id = \"broadsheet\"\noidc_client_secret = \"oidc-very-secret\"\n",
        )
        .unwrap();
        let mut flags = Settings {
            config: Some(path.clone()),
            oidc_label: Some("Newsroom".to_owned()),
            ..Settings::default()
        };
        let c = Config::resolve(&flags).unwrap();
        let o = c.oidc.as_ref().expect("configured");
        assert_eq!(o.issuer, "https://id.example.org/realms/news");
        assert_eq!(o.client_id, "broadsheet");
        assert_eq!(o.client_secret.expose(), "oidc-very-secret");
        assert_eq!(o.label, "Newsroom");
        assert!(!format!("{c:?}").contains("very-secret"));
        flags.oidc_label = None;
        assert_eq!(
            Config::resolve(&flags).unwrap().oidc.unwrap().label,
            "your newsroom account"
        );
        std::fs::write(
            &path,
            "oidc_issuer = \"https://id.example.org\"\noidc_client_id = \"b\"\n",
        )
        .unwrap();
        let e = Config::resolve(&flags).unwrap_err().to_string();
        assert!(e.contains("oidc_client_secret"), "{e}");
        std::fs::write(&path, "oidc_issuer = \"id.example.org\"\n").unwrap();
        let e = Config::resolve(&flags).unwrap_err().to_string();
        assert!(e.contains("must start with https://"), "{e}");
    }

    #[test]
    fn proxies_live_streams_webhooks_and_metrics_settings_are_read_and_checked() {
        let d = Config::resolve(&Settings::default()).unwrap();
        assert!(d.trusted_proxies.is_empty());
        assert_eq!(d.proxy_header, ProxyHeader::XForwardedFor);
        assert_eq!(
            (d.max_live_streams, d.max_live_streams_per_address),
            (2000, 20)
        );
        assert!(!d.webhooks_allow_private);
        assert!(d.metrics_token.is_none());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("site.toml");
        std::fs::write(
            &path,
            "trusted_proxies = [\"10.0.0.0/8\", \"127.0.0.1\"]\nproxy_header = \"forwarded\"\n\
             max_live_streams = 50\nwebhooks_allow_private = true\n\
             metrics_token = \"scrape-me-please-0123\"\n",
        )
        .unwrap();
        let mut flags = Settings {
            config: Some(path.clone()),
            max_live_streams_per_address: Some(3),
            ..Settings::default()
        };
        let c = Config::resolve(&flags).unwrap();
        assert!(c.trusted_proxies.contains("10.2.3.4".parse().unwrap()));
        assert!(c.trusted_proxies.contains("127.0.0.1".parse().unwrap()));
        assert_eq!(c.proxy_header, ProxyHeader::Forwarded);
        assert_eq!(
            (c.max_live_streams, c.max_live_streams_per_address),
            (50, 3)
        );
        assert!(c.webhooks_allow_private);
        assert_eq!(
            c.metrics_token.as_ref().map(Secret::expose),
            Some("scrape-me-please-0123")
        );
        assert!(!format!("{c:?}").contains("scrape-me"));
        // A flag's list replaces the file's.
        flags.trusted_proxies = Some(vec!["192.0.2.0/24".to_owned()]);
        let c = Config::resolve(&flags).unwrap();
        assert!(!c.trusted_proxies.contains("10.2.3.4".parse().unwrap()));
        flags.trusted_proxies = Some(vec!["10.0.0.0/40".to_owned()]);
        let e = Config::resolve(&flags).unwrap_err().to_string();
        assert!(
            e.contains("trusted_proxies: `10.0.0.0/40` is not a network"),
            "{e}"
        );
        flags.trusted_proxies = None;
        flags.max_live_streams_per_address = Some(0);
        assert!(Config::resolve(&flags).is_err());
        flags.max_live_streams_per_address = None;
        flags.metrics_token = Some(Secret::new("short"));
        let e = Config::resolve(&flags).unwrap_err().to_string();
        assert!(e.contains("metrics_token must be at least 16"), "{e}");
        // On the command line, one comma-separated list.
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            flags: Settings,
        }
        let cli = <Cli as clap::Parser>::try_parse_from([
            "broadsheet",
            "--trusted-proxies",
            "127.0.0.1/32,10.0.0.0/8",
            "--proxy-header",
            "x-forwarded-for",
        ])
        .unwrap();
        let c = Config::resolve(&cli.flags).unwrap();
        assert_eq!(c.trusted_proxies.networks().len(), 2);
        assert_eq!(c.proxy_header, ProxyHeader::XForwardedFor);
        // The old switch is refused with the setting that replaces it.
        for old in [
            Settings {
                trust_proxy: true,
                ..Settings::default()
            },
            Settings {
                config: Some(path.clone()),
                ..Settings::default()
            },
        ] {
            if old.config.is_some() {
                std::fs::write(&path, "trust_proxy = true\n").unwrap();
            }
            let e = Config::resolve(&old).unwrap_err().to_string();
            assert!(e.contains("replaced by trusted_proxies"), "{e}");
            assert!(e.contains("--trusted-proxies 127.0.0.1/32"), "{e}");
        }
    }

    #[test]
    fn database_passwords_never_print() {
        let url = DatabaseUrl::new("postgres://app:s3cret@db.example:5432/news");
        assert_eq!(url.to_string(), "postgres://app:***@db.example:5432/news");
        assert!(!format!("{url:?}").contains("s3cret"));
        let c = Config {
            database_url: url,
            ..Config::default()
        };
        assert!(!format!("{c:?}").contains("s3cret"));
    }
}
