//! The newsroom's rich-text editor over real HTTP, on SQLite and PostgreSQL: the page loads it
//! over the Markdown text area, the media picker's JSON (the library and an upload in place),
//! a body with every story block saved as typed, and the preview framed at reader widths.

use crate::common::{self, Member, TestApp, article, attrs, html};
use crate::media::{jpeg, multipart};
use crate::newsroom::{create, fields, revision, save, staff};
use broadsheet::domain::user::Role;

backend_tests!(
    the_editor_page_loads_the_rich_editor_over_the_markdown_text_area,
    the_picker_lists_the_library_and_uploads_in_place_as_json,
    a_body_with_every_block_is_stored_and_shown_as_typed,
    the_preview_is_framed_at_phone_and_desktop_widths,
);

/// Every block of the stored form (BLOCKS.md), as the editor writes them.
const EVERY_BLOCK: &str = "Opening paragraph with *emphasis*.\n\n\
::image[Cranes over the harbour]{media=1 layout=wide caption=\"At dawn\" credit=\"Photo: Desk\"}\n\n\
:::gallery{layout=wide}\n::image[One]{media=1}\n::image[Two]{media=2}\n:::\n\n\
::embed[Our interview]{url=\"https://www.youtube.com/watch?v=abc123\"}\n\n\
::readmore{article=another-story}\n\n\
:::pullquote{cite=\"The mayor\"}\nWe will build it.\n:::\n\n\
:::factbox[Key facts]\n- Founded in 1901\n- 12,000 members\n:::\n\n\
:::note{kind=correction}\nAn earlier version gave the wrong date.\n:::";

