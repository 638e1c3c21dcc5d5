//! Who may do what: every route, for a visitor who is signed out and for each role, on SQLite
//! and PostgreSQL. The table below is the authorisation matrix; each cell is what that caller
//! gets:
//!
//! - `A` allowed: the request is handled (any answer but 401, 403 or a sign-in redirect; a 4xx
//!   about the input still means the caller got in),
//! - `F` forbidden (403),
//! - `S` sent to sign in (a redirect to `/signin`, or 401 from the API).
//!
//! Forms are sent with the caller's valid CSRF token, and with harmless input where the caller
//! is allowed, so that one row does not change what the next finds.

use crate::common::{self, Member, TestApp, article};
use broadsheet::domain::user::Role;

backend_tests!(every_route_answers_each_role_as_the_matrix_says);

const ROLES: [&str; 6] = [
    "anon",
    "member",
    "contributor",
    "moderator",
    "editor",
    "admin",
];

#[rustfmt::skip]
const MATRIX: &[(&str, &str, &str, &str)] = &[
    // method  path                                   form or JSON body            anon mem con mod edi adm
    ("GET",  "/",                                     "",                          "A A A A A A"),
    ("GET",  "/sections/science",                     "",                          "A A A A A A"),
    ("GET",  "/articles/story",                       "",                          "A A A A A A"),
    ("GET",  "/tags/testing",                         "",                          "A A A A A A"),
    ("GET",  "/authors/test-writer",                  "",                          "A A A A A A"),
    ("GET",  "/search?q=story",                       "",                          "A A A A A A"),
    ("GET",  "/feed.atom",                            "",                          "A A A A A A"),
    ("GET",  "/feed.rss",                             "",                          "A A A A A A"),
    ("GET",  "/feed.json",                            "",                          "A A A A A A"),
    ("GET",  "/sections/science/feed.atom",           "",                          "A A A A A A"),
    ("GET",  "/articles/story/comments.atom",         "",                          "A A A A A A"),
    ("GET",  "/members/{u}",                          "",                          "A A A A A A"),
    ("GET",  "/members/{u}/comments.atom",            "",                          "A A A A A A"),
    ("GET",  "/sitemap.xml",                          "",                          "A A A A A A"),
    ("GET",  "/robots.txt",                           "",                          "A A A A A A"),
    ("GET",  "/healthz",                              "",                          "A A A A A A"),
    // No role reads the metrics: only a scraper with the metrics token (every test app has one).
    ("GET",  "/metrics",                              "",                          "S S S S S S"),
    ("GET",  "/signup",                               "",                          "A A A A A A"),
    ("GET",  "/signup/not-a-token",                   "",                          "A A A A A A"),
    ("GET",  "/signin",                               "",                          "A A A A A A"),
    ("GET",  "/reset",                                "",                          "A A A A A A"),
    ("GET",  "/signin/link",                          "",                          "A A A A A A"),
    ("GET",  "/signin/link/not-a-token",              "",                          "A A A A A A"),
    ("GET",  "/signin/oidc",                          "",                          "A A A A A A"),
    ("GET",  "/signin/oidc/callback?code=c&state=s",  "",                          "A A A A A A"),
    ("GET",  "/api/v1/openapi.json",                  "",                          "A A A A A A"),
    ("GET",  "/api/v1/articles",                      "",                          "A A A A A A"),
    ("GET",  "/api/v1/articles/story",                "",                          "A A A A A A"),
    ("GET",  "/api/v1/articles/story/comments",       "",                          "A A A A A A"),
    ("GET",  "/api/v1/articles/story/updates",        "",                          "A A A A A A"),
    ("GET",  "/api/v1/articles/story/updates/999999", "",                          "A A A A A A"),
    ("GET",  "/api/v1/sections",                      "",                          "A A A A A A"),
    ("GET",  "/comments/{c}/fragment",                "",                          "A A A A A A"),
    ("GET",  "/embed/comments/{c}/fragment",          "",                          "A A A A A A"),
    ("GET",  "/settings",                             "",                          "S A A A A A"),
    ("GET",  "/settings/tokens",                      "",                          "S A A A A A"),
    ("GET",  "/settings/mutes",                       "",                          "S A A A A A"),
    ("GET",  "/settings/data.json",                   "",                          "S A A A A A"),
    ("GET",  "/settings/earlier-comments",            "",                          "S A A A A A"),
    ("GET",  "/2025/10/14/an-old-post/",              "",                          "A A A A A A"),
    ("GET",  "/an-old-post/",                         "",                          "A A A A A A"),
    ("GET",  "/?p=1",                                 "",                          "A A A A A A"),
    ("GET",  "/index.php?page_id=1",                  "",                          "A A A A A A"),
    ("GET",  "/comments/{c}/report",                  "",                          "S A A A A A"),
    ("GET",  "/embed/comments/{c}/report",            "",                          "S A A A A A"),
    ("GET",  "/comments/{c}/edit",                    "",                          "S F F F F F"),
    ("GET",  "/embed/comments/{c}/edit",              "",                          "S F F F F F"),
    ("GET",  "/admin",                                "",                          "S F A A A A"),
    ("GET",  "/admin/moderation",                     "",                          "S F F A A A"),
    ("GET",  "/admin/users",                          "",                          "S F F A A A"),
    ("GET",  "/admin/moderation/settings",            "",                          "S F F F A A"),
    ("GET",  "/admin/moderation/log",                 "",                          "S F F F F A"),
    ("GET",  "/admin/webhooks",                       "",                          "S F F F F A"),
    ("GET",  "/admin/sites",                          "",                          "S F F F F A"),
    ("GET",  "/embed.js",                             "",                          "A A A A A A"),
    ("GET",  "/embed/frame.js",                       "",                          "A A A A A A"),
    ("GET",  "/embed/counts?site={s}&page=https%3A%2F%2Fblog.example%2Fp", "",     "A A A A A A"),
    ("GET",  "/embed/thread?site={s}&page=https%3A%2F%2Fblog.example%2Fp", "",     "A A A A A A"),
    ("GET",  "/embed/signin?site={s}",                "",                          "S A A A A A"),
    ("GET",  "/embed/signin.js",                      "",                          "A A A A A A"),
    ("GET",  "/embed/data.json",                      "",                          "S A A A A A"),
    ("GET",  "/embed/counts?site={s}&id=post-7",      "",                          "A A A A A A"),
    ("GET",  "/embed/style.css?accent=%23aa0000",     "",                          "A A A A A A"),
    // The frame's form token, which the signed-out frame (every reader's page) cannot carry.
    ("GET",  "/embed/csrf",                           "",                          "A A A A A A"),
    ("GET",  "/admin/sites/{s}/threads",              "",                          "S F F F F A"),
    ("GET",  "/admin/threads/{t}",                    "",                          "S F F F A A"),
    ("GET",  "/admin/articles",                       "",                          "S F A A A A"),
    ("GET",  "/admin/articles/new",                   "",                          "S F A A A A"),
    ("GET",  "/admin/articles/{a}",                   "",                          "S F F F A A"),
    ("GET",  "/admin/articles/{a}/preview",           "",                          "S F F F A A"),
    ("GET",  "/admin/articles/{a}/preview/widths",    "",                          "S F F F A A"),
    ("GET",  "/admin/articles/{a}/revisions",         "",                          "S F F F A A"),
    ("GET",  "/admin/articles/{a}/live",              "",                          "S F A A A A"),
    ("GET",  "/articles/story/updates",               "",                          "A A A A A A"),
    ("GET",  "/articles/story/updates.atom",          "",                          "A A A A A A"),
    ("GET",  "/live-updates/999999/fragment",         "",                          "A A A A A A"),
    ("GET",  "/articles/story/key-events",            "",                          "A A A A A A"),
    ("GET",  "/articles/story/ask",                   "",                          "A A A A A A"),
    ("GET",  "/admin/moderation/questions",           "",                          "S F F A A A"),
    ("GET",  "/admin/sections",                       "",                          "S F F F A A"),
    ("GET",  "/admin/authors",                        "",                          "S F F F A A"),
    ("GET",  "/admin/tags",                           "",                          "S F F F A A"),
    ("GET",  "/admin/media",                          "",                          "S F A A A A"),
    ("GET",  "/admin/media/library.json",             "",                          "S F A A A A"),
    ("GET",  "/media/0123456789abcdef0123456789abcdef-480.jpg", "",                "A A A A A A"),
    ("POST", "/signin/link",                          "email=nobody%40example.org", "F A A A A A"),
    ("POST", "/signin/link/not-a-token",              "",                          "F A A A A A"),
    ("POST", "/signup/not-a-token",                   "",                          "F A A A A A"),
    ("POST", "/reset/not-a-token",                    "password=long+enough+pass", "F A A A A A"),
    ("POST", "/articles/story/comments",              "body=A+matrix+comment",     "S A A A A A"),
    ("POST", "/comments/{c}/like",                    "like=1",                    "S A A A A A"),
    ("POST", "/comments/actions",                     "like=999999",               "S A A A A A"),
    ("POST", "/comments/actions",                     "mute=999999",               "S A A A A A"),
    ("POST", "/comments/{c}/report",                  "reason=other",              "S A A A A A"),
    // The same actions under /embed, where the frame's session reaches them.
    ("POST", "/embed/comments/actions",               "like=999999",               "S A A A A A"),
    ("POST", "/embed/comments/actions",               "mute=999999",               "S A A A A A"),
    ("POST", "/embed/comments/actions",               "delete=999999",             "S A A A A A"),
    ("POST", "/embed/comments/{c}/report",            "reason=other",              "S A A A A A"),
    ("POST", "/comments/{c}/edit",                    "body=Changed",              "S F F F F F"),
    ("POST", "/embed/comments/{c}/edit",              "body=Changed",              "S F F F F F"),
    ("POST", "/comments/{c}/delete",                  "",                          "S F F F F F"),
    ("POST", "/settings/profile",                     "display_name=Same",         "S A A A A A"),
    ("POST", "/settings/time-zone",                   "time_zone=",                "S A A A A A"),
    ("POST", "/settings/language",                    "locale=",                   "S A A A A A"),
    ("POST", "/settings/tokens",                      "name=",                     "S A A A A A"),
    ("POST", "/settings/mutes",                       "member=999999",             "S A A A A A"),
    ("POST", "/settings/notifications",               "replies=on",                "S A A A A A"),
    ("POST", "/settings/email/verify",                "",                          "S A A A A A"),
    ("GET",  "/verify-email/not-a-token",             "",                          "A A A A A A"),
    ("GET",  "/unsubscribe/not-a-token",              "",                          "A A A A A A"),
    ("POST", "/unsubscribe/not-a-token",              "",                          "A A A A A A"),
    ("POST", "/settings/earlier-comments",            "",                          "S A A A A A"),
    ("POST", "/admin/moderation/decide",              "action=approve",            "S F F A A A"),
    ("POST", "/admin/moderation/undo",                "log=999999",                "S F F A A A"),
    ("POST", "/admin/users/{u}/ban",                  "length=0",                  "S F F A A A"),
    ("POST", "/admin/moderation/policies",            "scope=section&target=none", "S F F F A A"),
    ("POST", "/admin/moderation/settings",            "mode=bogus",                "S F F F F A"),
    ("POST", "/admin/users/{u}/role",                 "role=bogus",                "S F F F F A"),
    ("POST", "/admin/webhooks",                       "url=not-a-url",             "S F F F F A"),
    ("POST", "/admin/sites",                          "name=",                     "S F F F F A"),
    ("POST", "/admin/sites/{s}/origins",              "origins=",                  "S F F F F A"),
    ("POST", "/admin/sites/999999/secret",            "",                          "S F F F F A"),
    ("POST", "/admin/sites/{s}/policy",               "mode=bogus",                "S F F F F A"),
    ("POST", "/admin/threads/{t}/policy",             "mode=bogus",                "S F F F A A"),
    ("POST", "/embed/thread/comments?site={s}&page=https%3A%2F%2Fblog.example%2Fp", "body=A+framed+comment", "S A A A A A"),
    // The frame's sign-in: a code or host token that is not valid is the caller's input (4xx);
    // the signed-out matrix caller sends no form token. Signing out of the frame leaves a whole
    // site's session alone.
    ("POST", "/embed/session",                        "site={s}&code=nope",        "F A A A A A"),
    ("POST", "/embed/host-signin",                    "site={s}&token=a.b.c",      "F A A A A A"),
    ("POST", "/embed/signout",                        "",                          "F A A A A A"),
    ("POST", "/admin/webhooks/999/delete",            "",                          "S F F F F A"),
    ("POST", "/admin/webhooks/deliveries/999/redeliver", "",                       "S F F F F A"),
    ("POST", "/admin/articles/new",                   "title=",                    "S F A A A A"),
    ("POST", "/admin/articles/{a}",                   "title=",                    "S F F F A A"),
    ("POST", "/admin/articles/{a}/workflow",          "action=submit",             "S F F F A A"),
    // Nothing kept: the article's revision is not -1, so the allowed get 409.
    ("POST", "/admin/articles/{a}/autosave",          "revision=-1",               "S F F F A A"),
    ("POST", "/admin/articles/{a}/autosave/discard",  "",                          "S F F F A A"),
    // The new article in the writing: whoever may start one autosaves their own.
    ("POST", "/admin/articles/new/autosave",          "body=Typed",                "S F A A A A"),
    ("POST", "/admin/articles/new/autosave/discard",  "",                          "S F A A A A"),
    ("POST", "/admin/articles/{a}/corrections",       "text=",                     "S F F F A A"),
    ("POST", "/admin/articles/{a}/language",          "lang=",                     "S F F F A A"),
    ("POST", "/admin/articles/{a}/live",              "action=neither",            "S F F F A A"),
    ("POST", "/admin/articles/{a}/live/updates",      "body=",                     "S F A A A A"),
    ("POST", "/admin/live-updates/999999",            "action=delete",             "S F F F A A"),
    ("POST", "/articles/story/ask",                   "body=",                     "S A A A A A"),
    ("POST", "/admin/moderation/questions/decide",    "action=approve",            "S F F A A A"),
    ("POST", "/admin/live-questions/999999/answer",   "body=",                     "S F A A A A"),
    ("POST", "/admin/articles/{a}/revisions/1/restore", "revision=0",              "S F F F A A"),
    ("POST", "/admin/sections",                       "name=",                     "S F F F A A"),
    ("POST", "/admin/sections/999999",                "name=",                     "S F F F A A"),
    ("POST", "/admin/authors",                        "name=",                     "S F F F A A"),
    ("POST", "/admin/authors/999999",                 "name=",                     "S F F F A A"),
    ("POST", "/admin/tags",                           "name=",                     "S F F F A A"),
    ("POST", "/admin/tags/999999",                    "name=",                     "S F F F A A"),
    ("POST", "/admin/media",                          "alt=not+multipart",         "S F A A A A"),
    ("GET",  "/newsletters",                          "",                          "A A A A A A"),
    ("GET",  "/newsletters/confirm/not-a-token",      "",                          "A A A A A A"),
    ("POST", "/newsletters/confirm/not-a-token",      "",                          "F A A A A A"),
    ("GET",  "/newsletters/unsubscribe/not-a-token",  "",                          "A A A A A A"),
    // One-click unsubscribe: the signed token is the authority, so no session or CSRF token.
    ("POST", "/newsletters/unsubscribe/not-a-token",  "",                          "A A A A A A"),
    ("GET",  "/newsletters/editions/{e}",             "",                          "A A A A A A"),
    ("POST", "/newsletters/subscribe",                "newsletter={n}",            "F A A A A A"),
    ("POST", "/newsletters/leave",                    "newsletter={n}",            "S A A A A A"),
    ("GET",  "/admin/newsletters",                    "",                          "S F F F A A"),
    ("POST", "/admin/newsletters",                    "name=",                     "S F F F A A"),
    ("GET",  "/admin/newsletters/{n}",                "",                          "S F F F A A"),
    ("POST", "/admin/newsletters/{n}",                "name=",                     "S F F F A A"),
    ("POST", "/admin/newsletters/{n}/editions",       "subject=",                  "S F F F A A"),
    ("GET",  "/admin/newsletters/editions/{e}",       "",                          "S F F F A A"),
    ("POST", "/admin/newsletters/editions/{e}",       "subject=",                  "S F F F A A"),
    ("GET",  "/admin/newsletters/editions/{e}/preview", "",                        "S F F F A A"),
    ("GET",  "/admin/newsletters/editions/{e}/progress", "",                       "S F F F A A"),
    ("GET",  "/admin/newsletters/editions/{e}/preview.txt", "",                    "S F F F A A"),
    ("POST", "/admin/newsletters/editions/{e}/test",  "",                          "S F F F A A"),
    // The edition is empty: refused (422), so it stays a draft for the rows after.
    ("POST", "/admin/newsletters/editions/{e}/send",  "",                          "S F F F A A"),
    ("JSON", "/api/v1/articles/story/comments",       "{\"body\":\"\"}",           "S A A A A A"),
    ("JSON", "/api/v1/articles",                      "{\"source\":\"\"}",       "S F F F A A"),
    ("PATCH","/api/v1/comments/{c}",                  "{\"body\":\"x\"}",          "S F F F F F"),
    ("DELETE","/api/v1/comments/{c}",                 "",                          "S F F F F F"),
    // Live coverage through the API: the `publish` scope, which only editors and admins hold.
    ("JSON", "/api/v1/articles/story/updates",        "{\"body\":\"\"}",           "S F F F A A"),
    ("PATCH","/api/v1/articles/story/updates/999999", "{\"body\":\"x\"}",          "S F F F A A"),
    ("DELETE","/api/v1/articles/story/updates/999999", "",                         "S F F F A A"),
    ("JSON", "/api/v1/articles/story/coverage",       "{\"action\":\"neither\"}",  "S F F F A A"),
];

