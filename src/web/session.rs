//! Who is asking: the session cookie, the CSRF token, the client address.
//!
//! A session cookie holds 32 random bytes; the database keeps only their SHA-256, so a copy of
//! the database cannot be used to sign in. The CSRF token is an HMAC (with a secret kept in the
//! database, shared by every server process) of the session, or, for a signed-out visitor
//! filling in a form, of a random `bs_anon` cookie. Every unsafe request also passes an Origin
//! check ([`check_origin`]).
//!
//! Inside the embedded conversation's frame (the `/embed/…` routes) the browser may block
//! third-party cookies, so there the session and the anonymous token may also come from
//! partitioned cookies (`bs_embed`, `bs_embed_anon`: [`frame_cookie`]), which only the embed's
//! routes read. A frame session's row is stored under the hash of its token prefixed with
//! `embed:`, so its cookie value opens nothing when sent as `bs_session`.

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
/// The frame's session and anonymous token (partitioned, read on the embed's routes only).
pub const FRAME_SESSION_COOKIE: &str = "bs_embed";
pub const FRAME_ANON_COOKIE: &str = "bs_embed_anon";
/// The embed's routes: the only ones that read the frame's cookies.
pub const FRAME_PATH: &str = "/embed";

/// A fresh random token, URL-safe.
pub fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// What a frame session's row is stored under (see the module's notes).
pub fn frame_session_hash(token: &str) -> String {
    hash_token(&format!("embed:{token}"))
}

/// True for a request to the embed's routes.
pub fn is_frame_path(path: &str) -> bool {
    path.strip_prefix(FRAME_PATH)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
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
    /// On the embed's routes: a new anonymous token goes in the partitioned cookie.
    framed: bool,
    /// The session came from the frame's cookie.
    frame_session: bool,
    /// How this visitor's pages put times and numbers into words: the site's language, and
    /// the member's own time zone or the site's.
    pub dates: crate::domain::locale::Dates,
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

    /// A request to the embed's routes (where the frame's cookies count): what it acts on
    /// sends its reader back into the frame.
    pub fn is_framed(&self) -> bool {
        self.framed
    }

    /// What the addresses of a comment's actions start with: `/embed` inside the embed's
    /// frame (whose session only the embed's routes receive), nothing elsewhere.
    pub fn actions_base(&self) -> &'static str {
        if self.framed { FRAME_PATH } else { "" }
    }

    /// The hash of the frame's session, when that is the one this request is signed in with.
    pub fn frame_session(&self) -> Option<&str> {
        self.session_hash.as_deref().filter(|_| self.frame_session)
    }

    /// The `bs_anon` cookie to set, when a signed-out visitor was just given a CSRF token.
    pub fn cookies(&self) -> ViewerCookies {
        ViewerCookies(if self.anon_is_new && self.user.is_none() && self.framed {
            Some(frame_cookie(
                FRAME_ANON_COOKIE,
                &self.anon,
                Some(Duration::days(1)),
            ))
        } else if self.anon_is_new && self.user.is_none() {
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

/// A cookie of the embed's frame: sent to the embed's routes only, and, being `Partitioned`
/// (CHIPS), kept by browsers that block third-party cookies, one jar per host site. Partitioned
/// cookies must be `Secure` and `SameSite=None`; browsers take `Secure` from
/// `http://localhost` and `http://127.0.0.1` too.
pub fn frame_cookie(name: &str, value: &str, max_age: Option<Duration>) -> HeaderValue {
    let age = max_age.map_or(0, |d| d.num_seconds());
    HeaderValue::from_str(&format!(
        "{name}={value}; Path={FRAME_PATH}; HttpOnly; Secure; SameSite=None; Partitioned; Max-Age={age}"
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
        let framed = is_frame_path(parts.uri.path());
        let viewer = Viewer::load_for(state, &parts.headers, how, framed).await?;
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
        Self::load_for(state, headers, how, false).await
    }

    /// [`Viewer::load`], on the embed's routes (`framed`) also from the frame's cookies.
    pub async fn load_for(
        state: &AppState,
        headers: &HeaderMap,
        how: SessionRead,
        framed: bool,
    ) -> Result<Viewer, Error> {
        let secure = state.config.secure_cookies();
        let mut user = None;
        let mut session_hash = None;
        let mut frame_session = false;
        let from_frame = read_cookie(headers, FRAME_SESSION_COOKIE)
            .filter(|_| framed)
            .map(|t| (frame_session_hash(t), true));
        let full = read_cookie(headers, SESSION_COOKIE).map(|t| (hash_token(t), false));
        for (hash, framed_one) in from_frame.into_iter().chain(full) {
            if let Some(u) = state
                .store
                .session_user(&hash, state.clock.now(), how)
                .await?
            {
                user = Some(u);
                session_hash = Some(hash);
                frame_session = framed_one;
                break;
            }
        }
        let anon_cookie = framed
            .then(|| read_cookie(headers, FRAME_ANON_COOKIE))
            .flatten()
            .or_else(|| read_cookie(headers, ANON_COOKIE));
        let (anon, anon_is_new) = match anon_cookie {
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
        let dates = member_dates(
            crate::domain::locale::Dates::new(locale.language_tag(), state.config.time_zone),
            user.as_ref(),
        );
        Ok(Viewer {
            user,
            session_hash,
            anon,
            anon_is_new,
            csrf,
            secure,
            framed,
            frame_session,
            dates,
            locale,
        })
    }
}

/// The words for `user` outside a page of theirs (a mail, a refusal of what they sent): their
/// own language, or the site's.
pub fn member_tr(state: &AppState, user: &SessionUser) -> crate::domain::l10n::Tr {
    crate::domain::l10n::Tr::new(Locale::of_member(
        user.locale.as_deref(),
        state.config.locale,
    ))
}

/// The site's way of writing times, in the member's own time zone when they chose one (a
/// zone no longer known, after an update of the zone database, falls back to the site's).
pub fn member_dates(
    site: crate::domain::locale::Dates,
    user: Option<&SessionUser>,
) -> crate::domain::locale::Dates {
    match user
        .and_then(|u| u.time_zone.as_deref())
        .and_then(|z| crate::domain::locale::Zone::parse(z).ok())
    {
        Some(zone) => site.in_zone(zone),
        None => site,
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
