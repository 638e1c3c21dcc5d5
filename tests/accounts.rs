//! Accounts over real HTTP, on SQLite and PostgreSQL: sign-up, sign-in and its throttle,
//! sign-out, CSRF and Origin checks, password reset by mail, and the member's settings.

mod common;

use common::{Member, PASSWORD, TestApp, article, attrs, client, csrf_of, html, texts};

backend_tests!(
    sign_up_form_has_the_contract_names_and_signs_in,
    sign_up_refuses_bad_input_and_keeps_what_was_typed,
    session_cookie_is_httponly_lax_and_signing_out_ends_it_on_the_server,
    forms_without_a_valid_token_or_from_another_origin_are_refused,
    sign_in_is_throttled_per_account_with_growing_delays,
    sign_ups_are_limited_per_address,
    password_reset_link_works_once_and_expires,
    settings_change_name_and_password_and_sign_out_everywhere,
    members_can_download_their_data_and_delete_their_account,
    housekeeping_prunes_expired_sessions_and_old_throttles,
);

async fn sign_up_form_has_the_contract_names_and_signs_in(app: TestApp) {
    let doc = html(&app.page("/signup", 200).await);
    for (id, label) in [
        ("display_name", "Display name"),
        ("email", "Email"),
        ("password", "Password"),
    ] {
        assert_eq!(texts(&doc, &format!("label[for={id}]")), vec![label]);
        assert_eq!(attrs(&doc, &format!("input#{id}"), "name"), vec![id]);
    }
    assert_eq!(
        texts(&doc, "form button[type=submit]"),
        vec!["Create account"]
    );
    let ada = app.member("Ada Lovelace").await;
    let front = html(&ada.page("/").await);
    assert_eq!(texts(&front, ".account-name"), vec!["Ada Lovelace"]);
    assert_eq!(texts(&front, ".account button"), vec!["Sign out"]);
    // The address is stored normalised: signing in with other letter case works.
    let c = client();
    let page = c
        .get(app.url("/signin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let doc = html(&page);
    assert_eq!(texts(&doc, "form button[type=submit]"), vec!["Sign in"]);
    let r = c
        .post(app.url("/signin"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("email", "ADA.LOVELACE@Example.org"),
            ("password", PASSWORD),
            ("return_to", "/sections/science"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/sections/science",
        "back where the reader came from"
    );
    // A return address off the site is ignored.
    let c = client();
    let page = c
        .get(app.url("/signin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = c
        .post(app.url("/signin"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("email", "ada.lovelace@example.org"),
            ("password", PASSWORD),
            ("return_to", "//evil.example/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/");
}

async fn sign_up_refuses_bad_input_and_keeps_what_was_typed(app: TestApp) {
    app.member("Taken").await;
    let c = client();
    let csrf = csrf_of(
        &c.get(app.url("/signup"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let cases = [
        (
            "Grace",
            "grace@example.org",
            "short",
            "at least 10 characters",
            "password",
        ),
        (
            "Grace",
            "not-an-address",
            PASSWORD,
            "e-mail address like name@example.org",
            "email",
        ),
        (
            "   ",
            "grace@example.org",
            PASSWORD,
            "Enter a display name",
            "display_name",
        ),
        (
            "Grace",
            "TAKEN@example.org",
            PASSWORD,
            "already exists",
            "email",
        ),
    ];
    for (name, email, password, message, field) in cases {
        let r = c
            .post(app.url("/signup"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("display_name", name),
                ("email", email),
                ("password", password),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{message}");
        let doc = html(&r.text().await.unwrap());
        let shown = texts(&doc, "[role=alert]").join(" ");
        assert!(
            shown.contains(message),
            "expected “{message}”, got “{shown}”"
        );
        assert_eq!(
            attrs(&doc, "input#email", "value"),
            vec![email],
            "the address is kept"
        );
        assert_eq!(
            attrs(&doc, "input#display_name", "value"),
            vec![name],
            "the name is kept"
        );
        assert_eq!(
            attrs(&doc, &format!("#{field}"), "aria-invalid"),
            vec!["true"],
            "{field} is marked"
        );
    }
    // The honeypot catches form-filling bots.
    let r = c
        .post(app.url("/signup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("display_name", "Bot"),
            ("email", "bot@example.org"),
            ("password", PASSWORD),
            ("website", "http://spam.example"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let bot = broadsheet::domain::user::Email::parse("bot@example.org").unwrap();
    assert!(app.store.user_by_email(&bot).await.unwrap().is_none());
}

fn session_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("bs_session="))
}

async fn session_cookie_is_httponly_lax_and_signing_out_ends_it_on_the_server(app: TestApp) {
    let c = client();
    let csrf = csrf_of(
        &c.get(app.url("/signup"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let r = c
        .post(app.url("/signup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("display_name", "Lin"),
            ("email", "lin@example.org"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let cookie = session_cookie(&r).expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "not Secure on an http site: {cookie}"
    );
    let token = cookie.split(';').next().unwrap().to_owned();
    // The raw cookie works from anywhere…
    let other = client();
    let settings = other
        .get(app.url("/settings"))
        .header("cookie", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(settings.status(), 200);
    // …until its owner signs out: the server forgets the session.
    let csrf = csrf_of(&settings.text().await.unwrap());
    let r = c
        .post(app.url("/signout"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert!(session_cookie(&r).unwrap().contains("Max-Age=0"));
    let r = other
        .get(app.url("/settings"))
        .header("cookie", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "signed out everywhere that cookie went");
    assert_eq!(
        r.headers()["location"],
        "/signin?return_to=/settings",
        "and back after signing in"
    );

    // On an https site the cookie is Secure.
    let secure = TestApp::start_with(app.backend, |c| c.base_url = "https://news.example".into())
        .await
        .unwrap();
    let c = client();
    let csrf = csrf_of(
        &c.get(secure.url("/signup"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let r = c
        .post(secure.url("/signup"))
        .header("origin", "https://news.example")
        .form(&[
            ("csrf", csrf.as_str()),
            ("display_name", "Sam"),
            ("email", "sam@example.org"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(session_cookie(&r).unwrap().contains("; Secure"));
    assert!(r.headers().contains_key("strict-transport-security"));
}

async fn forms_without_a_valid_token_or_from_another_origin_are_refused(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let ada = app.member("Ada").await;
    let bob = app.member("Bob").await;
    // No token.
    let r = ada
        .client
        .post(app.url("/articles/story/comments"))
        .form(&[("body", "hello")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("This form has expired or was not sent from this site")
    );
    // Someone else's token.
    let r = ada
        .client
        .post(app.url("/articles/story/comments"))
        .form(&[("csrf", bob.csrf.as_str()), ("body", "hello")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // The right token from another site's page.
    let r = ada
        .client
        .post(app.url("/articles/story/comments"))
        .header("origin", "https://evil.example")
        .form(&[("csrf", ada.csrf.as_str()), ("body", "hello")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("sent from another site"));
    let r = ada
        .client
        .post(app.url("/articles/story/comments"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf", ada.csrf.as_str()), ("body", "hello")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // The same request from this site's own origin goes through.
    let r = ada
        .client
        .post(app.url("/articles/story/comments"))
        .header("origin", format!("http://{}", app.addr))
        .form(&[("csrf", ada.csrf.as_str()), ("body", "hello")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    // Sign-out needs the token too.
    let r = ada
        .client
        .post(app.url("/signout"))
        .form(&[("csrf", "nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

async fn try_sign_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    let c = client();
    let csrf = csrf_of(
        &c.get(app.url("/signin"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    c.post(app.url("/signin"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
}

async fn sign_in_is_throttled_per_account_with_growing_delays(app: TestApp) {
    app.member("Vic").await;
    for _ in 0..4 {
        let r = try_sign_in(&app, "vic@example.org", "wrong password!").await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("do not match an account"));
    }
    // The fifth failure locks the account for 30 seconds…
    assert_eq!(
        try_sign_in(&app, "vic@example.org", "wrong password!")
            .await
            .status(),
        422
    );
    let r = try_sign_in(&app, "vic@example.org", PASSWORD).await;
    assert_eq!(r.status(), 429, "even the right password waits");
    assert_eq!(r.headers()["retry-after"], "30");
    let doc = html(&r.text().await.unwrap());
    assert!(
        texts(&doc, ".error-page p")
            .join(" ")
            .contains("Too many failed attempts")
    );
    // …and the next failure after it doubles the wait.
    app.clock.advance(chrono::Duration::seconds(31));
    assert_eq!(
        try_sign_in(&app, "vic@example.org", "wrong again!!")
            .await
            .status(),
        422
    );
    let r = try_sign_in(&app, "vic@example.org", PASSWORD).await;
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "60");
    // Other accounts are not affected.
    app.member("Wen").await;
    assert_eq!(
        try_sign_in(&app, "wen@example.org", PASSWORD)
            .await
            .status(),
        303
    );
    app.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(
        try_sign_in(&app, "vic@example.org", PASSWORD)
            .await
            .status(),
        303
    );
}

async fn sign_ups_are_limited_per_address(app: TestApp) {
    let limited = TestApp::start_with(app.backend, |c| c.signups_per_hour = 2)
        .await
        .unwrap();
    limited.member("One").await;
    limited.member("Two").await;
    let c = client();
    let csrf = csrf_of(
        &c.get(limited.url("/signup"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let r = c
        .post(limited.url("/signup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("display_name", "Three"),
            ("email", "three@example.org"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    limited.clock.advance(chrono::Duration::hours(1));
    limited.member("Three").await;
}

fn outbox_links(app: &TestApp) -> Vec<String> {
    let dir = app.data_dir.path().join("outbox");
    let mut links = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some(i) = line.find("/reset/") {
                links.push(line[i..].trim().to_owned());
            }
        }
    }
    links
}

async fn password_reset_link_works_once_and_expires(app: TestApp) {
    let old = app.member("Rae").await;
    let c = client();
    let csrf = csrf_of(
        &c.get(app.url("/reset"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    for email in ["rae@example.org", "nobody@example.org"] {
        let r = c
            .post(app.url("/reset"))
            .form(&[("csrf", csrf.as_str()), ("email", email)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("If an account uses that address"),
            "same answer either way"
        );
    }
    let links = outbox_links(&app);
    assert_eq!(links.len(), 1, "one mail, to the member only: {links:?}");
    let link = &links[0];
    let form = app.page(link, 200).await;
    let csrf = csrf_of(
        &c.get(app.url(link))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert!(form.contains("Choose a new password"));
    let r = c
        .post(app.url(link))
        .form(&[("csrf", csrf.as_str()), ("password", "short")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = c
        .post(app.url(link))
        .form(&[
            ("csrf", csrf.as_str()),
            ("password", "a brand new passphrase"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/signin?reset=done");
    assert_eq!(
        try_sign_in(&app, "rae@example.org", "a brand new passphrase")
            .await
            .status(),
        303
    );
    assert_eq!(
        try_sign_in(&app, "rae@example.org", PASSWORD)
            .await
            .status(),
        422
    );
    // The old session was ended, and the link is used up.
    assert_eq!(old.get("/settings").await.status(), 303);
    let r = c
        .post(app.url(link))
        .form(&[
            ("csrf", csrf.as_str()),
            ("password", "yet another passphrase"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("expired or has already been used")
    );
    // A fresh link expires after an hour.
    c.post(app.url("/reset"))
        .form(&[("csrf", csrf.as_str()), ("email", "rae@example.org")])
        .send()
        .await
        .unwrap();
    let fresh = outbox_links(&app).into_iter().find(|l| l != link).unwrap();
    app.clock.advance(chrono::Duration::minutes(61));
    app.page(&fresh, 404).await;
}

async fn settings_change_name_and_password_and_sign_out_everywhere(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let kim = app.member("Kim").await;
    let id = kim.comment("story", None, "First!").await;
    let r = kim
        .post("/settings/profile", &[("display_name", "   ")])
        .await;
    assert_eq!(r.status(), 422);
    let r = kim
        .post("/settings/profile", &[("display_name", "Kim Park")])
        .await;
    assert_eq!(r.headers()["location"], "/settings?saved=profile");
    let doc = html(&app.page("/articles/story", 200).await);
    assert_eq!(
        texts(&doc, &format!("#comment-{id} .comment-author")),
        vec!["Kim Park"],
        "the new name shows on old comments"
    );

    // A second device, then "sign out everywhere" from the first.
    let phone = Member::sign_in(&app, "kim@example.org", PASSWORD).await;
    assert_eq!(phone.get("/settings").await.status(), 200);
    let r = kim.post("/settings/sessions", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        phone.get("/settings").await.status(),
        303,
        "the other device is signed out"
    );
    assert_eq!(
        kim.get("/settings").await.status(),
        200,
        "this one stays signed in"
    );
    let kim = kim.refreshed().await;

    let r = kim
        .post(
            "/settings/password",
            &[
                ("current_password", "wrong"),
                ("new_password", "another good one"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("current password is not right")
    );
    let r = kim
        .post(
            "/settings/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "another good one"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        try_sign_in(&app, "kim@example.org", "another good one")
            .await
            .status(),
        303
    );
}

async fn members_can_download_their_data_and_delete_their_account(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    let dee = app.member("Dee").await;
    let eve = app.member("Eve").await;
    let mine = dee.comment("story", None, "My *own* words").await;
    let theirs = eve.comment("story", None, "Eve's words").await;
    assert_eq!(
        dee.post(&format!("/comments/{theirs}/like"), &[("like", "1")])
            .await
            .status(),
        303
    );

    let r = dee.get("/settings/data.json").await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let data: serde_json::Value = r.json().await.unwrap();
    assert_eq!(data["account"]["email"], "dee@example.org");
    assert_eq!(data["comments"][0]["id"], mine);
    assert_eq!(data["comments"][0]["body"], "My *own* words");
    assert_eq!(data["liked_comment_ids"], serde_json::json!([theirs]));
    assert_eq!(
        app.get("/settings/data.json").await.status(),
        303,
        "signed out: to the sign-in page"
    );

    let r = dee
        .post("/settings/delete", &[("password", "not it")])
        .await;
    assert_eq!(r.status(), 422);
    let r = dee
        .post("/settings/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(r.status(), 303);
    let doc = html(&app.page("/articles/story", 200).await);
    assert_eq!(
        texts(&doc, &format!("#comment-{mine} .comment-author")),
        vec!["[deleted]"]
    );
    assert!(
        texts(&doc, &format!("#comment-{mine} .comment-body"))
            .join("")
            .contains("My own words")
    );
    assert_eq!(
        texts(&doc, &format!("#comment-{theirs} .likes")),
        vec!["0 likes"],
        "their like went with them"
    );
    assert_eq!(
        try_sign_in(&app, "dee@example.org", PASSWORD)
            .await
            .status(),
        422
    );
}

async fn housekeeping_prunes_expired_sessions_and_old_throttles(app: TestApp) {
    let fay = app.member("Fay").await;
    assert_eq!(
        try_sign_in(&app, "fay@example.org", "wrong password")
            .await
            .status(),
        422
    );
    // Nothing is due yet.
    assert_eq!(app.store.prune_expired(app.clock.now()).await.unwrap(), 0);
    assert_eq!(fay.get("/settings").await.status(), 200);
    // Thirty-one days on, the session has expired (and is refused), then pruned with the
    // sign-up and sign-in throttle records.
    app.clock.advance(chrono::Duration::days(31));
    assert_eq!(fay.get("/settings").await.status(), 303);
    let removed = app.store.prune_expired(app.clock.now()).await.unwrap();
    assert!(
        removed >= 3,
        "session, rate window and sign-in failure: removed {removed}"
    );
    assert_eq!(
        app.store.prune_expired(app.clock.now()).await.unwrap(),
        0,
        "idempotent"
    );
}

mod over_smtp {
    use super::*;
    use crate::common::smtp::{SmtpReceiver, link_containing};

    backend_tests_with_mail!(password_reset_mail_goes_to_the_relay_with_a_working_link);

    async fn password_reset_mail_goes_to_the_relay_with_a_working_link(
        app: TestApp,
        smtp: SmtpReceiver,
    ) {
        app.member("Ines").await;
        let c = client();
        let csrf = csrf_of(
            &c.get(app.url("/reset"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
        );
        let r = c
            .post(app.url("/reset"))
            .form(&[("csrf", csrf.as_str()), ("email", "ines@example.org")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        // Sign-up sent the address-verification mail first; the reset link is the second.
        let mails = smtp.wait_for(2, std::time::Duration::from_secs(10)).await;
        assert_eq!(mails.len(), 2, "two mails reached the relay");
        let mails: Vec<_> = mails
            .into_iter()
            .filter(|m| m.header("Subject").as_deref() == Some("Reset your password"))
            .collect();
        assert_eq!(mails.len(), 1, "one reset mail");
        assert_eq!(mails[0].to, vec!["ines@example.org".to_owned()]);
        let link = link_containing(&mails[0].text(), "/reset/").expect("a reset link in the mail");
        assert!(
            link.starts_with(&app.url("/reset/")),
            "{link} points at this site"
        );
        let form = c.get(&link).send().await.unwrap().text().await.unwrap();
        assert!(form.contains("Choose a new password"));
        assert!(
            !app.data_dir.path().join("outbox").exists(),
            "with a relay configured nothing is written to the outbox"
        );
    }
}