/// What a caller got, as a matrix letter.
fn outcome(status: u16, location: Option<&str>) -> char {
    match status {
        401 => 'S',
        403 => 'F',
        303 | 302 if location.is_some_and(|l| l.starts_with("/signin")) => 'S',
        s if s >= 500 => '!',
        _ => 'A',
    }
}

async fn every_route_answers_each_role_as_the_matrix_says(app: TestApp) {
    app.publish(&[article("story", "Science", 5)]).await;
    // Reports never hide the target here, so every row finds it as it was.
    let system = broadsheet::store::moderation::Actor::system();
    app.store
        .save_moderation_settings(
            0,
            0,
            broadsheet::domain::moderation::TrustThresholds::default(),
            false,
            0.9,
            &system,
            app.clock.now(),
        )
        .await
        .unwrap();
    let author = app.member("Author").await;
    let c = author
        .comment("story", None, "The target of every row.")
        .await;
    let u = app
        .store
        .user_by_email(&broadsheet::domain::user::Email::parse(&author.email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .id;
    // The imported article, started by nobody: only editors and admins may touch it.
    let a = app
        .store
        .newsroom_list(&Default::default(), app.clock.now())
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.slug == "story")
        .unwrap()
        .id;
    let fields = broadsheet::domain::newsletter::check_fields(
        "Matrix weekly",
        "",
        "The Desk",
        broadsheet::domain::newsletter::Source::Picked,
    )
    .unwrap();
    let n = app
        .store
        .create_newsletter(&fields, app.clock.now())
        .await
        .unwrap();
    let e = app
        .store
        .create_edition(n, "Matrix edition", "", &[], app.clock.now())
        .await
        .unwrap();
    let s = app
        .store
        .create_site(
            "Blog",
            &[broadsheet::domain::embed::Origin::parse("https://blog.example").unwrap()],
            "matrix-secret",
            app.clock.now(),
        )
        .await
        .unwrap();
    let t = app
        .store
        .embedded_thread(
            s,
            &broadsheet::domain::embed::embedded_page(
                "https://blog.example/matrix",
                None,
                &[broadsheet::domain::embed::Origin::parse("https://blog.example").unwrap()],
            )
            .unwrap(),
            "Matrix page",
            app.clock.now(),
        )
        .await
        .unwrap()
        .article
        .card
        .id;
    let mut callers: Vec<Option<Member>> = vec![None];
    for (name, role) in [
        ("Mem", Role::Member),
        ("Con", Role::Contributor),
        ("Mod", Role::Moderator),
        ("Edi", Role::Editor),
        ("Adm", Role::Admin),
    ] {
        let m = app.member(name).await;
        m.promote(&app, role).await;
        callers.push(Some(m));
    }
    let anon = common::client();
    let mut wrong = Vec::new();
    for (method, path, body, expected) in MATRIX {
        let path = path
            .replace("{c}", &c.to_string())
            .replace("{u}", &u.to_string())
            .replace("{a}", &a.to_string())
            .replace("{n}", &n.0.to_string())
            .replace("{e}", &e.0.to_string())
            .replace("{s}", &s.0.to_string())
            .replace("{t}", &t.to_string());
        let body = body
            .replace("{s}", &s.0.to_string())
            .replace("{n}", &n.0.to_string())
            .replace("{e}", &e.0.to_string());
        let expected: Vec<char> = expected
            .split(' ')
            .map(|s| s.chars().next().unwrap())
            .collect();
        assert_eq!(expected.len(), ROLES.len(), "row {path}");
        for (i, caller) in callers.iter().enumerate() {
            let (client, csrf) = match caller {
                Some(m) => (&m.client, m.csrf.clone()),
                None => (&anon, String::new()),
            };
            let url = app.url(&path);
            let req = match *method {
                "GET" => client.get(&url),
                "POST" => {
                    let form = if body.is_empty() {
                        format!("csrf={csrf}")
                    } else {
                        format!("csrf={csrf}&{body}")
                    };
                    client
                        .post(&url)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(form)
                }
                "JSON" | "PATCH" | "DELETE" => {
                    let m = match *method {
                        "JSON" => reqwest::Method::POST,
                        "PATCH" => reqwest::Method::PATCH,
                        _ => reqwest::Method::DELETE,
                    };
                    client
                        .request(m, &url)
                        .header("content-type", "application/json")
                        .header("accept", "application/json")
                        .header("x-csrf-token", &csrf)
                        .body(body.to_string())
                }
                other => panic!("unknown method {other}"),
            };
            let r = req.send().await.unwrap();
            let status = r.status().as_u16();
            let location = r
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let got = outcome(status, location.as_deref());
            if got != expected[i] {
                wrong.push(format!(
                    "{method} {path} as {}: expected {} got {got} ({status} {location:?})",
                    ROLES[i], expected[i]
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the matrix does not hold:\n{}",
        wrong.join("\n")
    );
}
