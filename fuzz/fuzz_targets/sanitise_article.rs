//! Article Markdown → HTML: whatever a file holds, the output is safe and well-formed.
#![no_main]

use broadsheet::domain::html_safety::check;
use broadsheet::domain::markdown::render_article;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let html = render_article(input);
    if let Err(e) = check(&html) {
        panic!("unsafe article HTML ({e}) from {input:?}: {html:?}");
    }
});
