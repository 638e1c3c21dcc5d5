//! Signing in inside the embedded conversation, on SQLite and PostgreSQL: the host site's signed
//! token (valid, expired, tampered, for another site, too long-lived, missing a claim), the
//! sign-in popup's one-time code (once, briefly, for its own site), the frame's partitioned
//! session cookie and what it opens (the embed's routes only), CSRF inside the frame, signing
//! out, and bans and data export for a host's reader.
//!
//! The frame's requests carry their cookies by hand: a browser that blocks third-party cookies
//! keeps only the partitioned ones, and these are exactly what the frame sends here.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::common::{TestApp, article, attrs, html};
use broadsheet::domain::embed::{Origin, SiteId};
use broadsheet::domain::user::Role;

backend_tests!(
    a_host_token_signs_its_reader_in_to_the_frame_only,
    bad_host_tokens_are_refused_with_what_is_wrong,
    the_popup_code_works_once_briefly_and_for_its_own_site,
    the_frame_session_signs_out_and_its_member_can_be_banned,
);

pub(crate) const BLOG: &str = "https://blog.example";
pub(crate) const SECRET: &str = "secret-for-tests";

pub(crate) async fn with_site(app: &TestApp, name: &str) -> SiteId {
    app.publish(&[article("story", "Science", 5)]).await;
    app.store
        .create_site(
            name,
            &[Origin::parse(BLOG).unwrap()],
            SECRET,
            app.clock.now(),
        )
        .await
        .unwrap()
}

pub(crate) fn frame_path(site: SiteId) -> String {
    let q: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("site", &site.0.to_string())
        .append_pair("page", &format!("{BLOG}/2026/post"))
        .finish();
    format!("/embed/thread?{q}")
}

/// An HS256 token over `claims`, as a host site's server makes one.
pub(crate) fn sign(claims: &Value, secret: &str) -> String {
    let enc = |v: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap());
    let input = format!(
        "{}.{}",
        enc(&json!({"alg": "HS256", "typ": "JWT"})),
        enc(claims)
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(input.as_bytes());
    format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

pub(crate) fn claims(app: &TestApp, site: SiteId, sub: &str, name: &str) -> Value {
    json!({
        "sub": sub, "name": name, "email": "reader@host.example",
        "exp": app.clock.now().timestamp() + 300, "aud": site.0.to_string(),
    })
}

/// The frame as a browser that blocks third-party cookies runs it: only the cookies it was
/// given (all partitioned), sent by hand.
pub(crate) struct Frame {
    pub(crate) http: reqwest::Client,
    pub(crate) cookies: BTreeMap<String, String>,
    /// Every `Set-Cookie` line answered so far.
    set: Vec<String>,
}

impl Frame {
    pub(crate) fn new() -> Frame {
        Frame {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
            set: Vec::new(),
        }
    }

    pub(crate) fn header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub(crate) fn keep(&mut self, r: &reqwest::Response) {
        for v in r.headers().get_all("set-cookie") {
            let line = v.to_str().unwrap().to_owned();
            let (pair, _) = line.split_once(';').unwrap_or((&line, ""));
            let (k, val) = pair.split_once('=').unwrap();
            if val.is_empty() || line.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), val.to_owned());
            }
            self.set.push(line);
        }
    }

    pub(crate) async fn get(&mut self, app: &TestApp, path: &str) -> (u16, String) {
        let r = self
            .http
            .get(app.url(path))
            .header("cookie", self.header())
            .send()
            .await
            .unwrap();
        self.keep(&r);
        let status = r.status().as_u16();
        (status, r.text().await.unwrap())
    }

    /// The frame's form token and site, from its page, or (signed out: the page is every
    /// reader's) from `/embed/csrf`, as the frame's script asks for it.
    pub(crate) async fn open(&mut self, app: &TestApp, site: SiteId) -> (String, String) {
        let (status, body) = self.get(app, &frame_path(site)).await;
        assert_eq!(status, 200, "{body}");
        let doc = html(&body);
        let mut csrf = attrs(&doc, "html", "data-csrf").remove(0);
        if csrf.is_empty() {
            let (status, body) = self.get(app, "/embed/csrf").await;
            assert_eq!(status, 200, "{body}");
            let token: Value = serde_json::from_str(&body).unwrap();
            csrf = token["csrf"].as_str().unwrap().to_owned();
        }
        (csrf, attrs(&doc, "html", "data-site").remove(0))
    }

    /// A POST as the frame's script sends it (asking for JSON refusals).
    pub(crate) async fn post(
        &mut self,
        app: &TestApp,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let r = self
            .http
            .post(app.url(path))
            .header("cookie", self.header())
            .header("accept", "application/json")
            .form(fields)
            .send()
            .await
            .unwrap();
        self.keep(&r);
        r
    }

    pub(crate) async fn host_signin(
        &mut self,
        app: &TestApp,
        site: SiteId,
        token: &str,
    ) -> reqwest::Response {
        let (csrf, s) = self.open(app, site).await;
        self.post(
            app,
            "/embed/host-signin",
            &[("csrf", &csrf), ("site", &s), ("token", token)],
        )
        .await
    }

    fn last_set(&self, name: &str) -> String {
        self.set
            .iter()
            .rev()
            .find(|l| l.starts_with(&format!("{name}=")))
            .cloned()
            .unwrap_or_else(|| panic!("no {name} cookie was set: {:?}", self.set))
    }
}

