//! No open redirect through `return_to`, on SQLite and PostgreSQL: every way of signing in that
//! takes a return address (the password form, the e-mailed sign-in link, sign-up's mailed link,
//! single sign-on, and its way back after a refusal) is given hostile values, and each
//! `Location` it answers is read as a browser reads it (WHATWG URL rules, through the `url`
//! crate): joined to the site's address, it must stay on the site.

use crate::common::oidc::{TestProvider, TestUser};
use crate::common::{Oidc, PASSWORD, TestApp, attrs, client, csrf_of, html};

backend_tests!(setup = Oidc; every_way_in_refuses_a_return_address_off_the_site);

/// Return addresses a browser could read as another site, or that hide one from a naive check.
const HOSTILE: &[&str] = &[
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "\t//evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "/ /evil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "https://evil.example/",
    "https:evil.example",
    "http:/evil.example",
    "javascript:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
    "/..//evil.example",
    "/a/../..//evil.example",
    "/%2e%2e//evil.example",
    "/\u{FF0F}evil.example",
    "/\u{3000}/evil.example",
    "//evil\u{3002}example",
    "/\u{200B}/evil.example",
    "/\u{00A0}/evil.example",
    "evil.example",
];

/// Asserts that `location`, read as a browser reads it against the site's address, is on the
/// site (and, for these hostile values, simply the front page).
fn assert_stays_on_site(app: &TestApp, location: &str, what: &str, hostile: &str) {
    let base = url::Url::parse(&app.url("/")).unwrap();
    let target = base
        .join(location)
        .unwrap_or_else(|e| panic!("{what} with {hostile:?}: Location {location:?}: {e}"));
    assert_eq!(
        target.origin(),
        base.origin(),
        "{what} with return_to={hostile:?} sent the browser to {target} (Location {location:?})"
    );
}

fn location(r: &reqwest::Response) -> String {
    String::from_utf8_lossy(r.headers()["location"].as_bytes()).into_owned()
}

async fn form_page(c: &reqwest::Client, app: &TestApp, path: &str, hostile: &str) -> String {
    c.get(app.url(path))
        .query(&[("return_to", hostile)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn every_way_in_refuses_a_return_address_off_the_site(app: TestApp, idp: TestProvider) {
    let rita = app.member("Rita").await;
    for (i, &hostile) in HOSTILE.iter().enumerate() {
        // Each round in a new hour, so the per-address link limits never bite.
        app.clock.advance(chrono::Duration::hours(1));

        // The forms that carry it on keep only a safe value.
        for path in ["/signin", "/signup", "/signin/link"] {
            let page = form_page(&client(), &app, path, hostile).await;
            let kept = attrs(&html(&page), "input[name=return_to]", "value");
            assert_eq!(kept, vec!["/"], "{path} with {hostile:?}");
        }

        // Password.
        let c = client();
        let page = form_page(&c, &app, "/signin", hostile).await;
        let r = c
            .post(app.url("/signin"))
            .form(&[
                ("csrf", csrf_of(&page).as_str()),
                ("email", rita.email.as_str()),
                ("password", PASSWORD),
                ("return_to", hostile),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "password sign-in with {hostile:?}");
        assert_stays_on_site(&app, &location(&r), "password sign-in", hostile);
        assert_eq!(location(&r), "/");

        // E-mailed sign-in link.
        let c = client();
        let page = form_page(&c, &app, "/signin/link", hostile).await;
        let r = c
            .post(app.url("/signin/link"))
            .form(&[
                ("csrf", csrf_of(&page).as_str()),
                ("email", rita.email.as_str()),
                ("return_to", hostile),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "asking for a link with {hostile:?}");
        let link = app
            .wait_for_links(&rita.email, "/signin/link/", i + 1)
            .await[i]
            .strip_prefix(&app.url(""))
            .unwrap()
            .to_owned();
        let page = c
            .get(app.url(&link))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let r = c
            .post(app.url(&link))
            .form(&[("csrf", csrf_of(&page).as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "using the link with {hostile:?}");
        assert_stays_on_site(&app, &location(&r), "e-mailed sign-in link", hostile);
        assert_eq!(location(&r), "/");

        // Sign-up, finished by its mailed link.
        let c = client();
        let email = format!("newcomer{i}@example.org");
        app.send_signup(&c, "Newcomer", &email, &[("return_to", hostile)])
            .await;
        let r = app.confirm_signup(&c, &email).await;
        assert_eq!(r.status(), 303, "confirming a sign-up with {hostile:?}");
        assert_stays_on_site(&app, &location(&r), "sign-up", hostile);
        assert_eq!(location(&r), "/");

        // Single sign-on, and its way back to the sign-in page when the person says no.
        for deny in [false, true] {
            idp.sign_in_as(TestUser::new(
                &format!("sub-{i}"),
                &format!("sso{i}@example.org"),
            ));
            if deny {
                idp.deny_next();
            }
            let c = client();
            let r = c
                .get(app.url("/signin/oidc"))
                .query(&[("return_to", hostile)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 303);
            let r = c.get(location(&r)).send().await.unwrap();
            assert_eq!(r.status(), 303, "the provider sends the browser back");
            let r = c.get(location(&r)).send().await.unwrap();
            assert_eq!(r.status(), 303, "single sign-on with {hostile:?}");
            assert_stays_on_site(&app, &location(&r), "single sign-on", hostile);
            if deny {
                assert!(
                    location(&r).starts_with("/signin?sso=denied"),
                    "{}",
                    location(&r)
                );
                let page = c.get(app.url(&location(&r))).send().await.unwrap();
                let kept = attrs(
                    &html(&page.text().await.unwrap()),
                    "input[name=return_to]",
                    "value",
                );
                assert_eq!(kept, vec!["/"], "back at sign-in with {hostile:?}");
            } else {
                assert_eq!(location(&r), "/");
            }
        }
    }

    // A page that needs signing in sends the reader to sign in and back, only by a clean path.
    let r = client()
        .get(app.url("/settings/tokens?x=%09//evil.example"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/signin");
    let r = client()
        .get(app.url("/settings/tokens"))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&r), "/signin?return_to=/settings/tokens");
}
