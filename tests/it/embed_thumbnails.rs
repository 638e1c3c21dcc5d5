//! Thumbnails of embeds without a fixed thumbnail address (Vimeo's), on SQLite and PostgreSQL:
//! the server asks the provider's fixed oEmbed endpoint for the thumbnail's address, fetches it
//! only from the provider's thumbnail host, once, and keeps it in the media library like
//! YouTube's; an answer naming any other host is not followed. A loopback server stands in for
//! the provider (`debug_fetch_from`, as `BROADSHEET_DEBUG_EMBED_THUMBNAIL_BASE` in a debug build).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::Query;
use axum::routing::get;

use crate::common::{TestApp, attrs, html, texts};
use crate::story_blocks::{publish, thumbnails_from};

backend_tests!(a_vimeo_thumbnail_is_found_through_oembed_fetched_once_and_kept);

/// Requests the stand-in provider answered: oEmbed questions, and pictures.
#[derive(Clone, Default)]
struct Hits {
    oembed: Arc<AtomicUsize>,
    pictures: Arc<AtomicUsize>,
}

/// Vimeo's oEmbed endpoint and thumbnail host in one loopback server. Video 666's answer names
/// a thumbnail on another host.
async fn vimeo() -> (String, Hits) {
    let hits = Hits::default();
    let (o, p) = (hits.oembed.clone(), hits.pictures.clone());
    let jpeg = crate::media::jpeg(640, 360);
    let app = axum::Router::new()
        .route(
            "/api/oembed.json",
            get(
                move |Query(q): Query<std::collections::HashMap<String, String>>| {
                    o.fetch_add(1, Ordering::SeqCst);
                    let video = q["url"].trim_start_matches("https://vimeo.com/").to_owned();
                    let host = if video == "666" {
                        "evil.example"
                    } else {
                        "i.vimeocdn.com"
                    };
                    async move {
                        axum::Json(serde_json::json!({
                            "type": "video",
                            "provider_name": "Vimeo",
                            "thumbnail_url": format!("https://{host}/video/{video}-abc_640"),
                        }))
                    }
                },
            ),
        )
        .route(
            "/video/{name}",
            get(move || {
                p.fetch_add(1, Ordering::SeqCst);
                let jpeg = jpeg.clone();
                async move { jpeg }
            }),
        );
    (crate::common::serve_loopback(app).await, hits)
}

async fn a_vimeo_thumbnail_is_found_through_oembed_fetched_once_and_kept(app: TestApp) {
    let (base, hits) = vimeo().await;
    let m = thumbnails_from(&app, &base).await;
    let first = publish(
        &m,
        "Harbour film",
        "::embed{url=\"https://vimeo.com/76979871\"}\n",
    )
    .await;
    let second = publish(
        &m,
        "Harbour film again",
        "::embed{url=\"https://player.vimeo.com/video/76979871\"}\n",
    )
    .await;
    assert_eq!(
        hits.oembed.load(Ordering::SeqCst),
        1,
        "asked once, then cached"
    );
    assert_eq!(hits.pictures.load(Ordering::SeqCst), 1);
    for path in [first, second] {
        let doc = html(&app.page(&path, 200).await);
        let src = attrs(&doc, ".block-embed > img", "src");
        assert_eq!(src.len(), 1, "{path}");
        assert!(src[0].starts_with("/media/"), "{src:?}");
        assert_eq!(app.get(&src[0]).await.status(), 200);
        assert_eq!(
            texts(&doc, ".block-embed button"),
            ["Load content from Vimeo"]
        );
    }
    // An answer naming a host other than Vimeo's thumbnail host is not followed: the
    // placeholder goes without a picture, and the save on.
    let other = publish(&m, "Odd film", "::embed{url=\"https://vimeo.com/666\"}\n").await;
    assert_eq!(hits.oembed.load(Ordering::SeqCst), 2);
    assert_eq!(hits.pictures.load(Ordering::SeqCst), 1);
    let doc = html(&app.page(&other, 200).await);
    assert!(attrs(&doc, ".block-embed > img", "src").is_empty());
    assert_eq!(
        texts(&doc, ".block-embed button"),
        ["Load content from Vimeo"]
    );
}
