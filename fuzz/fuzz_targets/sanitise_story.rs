//! A story with blocks → HTML: whatever the body holds (directives well-formed or not, raw HTML
//! around them), with every image and article it names found, the output is safe and
//! well-formed, its images come from the media library only and its frames from providers only.
#![no_main]

use broadsheet::domain::blocks::{self, ArticleRef, Resolved, embeds};
use broadsheet::domain::html_safety::check;
use broadsheet::domain::markdown::render_story;
use broadsheet::domain::media::Responsive;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let story = blocks::parse(input);
    let refs = story.refs();
    let mut resolved = Resolved::default();
    let hash = "0123456789abcdef0123456789abcdef";
    for id in refs.media {
        resolved.media.insert(
            id,
            Responsive {
                src: format!("/media/{hash}-960.jpg"),
                srcset: format!("/media/{hash}-480.jpg 480w, /media/{hash}-960.jpg 960w"),
                width: 960,
                height: 640,
            },
        );
    }
    for slug in refs.slugs {
        resolved.articles.insert(
            slug.clone(),
            ArticleRef {
                slug,
                title: input.chars().take(40).collect(),
                summary: input.chars().rev().take(40).collect(),
            },
        );
    }
    let html = render_story(input, &story, &resolved);
    if let Err(e) = check(&html) {
        panic!("unsafe story HTML ({e}) from {input:?}: {html:?}");
    }
    for img in html.split("<img").skip(1) {
        assert!(img.starts_with(" src=\"/media/"), "an image from elsewhere: {html:?}");
    }
    for frame in blocks::render::embed_sources(&html) {
        assert!(embeds::frame_host(&frame).is_some(), "a frame from elsewhere: {html:?}");
    }
});