pub(crate) async fn upload_json(
    m: &Member,
    app: &TestApp,
    csrf: &str,
    alt: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let (content_type, body) = multipart(
        &[("csrf", csrf), ("alt", alt), ("caption", "Photo: Desk")],
        Some(("photo.jpg", bytes)),
    );
    m.client
        .post(app.url("/admin/media"))
        .header("content-type", content_type)
        .header("accept", "application/json")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn the_editor_page_loads_the_rich_editor_over_the_markdown_text_area(app: TestApp) {
    let c = staff(&app, "Casey", Role::Contributor).await;
    let page = c.page("/admin/articles/new").await;
    let doc = html(&page);
    // Without JavaScript the text area is the editor: it is there, named and filled as before.
    assert_eq!(attrs(&doc, "textarea[data-rich-editor]", "name"), ["body"]);
    let script = attrs(&doc, "script[src^='/static/editor.']", "src");
    let style = attrs(
        &doc,
        "link[rel=stylesheet][href^='/static/editor.']",
        "href",
    );
    assert_eq!(script.len(), 1, "the editor's script is loaded");
    assert_eq!(style.len(), 1, "and its stylesheet");
    assert_eq!(attrs(&doc, "script[src^='/static/editor.']", "defer"), [""]);
    let r = c.get(&script[0]).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(
        r.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let js = r.text().await.unwrap();
    assert!(
        js.contains("data-rich-editor"),
        "the bundle mounts on the marked text area"
    );
    let r = c.get(&style[0]).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    // Pages other than the editor do not load it.
    let front = app.page("/", 200).await;
    assert!(!front.contains("/static/editor."));
}

async fn the_picker_lists_the_library_and_uploads_in_place_as_json(app: TestApp) {
    let c = staff(&app, "Casey", Role::Contributor).await;
    let r = c.get("/admin/media/library.json").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let empty: serde_json::Value = r.json().await.unwrap();
    assert_eq!(empty["items"], serde_json::json!([]));

    let photo = jpeg(1200, 800);
    let r = upload_json(&c, &app, &c.csrf, "Cranes over the harbour", &photo).await;
    assert_eq!(r.status(), 201);
    let made: serde_json::Value = r.json().await.unwrap();
    let item = &made["item"];
    assert_eq!(made["existing"], false);
    assert_eq!(item["alt"], "Cranes over the harbour");
    assert_eq!(item["caption"], "Photo: Desk");
    assert_eq!(item["thumb_width"], 480);
    assert_eq!(item["thumb_height"], 320);
    let id = item["id"].as_i64().unwrap();
    let row = app.store.recent_media(5).await.unwrap();
    assert_eq!(row.len(), 1);
    assert_eq!(row[0].id, id, "the id the body's ::image line names");
    let thumb = item["thumb"].as_str().unwrap();
    assert_eq!(c.get(thumb).await.status(), 200);

    // The same bytes again: the library's image, not a second one.
    let r = upload_json(&c, &app, &c.csrf, "Cranes again", &photo).await;
    assert_eq!(r.status(), 200);
    let again: serde_json::Value = r.json().await.unwrap();
    assert_eq!(again["existing"], true);
    assert_eq!(again["item"]["id"], id);

    let list: serde_json::Value = c
        .get("/admin/media/library.json")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["items"][0]["id"], id);
    assert_eq!(list["items"][0]["thumb"], thumb);

    // Refusals come back as JSON the editor shows, and nothing is stored.
    let r = upload_json(&c, &app, &c.csrf, "", &jpeg(300, 200)).await;
    assert_eq!(r.status(), 422);
    let e: serde_json::Value = r.json().await.unwrap();
    assert!(e["error"].as_str().unwrap().contains("alt"), "{e}");
    let r = upload_json(&c, &app, &c.csrf, "Not an image", b"plain text").await;
    assert_eq!(r.status(), 422);
    assert!(r.json::<serde_json::Value>().await.unwrap()["error"].is_string());
    let r = upload_json(&c, &app, "forged", "A thing", &jpeg(300, 200)).await;
    assert_eq!(r.status(), 403);
    assert!(r.json::<serde_json::Value>().await.unwrap()["error"].is_string());
    assert_eq!(app.store.media_count().await.unwrap(), 1);

    // Readers and visitors get nothing.
    let member = app.member("Morgan").await;
    assert_eq!(member.get("/admin/media/library.json").await.status(), 403);
    let r = common::client()
        .get(app.url("/admin/media/library.json"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

async fn a_body_with_every_block_is_stored_and_shown_as_typed(app: TestApp) {
    let c = staff(&app, "Casey", Role::Contributor).await;
    // What the blocks name must exist: two library images and a published story.
    let mut ids = Vec::new();
    for (alt, photo) in [("One", jpeg(1200, 800)), ("Two", jpeg(800, 600))] {
        let r = upload_json(&c, &app, &c.csrf, alt, &photo).await;
        assert_eq!(r.status(), 201);
        let made: serde_json::Value = r.json().await.unwrap();
        ids.push(made["item"]["id"].as_i64().unwrap());
    }
    app.publish(&[article("another-story", "Science", 1)]).await;
    let every_block = EVERY_BLOCK
        .replace("media=1", "media=#first")
        .replace("media=2", "media=#second")
        .replace("#first", &ids[0].to_string())
        .replace("#second", &ids[1].to_string());
    let every_block = every_block.as_str();
    let id = create(&c, &fields("Blocks", every_block)).await;
    let page = c.page(&format!("/admin/articles/{id}")).await;
    // The text as the browser gets it (not whitespace-folded).
    let doc = html(&page);
    let selector = scraper::Selector::parse("textarea[name=body]").unwrap();
    let typed: String = doc.select(&selector).next().unwrap().text().collect();
    assert_eq!(
        typed, every_block,
        "the text area holds the stored form unchanged"
    );
    // A changed block is saved as a new revision, the rest byte for byte as before.
    let base = revision(&c, id).await;
    let changed = every_block.replace("layout=wide caption", "layout=full caption");
    assert_eq!(
        save(&c, id, &base, &fields("Blocks", &changed), "save").await,
        303
    );
    let stored = app.store.editing(id).await.unwrap().unwrap();
    assert_eq!(stored.draft.body, changed);
    assert_eq!(stored.revision, base.parse::<i64>().unwrap() + 1);
}

async fn the_preview_is_framed_at_phone_and_desktop_widths(app: TestApp) {
    let c = staff(&app, "Casey", Role::Contributor).await;
    let id = create(&c, &fields("Framed story", "The body.")).await;
    let page = c
        .page(&format!("/admin/articles/{id}/preview/widths"))
        .await;
    let doc = html(&page);
    let src = format!("/admin/articles/{id}/preview");
    assert_eq!(attrs(&doc, "iframe.preview-phone", "src"), [src.as_str()]);
    assert_eq!(
        attrs(&doc, "a[aria-current=page]", "href"),
        [format!("{src}/widths?width=phone")]
    );
    let desktop = c
        .page(&format!(
            "/admin/articles/{id}/preview/widths?width=desktop"
        ))
        .await;
    assert_eq!(
        attrs(&html(&desktop), "iframe.preview-desktop", "src"),
        [src.as_str()]
    );
    // The editor links to it.
    let editor = c.page(&format!("/admin/articles/{id}")).await;
    assert!(editor.contains(&format!("href=\"{src}/widths\"")));

    // The framed page may be framed by this site only; every other page by no one.
    let r = c.get(&src).await;
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("frame-ancestors 'self'"), "{csp}");
    assert!(!csp.contains("'unsafe-inline'"));
    assert!(r.headers().get("x-frame-options").is_none());
    assert!(r.text().await.unwrap().contains("Framed story"));
    let r = c.get(&format!("/admin/articles/{id}/preview/widths")).await;
    assert!(
        r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(r.headers()["x-frame-options"], "DENY");

    // Someone else's draft stays theirs.
    let other = staff(&app, "Robin", Role::Contributor).await;
    assert_eq!(
        other
            .get(&format!("/admin/articles/{id}/preview/widths"))
            .await
            .status(),
        403
    );
}
