//! Story blocks over real HTTP, on SQLite and PostgreSQL: an article using every block renders
//! each one's markup on the page; an image without alt text, an unknown image and an unknown
//! article are refused on save with the text kept; the Content-Security-Policy grows by the
//! embed's frame host on that page only; feeds carry the embed as a plain link; and an embed's
//! thumbnail is fetched once from a loopback server standing in for the provider.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::common::{Member, TestApp, article, attrs, html, texts};
use broadsheet::domain::user::Role;
use broadsheet::store::newsroom::LabelKind;

backend_tests!(
    an_article_using_every_block_renders_each,
    problems_with_blocks_are_refused_with_the_text_kept,
    only_a_page_with_embeds_lets_their_frames_in,
    an_embed_thumbnail_is_fetched_once_and_kept_in_the_library,
);

const YOUTUBE: &str = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";

pub(crate) async fn editor(app: &TestApp) -> Member {
    use broadsheet::domain::newsroom::Label;
    let label = Label {
        name: "Science".into(),
        slug: "science".into(),
        text: String::new(),
        position: 1,
        photo_url: None,
    };
    if app
        .store
        .labels_of(LabelKind::Sections)
        .await
        .unwrap()
        .is_empty()
    {
        app.store
            .create_label(LabelKind::Sections, &label, app.clock.now())
            .await
            .unwrap();
    }
    let m = app.member("Edith").await;
    m.promote(app, Role::Editor).await;
    m
}

/// Uploads a picture `w` pixels wide; its library id.
async fn picture(app: &TestApp, m: &Member, w: u32) -> i64 {
    let bytes = crate::media::jpeg(w, w * 2 / 3);
    let r = crate::media::upload(app, m, "photo.jpg", &bytes).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let hash = broadsheet::domain::media::content_hash(&bytes);
    app.store.media_by_hash(&hash).await.unwrap().unwrap().id
}

fn fields<'a>(title: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("slug", ""),
        ("summary", "A story with blocks."),
        ("section", "Science"),
        ("authors", "Ada Reporter"),
        ("tags", "testing"),
        ("body", body),
        ("image_url", ""),
        ("image_alt", ""),
        ("image_caption", ""),
        ("action", "save"),
    ]
}

