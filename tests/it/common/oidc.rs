//! OpenID Connect providers for tests, on loopback.
//!
//! [`TestProvider`] is written here: a discovery document, its JWKS, an authorization endpoint
//! that sends the browser straight back with a code for the person the test chose (or with
//! `access_denied`), a token endpoint that checks the client's secret, the code, the redirect URI
//! and the PKCE verifier before it returns an RS256-signed ID token, and a UserInfo endpoint. By
//! default the ID token carries the address and name; a test may have it carry only the subject
//! (leaving them to UserInfo, as OpenID Connect Core §5.4 allows) or have UserInfo answer about
//! someone else.
//!
//! [`CertifiedProvider`] is node-oidc-provider, an OpenID Certified implementation, as it comes
//! (`tests/oidc-provider`), which keeps those claims for UserInfo. It needs `npm ci` in that
//! folder; without it its tests are skipped with a message, unless
//! `BROADSHEET_TEST_REQUIRE_OIDC_PROVIDER=1` (as in CI) makes that a failure.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreResponseType, CoreRsaPrivateSigningKey, CoreSubjectIdentifierType,
};
use openidconnect::{
    AccessToken, Audience, AuthUrl, EmptyAdditionalClaims, EmptyAdditionalProviderMetadata,
    EndUserEmail, EndUserName, EndUserUsername, IssuerUrl, JsonWebKeyId, JsonWebKeySetUrl, Nonce,
    PrivateSigningKey, ResponseTypes, StandardClaims, SubjectIdentifier, TokenUrl, UserInfoUrl,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};

pub const CLIENT_ID: &str = "broadsheet-test";
pub const CLIENT_SECRET: &str = "test-client-secret-4b1d";

/// A 2048-bit RSA key generated with `openssl genrsa` for these tests only.
const SIGNING_KEY_PEM: &str = "-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEApX9YWyDHXW7WsTMlcDjAlmewjcWv4f39ajf0l/qLlVCK/tRO
jtU33voXYlQztyL9xGlp15E54osi2rAo7sdnE5yhNsGIba0uKAYHaDcmEYQrWIFJ
pploCwxKHeyIOzPR/sIntjuBVV7APYqo+6C+RkKU2JEtITTn9HiN5JRt03ivM06q
Y3llgDmWXUhSTg+f0cv1R28qAsElYZnLO78XVknrsnDDHr7+8m7PBTLB2CF7cwRy
UraLfpPWe5TOmVe2qq56SmEPlOlO6X3fJ8pWhm+12kgAsvpVKr34QPtKE1to4mTh
aykOlVsVu2LnVbGvp+9D7vrLqkJoxQ+bwqg6SQIDAQABAoIBAAIBuUs26olHfshH
RnzwiI/0/JRmK+vMQ0u2bKYrHjuBQ9jd2itWiobkTBmfy8C8u+GrJY1nmrwUfn0I
WyFfaZs4mvvUUkMs270V1aEoighMV0+LbHPeCFTvS+FxAiCK+vuL1Hob3prvuy+u
hBNeWkWf07jh3xo3+gK3iNZCC9LfRBZNiN4ssZ6AGN7C4lR650bHVjV1zXEmw+f1
geWp+Hp24uzf6b0sqOs+QHGKw+ler72plWYWiOUmxxZ8is+lHzY7A75qhlwyt/kX
6oZaaOMhrHM2/GN3Eeob8+X9B+FwNfnsOUxvrRaTk2dA3MkIF+TT9OYBzYn1Gzyz
5mPBYMECgYEA2Nbh9qwHCHPlNQ3Q7WxVEYqdmt9WlQTOqQQRy6AQ3HMpovcACNkn
Q40aB43RD8VmNN9Yz6sYOVbXenE9RefrrjrcASgSONntw7OM9DUk7nM+Uq4i/n17
vR2nolg6IolnUdiJS0P2JhpFFVCMQ3Vm9BqPfqW1czC6ERKA/8akXrcCgYEAw2LG
T7rPNVyHRHhZ1Z+c/yHUQ2KCK6ofPuyJ+kqKv3jOp7w+fVuVxOBxqJtJmmfM9UiB
ahAEBILmzlFVZdc+Aw+/zACA2AA4DWs9EU3VwjWW5CzBfEPX69vy5ZsjxhljGO2o
uSl2SGZBLQk/3NKxhZBt0YoeZ5XjcprIB3pfLv8CgYAqAN3+oW4vVfvlXgrFowGL
h1VmRbMI5Mh/dvlXf2ckvO4o0j3geOghLrkHE5KWwn886LLUb2ke2lKdNkhPPVCr
DF3Hn5KADr7+9M3uFElWI17EN1UyBO6uQItTaFHClOk9sntN6BlLYjVVnqe8/YX2
7Ro0xzax3JN+cR4p7bmzWwKBgFevqJh3mi60i/BqosaAj5DgucZUG19FRiiTN4kg
kwxDR1t33AOeaqSkpd2pc2rcUttx4sKa1XLA3JyTW+QMqUPueYEwaKKH1qAPFKUD
bX9vVXypqVv/hpPPbj8lVPS+x/6UCjivJupvGakAkayk0g7DNsXnWqXaWu1AEa1p
efY5AoGBALvUEkJej7cAJ3idg1U6rvsXqNb9zoBi5gVlbBLMobrTpUmucxqcbcH5
Ij++IVNLoQaSYEDLGXhEJfl07QM6ZOQ/wI6KZNj2FRYeGr/rZuOqByXQIxDYAVL4
jNGQok4z5z+SvUMOwA4LHb76YHipuWdMasXMZCXYFHEY0Uw7YnGa
-----END RSA PRIVATE KEY-----";

