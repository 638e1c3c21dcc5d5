//! All configuration in one struct. Sources, lowest to highest precedence: built-in defaults,
//! a TOML file (`--config FILE` or `BROADSHEET_CONFIG`), environment variables (`BROADSHEET_*`)
//! and command-line flags.
//!
//! Each setting is one field of [`Settings`]: its doc comment is its `--help` text, `#[arg]`
//! names its flag and environment variable (clap reads both, a flag winning), and serde reads
//! the same field from the file under its own name. [`Config::resolve`] lays the flags over the
//! file and turns the result into a [`Config`], with the defaults and the checks.

mod settings;
#[cfg(test)]
mod tests;
mod values;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::domain::locale::Locale;
use crate::domain::network::TrustedProxies;

pub use settings::Settings;
pub use values::*;

/// The site's configuration, resolved from every source.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub addr: SocketAddr,
    /// The public address of the site, used in absolute links (feeds, e-mail, canonical URLs).
    pub base_url: String,
    pub site_name: String,
    /// The site's time zone (`--time-zone`): times shown to readers not signed in, mails'
    /// times and automatic newsletters' hour.
    pub time_zone: crate::domain::locale::Zone,
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
    /// SMTP relay, e.g. smtps://mail.example.org (checked by `domain::mail_relay`). Without
    /// it, mail goes to DATA_DIR/outbox/.
    pub smtp_url: Option<DatabaseUrl>,
    /// Certificate authorities trusted for the relay's certificate besides the public ones.
    pub smtp_ca_file: Option<PathBuf>,
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
    /// Count article page views (per article and hour, nothing about the reader) for the
    /// dashboard. Off with `--no-view-counting`.
    pub count_views: bool,
    /// The bearer token `/metrics` asks for; without one `/metrics` is not served (404).
    pub metrics_token: Option<Secret>,
    /// The shared caches to purge when pages change (`services::purge`); empty: none, and
    /// shared caches keep pages only briefly.
    pub purge_urls: Vec<PurgeUrl>,
    /// The site's language: signed-out readers' pages (unless negotiated) and members who
    /// chose none.
    pub locale: Locale,
    /// Signed-out readers get the language their browser asks for, when the site has it.
    pub negotiate_language: bool,
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

    /// How pages for readers not signed in, feeds and the site's mails put times and numbers
    /// into words: the site's language and time zone.
    pub fn site_dates(&self) -> crate::domain::locale::Dates {
        crate::domain::locale::Dates::new(self.locale.language_tag(), self.time_zone)
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
        let purge_urls = s
            .purge_url
            .iter()
            .flatten()
            .map(|u| {
                PurgeUrl::parse(u).map_err(|e| ConfigError::Invalid(format!("purge_url: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        smtp_relay(&s)?;
        let time_zone = match given(&s.time_zone) {
            Some(name) => crate::domain::locale::Zone::parse(&name)
                .map_err(|e| ConfigError::Invalid(format!("time_zone: {e}")))?,
            None => crate::domain::locale::Zone::UTC,
        };
        let locale = match given(&s.locale) {
            Some(tag) => {
                Locale::parse(&tag).map_err(|e| ConfigError::Invalid(format!("locale: {e}")))?
            }
            None => Locale::En,
        };
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
            time_zone,
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
            smtp_ca_file: s.smtp_ca_file,
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
            count_views: !s.no_view_counting,
            metrics_token,
            purge_urls,
            locale,
            negotiate_language: s.negotiate_language,
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

/// The SMTP relay's URL must say how mail is protected on the way (`domain::mail_relay`), and
/// a certificate authority file only means something for a relay spoken to over TLS.
fn smtp_relay(s: &Settings) -> Result<(), ConfigError> {
    let relay = match &s.smtp_url {
        Some(url) => Some(
            crate::domain::mail_relay::RelayUrl::parse(url.expose())
                .map_err(|e| ConfigError::Invalid(format!("smtp_url: {e}")))?,
        ),
        None => None,
    };
    if s.smtp_ca_file.is_some() && !relay.as_ref().is_some_and(|r| r.is_tls()) {
        return Err(ConfigError::Invalid(
            "smtp_ca_file is for a relay reached over TLS: give smtp_url as smtps://… or \
             smtp://…?tls=starttls"
                .to_owned(),
        ));
    }
    Ok(())
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

/// SQLite's read connections when none are configured: 4 per core, from 4 to 16. A SQLite read
/// is work on this machine's cores (the file lives in the kernel's page cache), so readers
/// beyond a few per core add no throughput, only memory: each keeps its own page cache and
/// prepared statements (16 readers instead of 8 was 13 MiB more after a crawl of 3,000
/// articles on a 2-core machine, BENCHMARKS.md).
pub fn sqlite_default_readers() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    (4 * cores).clamp(4, 16) as u32
}
