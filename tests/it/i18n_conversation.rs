//! The conversation in other languages, over real HTTP on SQLite and PostgreSQL: under the
//! pseudo-locale every word of its pages (the article's conversation block, a member's page,
//! the report and edit pages, refusals) comes from a catalogue; on a German site the key words
//! read in German, and the script's words and the like count come in the page's language.

use broadsheet::config::Config;
use broadsheet::domain::locale::Locale;
use broadsheet::domain::user::Role;

use crate::common::{Member, TestApp, article, attrs, html, texts};
use crate::i18n::assert_only_catalogue_text;

backend_tests!(
    mod pseudo = crate::common::Configured(in_pseudo_locale);
    the_conversation_says_only_what_the_catalogues_say,
);

backend_tests!(
    mod german = crate::common::Configured(in_german);
    the_conversation_reads_in_german,
);

fn in_pseudo_locale(c: &mut Config) {
    c.locale = Locale::EnXa;
}

fn in_german(c: &mut Config) {
    c.locale = Locale::De;
}

/// The article page's conversation block alone, as a page of its own (the rest of the article
/// page is another area's), keeping the page's `<html lang>`.
fn conversation_of(page: &str) -> String {
    let doc = html(page);
    let lang = attrs(&doc, "html", "lang").pop().unwrap_or_default();
    let sel = scraper::Selector::parse("#comments").unwrap();
    let block = doc
        .select(&sel)
        .next()
        .map(|e| e.html())
        .unwrap_or_else(|| panic!("no conversation block in {page}"));
    format!("<!doctype html><html lang=\"{lang}\"><body>{block}</body></html>")
}

/// The texts of every `<time>` on the pages: dates come from the viewer's `Dates` (ICU4X and
/// the product's English forms), not from a catalogue.
fn times(pages: &[(String, String)]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|(_, body)| texts(&html(body), "time"))
        .collect()
}

async fn staff(app: &TestApp, name: &str, role: Role) -> Member {
    let m = app.unverified_member(name).await;
    m.promote(app, role).await;
    m.refreshed().await
}

