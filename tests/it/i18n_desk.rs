//! Languages at the moderation desk and in the site's administration, on SQLite and
//! PostgreSQL: the pseudo-locale check of every desk and administration page (with a held
//! comment, a report, a logged decision, a webhook and an API token on them, and refused forms),
//! the desk in German, and reply mails in the recipient's own language over real SMTP.

use crate::common::smtp::SmtpReceiver;
use crate::common::{Member, TestApp, article, attrs, html, texts};
use crate::notifications::with_mail;
use broadsheet::config::Config;
use broadsheet::domain::locale::{Dates, Locale, Zone};
use broadsheet::domain::token::TOKEN_PREFIX;
use broadsheet::domain::user::{Email, Role};
use broadsheet::domain::webhook::Event;

backend_tests!(
    mod pseudo = crate::common::Configured(in_pseudo_locale);
    the_desk_and_administration_say_only_what_the_catalogues_say,
);

backend_tests!(
    mod german = crate::common::Configured(in_german);
    the_desk_speaks_the_sites_language,
);

backend_tests!(
    mod mail = crate::common::Mail;
    reply_mails_arrive_in_the_recipients_language,
);

fn in_pseudo_locale(c: &mut Config) {
    c.locale = Locale::EnXa;
}

fn in_german(c: &mut Config) {
    c.locale = Locale::De;
}

/// A held comment (a link from a new member), a visible one with a report, the ids of both,
/// and the members: an admin, the author and the reporter.
struct Desk {
    admin: Member,
    ann: Member,
    bob: Member,
    held: i64,
    reported: i64,
}

const HELD_TEXT: &str = "Source:";
const HELD_LINK: &str = "https://example.org/report";
const REPORTED_TEXT: &str = "Trams are the answer.";
const HOOK_URL: &str = "https://hooks.example.org/in";
const TOKEN_NAME: &str = "Nightly export";

async fn a_desk_with_work(app: &TestApp) -> Desk {
    app.publish(&[article("story", "Science", 5)]).await;
    // (Made through the store: the sign-up helper reads the English answer.)
    let admin = app.unverified_member("Ada Admin").await;
    admin.promote(app, Role::Admin).await;
    let ann = verified(app, "Ann Example").await;
    let bob = verified(app, "Bob Reader").await;
    let held = ann
        .comment("story", None, &format!("{HELD_TEXT} {HELD_LINK}"))
        .await;
    let reported = ann.comment("story", None, REPORTED_TEXT).await;
    let r = bob
        .post(
            &format!("/comments/{reported}/report"),
            &[("reason", "spam")],
        )
        .await;
    assert!(
        r.status().is_redirection() || r.status().is_success(),
        "{r:?}"
    );
    Desk {
        admin,
        ann,
        bob,
        held,
        reported,
    }
}

/// A member with a confirmed address (made through the store, as above).
pub(crate) async fn verified(app: &TestApp, name: &str) -> Member {
    let m = app.unverified_member(name).await;
    let user = app
        .store
        .user_by_email(&Email::parse(&m.email).unwrap())
        .await
        .unwrap()
        .unwrap();
    app.store
        .mark_email_verified(user.id, app.clock.now())
        .await
        .unwrap();
    m
}

/// Removes what no catalogue can give from a page: the desk's keyboard keys (the script's
/// bindings, the same letters in every language) and the text of `<time>` elements (dates
/// formatted by the locale library, each also given in RFC 3339 in its `datetime`).
pub(crate) fn without_keys_and_times(body: &str) -> String {
    let mut out = body
        .replace("<kbd>j</kbd>", "<kbd></kbd>")
        .replace("<kbd>k</kbd>", "<kbd></kbd>")
        .replace("<kbd>a</kbd>", "<kbd></kbd>")
        .replace("<kbd>r</kbd>", "<kbd></kbd>")
        .replace("<kbd>x</kbd>", "<kbd></kbd>");
    while let Some(start) = out.find("<time ") {
        let open_end = start + out[start..].find('>').expect("a whole element") + 1;
        let close = open_end + out[open_end..].find("</time>").expect("closed");
        out.replace_range(start..close + "</time>".len(), "");
    }
    out
}

