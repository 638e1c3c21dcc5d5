//! The value types of the settings: secrets never printed, and the choices a setting names.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A database URL. Never printed with its password.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DatabaseUrl(pub(super) String);

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
pub struct Secret(pub(super) String);

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

/// A shared cache to purge, and how it is told (see `services::purge`).
#[derive(Clone, PartialEq, Eq)]
pub struct PurgeUrl {
    /// An `http://` or `https://` URL.
    pub url: String,
    pub shape: PurgeShape,
}

/// How a purge is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PurgeShape {
    /// `PURGE` with the keys in `xkey-purge` (Varnish's xkey module): the URL as given.
    Xkey,
    /// `POST` of `{"surrogate_keys": [...]}` (a CDN's purge API): the URL written
    /// `post+https://…`.
    Json,
}

impl PurgeUrl {
    /// Reads a purge URL: `http(s)://…` for Varnish, `post+http(s)://…` for a JSON API; any
    /// other scheme is refused.
    pub fn parse(given: &str) -> Result<PurgeUrl, String> {
        let given = given.trim();
        let (shape, url) = match given.strip_prefix("post+") {
            Some(rest) => (PurgeShape::Json, rest),
            None => (PurgeShape::Xkey, given),
        };
        let parsed = reqwest::Url::parse(url)
            .map_err(|e| format!("`{}` is not a URL: {e}", Redacted(url)))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(format!(
                "`{}` must be an http:// or https:// address (or post+https:// for a CDN's API)",
                Redacted(url)
            ));
        }
        Ok(PurgeUrl {
            url: url.to_owned(),
            shape,
        })
    }
}

impl fmt::Debug for PurgeUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} {}", self.shape, Redacted(&self.url))
    }
}

/// A URL with any password in it replaced by `***`.
struct Redacted<'a>(&'a str);

impl fmt::Display for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        DatabaseUrl::new(self.0).fmt(f)
    }
}
