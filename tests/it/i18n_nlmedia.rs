//! The media library's refusals and the newsroom's newsletter checks in every language, over
//! real HTTP on SQLite and PostgreSQL: under the pseudo-locale a refused upload (its page and
//! the editor's JSON), refused newsletter and edition forms, a taken name and the newsletters'
//! refusal of a reader say only what the catalogues say; in German they read German, keep what
//! was typed and write numbers the German way; in English they read as before.

use crate::common::{TestApp, attrs, html, texts};
use crate::i18n::assert_only_catalogue_text;
use crate::i18n_newsroom::staff;
use crate::media::{declared_too_large, jpeg, upload};
use crate::rich_editor::upload_json;
use broadsheet::config::Config;
use broadsheet::domain::locale::Locale;
use broadsheet::domain::user::{Email, Role};

backend_tests!(
    mod pseudo = crate::common::Configured(in_pseudo_locale);
    refusals_say_only_what_the_catalogues_say,
);

backend_tests!(
    mod german = crate::common::Configured(in_german);
    refusals_speak_german_and_keep_what_was_typed,
);

backend_tests!(
    mod english = crate::common::Configured(in_english);
    english_reads_as_before,
);

/// The upload limit of these tests: 1.5 MB, a size with a decimal.
const MAX_UPLOAD: usize = 1536 * 1024;

fn in_pseudo_locale(c: &mut Config) {
    c.locale = Locale::EnXa;
    c.max_upload_bytes = MAX_UPLOAD;
}

fn in_german(c: &mut Config) {
    c.locale = Locale::De;
    c.max_upload_bytes = MAX_UPLOAD;
}

fn in_english(c: &mut Config) {
    c.max_upload_bytes = MAX_UPLOAD;
}

const ALT: &str = "Cranes over the harbour at dawn";
const NAME: &str = "Morning Brief";
const DESCRIPTION: &str = "What matters this morning.";
const SENDER: &str = "The Morning Desk";
const SUBJECT: &str = "Harbour news";

fn gif() -> Vec<u8> {
    let mut gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec();
    gif.extend_from_slice(&[0; 20]);
    gif
}

/// More article slugs than an edition carries, one a line.
fn many_slugs() -> String {
    (0..51).map(|i| format!("s{i}\n")).collect()
}

/// The refusals of this file, gathered as the viewer gets them.
struct Answers {
    /// The library page: an image by a member since deleted, and the size limit.
    library: String,
    /// A GIF refused (422), as a page.
    gif_page: String,
    /// A GIF refused (422), as the editor's JSON: its `error`.
    gif_json: String,
    /// A newsletter without a name (422).
    no_name: String,
    /// A newsletter with a name already taken (409).
    taken: String,
    /// A new edition naming an unpublished article (422), on the newsletter's page.
    no_article: String,
    /// A new edition with more articles than one carries (422).
    too_many: String,
    /// A reader at the newsletters' admin (403).
    reader: String,
    /// The raw answer to an upload refused by its declared length (413).
    early: String,
}

