//! Who is asking: the session cookie, the CSRF token, the client address.
//!
//! A session cookie holds 32 random bytes; the database keeps only their SHA-256, so a copy of
//! the database cannot be used to sign in. The CSRF token is an HMAC (with a secret kept in the
//! database, shared by every server process) of the session, or, for a signed-out visitor
//! filling in a form, of a random `bs_anon` cookie. Every unsafe request also passes an Origin
//! check ([`check_origin`]).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::config::{Config, ProxyHeader};
use crate::domain::comment::ViewerFacts;
use crate::domain::locale::Locale;
use crate::domain::network::{self, TrustedProxies};
use crate::store::sessions::{SessionRead, SessionUser};
use crate::web::{AppState, Error};

pub const SESSION_COOKIE: &str = "bs_session";
pub const ANON_COOKIE: &str = "bs_anon";
pub const SESSION_DAYS: i64 = 30;

/// A fresh random token, URL-safe.
pub fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The visitor making this request.
#[derive(Clone)]
pub struct Viewer {
    pub user: Option<SessionUser>,
    session_hash: Option<String>,
    anon: String,
    anon_is_new: bool,
    pub csrf: String,
    secure: bool,
    /// The language of the pages this visitor gets (see [`reader_locale`]).
    pub locale: Locale,
}

impl Viewer {
    pub fn is_signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn facts(&self) -> Option<ViewerFacts> {
        self.user.as_ref().map(|u| ViewerFacts {
            user_id: u.id,
            role: u.role(),
            banned_until: u.banned_until,
        })
    }

    /// The signed-in member, or [`Error::SignInRequired`].
    pub fn require_user(&self) -> Result<&SessionUser, Error> {
        self.user.as_ref().ok_or(Error::SignInRequired)
    }

    /// Refuses a form whose token is not this visitor's.
    pub fn check_csrf(&self, token: &str) -> Result<(), Error> {
        if !token.is_empty() && constant_time_eq(token.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(Error::Forbidden(
                crate::web::error::STALE_FORM_MESSAGE.to_owned(),
            ))
        }
    }

    pub fn session_hash(&self) -> Option<&str> {
        self.session_hash.as_deref()
    }

    /// The `bs_anon` cookie to set, when a signed-out visitor was just given a CSRF token.
    pub fn cookies(&self) -> ViewerCookies {
        ViewerCookies(if self.anon_is_new && self.user.is_none() {
            Some(cookie(
                ANON_COOKIE,
                &self.anon,
                Some(Duration::days(1)),
                self.secure,
            ))
        } else {
            None
        })
    }
}

pub(super) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The `Set-Cookie` a response carries for the viewer, if any.
pub struct ViewerCookies(Option<HeaderValue>);

impl IntoResponseParts for ViewerCookies {
    type Error = std::convert::Infallible;
    fn into_response_parts(self, mut res: ResponseParts) -> Result<ResponseParts, Self::Error> {
        if let Some(v) = self.0 {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
        Ok(res)
    }
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Secure on https sites. `max_age` None ends
/// the cookie now.
pub fn cookie(name: &str, value: &str, max_age: Option<Duration>, secure: bool) -> HeaderValue {
    let age = max_age.map_or(0, |d| d.num_seconds());
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={age}{secure}"
    ))
    .expect("cookie values are URL-safe")
}

pub(super) fn read_cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty() && v.len() <= 64)
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Error;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(v) = parts.extensions.get::<Viewer>() {
            return Ok(v.clone());
        }
        // Article pages (the hot path) may show a recent copy of the session; anything that
        // acts, and every other page (the desk, settings: what a role or a ban opens or
        // closes, perhaps changed a moment ago by a command on SQLite), reads it afresh.
        let how = if matches!(parts.method, Method::GET | Method::HEAD)
            && parts.uri.path().starts_with("/articles/")
        {
            SessionRead::Cached
        } else {
            SessionRead::Fresh
        };
        let viewer = Viewer::load(state, &parts.headers, how).await?;
        parts.extensions.insert(viewer.clone());
        Ok(viewer)
    }
}