/// The person the provider signs in next.
#[derive(Clone, Debug)]
pub struct TestUser {
    pub subject: String,
    pub email: String,
    pub email_verified: bool,
    pub name: Option<String>,
    pub preferred_username: Option<String>,
}

impl TestUser {
    pub fn new(subject: &str, email: &str) -> TestUser {
        TestUser {
            subject: subject.to_owned(),
            email: email.to_owned(),
            email_verified: true,
            name: None,
            preferred_username: None,
        }
    }
}

struct Grant {
    user: TestUser,
    nonce: Option<String>,
    challenge: String,
    redirect_uri: String,
}

#[derive(Default)]
struct Inner {
    next_user: Option<TestUser>,
    deny: bool,
    codes: HashMap<String, Grant>,
    tokens_issued: usize,
    /// Who each access token was issued for, for UserInfo.
    access_tokens: HashMap<String, TestUser>,
    /// The ID token carries only the subject; the address and name come from UserInfo.
    claims_only_in_userinfo: bool,
    /// UserInfo answers with this subject, whatever the token's (a misbehaving provider).
    userinfo_subject: Option<String>,
    userinfo_requests: usize,
}

#[derive(Clone)]
pub struct TestProvider {
    pub issuer: String,
    inner: Arc<Mutex<Inner>>,
    key: Arc<CoreRsaPrivateSigningKey>,
}

impl TestProvider {
    pub async fn start() -> TestProvider {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        let provider = TestProvider {
            issuer: format!("http://{addr}"),
            inner: Arc::default(),
            key: Arc::new(
                CoreRsaPrivateSigningKey::from_pem(
                    SIGNING_KEY_PEM,
                    Some(JsonWebKeyId::new("test-key-1".to_owned())),
                )
                .expect("the embedded test key"),
            ),
        };
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .route("/userinfo", get(userinfo))
            .with_state(provider.clone());
        // Ends with the test's runtime.
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        provider
    }

    /// The next authorization signs in `user`.
    pub fn sign_in_as(&self, user: TestUser) {
        let mut inner = self.inner.lock().unwrap();
        inner.next_user = Some(user);
        inner.deny = false;
    }

    /// The next authorization answers `access_denied`, as when the person says no.
    pub fn deny_next(&self) {
        self.inner.lock().unwrap().deny = true;
    }

    /// ID tokens handed out so far.
    pub fn tokens_issued(&self) -> usize {
        self.inner.lock().unwrap().tokens_issued
    }

    /// From now on the ID token carries only the subject: the address, whether it is verified
    /// and the name come from UserInfo alone (OpenID Connect Core §5.4).
    pub fn keep_claims_for_userinfo(&self) {
        self.inner.lock().unwrap().claims_only_in_userinfo = true;
    }

    /// From now on UserInfo answers with `subject`, whoever the access token is for.
    pub fn userinfo_answers_for(&self, subject: &str) {
        self.inner.lock().unwrap().userinfo_subject = Some(subject.to_owned());
    }

    /// UserInfo requests answered so far.
    pub fn userinfo_requests(&self) -> usize {
        self.inner.lock().unwrap().userinfo_requests
    }