async fn the_conversation_says_only_what_the_catalogues_say(app: TestApp) {
    app.publish(&[
        article("harbour", "Science", 5),
        article("quiet", "Science", 6),
        article("closed", "World", 7),
    ])
    .await;
    let ann = app.unverified_member("Ann Example").await;
    let bob = app.unverified_member("Bob Reader").await;
    let first = ann.comment("harbour", None, "Ships are back.").await;
    let reply = bob.comment("harbour", Some(first), "So they are.").await;
    let deep = ann.comment("harbour", Some(reply), "Three deep.").await;
    let deeper = bob.comment("harbour", Some(deep), "Four deep.").await;
    let _flat = ann.comment("harbour", Some(deeper), "Flattened.").await;
    let gone = ann.comment("harbour", None, "Soon gone.").await;
    assert_eq!(
        ann.post("/comments/actions", &[("delete", &gone.to_string())])
            .await
            .status(),
        303
    );
    let edited = ann.comment("harbour", None, "Typo here.").await;
    let r = ann
        .post(
            &format!("/comments/{edited}/edit"),
            &[("body", "Typo fixed.")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = bob
        .post("/comments/actions", &[("like", &first.to_string())])
        .await;
    assert_eq!(r.status(), 303);
    // Comments are closed on one article.
    let editor = staff(&app, "Edna Editor", Role::Editor).await;
    let r = editor
        .post(
            "/admin/moderation/policies",
            &[
                ("scope", "section"),
                ("target", "world"),
                ("mode", "closed"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());

    let mut pages: Vec<(String, String)> = Vec::new();
    let mut block = |name: &str, page: &str| {
        pages.push((name.to_owned(), conversation_of(page)));
    };
    block(
        "signed out, comments",
        &app.page("/articles/harbour", 200).await,
    );
    block("signed out, none", &app.page("/articles/quiet", 200).await);
    block(
        "signed out, closed",
        &app.page("/articles/closed", 200).await,
    );
    block("the author", &ann.page("/articles/harbour").await);
    block("another member", &bob.page("/articles/harbour").await);
    block(
        "replying",
        &bob.page(&format!("/articles/harbour?reply={first}")).await,
    );
    block("closed, signed in", &bob.page("/articles/closed").await);
    // A refused comment comes back in the page with its message.
    let r = bob
        .post(
            "/articles/harbour/comments",
            &[("body", "   "), ("parent_id", &first.to_string())],
        )
        .await;
    assert_eq!(r.status(), 422);
    block("a refused comment", &r.text().await.unwrap());
    // Muting folds the author's comments for the muter.
    let r = bob
        .post("/comments/actions", &[("mute", &first.to_string())])
        .await;
    assert_eq!(r.status(), 303);
    block("muted", &bob.page("/articles/harbour").await);

    // Whole pages of the area.
    let doc = html(&app.page("/articles/harbour", 200).await);
    let ann_page = attrs(&doc, "a.comment-author", "href")
        .into_iter()
        .next()
        .expect("a member link");
    pages.push(("a member page".to_owned(), app.page(&ann_page, 200).await));
    pages.push((
        "a member's older page".to_owned(),
        app.page(&format!("{ann_page}?before=1"), 200).await,
    ));
    pages.push((
        "the report page".to_owned(),
        bob.page(&format!("/comments/{edited}/report")).await,
    ));
    let r = bob
        .post(&format!("/comments/{edited}/report"), &[("note", "Hmm")])
        .await;
    assert_eq!(r.status(), 422);
    pages.push(("a refused report".to_owned(), r.text().await.unwrap()));
    let r = bob
        .post(
            &format!("/comments/{edited}/report"),
            &[("reason", "spam"), ("note", "")],
        )
        .await;
    assert_eq!(r.status(), 200);
    pages.push(("a sent report".to_owned(), r.text().await.unwrap()));
    pages.push((
        "the edit page".to_owned(),
        ann.page(&format!("/comments/{edited}/edit")).await,
    ));
    pages.push((
        "earlier comments".to_owned(),
        ann.page("/settings/earlier-comments").await,
    ));
    // Past the window, the edit page says so.
    app.clock.advance(chrono::Duration::minutes(16));
    pages.push((
        "a late edit".to_owned(),
        ann.page(&format!("/comments/{edited}/edit")).await,
    ));

    let dates = times(&pages);
    let mut allowed: Vec<&str> = vec![
        "Broadsheet",
        "Science",
        "World",
        ann.name.as_str(),
        bob.name.as_str(),
        "Headline of harbour",
        "Ships are back.",
        "So they are.",
        "Three deep.",
        "Four deep.",
        "Flattened.",
        "Typo fixed.",
        // The text sent back in the refused forms.
        "Hmm",
        ann.email.as_str(),
    ];
    allowed.extend(dates.iter().map(String::as_str));
    assert_only_catalogue_text(&pages, &allowed);
}

async fn the_conversation_reads_in_german(app: TestApp) {
    app.publish(&[article("harbour", "Science", 5)]).await;
    let ann = app.unverified_member("Ann").await;
    let bob = app.unverified_member("Bob").await;
    let first = ann.comment("harbour", None, "Ships are back.").await;

    let doc = html(&app.page("/articles/harbour", 200).await);
    assert_eq!(texts(&doc, "#comments-heading"), ["Kommentare (1)"]);
    assert_eq!(texts(&doc, ".join h3"), ["Diskutieren Sie mit"]);
    assert_eq!(
        attrs(&doc, "nav.comment-sort", "aria-label"),
        ["Kommentare sortieren"]
    );
    assert_eq!(texts(&doc, ".likes"), ["0 Likes"]);

    let doc = html(&bob.page("/articles/harbour").await);
    assert_eq!(
        texts(&doc, "#comment-form button"),
        ["Kommentar veröffentlichen"]
    );
    let actions = texts(&doc, ".comment-actions a, .comment-actions button");
    assert_eq!(
        actions,
        ["Gefällt mir", "Antworten", "Melden", "Stummschalten"]
    );
    // The script's words, from the catalogue, for the page's data block.
    let words = texts(&doc, "script#conv-words").join("");
    let words: serde_json::Value = serde_json::from_str(&words).unwrap();
    assert_eq!(words["js-posted"], "Ihr Kommentar wurde veröffentlicht");
    assert_eq!(words["replying-to"], "Antwort an {name}");

    // A like answers the script with the count in German words.
    let r = bob
        .client
        .post(app.url("/comments/actions"))
        .header("accept", "application/json")
        .form(&[("csrf", bob.csrf.as_str()), ("like", &first.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let liked: serde_json::Value = r.json().await.unwrap();
    assert_eq!(liked["label"], "1 Like");

    // A refusal is German, and the form keeps the text.
    let r = bob
        .post("/articles/harbour/comments", &[("body", "  ")])
        .await;
    assert_eq!(r.status(), 422);
    let doc = html(&r.text().await.unwrap());
    assert_eq!(
        texts(&doc, "#comment-error"),
        ["Schreiben Sie etwas, bevor Sie veröffentlichen: Der Kommentar ist leer."]
    );
    let r = ann
        .post("/comments/actions", &[("like", &first.to_string())])
        .await;
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Ihren eigenen Kommentar können Sie nicht liken."),
    );

    let doc = html(&bob.page(&format!("/comments/{first}/report")).await);
    assert_eq!(texts(&doc, "h1"), ["Kommentar melden"]);
    assert_eq!(
        texts(&doc, "label.choice"),
        [
            "Spam oder Werbung",
            "Beleidigend, hasserfüllt oder belästigend",
            "Am Thema vorbei",
            "Falsch oder irreführend",
            "Etwas anderes"
        ]
    );
    let doc = html(&app.page("/articles/harbour", 200).await);
    let ann_page = attrs(&doc, "a.comment-author", "href").remove(0);
    let doc = html(&app.page(&ann_page, 200).await);
    assert_eq!(texts(&doc, ".kicker"), ["Mitglied"]);
    let since = texts(&doc, ".standfirst").join("");
    assert!(since.starts_with("Mitglied seit "), "{since}");
    // The date is German and its `datetime` stays UTC.
    assert!(
        attrs(&doc, ".standfirst time", "datetime")[0].ends_with('Z'),
        "{since}"
    );
    // The script, signed out (a session that ended), is told in German.
    let r = app
        .client
        .post(app.url("/articles/harbour/comments"))
        .header("accept", "application/json")
        .form(&[("body", "hi")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap()["error"],
        "Melden Sie sich dafür bitte an."
    );

    // A rejected comment's reason reaches its author in German; the moderator's words as
    // written.
    let rude = ann.comment("harbour", None, "Something rude.").await;
    let moderator = staff(&app, "Mo", Role::Moderator).await;
    let r = moderator
        .post(
            "/admin/moderation/decide",
            &[
                ("one", format!("reject:{rude}").as_str()),
                (&format!("reason-{rude}"), "abuse"),
                (&format!("note-{rude}"), "Name-calling"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let theirs = ann.page("/articles/harbour").await;
    assert!(
        theirs.contains("Beleidigend, hasserfüllt oder ein persönlicher Angriff: Name-calling"),
        "{theirs}"
    );
}
