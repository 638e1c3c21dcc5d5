//! Accounts over real HTTP, on SQLite and PostgreSQL: sign-up (finished by a mailed link),
//! sign-in and its throttle, sign-out, CSRF and Origin checks, password reset by mail, the
//! member's settings, and what a password change, a reset and "sign out everywhere" end.

use crate::common::{
    self, Member, PASSWORD, TestApp, article, attrs, client, csrf_of, html, texts,
};

backend_tests!(
    sign_up_form_has_the_contract_names_and_signs_in,
    sign_up_refuses_bad_input_and_keeps_what_was_typed,
    sign_up_answers_alike_for_a_taken_address_and_mails_its_owner,
    sign_up_link_works_once_expires_and_refuses_an_address_taken_meanwhile,
    session_cookie_is_httponly_lax_and_signing_out_ends_it_on_the_server,
    forms_without_a_valid_token_or_from_another_origin_are_refused,
    sign_in_is_throttled_per_account_with_growing_delays,
    sign_ups_are_limited_per_address,
    password_reset_link_works_once_and_expires,
    choosing_a_new_password_checks_the_link_first_and_is_throttled,
    password_change_reset_and_sign_out_everywhere_end_tokens_and_links,
    a_token_that_can_publish_needs_the_password,
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
    let r = app
        .submit_form(
            &client(),
            "/signin",
            &[
                ("email", "ada.lovelace@example.org"),
                ("password", PASSWORD),
                ("return_to", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(r.headers()["location"], "/");
}

async fn sign_up_refuses_bad_input_and_keeps_what_was_typed(app: TestApp) {
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
    app.send_signup(&c, "Lin", "lin@example.org", &[]).await;
    let r = app.confirm_signup(&c, "lin@example.org").await;
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
    let post = |path: String, form: Vec<(&'static str, String)>| {
        c.post(secure.url(&path))
            .header("origin", "https://news.example")
            .form(&form)
            .send()
    };
    let csrf = csrf_of(
        &c.get(secure.url("/signup"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let r = post(
        "/signup".into(),
        vec![
            ("csrf", csrf),
            ("display_name", "Sam".into()),
            ("email", "sam@example.org".into()),
            ("password", PASSWORD.into()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let link = secure
        .wait_for_links("sam@example.org", "/signup/", 1)
        .await
        .remove(0);
    let path = link
        .strip_prefix("https://news.example")
        .expect("the link is on the configured site")
        .to_owned();
    let page = c.get(secure.url(&path)).send().await.unwrap();
    let csrf = csrf_of(&page.text().await.unwrap());
    let r = post(path, vec![("csrf", csrf)]).await.unwrap();
    assert_eq!(r.status(), 303);
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
    let r = limited
        .submit_form(
            &client(),
            "/signup",
            &[
                ("display_name", "Three"),
                ("email", "three@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    limited.clock.advance(chrono::Duration::hours(1));
    limited.member("Three").await;
}

/// Asks for a password-reset link for `email` with a fresh client; returns the answer's status
/// and its notice.
async fn ask_reset(app: &TestApp, email: &str) -> (u16, String) {
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
        .form(&[("csrf", csrf.as_str()), ("email", email)])
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let doc = html(&r.text().await.unwrap());
    (status, texts(&doc, "main [role=status]").join(" "))
}

async fn password_reset_link_works_once_and_expires(app: TestApp) {
    let old = app.member("Rae").await;
    let c = client();
    // The same words either way; the address without an account is asked for first, so by the
    // time the member's link is in, any mail to it would have been written.
    let nobody = ask_reset(&app, "nobody@example.org").await;
    let member = ask_reset(&app, "rae@example.org").await;
    assert_eq!(nobody.0, 200);
    assert_eq!(nobody, member, "same answer either way");
    assert!(nobody.1.contains("If an account uses that address"));
    let link = &app.mailed_link("rae@example.org", "/reset/").await;
    let resets: Vec<_> = app
        .mails()
        .await
        .into_iter()
        .filter(|m| m.header("Subject").as_deref() == Some("Reset your password"))
        .collect();
    assert_eq!(resets.len(), 1, "one mail, to the member only: {resets:#?}");
    assert!(app.mails_to("nobody@example.org").await.is_empty());
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
    let fresh = app.wait_for_links("rae@example.org", "/reset/", 2).await[1]
        .strip_prefix(&app.url(""))
        .unwrap()
        .to_owned();
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

/// The text of the page's main part with `address` taken out: what a visitor reads, whatever
/// address they typed.
fn words_without(body: &str, address: &str) -> String {
    texts(&html(body), "main")
        .join(" ")
        .replace(address, "ADDRESS")
}

async fn sign_up_answers_alike_for_a_taken_address_and_mails_its_owner(app: TestApp) {
    let owner = app.member("Tam").await;
    let send = |email: &'static str| {
        let app = &app;
        async move {
            let c = client();
            let csrf = csrf_of(
                &c.get(app.url("/signup?return_to=/sections/science"))
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
                    ("display_name", "Someone"),
                    ("email", email),
                    ("password", "an attacker's password"),
                    ("return_to", "/sections/science"),
                ])
                .send()
                .await
                .unwrap();
            (c, r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (_, taken_status, taken_page) = send("TAM@example.org").await;
    let (c, new_status, new_page) = send("new.reader@example.org").await;
    assert_eq!((taken_status, new_status), (200, 200));
    assert_eq!(
        words_without(&taken_page, "tam@example.org"),
        words_without(&new_page, "new.reader@example.org"),
        "the same words whether or not the address has an account"
    );
    assert!(
        texts(&html(&new_page), "main [role=status]")[0]
            .contains("We sent a message to new.reader@example.org"),
        "{new_page}"
    );

    // The owner is told, with ways in; their account is unchanged.
    let deadline = tokio::time::Instant::now() + common::MAIL_WAIT;
    let told = loop {
        let told: Vec<_> = app
            .mails_to(&owner.email)
            .await
            .into_iter()
            .filter(|m| {
                m.header("Subject").as_deref()
                    == Some("Someone tried to create an account with your address")
            })
            .collect();
        if !told.is_empty() || tokio::time::Instant::now() >= deadline {
            break told;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    };
    assert_eq!(told.len(), 1, "{told:#?}");
    let text = told[0].text();
    assert!(text.contains("You already have an account"), "{text}");
    assert!(text.contains(&app.url("/signin")), "{text}");
    assert!(text.contains(&app.url("/reset")), "{text}");
    assert!(
        !text.contains("/signup/"),
        "no link that makes an account: {text}"
    );
    assert!(
        !text.contains("Someone,"),
        "nothing the stranger typed: {text}"
    );
    assert_eq!(
        try_sign_in(&app, "tam@example.org", PASSWORD)
            .await
            .status(),
        303,
        "the owner's password still works"
    );
    assert_eq!(
        try_sign_in(&app, "tam@example.org", "an attacker's password")
            .await
            .status(),
        422
    );

    // The new address gets the link; no account exists until it is used.
    let link = app.mailed_link("new.reader@example.org", "/signup/").await;
    let email = broadsheet::domain::user::Email::parse("new.reader@example.org").unwrap();
    assert!(app.store.user_by_email(&email).await.unwrap().is_none());
    let page = c.get(app.url(&link)).send().await.unwrap();
    assert_eq!(page.status(), 200, "opening the link spends nothing");
    let doc = html(&page.text().await.unwrap());
    assert_eq!(texts(&doc, "main form button"), vec!["Create account"]);
    assert!(app.store.user_by_email(&email).await.unwrap().is_none());
    let r = c
        .post(app.url(&link))
        .form(&[("csrf", csrf_of(&doc.html()).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "/sections/science",
        "back where they were"
    );
    let user = app
        .store
        .user_by_email(&email)
        .await
        .unwrap()
        .expect("the account");
    assert_eq!(user.display_name, "Someone");
    assert!(
        app.store
            .address_proven_at(user.id)
            .await
            .unwrap()
            .is_some(),
        "the link proved the address"
    );
    let settings = c.get(app.url("/settings")).send().await.unwrap();
    assert_eq!(settings.status(), 200, "signed in");
    assert!(
        settings
            .text()
            .await
            .unwrap()
            .contains("Your address is confirmed.")
    );
}

async fn sign_up_link_works_once_expires_and_refuses_an_address_taken_meanwhile(app: TestApp) {
    // Used twice: the second time is refused, in any browser.
    let c = client();
    app.send_signup(&c, "Uma", "uma@example.org", &[]).await;
    assert_eq!(
        app.confirm_signup(&c, "uma@example.org").await.status(),
        303
    );
    let again = client();
    let r = app.confirm_signup(&again, "uma@example.org").await;
    assert_eq!(r.status(), 410);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("expired or has already been used")
    );
    let link = app.mailed_link("uma@example.org", "/signup/").await;
    let page = app.page(&link, 410).await;
    assert!(page.contains("Links work once, for 24 hours"), "{page}");
    assert!(
        app.page("/signup/not-a-token", 410)
            .await
            .contains("sign up again")
    );

    // Expired after a day.
    let c = client();
    app.send_signup(&c, "Vera", "vera@example.org", &[]).await;
    let link = app.mailed_link("vera@example.org", "/signup/").await;
    app.clock.advance(chrono::Duration::hours(25));
    let r = app.confirm_signup(&c, "vera@example.org").await;
    assert_eq!(r.status(), 410);
    app.page(&link, 410).await;
    let vera = broadsheet::domain::user::Email::parse("vera@example.org").unwrap();
    assert!(app.store.user_by_email(&vera).await.unwrap().is_none());
    // Housekeeping removes it.
    assert!(app.store.prune_expired(app.clock.now()).await.unwrap() >= 1);

    // Two sign-ups for one address: the first link used makes the account; the second then
    // meets the taken address and says so.
    let first = client();
    let second = client();
    app.send_signup(&first, "Wim", "wim@example.org", &[]).await;
    let links = app.wait_for_links("wim@example.org", "/signup/", 1).await;
    app.send_signup(&second, "Wim Two", "wim@example.org", &[])
        .await;
    let links_now = app.wait_for_links("wim@example.org", "/signup/", 2).await;
    assert_eq!(links_now[0], links[0]);
    let path = |l: &str| l.strip_prefix(&app.url("")).unwrap().to_owned();
    let press = |c: &reqwest::Client, link: String| {
        let (c, app) = (c.clone(), &app);
        async move {
            let page = c
                .get(app.url(&link))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            c.post(app.url(&link))
                .form(&[("csrf", csrf_of(&page).as_str())])
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(press(&second, path(&links_now[1])).await.status(), 303);
    let r = press(&first, path(&links_now[0])).await;
    assert_eq!(r.status(), 409);
    let doc = html(&r.text().await.unwrap());
    assert!(
        texts(&doc, "[role=alert]")[0]
            .contains("An account with this e-mail address already exists"),
        "{}",
        doc.html()
    );
    let wim = broadsheet::domain::user::Email::parse("wim@example.org").unwrap();
    assert_eq!(
        app.store
            .user_by_email(&wim)
            .await
            .unwrap()
            .unwrap()
            .display_name,
        "Wim Two"
    );
    assert!(
        Member::sign_in(&app, "wim@example.org", PASSWORD)
            .await
            .page("/settings")
            .await
            .contains("wim@example.org")
    );
}

async fn choosing_a_new_password_checks_the_link_first_and_is_throttled(app: TestApp) {
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
    let post = |token: String, password: &'static str| {
        let (c, csrf, app) = (c.clone(), csrf.clone(), &app);
        async move {
            c.post(app.url(&format!("/reset/{token}")))
                .form(&[("csrf", csrf.as_str()), ("password", password)])
                .send()
                .await
                .unwrap()
        }
    };
    // A made-up link with a good password: refused without any argon2 work.
    let made_up = "A".repeat(43);
    let before = app.password_runs();
    let r = post(made_up.clone(), "a perfectly good passphrase").await;
    assert_eq!(r.status(), 404);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("expired or has already been used")
    );
    assert_eq!(
        app.password_runs(),
        before,
        "no hash for a link that does not work"
    );
    // Twenty tries an hour from one network; the next is refused, real link or not.
    for _ in 1..20 {
        assert_eq!(
            post(made_up.clone(), "a perfectly good passphrase")
                .await
                .status(),
            404
        );
    }
    app.member("Xia").await;
    let (status, _) = ask_reset(&app, "xia@example.org").await;
    assert_eq!(status, 200);
    let link = app.mailed_link("xia@example.org", "/reset/").await;
    let token = link.trim_start_matches("/reset/").to_owned();
    let r = post(token.clone(), "a perfectly good passphrase").await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Too many attempts to choose a new password")
    );
    // The next hour this network may try again (with a fresh link: links last an hour).
    app.clock.advance(chrono::Duration::hours(1));
    assert_eq!(ask_reset(&app, "xia@example.org").await.0, 200);
    let token = app.wait_for_links("xia@example.org", "/reset/", 2).await[1]
        .rsplit("/reset/")
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        post(token, "a perfectly good passphrase").await.status(),
        303
    );
}

/// An API call with `token` that needs it to be valid: a comment with an empty body, refused
/// for the body (422) when the token works and as unauthorised (401) when it does not.
async fn api_with(app: &TestApp, token: &str) -> u16 {
    client()
        .post(app.url("/api/v1/articles/story/comments"))
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .body(r#"{"body":""}"#)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Asks for a sign-in link for `email`; returns its path once it has been mailed.
async fn outstanding_signin_link(app: &TestApp, email: &str) -> String {
    let c = client();
    let form = c
        .get(app.url("/signin/link"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let before = app
        .mails_to(email)
        .await
        .iter()
        .filter(|m| m.text().contains("/signin/link/"))
        .count();
    let r = c
        .post(app.url("/signin/link"))
        .form(&[("csrf", csrf_of(&form).as_str()), ("email", email)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    app.wait_for_links(email, "/signin/link/", before + 1).await[before]
        .strip_prefix(&app.url(""))
        .unwrap()
        .to_owned()
}

/// Whether an e-mailed sign-in or reset link still works: its page offers the button or form
/// (200) rather than saying it has expired or been used.
async fn link_works(app: &TestApp, link: &str) -> bool {
    client().get(app.url(link)).send().await.unwrap().status() == 200
}

async fn password_change_reset_and_sign_out_everywhere_end_tokens_and_links(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    for action in ["change", "reset", "everywhere"] {
        let m = app.member(&format!("Yan {action}")).await;
        let token = m.create_token("script", &["read", "comment"]).await;
        assert_eq!(
            api_with(&app, &token).await,
            422,
            "the token works before {action}"
        );
        let signin_link = outstanding_signin_link(&app, &m.email).await;
        assert_eq!(ask_reset(&app, &m.email).await.0, 200);
        let reset_link = app.mailed_link(&m.email, "/reset/").await;
        assert!(link_works(&app, &signin_link).await && link_works(&app, &reset_link).await);

        let settings = m.page("/settings").await;
        let said = |id: &str| texts(&html(&settings), &format!("#{id}")).join(" ");
        match action {
            "change" => {
                assert!(said("password-ends").contains("revokes all your API tokens"));
                assert!(said("password-ends").contains("sign-in or password-reset links"));
                let r = m
                    .post(
                        "/settings/password",
                        &[
                            ("current_password", PASSWORD),
                            ("new_password", "a whole new one"),
                        ],
                    )
                    .await;
                assert_eq!(r.status(), 303);
                let notice = m.page("/settings?saved=password").await;
                assert!(notice.contains("your API tokens have ended"), "{notice}");
            }
            "reset" => {
                // A second reset link, used: the first one ends with everything else.
                assert_eq!(ask_reset(&app, &m.email).await.0, 200);
                let used = app.wait_for_links(&m.email, "/reset/", 2).await[1]
                    .strip_prefix(&app.url(""))
                    .unwrap()
                    .to_owned();
                let c = client();
                let form = c
                    .get(app.url(&used))
                    .send()
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap();
                assert!(form.contains("revokes all your API tokens"), "{form}");
                let r = c
                    .post(app.url(&used))
                    .form(&[
                        ("csrf", csrf_of(&form).as_str()),
                        ("password", "a whole new one"),
                    ])
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), 303);
            }
            _ => {
                assert!(said("sessions-ends").contains("revokes all your API tokens"));
                assert!(said("sessions-ends").contains("sign-in or password-reset links"));
                assert_eq!(m.post("/settings/sessions", &[]).await.status(), 303);
                let notice = m.page("/settings?saved=sessions").await;
                assert!(
                    notice.contains("your API tokens have been revoked"),
                    "{notice}"
                );
            }
        }
        assert_eq!(
            api_with(&app, &token).await,
            401,
            "the token ended with {action}"
        );
        assert!(
            !link_works(&app, &signin_link).await,
            "the sign-in link ended with {action}"
        );
        assert!(
            !link_works(&app, &reset_link).await,
            "the reset link ended with {action}"
        );
        // The token list says what happened to it.
        let tokens = Member::sign_in(
            &app,
            &m.email,
            if action == "everywhere" {
                PASSWORD
            } else {
                "a whole new one"
            },
        )
        .await
        .page("/settings/tokens")
        .await;
        assert!(tokens.contains("revoked"), "{tokens}");
    }
}

async fn a_token_that_can_publish_needs_the_password(app: TestApp) {
    let eda = app.member("Eda").await;
    eda.promote(&app, broadsheet::domain::user::Role::Editor)
        .await;
    let eda = eda.refreshed().await;
    let page = html(&eda.page("/settings/tokens").await);
    assert_eq!(
        texts(&page, "label[for=token_password]"),
        vec!["Your password (needed for a token that can publish)"]
    );
    let create = |password: &'static str, scope: &'static str| {
        let eda = &eda;
        async move {
            eda.post(
                "/settings/tokens",
                &[("name", "Publisher"), (scope, "on"), ("password", password)],
            )
            .await
        }
    };
    for (password, message) in [
        ("", "Enter your current password"),
        ("not my password", "Enter your current password"),
    ] {
        let r = create(password, "scope_publish").await;
        assert_eq!(r.status(), 422);
        let doc = html(&r.text().await.unwrap());
        assert!(texts(&doc, "[role=alert]")[0].contains(message));
        assert_eq!(attrs(&doc, "#token_password", "aria-invalid"), vec!["true"]);
        assert_eq!(
            attrs(&doc, "#token_password", "value"),
            Vec::<String>::new(),
            "never echoed"
        );
        assert_eq!(
            attrs(&doc, "#token_name", "value"),
            vec!["Publisher"],
            "the name is kept"
        );
    }
    assert_eq!(
        create("", "scope_read").await.status(),
        201,
        "reading needs no password"
    );
    assert_eq!(create(PASSWORD, "scope_publish").await.status(), 201);
    let live = app
        .store
        .tokens_of(
            app.store
                .user_by_email(&broadsheet::domain::user::Email::parse("eda@example.org").unwrap())
                .await
                .unwrap()
                .unwrap()
                .id,
        )
        .await
        .unwrap();
    assert_eq!(live.len(), 2, "only the two accepted tokens were made");

    // A member without a password (made by single sign-on) is told to set one first. Members
    // see no password field: they cannot choose publish.
    let mem = html(&app.member("Mo").await.page("/settings/tokens").await);
    assert!(texts(&mem, "label[for=token_password]").is_empty());
    let email = broadsheet::domain::user::Email::parse("sso.editor@example.org").unwrap();
    app.store
        .create_user(
            &email,
            "Sso Editor",
            "",
            broadsheet::domain::user::Role::Editor,
            app.clock.now(),
        )
        .await
        .unwrap();
    let link = outstanding_signin_link(&app, "sso.editor@example.org").await;
    let c = client();
    let form = c
        .get(app.url(&link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = c
        .post(app.url(&link))
        .form(&[("csrf", csrf_of(&form).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let tokens = c
        .get(app.url("/settings/tokens"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = c
        .post(app.url("/settings/tokens"))
        .form(&[
            ("csrf", csrf_of(&tokens).as_str()),
            ("name", "Publisher"),
            ("scope_publish", "on"),
            ("password", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let doc = html(&r.text().await.unwrap());
    assert!(
        texts(&doc, "[role=alert]")[0].contains("your account has none yet"),
        "{}",
        doc.html()
    );
}

mod over_smtp {
    use super::*;
    use crate::common::smtp::{SmtpReceiver, link_containing};

    use crate::common::Mail;

    backend_tests!(setup = Mail; password_reset_mail_goes_to_the_relay_with_a_working_link);

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
        // Sign-up sent its link first; the reset link is the second mail.
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