    pub fn settings(&self, label: &str) -> broadsheet::config::OidcSettings {
        broadsheet::config::OidcSettings {
            issuer: self.issuer.clone(),
            client_id: CLIENT_ID.to_owned(),
            client_secret: broadsheet::config::Secret::new(CLIENT_SECRET),
            label: label.to_owned(),
        }
    }
}

async fn discovery(State(p): State<TestProvider>) -> Response {
    let url = |path: &str| format!("{}{path}", p.issuer);
    let metadata = CoreProviderMetadata::new(
        IssuerUrl::new(p.issuer.clone()).unwrap(),
        AuthUrl::new(url("/authorize")).unwrap(),
        JsonWebKeySetUrl::new(url("/jwks")).unwrap(),
        vec![ResponseTypes::new(vec![CoreResponseType::Code])],
        vec![CoreSubjectIdentifierType::Public],
        vec![CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256],
        EmptyAdditionalProviderMetadata {},
    )
    .set_token_endpoint(Some(TokenUrl::new(url("/token")).unwrap()))
    .set_userinfo_endpoint(Some(UserInfoUrl::new(url("/userinfo")).unwrap()));
    Json(metadata).into_response()
}

async fn jwks(State(p): State<TestProvider>) -> Response {
    Json(CoreJsonWebKeySet::new(vec![p.key.as_verification_key()])).into_response()
}

#[derive(Deserialize)]
struct AuthorizeQuery {
    client_id: String,
    redirect_uri: String,
    state: String,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

async fn authorize(State(p): State<TestProvider>, Query(q): Query<AuthorizeQuery>) -> Response {
    if q.client_id != CLIENT_ID {
        return (StatusCode::BAD_REQUEST, "unknown client").into_response();
    }
    let sep = if q.redirect_uri.contains('?') {
        '&'
    } else {
        '?'
    };
    let state: String = form_urlencoded::byte_serialize(q.state.as_bytes()).collect();
    let mut inner = p.inner.lock().unwrap();
    if std::mem::take(&mut inner.deny) {
        return Redirect::to(&format!(
            "{}{sep}error=access_denied&state={state}",
            q.redirect_uri
        ))
        .into_response();
    }
    if q.code_challenge_method.as_deref() != Some("S256") {
        return (StatusCode::BAD_REQUEST, "PKCE with S256 is required").into_response();
    }
    let Some(user) = inner.next_user.clone() else {
        return (StatusCode::BAD_REQUEST, "the test chose nobody to sign in").into_response();
    };
    let code = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>());
    inner.codes.insert(
        code.clone(),
        Grant {
            user,
            nonce: q.nonce,
            challenge: q.code_challenge.unwrap_or_default(),
            redirect_uri: q.redirect_uri.clone(),
        },
    );
    Redirect::to(&format!("{}{sep}code={code}&state={state}", q.redirect_uri)).into_response()
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: String,
    code: String,
    redirect_uri: String,
    code_verifier: String,
}

fn token_error(error: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({ "error": error })),
    )
        .into_response()
}

async fn token(
    State(p): State<TestProvider>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    let expected = format!(
        "Basic {}",
        STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        != Some(&expected)
    {
        return token_error("invalid_client");
    }
    if form.grant_type != "authorization_code" {
        return token_error("unsupported_grant_type");
    }
    let Some(grant) = p.inner.lock().unwrap().codes.remove(&form.code) else {
        return token_error("invalid_grant");
    };
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(form.code_verifier.as_bytes()));
    if challenge != grant.challenge || form.redirect_uri != grant.redirect_uri {
        return token_error("invalid_grant");
    }
    let now = chrono::Utc::now();
    let user = grant.user;
    let only_subject = p.inner.lock().unwrap().claims_only_in_userinfo;
    let claims = if only_subject {
        StandardClaims::new(SubjectIdentifier::new(user.subject.clone()))
    } else {
        standard_claims(&user)
    };
    let access_token = AccessToken::new(URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>()));
    let id_token = CoreIdToken::new(
        CoreIdTokenClaims::new(
            IssuerUrl::new(p.issuer.clone()).unwrap(),
            vec![Audience::new(CLIENT_ID.to_owned())],
            now + chrono::Duration::minutes(5),
            now,
            claims,
            EmptyAdditionalClaims {},
        )
        .set_nonce(grant.nonce.map(Nonce::new)),
        p.key.as_ref(),
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        Some(&access_token),
        None,
    )
    .expect("sign the ID token");
    {
        let mut inner = p.inner.lock().unwrap();
        inner.tokens_issued += 1;
        inner
            .access_tokens
            .insert(access_token.secret().clone(), user);
    }
    Json(serde_json::json!({
        "access_token": access_token.secret(),
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token.to_string(),
    }))
    .into_response()
}

