//! Languages over real HTTP, on SQLite and PostgreSQL: the site's language (`--locale`), a
//! member's own, `Accept-Language` negotiation with the page cache keyed by it, feeds' language
//! fields, and the pseudo-locale check that the converted pages say nothing that did not come
//! from a catalogue.

use crate::common::{TestApp, article, attrs, client, html, texts};
use broadsheet::config::Config;
use broadsheet::domain::locale::{Locale, Zone};
use reqwest::header::ACCEPT_LANGUAGE;

backend_tests!(
    mod german = crate::common::Configured(in_german);
    the_site_language_frames_every_page,
    a_member_who_chose_arabic_gets_it_right_to_left,
);

backend_tests!(
    mod negotiating = crate::common::Configured(negotiating);
    each_reader_gets_their_language_from_the_cache,
);

backend_tests!(
    mod not_negotiating = crate::common::Configured(|_| {});
    without_negotiation_every_reader_gets_the_site_language,
);

backend_tests!(
    mod pseudo = crate::common::Configured(in_pseudo_locale);
    converted_pages_say_only_what_the_catalogues_say,
);

fn in_german(c: &mut Config) {
    c.locale = Locale::De;
}

fn negotiating(c: &mut Config) {
    c.negotiate_language = true;
}

fn in_pseudo_locale(c: &mut Config) {
    c.locale = Locale::EnXa;
}

/// The `lang` and `dir` of a page's `<html>`.
fn lang_dir(body: &str) -> (String, Option<String>) {
    let doc = html(body);
    let lang = attrs(&doc, "html", "lang").pop().unwrap_or_default();
    let dir = attrs(&doc, "html", "dir").pop();
    (lang, dir)
}

