//! The conversation embedded on other sites, on SQLite and PostgreSQL: sites registered from
//! the command line and at `/admin/sites`, threads made on a page's first load and keyed by its
//! canonical address, pages and loaders from other origins refused, the frame's
//! `frame-ancestors`, and a comment posted in the frame reaching its thread and the desk.

use crate::common::{Member, TestApp, article, attrs, bin, html, texts};
use broadsheet::domain::embed::{Origin, SiteId, embedded_page};
use broadsheet::domain::user::Role;

backend_tests!(
    site_add_prints_the_id_and_secret_and_refuses_bad_origins,
    admins_register_sites_change_origins_and_rotate_secrets,
    a_pages_thread_is_keyed_by_its_canonical_address,
    pages_and_loaders_from_other_origins_are_refused,
    only_the_sites_origins_may_frame_the_thread,
    a_comment_posted_in_the_frame_reaches_the_thread_and_the_desk,
    the_counts_of_many_pages_come_in_one_request,
);

const BLOG: &str = "https://blog.example";

async fn with_site(app: &TestApp) -> SiteId {
    app.publish(&[article("story", "Science", 5)]).await;
    let origins = vec![Origin::parse(BLOG).unwrap()];
    app.store
        .create_site("Blog", &origins, "secret-for-tests", app.clock.now())
        .await
        .unwrap()
}

fn frame(site: SiteId, page: &str) -> String {
    let q: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("site", &site.0.to_string())
        .append_pair("page", page)
        .append_pair("title", "My post")
        .finish();
    format!("/embed/thread?{q}")
}

async fn staff(app: &TestApp, name: &str, role: Role) -> Member {
    let m = app.member(name).await;
    m.promote(app, role).await;
    m
}