fn standard_claims(user: &TestUser) -> StandardClaims<openidconnect::core::CoreGenderClaim> {
    let mut claims = StandardClaims::new(SubjectIdentifier::new(user.subject.clone()))
        .set_email(Some(EndUserEmail::new(user.email.clone())))
        .set_email_verified(Some(user.email_verified));
    if let Some(name) = &user.name {
        claims = claims.set_name(Some(EndUserName::new(name.clone()).into()));
    }
    if let Some(u) = &user.preferred_username {
        claims = claims.set_preferred_username(Some(EndUserUsername::new(u.clone())));
    }
    claims
}

/// `GET /userinfo` with the access token as a bearer token: the person's claims as JSON.
async fn userinfo(State(p): State<TestProvider>, headers: HeaderMap) -> Response {
    let mut inner = p.inner.lock().unwrap();
    inner.userinfo_requests += 1;
    let user = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|token| inner.access_tokens.get(token));
    let Some(user) = user else {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")],
        )
            .into_response();
    };
    let mut user = user.clone();
    if let Some(subject) = &inner.userinfo_subject {
        user.subject = subject.clone();
    }
    Json(standard_claims(&user)).into_response()
}

// ----- node-oidc-provider -----

/// The folder of the node-oidc-provider script and its npm lock file.
fn certified_provider_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oidc-provider")
}

fn certified_provider_required() -> bool {
    std::env::var("BROADSHEET_TEST_REQUIRE_OIDC_PROVIDER").is_ok_and(|v| v == "1" || v == "true")
}

/// node-oidc-provider in a child process (ended when this is dropped), with one client whose
/// only redirect URI is the app's, and the accounts the test gives it.
pub struct CertifiedProvider {
    pub issuer: String,
    accounts_file: PathBuf,
    accounts: Mutex<(serde_json::Map<String, serde_json::Value>, Option<String>)>,
    _dir: tempfile::TempDir,
    _child: tokio::process::Child,
}