/// Writes and publishes an article through the newsroom; its page's address.
pub(crate) async fn publish(m: &Member, title: &str, body: &str) -> String {
    let r = m.post("/admin/articles/new", &fields(title, body)).await;
    let status = r.status();
    let location = r
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert_eq!(status, 303, "saving: {}", r.text().await.unwrap());
    let id = location
        .trim_start_matches("/admin/articles/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let r = m
        .post(
            &format!("/admin/articles/{id}/workflow"),
            &[("action", "publish")],
        )
        .await;
    assert_eq!(r.status(), 303, "publishing: {}", r.text().await.unwrap());
    let slug = broadsheet::domain::Slug::from_title(title).unwrap();
    format!("/articles/{slug}")
}

fn every_block(a: i64, b: i64) -> String {
    format!(
        "Opening paragraph.\n\n\
         ::image[Cranes over the harbour]{{media={a} layout=wide caption=\"Dawn at the port\" credit=\"Test Desk\"}}\n\
         :::gallery{{layout=full}}\n\
         ::image[First view]{{media={a}}}\n\
         ::image[Second view]{{media={b} caption=\"The other side\"}}\n\
         :::\n\
         ::embed[The interview]{{url=\"{YOUTUBE}\"}}\n\
         ::readmore{{article=earlier-story}}\n\
         :::pullquote{{cite=\"The harbour master\"}}\n\
         We will *rebuild*.\n\
         :::\n\
         :::factbox[Key facts]\n\
         - Built in 1890\n\
         :::\n\
         :::note{{kind=editor}}\n\
         This story was updated.\n\
         :::\n\n\
         Closing paragraph.\n"
    )
}

async fn an_article_using_every_block_renders_each(app: TestApp) {
    app.publish(&[article("earlier-story", "Science", 30)])
        .await;
    let m = editor(&app).await;
    let (a, b) = (picture(&app, &m, 2000).await, picture(&app, &m, 1200).await);
    let path = publish(&m, "Every block at once", &every_block(a, b)).await;
    let page = app.page(&path, 200).await;
    let doc = html(&page);

    let srcsets = attrs(&doc, ".story-body figure.block-image img", "srcset");
    assert_eq!(srcsets.len(), 1, "{page}");
    assert_eq!(
        srcsets[0].matches("w, ").count(),
        2,
        "three widths: {}",
        srcsets[0]
    );
    for attr in ["sizes", "width", "height"] {
        assert_eq!(attrs(&doc, ".block-image img", attr).len(), 1, "{attr}");
    }
    assert_eq!(attrs(&doc, ".block-image img", "loading"), ["lazy"]);
    assert_eq!(
        attrs(&doc, ".block-image img", "alt"),
        ["Cranes over the harbour"]
    );
    assert_eq!(
        texts(&doc, ".block-image figcaption"),
        ["Dawn at the port Test Desk"]
    );
    assert_eq!(
        attrs(&doc, ".block-image", "class"),
        ["block-image layout-wide"]
    );
    assert_eq!(
        attrs(&doc, ".block-gallery.layout-full li img", "alt"),
        ["First view", "Second view"]
    );
    assert_eq!(
        attrs(&doc, ".block-embed", "data-embed-src"),
        ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]
    );
    assert_eq!(
        texts(&doc, ".block-embed button"),
        ["Load content from YouTube"]
    );
    assert_eq!(attrs(&doc, ".block-embed figcaption a", "href"), [YOUTUBE]);
    assert!(!page.contains("<iframe"), "no frame before a click");
    assert_eq!(
        attrs(&doc, ".block-readmore a", "href"),
        ["/articles/earlier-story"]
    );
    assert_eq!(
        texts(&doc, ".block-readmore"),
        ["Read more Headline of earlier-story Summary of earlier-story."]
    );
    // (`texts` joins the text nodes of `We will <em>rebuild</em>.` with spaces.)
    assert_eq!(texts(&doc, ".block-pullquote blockquote em"), ["rebuild"]);
    assert_eq!(
        texts(&doc, ".block-pullquote blockquote"),
        ["We will rebuild ."]
    );
    assert_eq!(
        texts(&doc, ".block-pullquote figcaption"),
        ["The harbour master"]
    );
    assert_eq!(texts(&doc, ".block-factbox h2"), ["Key facts"]);
    assert_eq!(
        attrs(
            &doc,
            "aside.block-note.note-editor[role=note]",
            "aria-label"
        ),
        ["Editor’s note"]
    );
    let paragraphs = texts(&doc, ".story-body > p");
    assert_eq!(
        paragraphs.first().map(String::as_str),
        Some("Opening paragraph.")
    );
    assert_eq!(
        paragraphs.last().map(String::as_str),
        Some("Closing paragraph.")
    );

    // Feeds carry the embed as its figure and plain link, without the button or frame address.
    let feed = app.page("/feed.atom", 200).await;
    assert!(feed.contains("block-embed"), "{feed}");
    assert!(
        !feed.contains("button") && !feed.contains("data-embed-src"),
        "{feed}"
    );
    assert!(feed.contains("watch?v=dQw4w9WgXcQ"));
}

