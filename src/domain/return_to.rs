//! Where to send a visitor after signing in (`return_to`): only a path on this site.
//!
//! A browser reads a `Location` with the WHATWG URL rules: it drops tabs and newlines anywhere,
//! trims leading and trailing spaces and control characters, treats `\` as `/`, and reads `//host`
//! (or `/\host`) as another origin. So the rule here is narrow on purpose: printable ASCII only,
//! one leading `/` not followed by another slash or backslash, no backslash anywhere, no `.` or
//! `..` path segment, and the same again after one round of percent-decoding (for servers and
//! proxies that decode a path before they redirect). Anything else becomes `/`.

/// Longer return addresses are refused (no page of this site needs one).
pub const MAX_RETURN_TO_LEN: usize = 512;

/// `raw` if it is a path on this site a browser cannot read as anywhere else; otherwise `/`.
pub fn safe_return_to(raw: Option<&str>) -> String {
    match raw {
        Some(path) if is_local_path(path) => path.to_owned(),
        _ => "/".to_owned(),
    }
}

/// True when `path` may be sent as a `Location` and lands on this site.
pub fn is_local_path(path: &str) -> bool {
    if path.is_empty() || path.len() > MAX_RETURN_TO_LEN {
        return false;
    }
    // Printable ASCII only: no whitespace or control characters (which browsers strip or
    // trim), nothing non-ASCII (a real path arrives percent-encoded).
    if !path.bytes().all(|b| b.is_ascii_graphic()) {
        return false;
    }
    let decoded: Vec<u8> = percent_encoding::percent_decode_str(path).collect();
    // Decoded, a path may hold UTF-8 (`caf%C3%A9`), but no whitespace or control character.
    let decoded_clean = !String::from_utf8_lossy(&decoded)
        .chars()
        .any(|c| c.is_whitespace() || c.is_control());
    is_plain_local(path.as_bytes()) && is_plain_local(&decoded) && decoded_clean
}

/// The checks on one form (raw or decoded) of the path.
fn is_plain_local(path: &[u8]) -> bool {
    let starts_right = path.first() == Some(&b'/') && !matches!(path.get(1), Some(b'/' | b'\\'));
    let clean = path
        .iter()
        .all(|&b| b != b'\\' && b != b' ' && !b.is_ascii_control());
    let path_part = path
        .split(|&b| b == b'?' || b == b'#')
        .next()
        .unwrap_or_default();
    let dot_segment = path_part
        .split(|&b| b == b'/')
        .any(|segment| segment == b"." || segment == b"..");
    starts_right && clean && !dot_segment
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_on_this_site_are_kept() {
        for ok in [
            "/",
            "/settings",
            "/sections/science",
            "/articles/a-story#comment-12",
            "/search?q=rust+%26+sqlite&page=2",
            "/search?q=..",
            "/tags/caf%C3%A9",
            "/a%2Fb",
            "/admin/moderation?queue=reported",
        ] {
            assert_eq!(safe_return_to(Some(ok)), ok, "{ok:?} should be kept");
        }
    }

    #[test]
    fn anything_a_browser_could_read_as_another_origin_becomes_the_front_page() {
        for hostile in [
            "",
            "evil.example",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "\t//evil.example",
            " //evil.example",
            "/ /evil.example",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%2F%2Fevil.example",
            "/%2f/evil.example",
            "%2F%2Fevil.example",
            "/%5Cevil.example",
            "/%5cevil.example",
            "/x\\y",
            "/%00",
            "/..//evil.example",
            "/./evil.example",
            "/a/../..//evil.example",
            "/%2e%2e//evil.example",
            "/%2E%2E/%2F/evil.example",
            "https://evil.example/",
            "http:evil.example",
            "javascript:alert(1)",
            "/\u{3000}/evil.example",
            "/\u{FF0F}evil.example",
            "/\u{2215}evil.example",
            "/\u{00A0}/evil.example",
            "/%C2%A0/evil.example",
            "/\u{7F}/evil.example",
        ] {
            assert_eq!(
                safe_return_to(Some(hostile)),
                "/",
                "{hostile:?} must be refused"
            );
        }
        assert_eq!(safe_return_to(None), "/");
    }

    #[test]
    fn very_long_addresses_are_refused() {
        let long = format!("/{}", "a".repeat(MAX_RETURN_TO_LEN));
        assert_eq!(safe_return_to(Some(&long)), "/");
        let fits = format!("/{}", "a".repeat(MAX_RETURN_TO_LEN - 1));
        assert_eq!(safe_return_to(Some(&fits)), fits);
    }
}