impl CertifiedProvider {
    /// Starts it for an app whose redirect URI is `redirect_uri`. `None` (with a message) when
    /// it is not installed (`npm ci` in tests/oidc-provider) and not required.
    pub async fn start(redirect_uri: &str) -> Option<CertifiedProvider> {
        let folder = certified_provider_dir();
        if !folder.join("node_modules/oidc-provider").is_dir() {
            let why = format!(
                "node-oidc-provider is not installed (run `npm ci` in {})",
                folder.display()
            );
            if certified_provider_required() {
                panic!("BROADSHEET_TEST_REQUIRE_OIDC_PROVIDER is set but {why}");
            }
            static ONCE: std::sync::Once = std::sync::Once::new();
            ONCE.call_once(|| {
                // Written to the handle, not with eprintln!, so the test harness does not
                // swallow it: a skipped provider must be seen.
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "\n*** {why}: the single sign-on tests against it were SKIPPED ***\n"
                );
            });
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let accounts_file = dir.path().join("accounts.json");
        std::fs::write(&accounts_file, "{}").unwrap();
        let log = dir.path().join("provider.log");
        let mut child = tokio::process::Command::new("node")
            .current_dir(&folder)
            .arg("provider.mjs")
            .args(["--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET])
            .args(["--redirect-uri", redirect_uri])
            .arg("--accounts")
            .arg(&accounts_file)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .kill_on_drop(true)
            .spawn()
            .expect("start node (tests/oidc-provider/provider.mjs)");
        use tokio::io::AsyncBufReadExt;
        let mut stdout = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
        // A bound so that a provider that never starts fails the test instead of hanging it.
        let first = tokio::time::timeout(Duration::from_secs(60), stdout.next_line()).await;
        let issuer = match first {
            Ok(Ok(Some(line))) if line.starts_with("http://127.0.0.1:") => line,
            other => panic!(
                "node-oidc-provider did not start ({other:?}):\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            ),
        };
        // It writes notices on stdout too: read on, or its next write fails and ends it.
        tokio::spawn(async move { while let Ok(Some(_)) = stdout.next_line().await {} });
        Some(CertifiedProvider {
            issuer,
            accounts_file,
            accounts: Mutex::default(),
            _dir: dir,
            _child: child,
        })
    }

    /// Gives the provider this account (or its new claims), and signs it in next.
    pub fn sign_in_as(&self, user: TestUser) {
        let mut accounts = self.accounts.lock().unwrap();
        let mut claims = serde_json::json!({
            "email": user.email,
            "email_verified": user.email_verified,
        });
        if let Some(name) = user.name {
            claims["name"] = name.into();
        }
        if let Some(u) = user.preferred_username {
            claims["preferred_username"] = u.into();
        }
        accounts.0.insert(user.subject.clone(), claims);
        accounts.1 = Some(user.subject);
        // Whole or not at all: the provider reads the file while a test may be writing it.
        let part = self.accounts_file.with_extension("part");
        std::fs::write(&part, serde_json::to_vec(&accounts.0).unwrap()).unwrap();
        std::fs::rename(&part, &self.accounts_file).unwrap();
    }

    fn next_subject(&self) -> String {
        self.accounts
            .lock()
            .unwrap()
            .1
            .clone()
            .expect("the test chose nobody to sign in")
    }

    pub fn settings(&self, label: &str) -> broadsheet::config::OidcSettings {
        broadsheet::config::OidcSettings {
            issuer: self.issuer.clone(),
            client_id: CLIENT_ID.to_owned(),
            client_secret: broadsheet::config::Secret::new(CLIENT_SECRET),
            label: label.to_owned(),
        }
    }
}

/// Either provider, for the tests that run against both.
pub enum Idp {
    HandWritten(TestProvider),
    Certified(Box<CertifiedProvider>),
}

impl From<TestProvider> for Idp {
    fn from(p: TestProvider) -> Idp {
        Idp::HandWritten(p)
    }
}

impl From<CertifiedProvider> for Idp {
    fn from(p: CertifiedProvider) -> Idp {
        Idp::Certified(Box::new(p))
    }
}

impl Idp {
    /// The next sign-in at the provider is `user`'s.
    pub fn sign_in_as(&self, user: TestUser) {
        match self {
            Idp::HandWritten(p) => p.sign_in_as(user),
            Idp::Certified(p) => p.sign_in_as(user),
        }
    }

    /// What a person does at the provider: from the authorization URL the site sent the browser
    /// to, through the provider's pages (node-oidc-provider's login and consent forms; the
    /// hand-written one has none), to the URL the provider sends the browser back to, under
    /// `callback`, which is returned.
    pub async fn log_in(&self, c: &reqwest::Client, at_provider: &str, callback: &str) -> String {
        let mut url = reqwest::Url::parse(at_provider).unwrap();
        for _ in 0..10 {
            if url.as_str().starts_with(callback) {
                return url.to_string();
            }
            let r = c.get(url.clone()).send().await.unwrap();
            let status = r.status();
            let next = if status.is_redirection() {
                r.headers()["location"].to_str().unwrap().to_owned()
            } else {
                let body = r.text().await.unwrap();
                let Idp::Certified(p) = self else {
                    panic!("the provider answered {status} at {url}:\n{body}");
                };
                assert_eq!(status, 200, "at {url}:\n{body}");
                let doc = super::html(&body);
                let action = super::attrs(&doc, "form[method=post]", "action");
                let prompt = super::attrs(&doc, "form input[name=prompt]", "value");
                let subject = p.next_subject();
                let fields: Vec<(&str, &str)> = match prompt.first().map(String::as_str) {
                    // devInteractions takes any password for an account findAccount knows.
                    Some("login") => vec![
                        ("prompt", "login"),
                        ("login", &subject),
                        ("password", "any"),
                    ],
                    Some("consent") => vec![("prompt", "consent")],
                    _ => panic!("no login or consent form at {url}:\n{body}"),
                };
                let r = c
                    .post(url.join(&action[0]).unwrap())
                    .form(&fields)
                    .send()
                    .await
                    .unwrap();
                assert!(r.status().is_redirection(), "{:?}", r.status());
                r.headers()["location"].to_str().unwrap().to_owned()
            };
            url = url.join(&next).unwrap();
        }
        panic!("the provider did not send the browser back to {callback}; last at {url}");
    }
}