async fn problems_with_blocks_are_refused_with_the_text_kept(app: TestApp) {
    app.publish(&[article("earlier-story", "Science", 30)])
        .await;
    let m = editor(&app).await;
    let a = picture(&app, &m, 800).await;
    let missing = a + 1000;
    for (body, message) in [
        (
            format!("Text.\n::image[]{{media={a}}}\n"),
            format!("The image {a} has no alt text"),
        ),
        (
            format!("Text.\n::image[A picture]{{media={missing}}}\n"),
            format!("There is no image {missing} in the media library"),
        ),
        (
            "Text.\n::readmore{article=no-such-story}\n".to_owned(),
            "names the article `no-such-story`".to_owned(),
        ),
    ] {
        let r = m
            .post("/admin/articles/new", &fields("Refused", &body))
            .await;
        assert_eq!(r.status(), 422, "{body}");
        let page = r.text().await.unwrap();
        let doc = html(&page);
        assert!(page.contains(&message), "{message}\n{page}");
        let kept = texts(&doc, "textarea[name=body]").join(" ");
        assert_eq!(
            kept.split_whitespace().collect::<Vec<_>>(),
            body.split_whitespace().collect::<Vec<_>>()
        );
    }
    // The same through the API: refused, nothing written.
    let token = m.create_token("blocks", &["publish"]).await;
    let file = format!(
        "---\ntitle: Through the API\nsection: Science\nauthor: A\npublished_at: 2026-01-01T00:00:00Z\n---\n\n::image[]{{media={a}}}\n"
    );
    let r = app
        .client
        .post(app.url("/api/v1/articles"))
        .bearer_auth(&token)
        .json(&serde_json::json!({ "source": file }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("has no alt text"));
}

async fn only_a_page_with_embeds_lets_their_frames_in(app: TestApp) {
    let m = editor(&app).await;
    let embed = publish(
        &m,
        "A video and a map",
        &format!(
            "Watch.\n::embed{{url=\"{YOUTUBE}\"}}\n::embed{{url=\"https://www.openstreetmap.org/#map=12/51.5/-0.1\"}}\n::embed{{url=https://example.org/report.pdf}}\n"
        ),
    )
    .await;
    let plain = publish(&m, "Only words", "Nothing to frame here.\n").await;
    let csp = |r: &reqwest::Response| {
        r.headers()
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    for _ in 0..2 {
        // The second time from the page cache, with the same header.
        let r = app.get(&embed).await;
        assert_eq!(r.status(), 200);
        let policy = csp(&r);
        assert!(
            policy.ends_with(
                "; frame-src 'self' https://www.openstreetmap.org https://www.youtube-nocookie.com"
            ),
            "{policy}"
        );
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        let r = app.get(&plain).await;
        let policy = csp(&r);
        assert!(!policy.contains("frame-src"), "{policy}");
    }
}

/// A loopback server standing in for the provider's thumbnail host: answers `/vi/{id}/…` with a
/// JPEG, counting requests; `/vi/missing/…` with a 404.
async fn thumbnail_server() -> (String, Arc<AtomicUsize>) {
    use axum::routing::get;
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let jpeg = crate::media::jpeg(480, 360);
    let app = axum::Router::new().route(
        "/vi/{id}/hqdefault.jpg",
        get(
            move |axum::extract::Path(id): axum::extract::Path<String>| {
                let counter = counter.clone();
                let jpeg = jpeg.clone();
                async move {
                    counter.fetch_add(1, Ordering::SeqCst);
                    if id == "missingxxxx" {
                        (axum::http::StatusCode::NOT_FOUND, Vec::new())
                    } else {
                        (axum::http::StatusCode::OK, jpeg)
                    }
                }
            },
        ),
    );
    (crate::common::serve_loopback(app).await, hits)
}

/// An editor, on a server whose embed thumbnails come from the loopback server at `base`.
pub(crate) async fn thumbnails_from(app: &TestApp, base: &str) -> Member {
    app.state
        .as_ref()
        .unwrap()
        .thumbnails
        .debug_fetch_from(base);
    editor(app).await
}

async fn an_embed_thumbnail_is_fetched_once_and_kept_in_the_library(app: TestApp) {
    let (base, hits) = thumbnail_server().await;
    let m = thumbnails_from(&app, &base).await;
    let first = publish(
        &m,
        "First video",
        &format!("::embed{{url=\"{YOUTUBE}\"}}\n"),
    )
    .await;
    let second = publish(&m, "Same video", &format!("::embed{{url=\"{YOUTUBE}\"}}\n")).await;
    assert_eq!(hits.load(Ordering::SeqCst), 1, "fetched once, then cached");
    for path in [first, second] {
        let doc = html(&app.page(&path, 200).await);
        let src = attrs(&doc, ".block-embed > img", "src");
        assert_eq!(src.len(), 1, "{path}");
        assert!(src[0].starts_with("/media/"), "{src:?}");
        let file = app.get(&src[0]).await;
        assert_eq!(file.status(), 200);
        assert_eq!(attrs(&doc, ".block-embed > img", "alt"), [""]);
    }
    // A thumbnail the provider does not have: the placeholder goes without one, the save on.
    let missing = publish(
        &m,
        "Missing thumbnail",
        "::embed{url=\"https://youtu.be/missingxxxx\"}\n",
    )
    .await;
    assert_eq!(hits.load(Ordering::SeqCst), 2);
    let doc = html(&app.page(&missing, 200).await);
    assert!(attrs(&doc, ".block-embed > img", "src").is_empty());
    assert_eq!(
        texts(&doc, ".block-embed button"),
        ["Load content from YouTube"]
    );
}
