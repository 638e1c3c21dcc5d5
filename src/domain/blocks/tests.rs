use super::*;
use crate::domain::markdown::{feed_html, render_story};
use crate::domain::media::Responsive;

const HASH: &str = "0123456789abcdef0123456789abcdef";

fn responsive(hash: &str) -> Responsive {
    Responsive {
        src: format!("/media/{hash}-960.jpg"),
        srcset: format!("/media/{hash}-480.jpg 480w, /media/{hash}-960.jpg 960w"),
        width: 960,
        height: 640,
    }
}

/// Media 1 and 2, the article `other-story`, and YouTube's thumbnail of `dQw4w9WgXcQ`.
fn resolved() -> Resolved {
    let mut r = Resolved::default();
    r.media.insert(1, responsive(HASH));
    r.media
        .insert(2, responsive("fedcba9876543210fedcba9876543210"));
    r.articles.insert(
        "other-story".into(),
        ArticleRef {
            slug: "other-story".into(),
            title: "The <other> story".into(),
            summary: "What happened next.".into(),
        },
    );
    r.thumbnails.insert(
        "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg".into(),
        responsive("00000000000000000000000000000000"),
    );
    r
}

const EVERY_BLOCK: &str = "Intro with a [link][1].\n\
::image[Boats at rest]{media=1 layout=wide caption=\"The harbour\" credit=\"Ann Lee\"}\n\
:::gallery{layout=full}\n\
::image[First]{media=1}\n\
\n\
::image[Second]{media=2 caption=\"Two\"}\n\
:::\n\
::embed[The interview]{url=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"}\n\
::embed{url=https://example.org/page}\n\
::readmore{article=other-story}\n\
:::pullquote{cite=\"The mayor\"}\n\
We will *rebuild*.\n\
:::\n\
:::factbox[Key facts]\n\
- One\n\
- Two\n\
:::\n\
:::note{kind=correction}\n\
An earlier version misspelt a name.\n\
:::\n\
\n\
[1]: https://example.org/ref\n";

#[test]
fn every_block_parses_and_names_what_it_refers_to() {
    let story = parse(EVERY_BLOCK);
    let kinds: Vec<&str> = story
        .parts
        .iter()
        .map(|p| match p {
            Part::Markdown(_) => "md",
            Part::Block(Block::Image(_)) => "image",
            Part::Block(Block::Gallery { .. }) => "gallery",
            Part::Block(Block::Embed { .. }) => "embed",
            Part::Block(Block::ReadMore { .. }) => "readmore",
            Part::Block(Block::PullQuote { .. }) => "pullquote",
            Part::Block(Block::FactBox { .. }) => "factbox",
            Part::Block(Block::Note { .. }) => "note",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "md",
            "image",
            "gallery",
            "embed",
            "embed",
            "readmore",
            "pullquote",
            "factbox",
            "note",
            "md"
        ]
    );
    let refs = story.refs();
    assert_eq!(refs.media, [1, 2]);
    assert_eq!(refs.slugs, ["other-story"]);
    assert_eq!(refs.embed_urls.len(), 2);
    assert_eq!(
        story.parts[1],
        Part::Block(Block::Image(Image {
            alt: "Boats at rest".into(),
            media: 1,
            layout: Layout::Wide,
            caption: Some("The harbour".into()),
            credit: Some("Ann Lee".into()),
        }))
    );
}

#[test]
fn directives_in_code_indented_or_malformed_stay_text() {
    for source in [
        "```\n::image[A]{media=1}\n```\n",
        "~~~~\n:::note{kind=editor}\nx\n:::\n~~~~\n",
        "  ::image[A]{media=1}\n",
        "::image[A]{media=one}\n",
        "::image[A]{media=1 layout=huge}\n",
        "::image[A]{medai=1}\n",
        "::video[A]{media=1}\n",
        "::embed{url=javascript:alert(1)}\n",
        "::readmore{article=Not_A_Slug}\n",
        ":::note{kind=editor}\nnever closed\n",
        ":::note{kind=gossip}\nx\n:::\n",
        ":::gallery\nnot an image\n:::\n",
        ":::gallery\n:::\n",
        "::gallery\n",
    ] {
        let story = parse(source);
        assert!(!story.has_blocks(), "{source:?}: {story:?}");
        let html = render_story(source, &story, &resolved());
        assert!(
            !html.contains("<figure class") && !html.contains("<aside"),
            "{html}"
        );
    }
    // A fence inside a call-out does not end it early.
    let story = parse(":::factbox[Code]\n```\n:::\n```\n:::\n");
    assert!(matches!(
        &story.parts[..],
        [Part::Block(Block::FactBox { .. })]
    ));
}

#[test]
fn missing_alt_unknown_media_and_unknown_articles_are_problems() {
    let story = parse(
        "::image[]{media=1}\n::image[Fine]{media=99}\n::readmore{article=nowhere}\n\
         :::gallery\n::image{media=2}\n:::\n",
    );
    let p = problems(&story, &resolved());
    assert_eq!(p.len(), 4, "{p:?}");
    assert!(p[0].contains("image 1 has no alt text"), "{}", p[0]);
    assert!(
        p[1].contains("no image 99 in the media library"),
        "{}",
        p[1]
    );
    assert!(p[2].contains("`nowhere`"), "{}", p[2]);
    assert!(p[3].contains("image 2 has no alt text"), "{}", p[3]);
    assert!(problems(&parse(EVERY_BLOCK), &resolved()).is_empty());
}

#[test]
fn every_block_renders_its_markup_through_the_sanitiser() {
    let story = parse(EVERY_BLOCK);
    let html = render_story(EVERY_BLOCK, &story, &resolved());
    for want in [
        r#"<figure class="block-image layout-wide"><img src="/media/0123456789abcdef0123456789abcdef-960.jpg" srcset="/media/0123456789abcdef0123456789abcdef-480.jpg 480w, /media/0123456789abcdef0123456789abcdef-960.jpg 960w" sizes="(min-width: 62rem) 60rem, calc(100vw - 2rem)" width="960" height="640" alt="Boats at rest" loading="lazy" decoding="async"><figcaption>The harbour <span class="credit">Ann Lee</span></figcaption></figure>"#,
        r#"<figure class="block-gallery layout-full"><ul><li><figure><img "#,
        r#"<figcaption>Two</figcaption></figure></li></ul></figure>"#,
        r#"<figure class="block-embed" data-embed-provider="youtube" data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"><img src="/media/00000000000000000000000000000000-960.jpg""#,
        r#"alt="" loading="lazy" decoding="async"><button type="button" class="embed-load" hidden="">Load content from YouTube</button><figcaption><span class="embed-provider">YouTube</span> <a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer">The interview</a></figcaption></figure>"#,
        r#"<figure class="block-embed embed-card" data-embed-provider="link"><figcaption><span class="embed-provider">Link</span> <a href="https://example.org/page" rel="noopener noreferrer">https://example.org/page</a>"#,
        r#"<aside class="block-readmore"><p class="readmore-label">Read more</p><p class="readmore-title"><a href="/articles/other-story" rel="noopener noreferrer">The &lt;other&gt; story</a></p><p>What happened next.</p></aside>"#,
        r#"<figure class="block-pullquote"><blockquote><p>We will <em>rebuild</em>.</p>"#,
        r#"<figcaption>The mayor</figcaption></figure>"#,
        r#"<aside class="block-factbox"><h2>Key facts</h2><ul>"#,
        r#"<aside class="block-note note-correction" role="note" aria-label="Correction"><p class="note-label">Correction</p><p>An earlier version misspelt a name.</p>"#,
        r#"<a href="https://example.org/ref" rel="noopener noreferrer">link</a>"#,
    ] {
        assert!(html.contains(want), "missing {want}\nin {html}");
    }
    assert!(!html.contains('\u{E000}'), "{html}");
    assert_eq!(
        render::frame_hosts(&html),
        ["www.youtube-nocookie.com".to_owned()]
    );
    let feed = feed_html(&html);
    assert!(
        !feed.contains("<button") && !feed.contains("Load content"),
        "{feed}"
    );
    assert!(!feed.contains("data-embed-src"), "{feed}");
    assert!(feed.contains(r#"<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ""#));
}

#[test]
fn hand_written_html_cannot_make_block_markup() {
    let source = format!(
        "::image[Fine]{{media=1}}\n\n<img src=\"/media/{HASH}-960.jpg\" onerror=\"x()\">\n\n\
         <figure class=\"block-embed\" data-embed-src=\"https://evil.example/\">x</figure>\n\n\
         <button>Click</button> <aside role=\"alert\" class=\"block-note\">n</aside> \
         <span class=\"credit\">c</span>\n\n\u{E000}0\u{E000}\n"
    );
    let html = render_story(&source, &parse(&source), &resolved());
    assert_eq!(html.matches("<img").count(), 1, "{html}");
    assert_eq!(html.matches("<figure").count(), 2, "{html}");
    for bad in [
        "onerror",
        "evil.example",
        "<button",
        "<aside",
        "alert",
        "class=\"credit\"",
        "data-embed-src",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
}

#[test]
fn a_block_image_keeps_only_library_addresses() {
    let mut r = resolved();
    r.media.insert(
        3,
        Responsive {
            src: "https://tracker.example/x.jpg".into(),
            srcset: "javascript:alert(1) 1w".into(),
            width: 1,
            height: 1,
        },
    );
    let source = "::image[Alt]{media=3}\n";
    let html = render_story(source, &parse(source), &r);
    assert!(
        !html.contains("tracker") && !html.contains("javascript"),
        "{html}"
    );
}

#[test]
fn the_library_line_of_an_image_parses_back() {
    let alt = r"A [bracketed] \ path";
    let line = image_directive(alt, 7);
    match &parse(&line).parts[..] {
        [Part::Block(Block::Image(i))] => assert_eq!((i.alt.as_str(), i.media), (alt, 7)),
        other => panic!("{line}: {other:?}"),
    }
}

#[test]
fn search_sees_the_words_of_blocks_not_their_syntax() {
    let text = crate::domain::search::markdown_text(&searchable(EVERY_BLOCK));
    for word in [
        "Boats at rest",
        "The harbour",
        "Ann Lee",
        "The interview",
        "rebuild",
        "The mayor",
        "Key facts",
        "misspelt",
    ] {
        assert!(text.contains(word), "{word} in {text}");
    }
    for syntax in ["::", "media=", "{", "readmore"] {
        assert!(!text.contains(syntax), "{syntax} in {text}");
    }
}