async fn gather(app: &TestApp) -> Answers {
    let editor = staff(app, "Edna Editor", Role::Editor).await;
    let gone = staff(app, "Casey Contributor", Role::Contributor).await;
    let r = upload(app, &gone, "wide.jpg", &jpeg(1600, 1200)).await;
    assert_eq!(r.status(), 303);
    let email = Email::parse(&gone.email).unwrap();
    let id = app.store.user_by_email(&email).await.unwrap().unwrap().id;
    app.store.delete_user(id).await.unwrap();
    let library = editor.page("/admin/media").await;

    let r = upload(app, &editor, "anim.gif", &gif()).await;
    assert_eq!(r.status(), 422);
    let gif_page = r.text().await.unwrap();
    let r = upload_json(&editor, app, &editor.csrf, ALT, &gif()).await;
    assert_eq!(r.status(), 422);
    let json: serde_json::Value = r.json().await.unwrap();
    let gif_json = json["error"].as_str().unwrap().to_owned();

    let fields = |name: &'static str| {
        vec![
            ("name", name),
            ("description", DESCRIPTION),
            ("sender_name", SENDER),
            ("source", "picked"),
            ("hour", "7"),
        ]
    };
    let r = editor.post("/admin/newsletters", &fields("  ")).await;
    assert_eq!(r.status(), 422);
    let no_name = r.text().await.unwrap();
    let r = editor.post("/admin/newsletters", &fields(NAME)).await;
    assert_eq!(r.status(), 303);
    let letter = r.headers()["location"].to_str().unwrap().to_owned();
    let r = editor.post("/admin/newsletters", &fields(NAME)).await;
    assert_eq!(r.status(), 409);
    let taken = r.text().await.unwrap();

    let editions = format!("{letter}/editions");
    let r = editor
        .post(
            &editions,
            &[("subject", SUBJECT), ("intro", ""), ("articles", "nope")],
        )
        .await;
    assert_eq!(r.status(), 422);
    let no_article = r.text().await.unwrap();
    let many = many_slugs();
    let r = editor
        .post(
            &editions,
            &[("subject", SUBJECT), ("intro", ""), ("articles", &many)],
        )
        .await;
    assert_eq!(r.status(), 422);
    let too_many = r.text().await.unwrap();

    let reader = app.unverified_member("Rita Reader").await;
    let r = reader.get("/admin/newsletters").await;
    assert_eq!(r.status(), 403);
    Answers {
        library,
        gif_page,
        gif_json,
        no_name,
        taken,
        no_article,
        too_many,
        reader: r.text().await.unwrap(),
        early: declared_too_large(app, 9_000_000).await,
    }
}

/// The first form error's text.
fn error(page: &str) -> String {
    texts(&html(page), ".form-error p")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no form error in:\n{page}"))
}

/// The text of the error page's message.
fn message(page: &str) -> String {
    texts(&html(page), "main p").join(" ")
}

/// What was typed comes back: the alt text, the newsletter's fields, the edition's subject.
fn assert_kept(a: &Answers) {
    assert_eq!(attrs(&html(&a.gif_page), "#media-alt", "value"), [ALT]);
    let doc = html(&a.no_name);
    assert_eq!(texts(&doc, "#nl-description"), [DESCRIPTION]);
    assert_eq!(attrs(&doc, "#nl-sender", "value"), [SENDER]);
    assert_eq!(attrs(&html(&a.taken), "#nl-name", "value"), [NAME]);
    for page in [&a.no_article, &a.too_many] {
        assert_eq!(attrs(&html(page), "#ed-subject", "value"), [SUBJECT]);
    }
    assert_eq!(texts(&html(&a.no_article), "#ed-articles"), ["nope"]);
}

async fn refusals_say_only_what_the_catalogues_say(app: TestApp) {
    let a = gather(&app).await;
    assert_kept(&a);
    assert!(
        a.gif_json.starts_with('[') && a.gif_json.ends_with(']'),
        "{}",
        a.gif_json
    );
    let json_page = format!("<html lang=en-XA><body><p>{}</p></body></html>", a.gif_json);
    let pages: Vec<(String, String)> = [
        ("the library", &a.library),
        ("a refused GIF", &a.gif_page),
        ("the editor's refused GIF", &json_page),
        ("a newsletter without a name", &a.no_name),
        ("a taken name", &a.taken),
        ("an unpublished article", &a.no_article),
        ("too many articles", &a.too_many),
        ("a reader", &a.reader),
    ]
    .into_iter()
    .map(|(name, body)| (name.to_owned(), body.clone()))
    .collect();
    let mut allowed = vec![
        "Broadsheet",
        ALT,
        "Photo: Test Desk",
        NAME,
        DESCRIPTION,
        SENDER,
        SUBJECT,
        "nope",
        "Edna Editor",
        "Rita Reader",
        "UTC",
        "en-XA",
        "JPEG",
        Locale::EnXa.autonym(),
    ];
    // (What was typed comes back: the slugs listed.)
    let many = many_slugs();
    allowed.push(many.trim());
    let months = crate::i18n::month_names();
    allowed.extend(months.iter().map(String::as_str));
    assert_only_catalogue_text(&pages, &allowed);
}