async fn the_site_language_frames_every_page(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let page = app.page("/signin", 200).await;
    assert_eq!(lang_dir(&page), ("de".to_owned(), None));
    let doc = html(&page);
    assert_eq!(texts(&doc, ".skip-link"), ["Zum Inhalt springen"]);
    assert_eq!(texts(&doc, "h1"), ["Anmelden"]);
    assert_eq!(texts(&doc, "label[for=password]"), ["Passwort"]);
    assert_eq!(attrs(&doc, "nav.sections-nav", "aria-label"), ["Ressorts"]);
    // The article page's frame too (its conversation is translated in a later step).
    let article = app.page("/articles/harbour", 200).await;
    assert_eq!(lang_dir(&article).0, "de");
    assert!(article.contains("Anmelden"), "{article}");
    // Error pages and form errors.
    let missing = app.page("/nowhere-at-all", 404).await;
    assert_eq!(texts(&html(&missing), "h1"), ["Seite nicht gefunden"]);
    let r = app
        .submit_form(
            &client(),
            "/signin",
            &[("email", "x@example.org"), ("password", "wrong password")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(
        texts(&html(&body), ".form-error")[0].starts_with("E-Mail-Adresse und Passwort passen"),
        "{body}"
    );
    // Feeds say the site's language.
    let rss = app.page("/feed.rss", 200).await;
    assert!(rss.contains("<language>de</language>"), "{rss}");
    let atom = app.page("/feed.atom", 200).await;
    assert!(atom.contains("xml:lang=\"de\""), "{atom}");
    let json = app.page("/feed.json", 200).await;
    assert!(json.contains("\"language\":\"de\""), "{json}");
}

async fn a_member_who_chose_arabic_gets_it_right_to_left(app: TestApp) {
    // (Made through the store: the sign-up helper reads the English answer.)
    let ann = app.unverified_member("Ann").await;
    assert_eq!(lang_dir(&ann.page("/settings").await).0, "de");
    let r = ann.post("/settings/language", &[("locale", "ar")]).await;
    assert_eq!(r.status(), 303);
    let settings = ann.page("/settings?saved=language").await;
    assert_eq!(
        lang_dir(&settings),
        ("ar".to_owned(), Some("rtl".to_owned()))
    );
    let doc = html(&settings);
    assert_eq!(texts(&doc, "h1"), ["الإعدادات"]);
    assert_eq!(texts(&doc, ".notice"), ["حُفظت لغتك."]);
    assert_eq!(attrs(&doc, "option[selected]", "value"), ["ar"]);
    // Only the shipped languages are taken, with a message that lists them.
    let r = ann.post("/settings/language", &[("locale", "en-XA")]).await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert!(body.contains("en, de, fr, es, pt-BR, ar"), "{body}");
    // Signed-out readers still get the site's language; the member back to it.
    assert_eq!(lang_dir(&app.page("/signin", 200).await).0, "de");
    ann.post("/settings/language", &[("locale", "")]).await;
    assert_eq!(
        lang_dir(&ann.page("/settings").await),
        ("de".to_owned(), None)
    );
}

async fn get_in(app: &TestApp, path: &str, accept: Option<&str>) -> (String, String, String) {
    let mut r = app.client.get(app.url(path));
    if let Some(a) = accept {
        r = r.header(ACCEPT_LANGUAGE, a);
    }
    let r = r.send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    let cache = r
        .headers()
        .get("x-cache")
        .map(|v| v.to_str().unwrap().to_owned());
    let vary = r
        .headers()
        .get("vary")
        .map(|v| v.to_str().unwrap().to_owned());
    let body = r.text().await.unwrap();
    (cache.unwrap_or_default(), vary.unwrap_or_default(), body)
}

async fn each_reader_gets_their_language_from_the_cache(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let german = Some("de-AT,de;q=0.9,en;q=0.5");
    let english = Some("en-GB,en;q=0.9");
    let (state, vary, body) = get_in(&app, "/articles/harbour", german).await;
    assert_eq!((state.as_str(), lang_dir(&body).0.as_str()), ("miss", "de"));
    assert_eq!(vary, "Accept-Encoding, Accept-Language, Cookie");
    assert_eq!(texts(&html(&body), ".skip-link"), ["Zum Inhalt springen"]);
    // The English reader of the same article is not given the German copy.
    let (state, _, body) = get_in(&app, "/articles/harbour", english).await;
    assert_eq!((state.as_str(), lang_dir(&body).0.as_str()), ("miss", "en"));
    assert_eq!(texts(&html(&body), ".skip-link"), ["Skip to main content"]);
    // Each is then answered from the cache in their own language.
    for (accept, lang, skip) in [
        (german, "de", "Zum Inhalt springen"),
        (english, "en", "Skip to main content"),
        (Some("pt"), "pt-BR", "Ir para o conteúdo principal"),
        (Some("pt-PT"), "pt-BR", "Ir para o conteúdo principal"),
        (Some("ja"), "en", "Skip to main content"),
        (None, "en", "Skip to main content"),
    ] {
        let (_, vary, body) = get_in(&app, "/articles/harbour", accept).await;
        assert_eq!(lang_dir(&body).0, lang, "{accept:?}");
        assert_eq!(texts(&html(&body), ".skip-link"), [skip], "{accept:?}");
        assert!(vary.contains("Accept-Language"), "{vary}");
    }
    let (state, _, body) = get_in(&app, "/articles/harbour", german).await;
    assert_eq!((state.as_str(), lang_dir(&body).0.as_str()), ("hit", "de"));
    let (state, _, body) = get_in(&app, "/articles/harbour", english).await;
    assert_eq!((state.as_str(), lang_dir(&body).0.as_str()), ("hit", "en"));
    // Arabic readers get the right-to-left page.
    let (_, _, body) = get_in(&app, "/", Some("ar")).await;
    assert_eq!(lang_dir(&body), ("ar".to_owned(), Some("rtl".to_owned())));
    // A member's own choice beats their browser's.
    let ann = app.member("Ann").await;
    ann.post("/settings/language", &[("locale", "fr")]).await;
    let page = ann
        .client
        .get(app.url("/articles/harbour"))
        .header(ACCEPT_LANGUAGE, "de")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(lang_dir(&page).0, "fr");
    assert_eq!(texts(&html(&page), ".skip-link"), ["Aller au contenu"]);
}

async fn without_negotiation_every_reader_gets_the_site_language(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let (_, vary, body) = get_in(&app, "/articles/harbour", Some("de")).await;
    assert_eq!(lang_dir(&body), ("en".to_owned(), None));
    assert_eq!(vary, "Accept-Encoding, Cookie");
    let (state, _, body) = get_in(&app, "/articles/harbour", Some("ar")).await;
    assert_eq!((state.as_str(), lang_dir(&body).0.as_str()), ("hit", "en"));
}

/// The pages converted to the catalogues so far, signed out. Extend these lists as more
/// pages are converted; every page of the site belongs here in the end.
const CONVERTED_SIGNED_OUT: &[(&str, u16)] = &[
    ("/signin", 200),
    ("/signup", 200),
    ("/reset", 200),
    ("/reset/not-a-real-token", 404),
    ("/signin/link", 200),
    ("/signin/link/not-a-real-token", 410),
    ("/signup/not-a-real-token", 410),
    ("/verify-email/not-a-real-token", 404),
    ("/no-such-page", 404),
];

/// The same, signed in.
const CONVERTED_SIGNED_IN: &[(&str, u16)] = &[("/settings", 200), ("/settings/mutes", 200)];

async fn converted_pages_say_only_what_the_catalogues_say(app: TestApp) {
    let ann = app.unverified_member("Ann Example").await;
    // What members and the operator wrote, which no catalogue holds, and the site's language
    // by its own name.
    let user_content = [
        app_site_name(),
        ann.name.as_str(),
        ann.email.as_str(),
        Locale::EnXa.autonym(),
        // The site's time zone (the default, UTC), named in the time-zone menu's first choice.
        "UTC",
    ];
    // (The time-zone menu's choices are IANA identifiers, the same in every language.)
    let mut pages = Vec::new();
    for (path, status) in CONVERTED_SIGNED_OUT {
        pages.push((format!("signed out {path}"), app.page(path, *status).await));
    }
    for (path, status) in CONVERTED_SIGNED_IN {
        let r = ann.get(path).await;
        assert_eq!(r.status().as_u16(), *status, "{path}");
        pages.push((format!("signed in {path}"), r.text().await.unwrap()));
    }
    // Pages with a refused form on them.
    let r = app
        .submit_form(
            &client(),
            "/signup",
            &[
                ("display_name", "Bea"),
                ("email", "bea@example.org"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    pages.push(("a refused sign-up".to_owned(), r.text().await.unwrap()));
    let r = ann
        .post(
            "/settings/password",
            &[("current_password", "wrong"), ("new_password", "x")],
        )
        .await;
    assert_eq!(r.status(), 422);
    pages.push((
        "a refused password change".to_owned(),
        r.text().await.unwrap(),
    ));
    let mut allowed: Vec<&str> = user_content.to_vec();
    for zone in Zone::all() {
        allowed.push(zone);
    }
    assert_only_catalogue_text(&pages, &allowed);
}

/// Fails naming every text on the pseudo-locale pages `(name, body)` that did not come through
/// a catalogue: a text is allowed when, after removing the `allowed` strings (what members and
/// the operator wrote, identifiers that are the same in every language), it has no Latin
/// letter left.
pub(crate) fn assert_only_catalogue_text(pages: &[(String, String)], allowed: &[&str]) {
    let mut untranslated = Vec::new();
    for (name, body) in pages {
        assert_eq!(lang_dir(body).0, "en-XA", "{name}");
        for text in visible_texts(body) {
            if allowed.contains(&text.as_str()) {
                continue;
            }
            let mut rest = text.clone();
            for a in allowed {
                rest = rest.replace(a, "");
            }
            if rest.chars().any(|c| c.is_ascii_alphabetic()) {
                untranslated.push(format!("{name}: {text:?}"));
            }
        }
    }
    assert!(
        untranslated.is_empty(),
        "text that no catalogue gave:\n{}",
        untranslated.join("\n")
    );
}

/// The text of every `<time>` on the pages: dates and times in words come from the viewer's
/// `Dates` (ICU4X, chrono), not from a catalogue.
pub(crate) fn time_texts(pages: &[(String, String)]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|(_, body)| texts(&html(body), "time"))
        .collect()
}

/// The months' names in English, whole and in three letters: the pseudo-locale's dates are
/// English's, written by the formatter where a page has no `<time>` for them (chart labels).
pub(crate) fn month_names() -> Vec<String> {
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let short = months.iter().map(|m| m[..3].to_owned());
    months
        .iter()
        .map(|m| (*m).to_owned())
        .chain(short)
        .collect()
}

fn app_site_name() -> &'static str {
    "Broadsheet"
}

/// Every text a person meets on a page: its title, the body's text nodes (not scripts, nor
/// elements in a language of their own, such as the language menu's names) and the
/// `aria-label`, `alt`, `placeholder` and `title` attributes.
fn visible_texts(body: &str) -> Vec<String> {
    let doc = html(body);
    let mut out = Vec::new();
    for node in doc.tree.nodes() {
        if let Some(text) = node.value().as_text() {
            let own_language = node.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| {
                    matches!(e.name(), "script" | "style")
                        || (e.name() != "html" && e.attr("lang").is_some())
                })
            });
            if !own_language && !text.trim().is_empty() {
                out.push(text.trim().to_owned());
            }
        }
        if let Some(e) = node.value().as_element() {
            for name in ["aria-label", "alt", "placeholder", "title"] {
                if let Some(v) = e.attr(name)
                    && e.name() != "link"
                {
                    out.push(v.to_owned());
                }
            }
        }
    }
    out
}

#[test]
fn the_text_check_sees_attributes_and_skips_scripts() {
    let texts = visible_texts(
        "<html lang=en-XA><head><title>[Ţîţļé] — Site</title><script>var x</script></head>\
         <body><p aria-label=\"Plain\">[Šîĝñ]</p><option lang=de>Deutsch</option></body></html>",
    );
    assert_eq!(texts, ["[Ţîţļé] — Site", "Plain", "[Šîĝñ]"]);
}
