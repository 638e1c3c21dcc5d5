//! Comment Markdown → HTML: whatever a member types, the output is safe and well-formed.
#![no_main]

use broadsheet::domain::comment::render_comment;
use broadsheet::domain::html_safety::check;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let html = render_comment(input);
    if let Err(e) = check(&html) {
        panic!("unsafe comment HTML ({e}) from {input:?}: {html:?}");
    }
});
