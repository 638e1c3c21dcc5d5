//! How pages show an image: for one of ours, every width in `srcset` with its intrinsic size.

use crate::domain::FeaturedImage;
use crate::domain::media::{self, FEATURED_SIZES, parse_media_src};
use crate::store::media::MediaRow;
use crate::web::{AppState, Result};

/// How a page shows an image: for one of ours, every width in `srcset` with its intrinsic
/// size (so nothing shifts as it loads); for any other address, the plain `<img>` as before.
pub struct ImageView {
    pub src: String,
    pub alt: String,
    pub caption: Option<String>,
    pub responsive: Option<ResponsiveView>,
}

pub struct ResponsiveView {
    pub srcset: String,
    pub sizes: &'static str,
    pub width: u32,
    pub height: u32,
    /// Above the fold: fetched at once and first (`loading="eager" fetchpriority="high"`);
    /// otherwise `loading="lazy"`.
    pub eager: bool,
}

/// Whether an image is the first thing a reader sees (above the fold) or further down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    AboveTheFold,
    BelowTheFold,
}

/// The view of a featured image: one query when its address is one of ours, none otherwise.
pub async fn image_view(
    state: &AppState,
    image: &FeaturedImage,
    placement: Placement,
) -> Result<ImageView> {
    let mut view = ImageView {
        src: image.src.clone(),
        alt: image.alt.clone(),
        caption: image.caption.clone(),
        responsive: None,
    };
    let Some(name) = parse_media_src(&image.src) else {
        return Ok(view);
    };
    if let Some(row) = state.store.media_by_hash(&name.hash).await? {
        make_responsive(&mut view, &row, placement);
    }
    Ok(view)
}

/// The views of several images (`(src, alt)`, no captions) shown as the featured image is:
/// one query for all those of ours, none when there are none.
pub async fn image_views(
    state: &AppState,
    images: &[(&str, &str)],
    placement: Placement,
) -> Result<Vec<ImageView>> {
    let names: Vec<_> = images.iter().map(|(src, _)| parse_media_src(src)).collect();
    let mut hashes: Vec<&str> = names.iter().flatten().map(|n| n.hash.as_str()).collect();
    hashes.sort_unstable();
    hashes.dedup();
    let rows = state.store.media_by_hashes(&hashes).await?;
    Ok(images
        .iter()
        .zip(&names)
        .map(|((src, alt), name)| {
            let mut view = ImageView {
                src: (*src).to_owned(),
                alt: (*alt).to_owned(),
                caption: None,
                responsive: None,
            };
            let row = name
                .as_ref()
                .and_then(|n| rows.iter().find(|r| r.hash == n.hash));
            if let Some(row) = row {
                make_responsive(&mut view, row, placement);
            }
            view
        })
        .collect())
}

/// Offers every stored width of the library's image `row`, with its intrinsic size.
fn make_responsive(view: &mut ImageView, row: &MediaRow, placement: Placement) {
    let (Some(kind), Ok(w), Ok(h)) = (
        row.kind(),
        u32::try_from(row.width),
        u32::try_from(row.height),
    ) else {
        return;
    };
    if let Some(r) = media::responsive(&row.hash, kind, w, h, &row.widths()) {
        view.src = r.src;
        view.responsive = Some(ResponsiveView {
            srcset: r.srcset,
            sizes: FEATURED_SIZES,
            width: r.width,
            height: r.height,
            eager: placement == Placement::AboveTheFold,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use askama::Template;

    #[derive(Template)]
    #[template(path = "media_img.html")]
    struct Img<'a> {
        img: &'a ImageView,
    }

    fn ours(eager: bool) -> ImageView {
        ImageView {
            src: "/media/h-960.jpg".into(),
            alt: "Boats \"at\" rest".into(),
            caption: None,
            responsive: Some(ResponsiveView {
                srcset: "/media/h-480.jpg 480w, /media/h-960.jpg 960w".into(),
                sizes: FEATURED_SIZES,
                width: 960,
                height: 640,
                eager,
            }),
        }
    }

    #[test]
    fn the_first_image_is_fetched_at_once_and_the_others_lazily() {
        let first = Img { img: &ours(true) }.render().unwrap();
        assert!(
            first.contains(r#"loading="eager" fetchpriority="high""#),
            "{first}"
        );
        assert!(first.contains(r#"width="960" height="640""#), "{first}");
        assert!(first.contains(r#"srcset="/media/h-480.jpg 480w, /media/h-960.jpg 960w""#));
        assert!(first.contains("alt=\"Boats &#34;at&#34; rest\""), "{first}");
        let later = Img { img: &ours(false) }.render().unwrap();
        assert!(
            later.contains(r#"loading="lazy" decoding="async""#),
            "{later}"
        );
        assert!(!later.contains("fetchpriority"), "{later}");
    }

    #[test]
    fn other_addresses_render_as_a_plain_image() {
        let remote = ImageView {
            src: "https://cdn.example/a.jpg".into(),
            alt: "A".into(),
            caption: None,
            responsive: None,
        };
        let html = Img { img: &remote }.render().unwrap();
        assert_eq!(html, r#"<img src="https://cdn.example/a.jpg" alt="A">"#);
    }
}