async fn the_desk_and_administration_say_only_what_the_catalogues_say(app: TestApp) {
    let d = a_desk_with_work(&app).await;
    let admin = &d.admin;
    // A logged decision (the reported comment kept), offered for undo.
    let r = admin
        .post(
            "/admin/moderation/decide",
            &[
                ("one", &format!("approve:{}", d.reported)),
                ("queue", "reported"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    let done = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(done.contains("done="), "{done}");
    // A second report keeps it in the reported queue.
    let cat = verified(&app, "Cat Reader").await;
    cat.post(
        &format!("/comments/{}/report", d.reported),
        &[("reason", "off-topic")],
    )
    .await;
    // A webhook, a delivery on its way, and an API token.
    let r = admin
        .post(
            "/admin/webhooks",
            &[("url", HOOK_URL), ("article_published", "on")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let secret = app.store.webhooks().await.unwrap()[0].secret.clone();
    let token = admin.create_token(TOKEN_NAME, &["read"]).await;
    let prefix: String = token.chars().take(TOKEN_PREFIX.len() + 6).collect();

    let mut pages = Vec::new();
    for path in [
        "/admin/moderation",
        "/admin/moderation?queue=reported",
        "/admin/moderation?queue=flagged&order=time",
        done.as_str(),
        "/admin/moderation/settings",
        "/admin/moderation/log?action=approve",
        "/admin/users",
        "/admin/webhooks",
        "/settings/tokens",
    ] {
        let r = admin.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        pages.push((path.to_owned(), r.text().await.unwrap()));
    }
    // Refused forms, and what comes back after an action.
    for (what, path, fields) in [
        (
            "a desk action on nothing",
            "/admin/moderation/decide",
            vec![("action", "approve"), ("queue", "pending")],
        ),
        (
            "a webhook without a host",
            "/admin/webhooks",
            vec![("url", "https://"), ("comment_created", "on")],
        ),
        (
            "a token without a name",
            "/settings/tokens",
            vec![("name", " ")],
        ),
        (
            "site settings with a word for a number",
            "/admin/moderation/settings",
            vec![("mode", "open"), ("auto_close_days", "soon")],
        ),
        (
            "a policy for no section",
            "/admin/moderation/policies",
            vec![
                ("scope", "section"),
                ("target", "nowhere"),
                ("mode", "open"),
            ],
        ),
    ] {
        let r = admin.post(path, &fields).await;
        assert_eq!(r.status(), 422, "{what}");
        pages.push((what.to_owned(), r.text().await.unwrap()));
    }
    let r = admin
        .post("/admin/moderation/undo", &[("log", "999999")])
        .await;
    let back = r.headers()["location"].to_str().unwrap().to_owned();
    pages.push(("an undo of nothing".to_owned(), admin.page(&back).await));
    let pages: Vec<(String, String)> = pages
        .into_iter()
        .map(|(name, body)| (name, without_keys_and_times(&body)))
        .collect();

    // The desk shows the comment held and why, the report and the decision in words.
    let desk = &pages[0].1;
    assert!(desk.contains(&format!("item-{}", d.held)), "{desk}");
    let today = Dates::new(Locale::EnXa.language_tag(), Zone::UTC).day(app.clock.now());
    let events: Vec<&str> = Event::ALL.iter().map(|e| e.as_str()).collect();
    let mut allowed = vec![
        "Broadsheet",
        "Science",
        "science",
        "Headline of story",
        admin.email.as_str(),
        d.ann.email.as_str(),
        cat.email.as_str(),
        d.bob.email.as_str(),
        // What the admin typed into the refused forms.
        "nowhere",
        "soon",
        "Ada Admin",
        "Ann Example",
        "Bob Reader",
        "Cat Reader",
        HELD_TEXT,
        HELD_LINK,
        REPORTED_TEXT,
        HOOK_URL,
        TOKEN_NAME,
        secret.as_str(),
        prefix.as_str(),
        today.as_str(),
        // Protocol text, the same in every language.
        "POST",
        "Broadsheet-Signature",
        "t=UNIX_SECONDS,v1=HEX",
        "Authorization: Bearer TOKEN",
        "https://example.com/hooks/broadsheet",
    ];
    allowed.extend(events);
    // The code element naming the signature's `t` field.
    allowed.push("t");
    crate::i18n::assert_only_catalogue_text(&pages, &allowed);
}

async fn the_desk_speaks_the_sites_language(app: TestApp) {
    let d = a_desk_with_work(&app).await;
    let desk = d.admin.page("/admin/moderation").await;
    let doc = html(&desk);
    assert_eq!(texts(&doc, "h1"), ["Moderation"]);
    assert_eq!(
        texts(&doc, ".queue-tabs a"),
        ["Wartend (1)", "Gemeldet (1)", "Automatisch markiert (0)"]
    );
    assert_eq!(
        texts(&doc, ".held-why"),
        ["erster Link eines neuen Mitglieds"]
    );
    assert_eq!(
        attrs(&doc, "button[data-action=approve]", "value"),
        [format!("approve:{}", d.held)]
    );
    assert_eq!(texts(&doc, "button[data-action=approve]"), ["Freigeben"]);
    let reported = d.admin.page("/admin/moderation?queue=reported").await;
    assert!(
        texts(&html(&reported), ".report-reasons li")[0].starts_with("Spam oder Werbung"),
        "{reported}"
    );
    let users = d.admin.page("/admin/users").await;
    assert_eq!(texts(&html(&users), "h1"), ["Mitglieder"]);
    assert!(
        texts(&html(&users), "option").contains(&"Moderator".to_owned()),
        "{users}"
    );
    let r = d
        .admin
        .post(
            "/admin/webhooks",
            &[("url", "ftp://x"), ("comment_created", "on")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let body = r.text().await.unwrap();
    assert_eq!(
        texts(&html(&body), ".form-error p"),
        [
            "Die URL muss mit https:// beginnen (oder mit http:// für einen Empfänger im eigenen Netz)."
        ]
    );
    let tokens = d.admin.page("/settings/tokens").await;
    assert_eq!(texts(&html(&tokens), "h1"), ["API-Tokens"]);
}

/// A member with a confirmed address who wants replies mailed one by one, in `language`.
async fn reader_in(app: &TestApp, name: &str, language: &str) -> Member {
    let m = app.member(name).await;
    let r = m
        .post(
            "/settings/notifications",
            &[("replies", "on"), ("delivery", "immediate")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = m.post("/settings/language", &[("locale", language)]).await;
    assert_eq!(r.status(), 303);
    m
}

async fn reply_mails_arrive_in_the_recipients_language(app: TestApp, smtp: SmtpReceiver) {
    app.publish(&[article("story", "Science", 5)]).await;
    let greta = reader_in(&app, "Greta", "de").await;
    let amal = reader_in(&app, "Amal", "ar").await;
    let cat = app.member("Cat").await;
    let g1 = greta
        .comment("story", None, "Straßenbahnen sind die Antwort.")
        .await;
    let a1 = amal.comment("story", None, "الترام هو الحل.").await;
    cat.comment("story", Some(g1), "Only if the fares stay low.")
        .await;
    cat.comment("story", Some(a1), "And the buses?").await;

    let german = with_mail(&smtp, &greta.email, "Headline of story").await;
    assert_eq!(
        german.header("Subject").as_deref(),
        Some("Cat hat auf Ihren Kommentar zu „Headline of story“ geantwortet")
    );
    let text = german.text();
    assert!(text.starts_with("Hallo Greta,"), "{text}");
    assert!(text.contains("> Only if the fares stay low."), "{text}");
    assert!(text.contains("Lesen und antworten: http"), "{text}");
    assert!(
        text.contains("Diese E-Mails mit einem Klick abbestellen: http"),
        "{text}"
    );
    assert!(!text.contains("Hello"), "{text}");

    let arabic = with_mail(&smtp, &amal.email, "Headline of story").await;
    let subject = arabic.header("Subject").unwrap_or_default();
    // (Unicode isolation marks keep the Latin name and headline from reordering the line.)
    let plain = subject.replace(['\u{2068}', '\u{2069}'], "");
    assert_eq!(plain, "ردّ Cat على تعليقك في «Headline of story»");
    let text = arabic.text().replace(['\u{2068}', '\u{2069}'], "");
    assert!(text.starts_with("مرحبًا Amal،"), "{text}");
    assert!(text.contains("> And the buses?"), "{text}");
    assert!(text.contains("اقرأه وردّ عليه: http"), "{text}");
    assert!(!text.contains("Hello"), "{text}");
}
