//! A WordPress post's HTML to story blocks and to the stored body.

use super::blocks::{Attachment, Attachments, Block, WpImage, attr, content_blocks};
use super::media::{blocks_text, body_source, is_safe_relative, uploads_candidates};

fn attachments() -> Attachments {
    let mut a = Attachments::new();
    for (id, file, alt, caption) in [
        (
            "21",
            "2024/05/gull.png",
            "A gull on a bollard",
            Some("Morning at the pier"),
        ),
        ("22", "2024/05/nets.png", "", None),
    ] {
        a.insert(
            id.into(),
            Attachment {
                url: format!("https://old.example/wp-content/uploads/{file}"),
                alt: alt.into(),
                caption: caption.map(Into::into),
                title: "Drying nets".into(),
            },
        );
    }
    a
}

fn image(url: &str, alt: &str, caption: Option<&str>) -> WpImage {
    WpImage {
        url: url.into(),
        alt: alt.into(),
        caption: caption.map(Into::into),
    }
}

const UP: &str = "https://old.example/wp-content/uploads";

#[test]
fn classic_caption_shortcodes_become_images_with_their_caption_where_they_stood() {
    let html = format!(
        "Before the picture.\n\n[caption id=\"attachment_21\" width=\"300\"]<a href=\"{UP}/2024/05/gull.png\">\
         <img class=\"size-medium wp-image-21\" src=\"{UP}/2024/05/gull-300x200.png\" alt=\"\" width=\"300\" \
         height=\"200\" /></a> The gull &amp; the pier[/caption]\n\nAfter it."
    );
    let blocks = content_blocks(&html, &attachments());
    assert_eq!(
        blocks,
        vec![
            Block::Html("Before the picture.".into()),
            Block::Image(image(
                &format!("{UP}/2024/05/gull-300x200.png"),
                "A gull on a bollard",
                Some("The gull & the pier")
            )),
            Block::Html("After it.".into()),
        ]
    );
    let body = body_source(&blocks, |url| {
        url.ends_with("gull-300x200.png").then_some(7)
    });
    assert_eq!(
        body,
        "<p>Before the picture.</p>\n\n\
         ::image[A gull on a bollard]{media=7 caption=\"The gull & the pier\"}\n\n<p>After it.</p>"
    );
}

#[test]
fn block_editor_images_galleries_and_embeds() {
    let html = format!(
        "<!-- wp:paragraph -->\n<p>Intro.</p>\n<!-- /wp:paragraph -->\n\n\
         <!-- wp:image {{\"id\":22}} -->\n<figure class=\"wp-block-image size-large\"><img src=\"{UP}/2024/05/nets-1024x683.png\" \
         alt=\"Nets drying\" class=\"wp-image-22\"/><figcaption class=\"wp-element-caption\">Nets [drying]</figcaption></figure>\n<!-- /wp:image -->\n\n\
         <!-- wp:gallery {{\"linkTo\":\"none\"}} -->\n<figure class=\"wp-block-gallery has-nested-images columns-2\">\
         <!-- wp:image {{\"id\":21}} -->\n<figure class=\"wp-block-image\"><img src=\"{UP}/2024/05/gull.png\" alt=\"\" class=\"wp-image-21\"/></figure>\n<!-- /wp:image -->\n\
         <!-- wp:image {{\"id\":22}} -->\n<figure class=\"wp-block-image\"><img src=\"{UP}/2024/05/nets.png\" alt=\"Nets\" class=\"wp-image-22\"/>\
         <figcaption>Second</figcaption></figure>\n<!-- /wp:image -->\n\
         <figcaption class=\"blocks-gallery-caption\">The harbour in May</figcaption></figure>\n<!-- /wp:gallery -->\n\n\
         <!-- wp:embed {{\"url\":\"https://www.youtube.com/watch?v=abc123\",\"type\":\"video\",\"providerNameSlug\":\"youtube\"}} -->\n\
         <figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube\"><div class=\"wp-block-embed__wrapper\">\n\
         https://www.youtube.com/watch?v=abc123&amp;t=5\n</div></figure>\n<!-- /wp:embed -->"
    );
    let blocks = content_blocks(&html, &attachments());
    assert_eq!(blocks.len(), 5, "{blocks:#?}");
    assert_eq!(
        blocks[1],
        Block::Image(image(
            &format!("{UP}/2024/05/nets-1024x683.png"),
            "Nets drying",
            Some("Nets [drying]")
        ))
    );
    assert_eq!(
        blocks[2],
        Block::Gallery(vec![
            image(
                &format!("{UP}/2024/05/gull.png"),
                "A gull on a bollard",
                None
            ),
            image(&format!("{UP}/2024/05/nets.png"), "Nets", Some("Second")),
        ])
    );
    assert_eq!(
        blocks[4],
        Block::Embed {
            url: "https://www.youtube.com/watch?v=abc123&t=5".into(),
            title: None
        }
    );
    let body = body_source(&blocks, |url| Some(url.len() as i64));
    assert!(body.contains("::image[Nets drying]{media="), "{body}");
    assert!(body.contains("caption=\"Nets [drying]\""), "{body}");
    assert!(
        body.contains(":::gallery\n::image[A gull on a bollard]{media="),
        "{body}"
    );
    assert!(
        body.contains("\n:::\n\n<p>The harbour in May</p>"),
        "{body}"
    );
    assert!(
        body.ends_with("::embed{url=\"https://www.youtube.com/watch?v=abc123&t=5\"}"),
        "{body}"
    );
    assert!(blocks_text(&blocks).contains("The harbour in May"));
}

