//! Signing in without a password, over real HTTP on SQLite and PostgreSQL: a link by e-mail
//! (through a real SMTP receiver) and single sign-on with an OpenID provider the test starts.

use std::time::Duration;

use crate::common::smtp::{SmtpReceiver, link_containing};
use crate::common::{self, Mail, Member, PASSWORD, TestApp, attrs, client, csrf_of, html, texts};
use broadsheet::domain::user::Email;
use broadsheet::web::session::{hash_token, random_token};

/// GETs `path` with `c`, returns the status and body.
async fn fetch(c: &reqwest::Client, url: String) -> (u16, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Whether `c` is signed in: the settings page answers instead of sending it to sign in.
async fn signed_in_as(app: &TestApp, c: &reqwest::Client) -> Option<String> {
    let (status, body) = fetch(c, app.url("/settings")).await;
    (status == 200).then(|| {
        attrs(&html(&body), "input[name=display_name]", "value")
            .into_iter()
            .next()
            .unwrap_or_default()
    })
}

/// An account someone made with `email` (never verified), signed in with its password in a
/// browser of its own, with an API token, and with an unused password-reset link, sign-in
/// link and verification link. Returns the account's id, that browser, the token and the
/// three links' paths.
async fn squat(app: &TestApp, email: &str, name: &str) -> (i64, Member, String, [String; 3]) {
    let address = Email::parse(email).unwrap();
    let now = app.clock.now();
    let id = app
        .store
        .create_user(
            &address,
            name,
            &broadsheet::domain::user::hash_password(PASSWORD),
            broadsheet::domain::user::Role::Member,
            now,
        )
        .await
        .unwrap();
    assert_eq!(app.store.address_proven_at(id).await.unwrap(), None);
    let squatter = Member::sign_in(app, email, PASSWORD).await;
    let token = squatter.create_token("mine", &["comment"]).await;
    let [reset, link, verify] = [(); 3].map(|_| random_token());
    let later = now + chrono::Duration::minutes(10);
    let store = &app.store;
    store
        .create_password_reset(&hash_token(&reset), id, now, later)
        .await
        .unwrap();
    store
        .create_signin_link(&hash_token(&link), id, "/", now, later)
        .await
        .unwrap();
    store
        .create_email_verification(&hash_token(&verify), id, now, later)
        .await
        .unwrap();
    let links = [
        format!("/reset/{reset}"),
        format!("/signin/link/{link}"),
        format!("/verify-email/{verify}"),
    ];
    // Opening the first two spends nothing; the third would verify, so it waits.
    app.page(&links[0], 200).await;
    app.page(&links[1], 200).await;
    (id, squatter, token, links)
}

/// What the API answers a bearer of `token` (404: a valid token, for no such comment).
async fn token_answer(app: &TestApp, token: &str) -> u16 {
    app.client
        .delete(app.url("/api/v1/comments/999999"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Asserts that nothing the squatter had opens account `id` any more, and that its address
/// now counts as proven.
async fn squatter_is_out(
    app: &TestApp,
    id: i64,
    squatter: &Member,
    token: &str,
    links: &[String; 3],
) {
    assert_eq!(
        signed_in_as(app, &squatter.client).await,
        None,
        "the squatter's session ended"
    );
    let c = client();
    let (_, form) = fetch(&c, app.url("/signin")).await;
    let r = c
        .post(app.url("/signin"))
        .form(&[
            ("csrf", csrf_of(&form).as_str()),
            ("email", squatter.email.as_str()),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422, "the squatter's password no longer works");
    assert_eq!(
        token_answer(app, token).await,
        401,
        "the API token is revoked"
    );
    app.page(&links[0], 404).await;
    app.page(&links[1], 410).await;
    app.page(&links[2], 404).await;
    assert!(app.store.address_proven_at(id).await.unwrap().is_some());
}

mod link {
    use super::*;

    backend_tests!(
        setup = Mail;
        link_arrives_signs_in_once_and_proves_the_address,
        link_expires_after_fifteen_minutes,
        unknown_address_gets_the_same_answer_and_no_mail,
        link_requests_are_checked_and_throttled,
        signin_page_offers_the_link_and_no_sso_button_when_not_configured,
        first_use_of_a_link_takes_over_an_account_whose_address_was_never_verified,
    );

    /// Asks for a link for `email` with a fresh client; returns that client and the page.
    async fn ask(app: &TestApp, email: &str, return_to: &str) -> (reqwest::Client, u16, String) {
        let c = client();
        let (_, form) = fetch(&c, app.url(&format!("/signin/link?return_to={return_to}"))).await;
        let r = c
            .post(app.url("/signin/link"))
            .form(&[
                ("csrf", csrf_of(&form).as_str()),
                ("email", email),
                ("return_to", return_to),
            ])
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (c, status, r.text().await.unwrap())
    }

    /// The sign-in-link mails to `to`, once at least one has come (sign-up sends its link
    /// first, so the receiver may hold other mail too).
    async fn link_mails(smtp: &SmtpReceiver, to: &str) -> Vec<common::smtp::ReceivedMail> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let mails: Vec<_> = smtp
                .messages_to(to)
                .await
                .into_iter()
                .filter(|m| m.header("Subject").as_deref() == Some("Your sign-in link"))
                .collect();
            if !mails.is_empty() || tokio::time::Instant::now() >= deadline {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// The path of the sign-in link in the one such mail to `to`.
    async fn mailed_link(app: &TestApp, smtp: &SmtpReceiver, to: &str) -> String {
        let mails = link_mails(smtp, to).await;
        assert_eq!(mails.len(), 1, "one sign-in link to {to}");
        let link = link_containing(&mails[0].text(), "/signin/link/").expect("a link in the mail");
        let base = app.url("");
        link.strip_prefix(&base)
            .unwrap_or_else(|| panic!("{link} is on the site {base}"))
            .to_owned()
    }

    async fn link_arrives_signs_in_once_and_proves_the_address(app: TestApp, smtp: SmtpReceiver) {
        // An account whose address is not yet proven.
        app.unverified_member("Lin Wei").await;
        let email = Email::parse("lin.wei@example.org").unwrap();
        let user = app.store.user_by_email(&email).await.unwrap().unwrap();
        assert_eq!(app.store.address_proven_at(user.id).await.unwrap(), None);

        let (c, status, page) = ask(&app, "Lin.Wei@example.org", "/sections/world").await;
        assert_eq!(status, 200);
        assert!(page.contains("a sign-in link is on its way"), "{page}");
        let link = mailed_link(&app, &smtp, "lin.wei@example.org").await;

        // Opening the link (as a mail scanner would) spends nothing and signs no one in.
        let (status, confirm) = fetch(&c, app.url(&link)).await;
        assert_eq!(status, 200);
        assert_eq!(
            texts(&html(&confirm), "form button[type=submit]"),
            vec!["Sign in"]
        );
        assert_eq!(signed_in_as(&app, &c).await, None);
        let (status, _) = fetch(&c, app.url(&link)).await;
        assert_eq!(status, 200, "still valid after being opened twice");

        // The button posts with the page's CSRF token; without it nothing happens.
        let r = c
            .post(app.url(&link))
            .form(&[("csrf", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
        let r = c
            .post(app.url(&link))
            .form(&[("csrf", csrf_of(&confirm).as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(
            r.headers()["location"],
            "/sections/world",
            "back where they were"
        );
        assert_eq!(signed_in_as(&app, &c).await.as_deref(), Some("Lin Wei"));
        assert!(
            app.store
                .address_proven_at(user.id)
                .await
                .unwrap()
                .is_some(),
            "using the link proves the address"
        );

        // A second use, in another browser, is refused with a clear message.
        let other = client();
        let (status, again) = fetch(&other, app.url(&link)).await;
        assert_eq!(status, 410);
        assert!(
            again.contains("expired or has already been used"),
            "{again}"
        );
        let csrf = csrf_of(&fetch(&other, app.url("/signin/link")).await.1);
        let r = other
            .post(app.url(&link))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 410);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("expired or has already been used")
        );
        assert_eq!(signed_in_as(&app, &other).await, None);
    }

    async fn link_expires_after_fifteen_minutes(app: TestApp, smtp: SmtpReceiver) {
        app.member("Kit").await;
        let (c, _, _) = ask(&app, "kit@example.org", "/").await;
        let link = mailed_link(&app, &smtp, "kit@example.org").await;
        let (_, confirm) = fetch(&c, app.url(&link)).await;
        let csrf = csrf_of(&confirm);
        app.clock.advance(chrono::Duration::minutes(16));
        let (status, page) = fetch(&c, app.url(&link)).await;
        assert_eq!(status, 410);
        assert!(page.contains("expired or has already been used"), "{page}");
        let r = c
            .post(app.url(&link))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            410,
            "the page opened in time does not help after expiry"
        );
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Links work once, for 15 minutes")
        );
        assert_eq!(signed_in_as(&app, &c).await, None);
    }

    async fn unknown_address_gets_the_same_answer_and_no_mail(app: TestApp, smtp: SmtpReceiver) {
        app.member("Ode").await;
        let (_, nobody_status, nobody_page) = ask(&app, "nobody@example.org", "/").await;
        let (_, member_status, member_page) = ask(&app, "ode@example.org", "/").await;
        assert_eq!((nobody_status, member_status), (200, 200));
        let notice = |p: &str| texts(&html(p), "main .notice");
        assert_eq!(
            notice(&nobody_page),
            notice(&member_page),
            "the same answer either way"
        );
        assert_eq!(notice(&member_page).len(), 1);
        assert_eq!(link_mails(&smtp, "ode@example.org").await.len(), 1);
        assert!(
            smtp.messages_to("nobody@example.org").await.is_empty(),
            "no mail to an address without an account"
        );
    }

    async fn link_requests_are_checked_and_throttled(app: TestApp, _smtp: SmtpReceiver) {
        // A bad address comes back with the form filled in and a message.
        let (_, status, page) = ask(&app, "not an address", "/sections/world").await;
        assert_eq!(status, 422);
        let doc = html(&page);
        assert_eq!(attrs(&doc, "input#email", "value"), vec!["not an address"]);
        assert_eq!(
            attrs(&doc, "input[name=return_to]", "value"),
            vec!["/sections/world"]
        );
        assert!(texts(&doc, ".form-error")[0].contains("like name@example.org"));
        // Five links an hour per e-mail address, member or not; the sixth is refused.
        for _ in 0..5 {
            assert_eq!(ask(&app, "flood@example.org", "/").await.1, 200);
        }
        let (_, status, page) = ask(&app, "flood@example.org", "/").await;
        assert_eq!(status, 429);
        assert!(page.contains("Too many sign-in links"), "{page}");
        // The limit is per address: another one still gets its link.
        assert_eq!(ask(&app, "calm@example.org", "/").await.1, 200);
        // And per client: twenty an hour from one network, whatever the addresses.
        for i in 0..13 {
            assert_eq!(
                ask(&app, &format!("n{i}@example.org"), "/").await.1,
                200,
                "{i}"
            );
        }
        assert_eq!(ask(&app, "n99@example.org", "/").await.1, 429);
        app.clock.advance(chrono::Duration::hours(1));
        assert_eq!(ask(&app, "n99@example.org", "/").await.1, 200, "a new hour");
    }

    async fn signin_page_offers_the_link_and_no_sso_button_when_not_configured(
        app: TestApp,
        _smtp: SmtpReceiver,
    ) {
        let doc = html(&app.page("/signin?return_to=/sections/world", 200).await);
        assert_eq!(
            texts(&doc, "main label"),
            vec!["Email", "Password"],
            "one Email field"
        );
        assert_eq!(
            attrs(&doc, "a[href^='/signin/link']", "href"),
            vec!["/signin/link?return_to=/sections/world"]
        );
        assert_eq!(
            texts(&doc, "a[href^='/signin/link']"),
            vec!["Email me a sign-in link instead"]
        );
        assert!(
            texts(&doc, "a[href^='/signin/oidc']").is_empty(),
            "no SSO button"
        );
        assert!(!doc.html().contains("Sign in with"));
        app.page("/signin/oidc", 404).await;
        app.page("/signin/oidc/callback?code=x&state=y", 404).await;
        // The link's own page keeps the return address and its one field.
        let doc = html(
            &app.page("/signin/link?return_to=/sections/world", 200)
                .await,
        );
        assert_eq!(texts(&doc, "main label"), vec!["Email"]);
        assert_eq!(
            attrs(&doc, "input[name=return_to]", "value"),
            vec!["/sections/world"]
        );
    }

    async fn first_use_of_a_link_takes_over_an_account_whose_address_was_never_verified(
        app: TestApp,
        smtp: SmtpReceiver,
    ) {
        let (id, squatter, token, links) = squat(&app, "rosa@example.org", "Rosa").await;
        assert_eq!(token_answer(&app, &token).await, 404, "a working token");
        // The address's owner asks for a link and uses it: that proves the address.
        let (c, _, _) = ask(&app, "rosa@example.org", "/").await;
        let link = mailed_link(&app, &smtp, "rosa@example.org").await;
        let (_, confirm) = fetch(&c, app.url(&link)).await;
        let r = c
            .post(app.url(&link))
            .form(&[("csrf", csrf_of(&confirm).as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(signed_in_as(&app, &c).await.as_deref(), Some("Rosa"));
        squatter_is_out(&app, id, &squatter, &token, &links).await;
        assert_eq!(
            signed_in_as(&app, &c).await.as_deref(),
            Some("Rosa"),
            "the session the link made goes on"
        );
    }
}

mod sso {
    use super::*;
    use crate::common::oidc::{Idp, TestProvider, TestUser};
    use crate::common::{Oidc, OidcWith};

    // Against the hand-written provider and against node-oidc-provider, on both backends.
    backend_tests!(
        mod hand_written = OidcWith::HandWritten,
        mod certified = OidcWith::Certified;
        first_sso_sign_in_creates_a_member_and_later_ones_follow_the_subject,
        sso_with_the_address_of_a_verified_account_links_it,
        sso_takes_over_an_account_whose_address_was_never_verified,
        imported_comments_stay_out_of_reach_of_whoever_made_the_account,
        unverified_email_is_refused,
    );

    // What only the hand-written provider can be told to do.
    backend_tests!(
        setup = Oidc;
        tampered_state_is_refused,
        denial_at_the_provider_comes_back_with_a_message,
        claims_kept_for_userinfo_are_read_from_it_for_the_same_subject_only,
    );

    /// Goes through the whole flow with `c`: the site, the provider, and back; `tamper` may
    /// change the callback URL. Returns the site's last answer.
    async fn sso(
        app: &TestApp,
        idp: &Idp,
        c: &reqwest::Client,
        return_to: &str,
        tamper: impl FnOnce(String) -> String,
    ) -> reqwest::Response {
        let r = c
            .get(app.url(&format!("/signin/oidc?return_to={return_to}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let at_provider = r.headers()["location"].to_str().unwrap().to_owned();
        let callback = idp
            .log_in(c, &at_provider, &app.url("/signin/oidc/callback?"))
            .await;
        c.get(tamper(callback)).send().await.unwrap()
    }

    fn location(r: &reqwest::Response) -> String {
        r.headers()["location"].to_str().unwrap().to_owned()
    }

    /// The sign-in page the site came back to, and its error message.
    async fn came_back_with(app: &TestApp, c: &reqwest::Client, r: reqwest::Response) -> String {
        assert_eq!(r.status(), 303);
        let to = location(&r);
        assert!(to.starts_with("/signin?sso="), "{to}");
        let (status, page) = fetch(c, app.url(&to)).await;
        assert_eq!(status, 200);
        texts(&html(&page), ".form-error").join(" ")
    }

    async fn first_sso_sign_in_creates_a_member_and_later_ones_follow_the_subject(
        app: TestApp,
        idp: Idp,
    ) {
        let doc = html(&app.page("/signin?return_to=/sections/world", 200).await);
        assert_eq!(
            texts(&doc, "a[href^='/signin/oidc']"),
            vec!["Sign in with Newsroom"]
        );
        assert_eq!(texts(&doc, "main label"), vec!["Email", "Password"]);
        let mut ida = TestUser::new("sub-ida-1", "Ida@Newsroom.example");
        ida.name = Some("Ida Tarbell".into());
        ida.preferred_username = Some("itarbell".into());
        idp.sign_in_as(ida.clone());
        let c = client();
        let r = sso(&app, &idp, &c, "/sections/world", |u| u).await;
        assert_eq!(r.status(), 303);
        assert_eq!(location(&r), "/sections/world");
        assert_eq!(signed_in_as(&app, &c).await.as_deref(), Some("Ida Tarbell"));
        let email = Email::parse("ida@newsroom.example").unwrap();
        let user = app
            .store
            .user_by_email(&email)
            .await
            .unwrap()
            .expect("an account");
        assert_eq!(user.role, "member");
        assert!(
            app.store
                .address_proven_at(user.id)
                .await
                .unwrap()
                .is_some()
        );

        // No usable password: signing in with one fails like a wrong password.
        let c2 = client();
        let (_, form) = fetch(&c2, app.url("/signin")).await;
        for password in ["", PASSWORD] {
            let r = c2
                .post(app.url("/signin"))
                .form(&[
                    ("csrf", csrf_of(&form).as_str()),
                    ("email", "ida@newsroom.example"),
                    ("password", password),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 422);
            assert!(r.text().await.unwrap().contains("do not match an account"));
        }

        // "Forgotten your password?" gives the account one.
        let (_, form) = fetch(&c2, app.url("/reset")).await;
        let r = c2
            .post(app.url("/reset"))
            .form(&[
                ("csrf", csrf_of(&form).as_str()),
                ("email", "ida@newsroom.example"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let reset = app.mailed_link("ida@newsroom.example", "/reset/").await;
        let (_, form) = fetch(&c2, app.url(&reset)).await;
        let r = c2
            .post(app.url(&reset))
            .form(&[
                ("csrf", csrf_of(&form).as_str()),
                ("password", "a passphrase of her own"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let (_, form) = fetch(&c2, app.url("/signin")).await;
        let r = c2
            .post(app.url("/signin"))
            .form(&[
                ("csrf", csrf_of(&form).as_str()),
                ("email", "ida@newsroom.example"),
                ("password", "a passphrase of her own"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(
            signed_in_as(&app, &c2).await.as_deref(),
            Some("Ida Tarbell")
        );

        // The address changes at the provider: the subject still finds the same account.
        ida.email = "ida.tarbell@newsroom.example".into();
        idp.sign_in_as(ida);
        let c3 = client();
        let r = sso(&app, &idp, &c3, "/", |u| u).await;
        assert_eq!(location(&r), "/");
        let (_, settings) = fetch(&c3, app.url("/settings")).await;
        assert!(
            settings.contains("ida@newsroom.example"),
            "the same account"
        );
        let moved = Email::parse("ida.tarbell@newsroom.example").unwrap();
        assert!(
            app.store.user_by_email(&moved).await.unwrap().is_none(),
            "no second account"
        );
        if let Idp::HandWritten(idp) = &idp {
            assert_eq!(idp.tokens_issued(), 2);
        }
    }

    async fn sso_with_the_address_of_a_verified_account_links_it(app: TestApp, idp: Idp) {
        let nellie = app.member("Nellie Bly").await;
        let email = Email::parse("nellie.bly@example.org").unwrap();
        let before = app.store.user_by_email(&email).await.unwrap().unwrap();
        app.store
            .mark_email_verified(before.id, app.clock.now())
            .await
            .unwrap();
        let mut sso_nellie = TestUser::new("sub-nb", "Nellie.Bly@example.org");
        sso_nellie.name = Some("Elizabeth Cochran".into());
        idp.sign_in_as(sso_nellie);
        let c = client();
        let r = sso(&app, &idp, &c, "/", |u| u).await;
        assert_eq!(r.status(), 303);
        assert_eq!(
            signed_in_as(&app, &c).await.as_deref(),
            Some("Nellie Bly"),
            "the existing account, its name unchanged"
        );
        let after = app.store.user_by_email(&email).await.unwrap().unwrap();
        assert_eq!(after.id, before.id);
        // Its owner had proven the address: what they had keeps working.
        assert_eq!(
            after.password_hash, before.password_hash,
            "the password still works"
        );
        assert_eq!(
            signed_in_as(&app, &nellie.client).await.as_deref(),
            Some("Nellie Bly"),
            "the earlier session too"
        );
        Member::sign_in(&app, "nellie.bly@example.org", PASSWORD).await;
    }

    async fn sso_takes_over_an_account_whose_address_was_never_verified(app: TestApp, idp: Idp) {
        let (id, squatter, token, links) = squat(&app, "jane@newsroom.example", "Jane").await;
        assert_eq!(token_answer(&app, &token).await, 404, "a working token");
        let mut jane = TestUser::new("sub-jane", "Jane@Newsroom.example");
        jane.name = Some("Jane Doe".into());
        idp.sign_in_as(jane.clone());
        let c = client();
        let r = sso(&app, &idp, &c, "/", |u| u).await;
        assert_eq!(r.status(), 303);
        assert_eq!(location(&r), "/");
        assert_eq!(
            signed_in_as(&app, &c).await.as_deref(),
            Some("Jane"),
            "the account with her address, now hers"
        );
        let user = app
            .store
            .user_by_email(&Email::parse("jane@newsroom.example").unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(user.id, id);
        assert_eq!(user.password_hash, "", "no password opens it");
        squatter_is_out(&app, id, &squatter, &token, &links).await;

        // Linked to her identity: she signs in again, and only her sessions were ended.
        let c2 = client();
        let r = sso(&app, &idp, &c2, "/", |u| u).await;
        assert_eq!(r.status(), 303);
        assert_eq!(signed_in_as(&app, &c2).await.as_deref(), Some("Jane"));
        assert_eq!(signed_in_as(&app, &c).await.as_deref(), Some("Jane"));
    }

    async fn imported_comments_stay_out_of_reach_of_whoever_made_the_account(
        app: TestApp,
        idp: Idp,
    ) {
        // Jo wrote two comments as a guest with jo@example.org; someone else makes the account.
        let out = common::bin()
            .args(["--database-url", &app.database_url, "import-wordpress"])
            .arg(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/imports/wordpress.xml"),
            )
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (_, squatter, _, _) = squat(&app, "jo@example.org", "Jo").await;
        let page = squatter.page("/settings/earlier-comments").await;
        assert!(
            page.contains("2 comments from an earlier account"),
            "{page}"
        );
        let r = squatter.post("/settings/earlier-comments", &[]).await;
        assert_eq!(r.status(), 409, "not while the address is unproven");

        idp.sign_in_as(TestUser::new("sub-jo", "jo@example.org"));
        let jo = client();
        sso(&app, &idp, &jo, "/", |u| u).await;
        assert_eq!(signed_in_as(&app, &jo).await.as_deref(), Some("Jo"));
        // Signing in claims nothing by itself, and the account's maker cannot claim them now.
        let r = squatter.post("/settings/earlier-comments", &[]).await;
        assert_eq!(r.status(), 303);
        assert!(
            location(&r).starts_with("/signin"),
            "the maker's session is over: {}",
            location(&r)
        );
        let (_, page) = fetch(&jo, app.url("/settings/earlier-comments")).await;
        assert!(
            page.contains("2 comments from your earlier account (Jo Pennant)"),
            "{page}"
        );
        // Jo, whose address the provider vouched for, can.
        let csrf = csrf_of(&page);
        let r = jo
            .post(app.url("/settings/earlier-comments"))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(location(&r), "/settings/earlier-comments?claimed=2");
    }

    async fn unverified_email_is_refused(app: TestApp, idp: Idp) {
        let mut sam = TestUser::new("sub-sam", "sam@newsroom.example");
        sam.email_verified = false;
        idp.sign_in_as(sam);
        let c = client();
        let r = sso(&app, &idp, &c, "/", |u| u).await;
        let message = came_back_with(&app, &c, r).await;
        assert!(
            message.contains("Newsroom has not verified the e-mail address"),
            "{message}"
        );
        assert_eq!(signed_in_as(&app, &c).await, None);
        let email = Email::parse("sam@newsroom.example").unwrap();
        assert!(
            app.store.user_by_email(&email).await.unwrap().is_none(),
            "no account made"
        );
    }

    async fn tampered_state_is_refused(app: TestApp, idp: TestProvider) {
        idp.sign_in_as(TestUser::new("sub-eve", "eve@newsroom.example"));
        let c = client();
        let r = sso(&app, &Idp::HandWritten(idp.clone()), &c, "/", |u| {
            let (head, state) = u.split_once("state=").unwrap();
            format!("{head}state=x{state}")
        })
        .await;
        let message = came_back_with(&app, &c, r).await;
        assert!(
            message.contains("did not match the sign-in this browser started"),
            "{message}"
        );
        assert_eq!(signed_in_as(&app, &c).await, None);
        assert_eq!(idp.tokens_issued(), 0, "the code was never exchanged");

        // A callback opened in a browser that started nothing (a link sent by someone else,
        // to sign the victim into the sender's account) is refused.
        let attacker = client();
        let start = attacker.get(app.url("/signin/oidc")).send().await.unwrap();
        let at_provider = location(&start);
        let callback = location(&attacker.get(&at_provider).send().await.unwrap());
        let victim = client();
        let r = victim.get(&callback).send().await.unwrap();
        let message = came_back_with(&app, &victim, r).await;
        assert!(message.contains("started in another browser"), "{message}");
        assert_eq!(signed_in_as(&app, &victim).await, None);
        assert_eq!(idp.tokens_issued(), 0);
    }

    async fn denial_at_the_provider_comes_back_with_a_message(app: TestApp, idp: TestProvider) {
        idp.deny_next();
        let c = client();
        let r = sso(
            &app,
            &Idp::HandWritten(idp.clone()),
            &c,
            "/sections/world",
            |u| u,
        )
        .await;
        assert_eq!(r.status(), 303);
        assert!(
            location(&r).contains("return_to=%2Fsections%2Fworld"),
            "{}",
            location(&r)
        );
        let message = came_back_with(&app, &c, r).await;
        assert!(
            message.contains("Signing in with Newsroom was cancelled"),
            "{message}"
        );
        assert_eq!(signed_in_as(&app, &c).await, None);
    }

    async fn claims_kept_for_userinfo_are_read_from_it_for_the_same_subject_only(
        app: TestApp,
        idp: TestProvider,
    ) {
        // The ID token carries only the subject (OpenID Connect Core §5.4): UserInfo is asked.
        idp.keep_claims_for_userinfo();
        let mut ida = TestUser::new("sub-ida", "ida@newsroom.example");
        ida.name = Some("Ida Tarbell".into());
        idp.sign_in_as(ida);
        let c = client();
        let r = sso(&app, &Idp::HandWritten(idp.clone()), &c, "/", |u| u).await;
        assert_eq!(location(&r), "/");
        assert_eq!(signed_in_as(&app, &c).await.as_deref(), Some("Ida Tarbell"));
        assert_eq!(idp.userinfo_requests(), 1);

        // A UserInfo answer about someone else is no answer about this sign-in.
        idp.userinfo_answers_for("sub-ida");
        idp.sign_in_as(TestUser::new("sub-mallory", "mallory@newsroom.example"));
        let c = client();
        let r = sso(&app, &Idp::HandWritten(idp.clone()), &c, "/", |u| u).await;
        let message = came_back_with(&app, &c, r).await;
        assert!(
            message.contains("Newsroom could not sign you in"),
            "{message}"
        );
        assert_eq!(signed_in_as(&app, &c).await, None);
        assert_eq!(idp.userinfo_requests(), 2);
        for address in ["mallory@newsroom.example", "ida@newsroom.example"] {
            let user = app
                .store
                .user_by_email(&Email::parse(address).unwrap())
                .await
                .unwrap();
            assert_eq!(user.is_some(), address.starts_with("ida"), "{address}");
        }
    }
}