/// What a language says where this file's refusals speak.
struct Words {
    /// The upload form's hint, with the size limit.
    hint: &'static str,
    /// An image's size in pixels and its widths.
    dimensions: &'static str,
    widths: &'static str,
    /// The uploader whose account is gone.
    former: &'static str,
    gif: &'static str,
    no_name: &'static str,
    taken: &'static str,
    no_article: &'static str,
    too_many: &'static str,
    reader: &'static str,
    /// The refusal of an upload by its declared length.
    early: &'static str,
}

fn assert_words(a: &Answers, w: &Words) {
    assert_kept(a);
    let doc = html(&a.library);
    assert_eq!(texts(&doc, "#media-file-hint"), [w.hint]);
    let facts = texts(&doc, ".media-item p.small").join(" ");
    assert!(facts.contains(w.dimensions), "{facts}");
    assert!(facts.contains(w.widths), "{facts}");
    assert!(facts.contains(w.former), "{facts}");
    assert_eq!(error(&a.gif_page), w.gif);
    assert_eq!(a.gif_json, w.gif, "the editor shows the page's words");
    assert_eq!(error(&a.no_name), w.no_name);
    assert_eq!(error(&a.taken), w.taken);
    assert_eq!(error(&a.no_article), w.no_article);
    assert_eq!(error(&a.too_many), w.too_many);
    assert!(message(&a.reader).contains(w.reader), "{}", a.reader);
    assert!(a.early.starts_with("HTTP/1.1 413"), "{}", a.early);
    assert!(a.early.contains(w.early), "{}", a.early);
}

async fn refusals_speak_german_and_keep_what_was_typed(app: TestApp) {
    let a = gather(&app).await;
    assert_words(
        &a,
        &Words {
            hint: "JPEG, PNG oder WebP, höchstens 1,5 MB.",
            dimensions: "1.600 × 1.200",
            widths: "480, 960, 1.600",
            former: "einem ehemaligen Mitglied",
            gif: "GIF-Bilder werden nicht angenommen. Speichern Sie das Bild als JPEG, PNG oder \
                  WebP und laden Sie diese Datei hoch.",
            no_name: "Der Name ist erforderlich.",
            taken: "Es gibt bereits einen Newsletter namens „Morning Brief“.",
            no_article: "Kein veröffentlichter Artikel hat den Slug „nope“.",
            too_many: "Eine Ausgabe enthält höchstens 50 Artikel.",
            reader: "Nur Redakteure und Administratoren verwalten Newsletter.",
            early: "Die Datei ist größer als die 1,5 MB, die diese Website für ein Bild annimmt. \
                    Verkleinern Sie sie und laden Sie sie erneut hoch.",
        },
    );
}

async fn english_reads_as_before(app: TestApp) {
    let a = gather(&app).await;
    assert_words(
        &a,
        &Words {
            hint: "JPEG, PNG or WebP, at most 1.5 MB.",
            dimensions: "1600 × 1200",
            widths: "480, 960, 1600",
            former: "a former member",
            gif: "GIF images are not accepted. Save the picture as JPEG, PNG or WebP and upload \
                  that file.",
            no_name: "The name is required.",
            taken: "A newsletter named “Morning Brief” exists already.",
            no_article: "No published article has the slug “nope”.",
            too_many: "An edition carries at most 50 articles.",
            reader: "Only editors and admins manage newsletters.",
            early: "The file is larger than the 1.5 MB this site accepts for an image. Make it \
                    smaller and upload it again.",
        },
    );
}
