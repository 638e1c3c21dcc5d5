//! The embed's pages in other languages, on SQLite and PostgreSQL: under the pseudo-locale every
//! word of the framed thread (signed out), the sign-in popup, a refused frame, the sites page
//! (and a refused form on it), a site's threads and a thread's desk view comes from a
//! catalogue; in German and Arabic a few key strings read as a reader expects.

use crate::common::{TestApp, attrs, html, texts};
use crate::embed_signin::{BLOG, with_site};
use broadsheet::config::Config;
use broadsheet::domain::embed::{Origin, SiteId};
use broadsheet::domain::locale::Locale;
use broadsheet::domain::user::Role;

backend_tests!(
    mod pseudo = crate::common::Configured(in_pseudo_locale);
    the_embeds_pages_say_only_what_the_catalogues_say,
);

backend_tests!(
    mod german = crate::common::Configured(in_german);
    the_frame_and_the_sites_page_read_in_german,
);

backend_tests!(
    mod arabic = crate::common::Configured(in_arabic);
    the_frame_reads_in_arabic_right_to_left,
);

fn in_pseudo_locale(c: &mut Config) {
    c.locale = Locale::EnXa;
}

fn in_german(c: &mut Config) {
    c.locale = Locale::De;
}

fn in_arabic(c: &mut Config) {
    c.locale = Locale::Ar;
}

const PAGE: &str = "https://blog.example/2026/post";

fn frame(site: SiteId) -> String {
    let q: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("site", &site.0.to_string())
        .append_pair("page", PAGE)
        .append_pair("title", "My post")
        .finish();
    format!("/embed/thread?{q}")
}

async fn the_embeds_pages_say_only_what_the_catalogues_say(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let mut pages = Vec::new();
    pages.push((
        "the signed-out frame".to_owned(),
        app.page(&frame(site), 200).await,
    ));
    // A load from a page the site does not list.
    let r = app
        .client
        .get(app.url(&frame(site)))
        .header("referer", "https://evil.example/x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    pages.push(("a refused frame".to_owned(), r.text().await.unwrap()));
    let ada = app.unverified_member("Ada Reader").await;
    pages.push((
        "the sign-in popup".to_owned(),
        ada.page(&format!("/embed/signin?site={}", site.0)).await,
    ));
    let admin = app.unverified_member("Ann Admin").await;
    admin.promote(&app, Role::Admin).await;
    let thread = app
        .store
        .embedded_thread_by_key(
            site,
            &broadsheet::domain::embed::embedded_page(PAGE, None, &[Origin::parse(BLOG).unwrap()])
                .unwrap()
                .key,
        )
        .await
        .unwrap()
        .expect("the frame's load made the thread")
        .article
        .card
        .id;
    for path in [
        "/admin/sites".to_owned(),
        format!("/admin/sites/{}/threads", site.0),
        format!("/admin/threads/{thread}"),
    ] {
        pages.push((path.clone(), admin.page(&path).await));
    }
    let r = admin
        .post("/admin/sites", &[("name", "Blog"), ("origins", BLOG)])
        .await;
    assert_eq!(r.status(), 409);
    pages.push(("a refused site".to_owned(), r.text().await.unwrap()));
    // What members and the operator wrote, and dates (written by the locale's own formats).
    let mut allowed: Vec<String> = [
        "Broadsheet",
        "Science",
        "Blog",
        "My post",
        PAGE,
        BLOG,
        "https://evil.example",
        ada.name.as_str(),
        admin.name.as_str(),
        Locale::EnXa.autonym(),
    ]
    .map(str::to_owned)
    .to_vec();
    for (_, body) in &pages {
        allowed.extend(texts(&html(body), "time"));
    }
    let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
    crate::i18n::assert_only_catalogue_text(&pages, &allowed);
}

async fn the_frame_and_the_sites_page_read_in_german(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let page = app.page(&frame(site), 200).await;
    let doc = html(&page);
    assert_eq!(attrs(&doc, "html", "lang"), ["de"]);
    assert_eq!(texts(&doc, "#comments-heading"), ["Kommentare (0)"]);
    assert_eq!(texts(&doc, ".join h3"), ["Diskutieren Sie mit"]);
    assert_eq!(texts(&doc, "#frame-signin"), ["Melden Sie sich an"]);
    assert_eq!(texts(&doc, "title"), ["Kommentare: My post"]);
    let admin = app.unverified_member("Ann Admin").await;
    admin.promote(&app, Role::Admin).await;
    let sites = html(&admin.page("/admin/sites").await);
    assert_eq!(texts(&sites, "h1"), ["Websites"]);
    assert_eq!(
        attrs(&sites, "button[aria-label]", "aria-label")[0],
        "Schlüssel von Blog ersetzen"
    );
}

async fn the_frame_reads_in_arabic_right_to_left(app: TestApp) {
    let site = with_site(&app, "Blog").await;
    let page = app.page(&frame(site), 200).await;
    let doc = html(&page);
    assert_eq!(attrs(&doc, "html", "dir"), ["rtl"]);
    assert_eq!(texts(&doc, ".no-comments-title"), ["لا تعليقات بعد"]);
    assert_eq!(texts(&doc, ".join h3"), ["شارك في النقاش"]);
}