#[test]
fn gallery_shortcodes_name_attachments_and_lone_links_become_embeds() {
    let html = "[gallery ids=\"21,22,99\" columns=\"3\"]\n\n\
                https://vimeo.com/12345\n\n\
                See https://www.youtube.com/watch?v=x in the text.\n\n\
                <p>https://x.com/someone/status/42</p>";
    let blocks = content_blocks(html, &attachments());
    let Block::Gallery(g) = &blocks[0] else {
        panic!("{blocks:?}")
    };
    assert_eq!(g.len(), 3);
    assert_eq!(g[0].caption.as_deref(), Some("Morning at the pier"));
    // No alt text anywhere: the attachment's title stands in.
    assert_eq!(g[1].alt, "Drying nets");
    assert_eq!(g[2].url, "attachment:99");
    assert_eq!(
        blocks[1],
        Block::Embed {
            url: "https://vimeo.com/12345".into(),
            title: None
        }
    );
    assert!(matches!(&blocks[2], Block::Html(h) if h.contains("in the text")));
    assert_eq!(
        blocks[3],
        Block::Embed {
            url: "https://x.com/someone/status/42".into(),
            title: None
        }
    );
}

#[test]
fn pictures_the_library_does_not_hold_stay_links_named_by_their_alt_text() {
    let blocks = content_blocks(
        &format!("<p><img src=\"{UP}/2024/05/gull.png\" alt=\"A gull\" /></p>\n\nText."),
        &Attachments::new(),
    );
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    let body = body_source(&blocks, |_| None);
    assert_eq!(
        body,
        format!("<p><a href=\"{UP}/2024/05/gull.png\">A gull</a></p>\n\n<p>Text.</p>")
    );
    let html = crate::domain::markdown::render_article(&body);
    assert!(html.contains(">A gull</a>"), "{html}");
}

#[test]
fn directive_text_is_escaped() {
    let blocks = vec![Block::Image(image(
        "u",
        "A ] and \\ in alt",
        Some("Say \"cheese\"\nplease"),
    ))];
    assert_eq!(
        body_source(&blocks, |_| Some(3)),
        "::image[A \\] and \\\\ in alt]{media=3 caption=\"Say \\\"cheese\\\" please\"}"
    );
}

#[test]
fn upload_paths_map_resized_copies_to_the_original_and_never_leave_the_folder() {
    assert_eq!(
        uploads_candidates(&format!("{UP}/2024/05/gull-300x200.png?ver=2")),
        Some(vec![
            "2024/05/gull.png".into(),
            "2024/05/gull-300x200.png".into()
        ])
    );
    assert_eq!(
        uploads_candidates("/wp-content/uploads/2024/05/my%20photo.jpg"),
        Some(vec!["2024/05/my photo.jpg".into()])
    );
    assert_eq!(uploads_candidates("https://elsewhere.example/a.png"), None);
    for bad in [
        "/wp-content/uploads/../../etc/passwd",
        "/wp-content/uploads/2024/%2e%2e/%2e%2e/%2e%2e/secret.png",
        "/wp-content/uploads//etc/x.png",
    ] {
        assert_eq!(uploads_candidates(bad), None, "{bad}");
    }
    assert!(is_safe_relative("2024/05/a.png"));
    assert!(!is_safe_relative("a\\..\\b.png"));
}

#[test]
fn attributes_are_read_whatever_their_quotes() {
    let tag = "<img class='a wp-image-5' data-alt=\"no\" alt=\"Fish &amp; chips\" width=300>";
    assert_eq!(attr(tag, "alt").as_deref(), Some("Fish & chips"));
    assert_eq!(attr(tag, "class").as_deref(), Some("a wp-image-5"));
    assert_eq!(attr(tag, "width").as_deref(), Some("300"));
    assert_eq!(attr(tag, "src"), None);
}