async fn site_add_prints_the_id_and_secret_and_refuses_bad_origins(app: TestApp) {
    let run = |args: &[&str]| {
        bin()
            .args(["--database-url", &app.database_url, "site", "add"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[
        "Partner blog",
        "--origin",
        "https://Blog.Example",
        "--origin",
        "http://localhost:8080",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sites = app.store.sites().await.unwrap();
    assert_eq!(sites.len(), 1);
    assert_eq!(sites[0].name, "Partner blog");
    assert_eq!(
        sites[0].origins,
        "https://blog.example http://localhost:8080"
    );
    assert!(stdout.contains(&format!("id: {}", sites[0].id)), "{stdout}");
    let secret = stdout
        .lines()
        .find_map(|l| l.strip_prefix("secret: "))
        .expect("the secret is printed");
    assert!(secret.len() >= 40, "{secret}");

    for (args, says) in [
        (&["Other", "--origin", "http://blog.example"][..], "https"),
        (
            &["Other", "--origin", "https://blog.example/posts"][..],
            "no path",
        ),
        (
            &["Partner blog", "--origin", "https://b.example"][..],
            "already a site",
        ),
    ] {
        let out = run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} was taken");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    assert_eq!(app.store.sites().await.unwrap().len(), 1);
}

async fn admins_register_sites_change_origins_and_rotate_secrets(app: TestApp) {
    let admin = staff(&app, "Ann", Role::Admin).await;
    let editor = staff(&app, "Ed", Role::Editor).await;
    assert_eq!(editor.get("/admin/sites").await.status(), 403);
    assert_eq!(
        app.get("/admin/sites").await.status(),
        303,
        "signed out: to sign in"
    );

    let r = admin
        .post(
            "/admin/sites",
            &[("name", "Blog"), ("origins", "https://blog.example/x")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let doc = html(&r.text().await.unwrap());
    assert!(texts(&doc, "#form-error")[0].contains("no path"));
    assert_eq!(texts(&doc, "#site_origins"), vec!["https://blog.example/x"]);
    assert_eq!(attrs(&doc, "#site_name", "value"), vec!["Blog"]);

    let r = admin
        .post(
            "/admin/sites",
            &[
                ("name", "Blog"),
                ("origins", "https://blog.example\nhttps://www.blog.example"),
            ],
        )
        .await;
    assert_eq!(r.status(), 201);
    let doc = html(&r.text().await.unwrap());
    let first = texts(&doc, "code.secret");
    assert_eq!(first.len(), 1, "the secret is shown once, now");
    let site = app.store.sites().await.unwrap().remove(0);
    assert_eq!(
        site.origins,
        "https://blog.example https://www.blog.example"
    );
    let listed = admin.page("/admin/sites").await;
    assert!(!listed.contains(&first[0]), "the secret is not shown again");
    assert!(listed.contains("embed.js") && listed.contains("data-broadsheet-conversation"));

    let r = admin
        .post(
            "/admin/sites",
            &[("name", "Blog"), ("origins", "https://c.example")],
        )
        .await;
    assert_eq!(r.status(), 409);

    let origins_path = format!("/admin/sites/{}/origins", site.id);
    let r = admin
        .post(&origins_path, &[("origins", "https://new.example")])
        .await;
    assert_eq!(r.status(), 303);
    let site = app.store.site(SiteId(site.id)).await.unwrap().unwrap();
    assert_eq!(site.origins, "https://new.example");
    let r = admin
        .post(&origins_path, &[("origins", "ftp://new.example")])
        .await;
    assert_eq!(r.status(), 422);
    let r = editor
        .post(&origins_path, &[("origins", "https://evil.example")])
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(
        app.store
            .site(SiteId(site.id))
            .await
            .unwrap()
            .unwrap()
            .origins,
        "https://new.example"
    );

    let r = admin
        .post(&format!("/admin/sites/{}/secret", site.id), &[])
        .await;
    assert_eq!(r.status(), 200);
    let second = texts(&html(&r.text().await.unwrap()), "code.secret");
    assert_eq!(second.len(), 1);
    assert_ne!(second[0], first[0]);
}

async fn a_pages_thread_is_keyed_by_its_canonical_address(app: TestApp) {
    let site = with_site(&app).await;
    let ada = app.member("Ada").await;
    let plain = format!("{BLOG}/2026/post");
    let page = ada
        .page(&frame(site, &format!("{BLOG}/2026/post?utm_source=x#top")))
        .await;
    assert_eq!(
        texts(&html(&page), "#comments-heading"),
        vec!["Comments (0)"]
    );
    let action = attrs(&html(&page), "#comment-form", "action").remove(0);
    let r = ada.post(&action, &[("body", "Framed first words.")]).await;
    assert_eq!(r.status(), 303);
    let first: i64 = r.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit("#comment-")
        .next()
        .unwrap()
        .parse()
        .unwrap();

    // Another spelling of the same page (capitals, no query) shows the same thread…
    let again = app
        .page(&frame(site, "https://BLOG.example/2026/post"), 200)
        .await;
    assert_eq!(
        texts(&html(&again), "#comments-heading"),
        vec!["Comments (1)"]
    );
    assert!(again.contains("Framed first words."));
    // …another page has its own…
    let other = app
        .page(&frame(site, &format!("{BLOG}/2026/other")), 200)
        .await;
    assert_eq!(
        texts(&html(&other), "#comments-heading"),
        vec!["Comments (0)"]
    );
    // …and an explicit id names a thread whatever the address.
    let by_id = |page: &str| format!("{}&id=post-7", frame(site, page));
    let r = ada
        .post(
            &by_id(&format!("{BLOG}/a")).replace("/embed/thread?", "/embed/thread/comments?"),
            &[("body", "By id.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert!(
        app.page(&by_id(&format!("{BLOG}/b")), 200)
            .await
            .contains("By id.")
    );

    // The threads are the site's: no listing, feed or sitemap shows them.
    let key = embedded_page(&plain, None, &[Origin::parse(BLOG).unwrap()]).unwrap();
    let thread = app
        .store
        .embedded_thread(site, &key, "x", app.clock.now())
        .await
        .unwrap();
    assert_eq!(thread.article.card.title, "My post");
    assert_eq!(thread.url, plain);
    for path in ["/", "/sections/science", "/sitemap.xml", "/feed.atom"] {
        let body = app.page(path, 200).await;
        assert!(
            !body.contains(&thread.article.card.slug),
            "{path} lists the thread"
        );
    }
    // Nor does the newsroom's list of articles.
    let editor = staff(&app, "Ed", Role::Editor).await;
    let newsroom = editor.page("/admin/articles").await;
    assert!(newsroom.contains("Headline of story"));
    assert!(!newsroom.contains(&thread.article.card.slug) && !newsroom.contains("My post"));
    // Its article address leads to the frame, a page of its own.
    let r = app
        .get(&format!("/articles/{}", thread.article.card.slug))
        .await;
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/embed/thread?site="), "{to}");
    assert!(app.page(&to, 200).await.contains("Framed first words."));
    // A comment's Reply link (to the article address) opens the frame's form as a reply.
    let r = ada
        .get(&format!(
            "/articles/{}?reply={first}",
            thread.article.card.slug
        ))
        .await;
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        to.ends_with(&format!("&reply={first}#comment-form")),
        "{to}"
    );
    let form = ada.page(&to).await;
    assert!(form.contains("Replying to Ada"), "{form}");
    assert_eq!(
        attrs(&html(&form), "input[name=parent_id]", "value"),
        vec![first.to_string()]
    );
}

async fn pages_and_loaders_from_other_origins_are_refused(app: TestApp) {
    let site = with_site(&app).await;
    let r = app.get(&frame(site, "https://evil.example/post")).await;
    assert_eq!(r.status(), 403);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("does not allow conversations on pages at https://evil.example")
    );
    let r = app
        .get(&frame(SiteId(site.0 + 100), &format!("{BLOG}/post")))
        .await;
    assert_eq!(r.status(), 403);

    let load = |referer: &'static str| {
        app.client
            .get(app.url(&frame(site, &format!("{BLOG}/post"))))
            .header("referer", referer)
            .send()
    };
    let r = load("https://evil.example/").await.unwrap();
    assert_eq!(r.status(), 403);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("pages at https://evil.example")
    );
    assert_eq!(
        load("https://blog.example/post").await.unwrap().status(),
        200
    );

    // Without data-site, the page's origin finds its site; an unknown origin finds none.
    let q: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("page", &format!("{BLOG}/post"))
        .finish();
    assert_eq!(app.get(&format!("/embed/thread?{q}")).await.status(), 200);
    let r = app
        .get("/embed/thread?page=https%3A%2F%2Fother.example%2Fp")
        .await;
    assert_eq!(r.status(), 403);
    let r = app.get("/embed/thread?site=1&page=not-an-address").await;
    assert_eq!(r.status(), 400);
}

async fn only_the_sites_origins_may_frame_the_thread(app: TestApp) {
    let site = with_site(&app).await;
    let r = app.get(&frame(site, &format!("{BLOG}/post"))).await;
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("frame-ancestors https://blog.example;")
            || csp.ends_with("frame-ancestors https://blog.example"),
        "{csp}"
    );
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(r.headers().get("x-frame-options").is_none());
    // Signed out, it is every reader's page (see `embed_cache`).
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .starts_with("public")
    );
    let body = r.text().await.unwrap();
    assert!(body.contains("data-host-origin=\"https://blog.example\""));

    let r = app.get("/articles/story").await;
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(r.headers()["x-frame-options"], "DENY");

    let js = app.get("/embed.js").await;
    assert_eq!(js.status(), 200);
    assert!(
        js.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(
        js.text()
            .await
            .unwrap()
            .contains("data-broadsheet-conversation")
    );
}

async fn a_comment_posted_in_the_frame_reaches_the_thread_and_the_desk(app: TestApp) {
    let site = with_site(&app).await;
    let path = frame(site, &format!("{BLOG}/2026/held"));
    app.page(&path, 200).await;
    let key = embedded_page(
        &format!("{BLOG}/2026/held"),
        None,
        &[Origin::parse(BLOG).unwrap()],
    )
    .unwrap();
    let thread = app
        .store
        .embedded_thread(site, &key, "x", app.clock.now())
        .await
        .unwrap();

    // The thread takes the conversation's policies like any article: pre-moderated here.
    let editor = staff(&app, "Edna", Role::Editor).await;
    let r = editor
        .post(
            "/admin/moderation/policies",
            &[
                ("scope", "article"),
                ("target", &thread.article.card.slug),
                ("mode", "premoderated"),
                ("first", ""),
                ("auto_close_days", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());

    let ada = app.member("Ada").await;
    let form = ada.page(&path).await;
    let action = attrs(&html(&form), "#comment-form", "action").remove(0);
    assert!(action.starts_with("/embed/thread/comments?"), "{action}");
    // An empty comment comes back in the frame with the message.
    let r = ada.post(&action, &[("body", "  ")]).await;
    assert_eq!(r.status(), 422);
    let doc = html(&r.text().await.unwrap());
    assert_eq!(texts(&doc, "#comment-error").len(), 1);
    // A forged form (no token) is refused.
    let r = ada
        .client
        .post(app.url(&action))
        .form(&[("body", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    let r = ada.post(&action, &[("body", "Held in the frame.")]).await;
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/embed/thread?site="), "{to}");
    let id: i64 = to.rsplit("#comment-").next().unwrap().parse().unwrap();
    let row = app.store.comment(id).await.unwrap().unwrap();
    assert_eq!(row.article_id, thread.article.card.id);
    assert_eq!(row.status.as_str(), "pending");
    // Its author sees it held in the frame; readers do not.
    assert!(ada.page(&to).await.contains("Held in the frame."));
    assert!(!app.page(&path, 200).await.contains("Held in the frame."));

    let moderator = staff(&app, "Mo", Role::Moderator).await;
    let desk = moderator.page("/admin/moderation").await;
    assert!(
        desk.contains("Held in the frame.") && desk.contains("My post"),
        "{desk}"
    );
    let r = moderator
        .post(
            "/admin/moderation/decide",
            &[("one", &format!("approve:{id}"))],
        )
        .await;
    assert_eq!(r.status(), 303);
    let public = app.page(&path, 200).await;
    assert!(public.contains("Held in the frame."));
    assert_eq!(
        texts(&html(&public), "#comments-heading"),
        vec!["Comments (1)"]
    );
}

async fn the_counts_of_many_pages_come_in_one_request(app: TestApp) {
    let site = with_site(&app).await;
    let ada = app.member("Ada").await;
    let post = frame(site, &format!("{BLOG}/2026/counted"))
        .replace("/embed/thread?", "/embed/thread/comments?");
    for body in ["One.", "Two."] {
        assert_eq!(ada.post(&post, &[("body", body)]).await.status(), 303);
    }
    let q: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("site", &site.0.to_string())
        .append_pair("page", &format!("{BLOG}/2026/counted?from=list"))
        .append_pair("page", &format!("{BLOG}/2026/never-loaded"))
        .finish();
    let ask = |origin: Option<&'static str>| {
        let mut r = app.client.get(app.url(&format!("/embed/counts?{q}")));
        if let Some(o) = origin {
            r = r.header("origin", o);
        }
        r.send()
    };
    let r = ask(Some(BLOG)).await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["access-control-allow-origin"], BLOG);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["counts"][format!("{BLOG}/2026/counted?from=list")], 2);
    assert_eq!(body["counts"][format!("{BLOG}/2026/never-loaded")], 0);
    // Asking does not make threads.
    assert!(
        app.store
            .embedded_counts(site, &[format!("{BLOG}/2026/never-loaded")])
            .await
            .unwrap()
            .is_empty()
    );

    let r = ask(Some("https://evil.example")).await.unwrap();
    assert_eq!(r.status(), 403);
    let r = ask(None).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("access-control-allow-origin").is_none());
    let many: String = (0..101).map(|i| format!("page={i}&")).collect();
    assert_eq!(
        app.get(&format!("/embed/counts?{many}")).await.status(),
        400
    );
    let r = app
        .get("/embed/counts?page=https%3A%2F%2Fevil.example%2Fx")
        .await;
    assert_eq!(r.status(), 403);
}