async fn refusal(r: reqwest::Response) -> (u16, String) {
    let status = r.status().as_u16();
    let body: Value = r.json().await.unwrap();
    (
        status,
        body["error"].as_str().unwrap_or_default().to_owned(),
    )
}

fn assert_frame_cookie(line: &str) {
    for part in [
        "Path=/embed",
        "HttpOnly",
        "Secure",
        "SameSite=None",
        "Partitioned",
    ] {
        assert!(line.contains(part), "{part} missing in {line}");
    }
}

async fn a_host_token_signs_its_reader_in_to_the_frame_only(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    // Someone here already has the address the host names: the host cannot reach that account.
    let existing = app.member("Local").await;
    let mut frame = Frame::new();
    let token = sign(&claims(&app, site, "host-7", "Host Reader"), SECRET);
    let r = frame.host_signin(&app, site, &token).await;
    // The signed-out frame's form token rode on a partitioned anonymous cookie.
    assert_frame_cookie(&frame.last_set("bs_embed_anon"));
    assert_eq!(r.status(), 204);
    let session_cookie = frame.last_set("bs_embed");
    assert_frame_cookie(&session_cookie);
    assert!(
        session_cookie.contains("Max-Age=2592000"),
        "{session_cookie}"
    );

    // Signed in inside the frame: the form is there and posting works.
    let (_, page) = frame.get(&app, &frame_path(site)).await;
    let doc = html(&page);
    let action = attrs(&doc, "#comment-form", "action").remove(0);
    let csrf = attrs(&doc, "#comment-form input[name=csrf]", "value").remove(0);
    assert!(page.contains("Signed in as Host Reader"), "{page}");
    let r = frame
        .post(
            &app,
            &action,
            &[("csrf", &csrf), ("body", "From the host's reader.")],
        )
        .await;
    let id = posted_id(r).await;
    let comment = app.store.comment(id).await.unwrap().unwrap();
    assert_eq!(comment.author_name, "Host Reader");
    let member = comment.author_id.unwrap();
    let local = app
        .store
        .user_by_email(&broadsheet::domain::user::Email::parse(&existing.email).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_ne!(member, local.id);
    let row = app.store.user_by_id(member).await.unwrap().unwrap();
    assert!(row.email.ends_with("@embedded.invalid"), "{}", row.email);
    // CSRF inside the frame: the form without its token is refused.
    let r = frame.post(&app, &action, &[("body", "Forged.")]).await;
    assert_eq!(r.status(), 403);

    // The same reader again is the same member, under the host's new name for them.
    let mut again = Frame::new();
    let token = sign(&claims(&app, site, "host-7", "Renamed Reader"), SECRET);
    assert_eq!(again.host_signin(&app, site, &token).await.status(), 204);
    let (_, page) = again.get(&app, &frame_path(site)).await;
    assert!(page.contains("Signed in as Renamed Reader"), "{page}");
    assert_eq!(
        app.store
            .user_by_id(member)
            .await
            .unwrap()
            .unwrap()
            .display_name,
        "Renamed Reader"
    );

    // The frame's cookie opens the embed's routes only, whatever name it is sent under.
    let value = frame.cookies["bs_embed"].clone();
    for cookie in [format!("bs_embed={value}"), format!("bs_session={value}")] {
        let r = frame
            .http
            .get(app.url("/settings"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{cookie} opened /settings");
    }

    // The member's data, from inside the frame, names the site identity.
    let (status, data) = frame.get(&app, "/embed/data.json").await;
    assert_eq!(status, 200);
    let data: Value = serde_json::from_str(&data).unwrap();
    let ids = data["site_identities"].as_array().unwrap();
    assert_eq!(ids.len(), 1, "{data}");
    assert_eq!(ids[0]["site"], "Blog");
    assert_eq!(ids[0]["id_at_site"], "host-7");
    assert_eq!(ids[0]["email_at_site"], "reader@host.example");
    assert_eq!(data["comments"].as_array().unwrap().len(), 1);
}

async fn bad_host_tokens_are_refused_with_what_is_wrong(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let other = app
        .store
        .create_site(
            "Other",
            &[Origin::parse("https://other.example").unwrap()],
            "other-secret",
            app.clock.now(),
        )
        .await
        .unwrap();
    let now = app.clock.now().timestamp();
    let good = claims(&app, site, "host-1", "Reader");
    let with = |key: &str, value: Value| {
        let mut c = good.clone();
        c[key] = value;
        sign(&c, SECRET)
    };
    let without = |key: &str| {
        let mut c = good.clone();
        c.as_object_mut().unwrap().remove(key);
        sign(&c, SECRET)
    };
    let valid = sign(&good, SECRET);
    let (body, _) = valid.rsplit_once('.').unwrap();
    let forged_claims = URL_SAFE_NO_PAD.encode(
        serde_json::to_vec(
            &json!({"sub": "admin", "name": "Admin", "email": "a@host.example",
            "exp": now + 300, "aud": site.0.to_string()}),
        )
        .unwrap(),
    );
    let tampered = format!(
        "{}.{forged_claims}.{}",
        body.split('.').next().unwrap(),
        valid.rsplit('.').next().unwrap()
    );
    let cases: Vec<(&str, String, &str)> = vec![
        ("expired", with("exp", json!(now - 120)), "has expired"),
        ("tampered", tampered, "signature does not match"),
        (
            "another secret",
            sign(&good, "not-the-secret"),
            "signature does not match",
        ),
        (
            "for another site",
            with("aud", json!(other.0.to_string())),
            "for another site",
        ),
        (
            "too long-lived",
            with("exp", json!(now + 3600)),
            "lives too long",
        ),
        ("no sub", without("sub"), "no “sub” claim"),
        ("no name", without("name"), "no “name” claim"),
        ("no email", without("email"), "no “email” claim"),
        ("no exp", without("exp"), "no “exp” claim"),
        ("no aud", without("aud"), "no “aud” claim"),
        (
            "bad email",
            with("email", json!("nobody")),
            "“email” claim is not valid",
        ),
        ("not a token", "abc.def".into(), "not a JSON Web Token"),
    ];
    let mut frame = Frame::new();
    for (what, token, says) in &cases {
        let r = frame.host_signin(&app, site, token).await;
        let (status, message) = refusal(r).await;
        assert_eq!(status, 422, "{what}: {message}");
        assert!(message.contains(says), "{what}: {message}");
        assert!(!frame.cookies.contains_key("bs_embed"), "{what} signed in");
    }
    // The other site's own token, checked against the other site, is fine: the site is the
    // frame's, the secret is that site's.
    let mut c = good.clone();
    c["aud"] = json!(other.0.to_string());
    let r = frame
        .host_signin(&app, site, &sign(&c, "other-secret"))
        .await;
    assert_eq!(r.status(), 422);

    // Without the frame's form token, even a valid token is refused.
    let r = frame
        .post(
            &app,
            "/embed/host-signin",
            &[("site", &site.0.to_string()), ("token", &valid)],
        )
        .await;
    assert_eq!(r.status(), 403);
    // A site that does not exist.
    let (csrf, _) = frame.open(&app, site).await;
    let r = frame
        .post(
            &app,
            "/embed/host-signin",
            &[("csrf", &csrf), ("site", "999999"), ("token", &valid)],
        )
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(frame.host_signin(&app, site, &valid).await.status(), 204);
}

/// A popup's code for `site`, issued to `reader` (a member signed in on this site).
pub(crate) async fn popup_code(reader: &crate::common::Member, site: SiteId) -> String {
    let page = reader.page(&format!("/embed/signin?site={}", site.0)).await;
    attrs(&html(&page), "#embed-signin-code", "data-code").remove(0)
}

async fn the_popup_code_works_once_briefly_and_for_its_own_site(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let other = app
        .store
        .create_site(
            "Other",
            &[Origin::parse(BLOG).unwrap()],
            "x",
            app.clock.now(),
        )
        .await
        .unwrap();
    // Signed out, the popup goes through the usual sign-in and comes back.
    let r = app.get(&format!("/embed/signin?site={}", site.0)).await;
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        to,
        format!("/signin?return_to=%2Fembed%2Fsignin%3Fsite%3D{}", site.0)
    );
    let form = app.page(&to, 200).await;
    assert_eq!(
        attrs(&html(&form), "input[name=return_to]", "value"),
        vec![format!("/embed/signin?site={}", site.0)]
    );
    assert_eq!(app.get("/embed/signin?site=999999").await.status(), 403);

    let ada = app.member("Ada").await;
    let code = popup_code(&ada, site).await;
    let popup = ada.get(&format!("/embed/signin?site={}", site.0)).await;
    assert_eq!(popup.headers()["cache-control"], "no-store");

    let mut frame = Frame::new();
    let (csrf, s) = frame.open(&app, site).await;
    // CSRF inside the frame: without the frame's token, or with another visitor's, refused.
    let r = frame
        .post(&app, "/embed/session", &[("site", &s), ("code", &code)])
        .await;
    assert_eq!(r.status(), 403);
    let mut stranger = Frame::new();
    let (their_csrf, _) = stranger.open(&app, site).await;
    let r = frame
        .post(
            &app,
            "/embed/session",
            &[("csrf", &their_csrf), ("site", &s), ("code", &code)],
        )
        .await;
    assert_eq!(r.status(), 403);

    let r = frame
        .post(
            &app,
            "/embed/session",
            &[("csrf", &csrf), ("site", &s), ("code", &code)],
        )
        .await;
    assert_eq!(r.status(), 204);
    assert_frame_cookie(&frame.last_set("bs_embed"));
    let (_, page) = frame.get(&app, &frame_path(site)).await;
    assert!(page.contains("Signed in as Ada"), "{page}");
    assert_eq!(attrs(&html(&page), "#comment-form", "action").len(), 1);

    // Once only.
    let mut second = Frame::new();
    let (csrf2, s2) = second.open(&app, site).await;
    let r = second
        .post(
            &app,
            "/embed/session",
            &[("csrf", &csrf2), ("site", &s2), ("code", &code)],
        )
        .await;
    let (status, message) = refusal(r).await;
    assert_eq!(status, 400);
    assert!(message.contains("expired or was already used"), "{message}");

    // For its own site only (and spent by the attempt).
    let code = popup_code(&ada, site).await;
    let (csrf_o, s_o) = second.open(&app, other).await;
    let r = second
        .post(
            &app,
            "/embed/session",
            &[("csrf", &csrf_o), ("site", &s_o), ("code", &code)],
        )
        .await;
    let (status, message) = refusal(r).await;
    assert_eq!(status, 403);
    assert!(message.contains("another site"), "{message}");
    let r = second
        .post(
            &app,
            "/embed/session",
            &[("csrf", &csrf2), ("site", &s2), ("code", &code)],
        )
        .await;
    assert_eq!(r.status(), 400);

    // Briefly: two minutes.
    let code = popup_code(&ada, site).await;
    app.clock.advance(chrono::Duration::seconds(121));
    let r = second
        .post(
            &app,
            "/embed/session",
            &[("csrf", &csrf2), ("site", &s2), ("code", &code)],
        )
        .await;
    assert_eq!(r.status(), 400);
    assert!(!second.cookies.contains_key("bs_embed"));
}

async fn the_frame_session_signs_out_and_its_member_can_be_banned(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let mut frame = Frame::new();
    let token = sign(&claims(&app, site, "host-9", "Banned Later"), SECRET);
    assert_eq!(frame.host_signin(&app, site, &token).await.status(), 204);
    let (_, page) = frame.get(&app, &frame_path(site)).await;
    let doc = html(&page);
    let action = attrs(&doc, "#comment-form", "action").remove(0);
    let csrf = attrs(&doc, "#comment-form input[name=csrf]", "value").remove(0);
    let r = frame
        .post(
            &app,
            &action,
            &[("csrf", &csrf), ("body", "Before the ban.")],
        )
        .await;
    let id = posted_id(r).await;
    let member = app
        .store
        .comment(id)
        .await
        .unwrap()
        .unwrap()
        .author_id
        .unwrap();

    // The desk bans the host's reader as anyone: the frame stops taking their comments.
    let moderator = app.member("Mo").await;
    moderator.promote(&app, Role::Moderator).await;
    let r = moderator
        .post(
            &format!("/admin/users/{member}/ban"),
            &[("length", "7"), ("reason", "Spam")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let r = frame
        .post(
            &app,
            &action,
            &[("csrf", &csrf), ("body", "After the ban.")],
        )
        .await;
    assert!(r.status().is_client_error(), "{}", r.status());
    assert_eq!(
        app.store.comments_by_author(member).await.unwrap().len(),
        1,
        "the banned reader's comment was taken"
    );

    // Signing out ends the frame's session on the server too.
    let (_, page) = frame.get(&app, &frame_path(site)).await;
    let doc = html(&page);
    let out = attrs(&doc, "form.embed-account input[name=csrf]", "value").remove(0);
    let back = attrs(&doc, "form.embed-account input[name=return_to]", "value").remove(0);
    let value = frame.cookies["bs_embed"].clone();
    let r = frame
        .post(
            &app,
            "/embed/signout",
            &[("csrf", &out), ("return_to", &back)],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"].to_str().unwrap(), back);
    let cleared = frame.last_set("bs_embed");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_frame_cookie(&cleared);
    let r = frame
        .http
        .get(app.url(&frame_path(site)))
        .header("cookie", format!("bs_embed={value}"))
        .send()
        .await
        .unwrap();
    let page = r.text().await.unwrap();
    assert!(!page.contains("Signed in as"), "the old cookie still works");
    assert_eq!(attrs(&html(&page), "#frame-signin", "data-popup").len(), 1);
}

/// The frame's script asks for JSON: a posted comment answers 201 with its id.
pub(crate) async fn posted_id(r: reqwest::Response) -> i64 {
    assert_eq!(r.status(), 201);
    let body: serde_json::Value = r.json().await.unwrap();
    body["id"].as_i64().unwrap()
}