impl Viewer {
    /// The visitor behind these request headers: at most one query when a session cookie is
    /// present (none when `how` allows this process's recent copy of the session), none
    /// otherwise.
    pub async fn load(
        state: &AppState,
        headers: &HeaderMap,
        how: SessionRead,
    ) -> Result<Viewer, Error> {
        let secure = state.config.secure_cookies();
        let mut user = None;
        let mut session_hash = None;
        if let Some(token) = read_cookie(headers, SESSION_COOKIE) {
            let hash = hash_token(token);
            if let Some(u) = state
                .store
                .session_user(&hash, state.clock.now(), how)
                .await?
            {
                user = Some(u);
                session_hash = Some(hash);
            }
        }
        let (anon, anon_is_new) = match read_cookie(headers, ANON_COOKIE) {
            Some(a) => (a.to_owned(), false),
            None => (random_token(), true),
        };
        let csrf = match &session_hash {
            Some(h) => sign(&state.secret, &format!("session:{h}")),
            None => sign(&state.secret, &format!("anon:{anon}")),
        };
        let locale = Locale::of_member(
            user.as_ref().and_then(|u| u.locale.as_deref()),
            reader_locale(&state.config, headers),
        );
        Ok(Viewer {
            user,
            session_hash,
            anon,
            anon_is_new,
            csrf,
            secure,
            locale,
        })
    }
}

/// The language of a reader who has chosen none (signed out, or a member who left it to the
/// site): see [`ReaderLanguage`].
pub fn reader_locale(config: &Config, headers: &HeaderMap) -> Locale {
    ReaderLanguage::of(config).of_headers(headers)
}

/// How readers who chose no language get one: the one their browser asks for when the
/// operator turned negotiation on and the site has it, the site's otherwise. The page cache
/// keys signed-out pages on it.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReaderLanguage {
    pub site: Locale,
    pub negotiate: bool,
}

impl ReaderLanguage {
    pub fn of(config: &Config) -> ReaderLanguage {
        ReaderLanguage {
            site: config.locale,
            negotiate: config.negotiate_language,
        }
    }

    pub fn of_headers(self, headers: &HeaderMap) -> Locale {
        if !self.negotiate {
            return self.site;
        }
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::negotiate)
            .unwrap_or(self.site)
    }
}

fn sign(secret: &[u8], message: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(message.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Middleware: an unsafe request must come from this site. Browsers send `Origin` with every
/// cross-origin and same-origin POST; a mismatch (or `Sec-Fetch-Site: cross-site`) is refused.
/// Requests without either header (scripts, old clients) still need the CSRF token.
pub async fn check_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // One-click unsubscribe (RFC 8058) is posted by mail providers from anywhere; its signed
    // token is its authority and all it can do is stop mail.
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && !req.uri().path().starts_with("/unsubscribe/");
    if unsafe_method {
        let headers = req.headers();
        let cross_site = headers
            .get("sec-fetch-site")
            .is_some_and(|v| v.as_bytes() == b"cross-site");
        let origin_ok = match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            None => true,
            Some(origin) => {
                let host = headers
                    .get(header::HOST)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                origin == state.config.base_url
                    || (!host.is_empty()
                        && (origin == format!("http://{host}")
                            || origin == format!("https://{host}")))
            }
        };
        if cross_site || !origin_ok {
            return Error::Forbidden(crate::web::error::CROSS_SITE_MESSAGE.to_owned())
                .into_response();
        }
    }
    next.run(req).await
}

/// The address the request came from: the socket's peer, or, when the peer is a trusted proxy,
/// the rightmost address in the configured forwarding header that is not one
/// ([`network::client_address`]). Every per-address limit keys on this.
pub fn client_ip(
    headers: &HeaderMap,
    connect: Option<&ConnectInfo<SocketAddr>>,
    trusted: &TrustedProxies,
    proxy_header: ProxyHeader,
) -> String {
    let Some(peer) = connect.map(|c| c.0.ip()) else {
        return "unknown".to_owned();
    };
    if trusted.is_empty() {
        return peer.to_canonical().to_string();
    }
    let lines = |name| headers.get_all(name).into_iter().map(HeaderValue::as_bytes);
    let hops = match proxy_header {
        ProxyHeader::XForwardedFor => network::x_forwarded_for(lines("x-forwarded-for")),
        ProxyHeader::Forwarded => network::forwarded(lines("forwarded")),
    };
    network::client_address(peer, &hops, trusted).to_string()
}

/// The client's address, as an extractor.
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let connect = parts.extensions.get::<ConnectInfo<SocketAddr>>();
        Ok(ClientIp(client_ip(
            &parts.headers,
            connect,
            &state.config.trusted_proxies,
            state.config.proxy_header,
        )))
    }
}
