//! Embed providers: what a pasted link is, the frame it becomes once a reader asks for it, the
//! host the page's Content-Security-Policy must then allow (`frame-src`), and the thumbnail the
//! server may cache for the placeholder. Nothing here is fetched: the reader's browser loads the
//! frame only after a click, and the thumbnail comes from a fixed allowlisted host.

use url::Url;

/// The longest link an embed may have.
pub const MAX_URL_CHARS: usize = 2_000;

/// The hosts the server may fetch a placeholder's thumbnail from.
pub const THUMBNAIL_HOSTS: [&str; 2] = ["i.ytimg.com", "i.vimeocdn.com"];

/// The oEmbed endpoint the server may ask for a thumbnail's address, when the provider's
/// thumbnails have no fixed address (Vimeo's): `(host, path)`.
pub const OEMBED_ENDPOINTS: [(&str, &str); 1] = [("vimeo.com", "/api/oembed.json")];

/// The longest oEmbed answer read.
pub const MAX_OEMBED_BYTES: usize = 64 * 1024;

/// A recognised provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provider {
    YouTube,
    Vimeo,
    Bluesky,
    Mastodon,
    X,
    OpenStreetMap,
    DocumentCloud,
    Pdf,
    Link,
}

impl Provider {
    /// The provider's name, as the placeholder and its button say it.
    pub fn name(self) -> &'static str {
        match self {
            Provider::YouTube => "YouTube",
            Provider::Vimeo => "Vimeo",
            Provider::Bluesky => "Bluesky",
            Provider::Mastodon => "Mastodon",
            Provider::X => "X",
            Provider::OpenStreetMap => "OpenStreetMap",
            Provider::DocumentCloud => "DocumentCloud",
            Provider::Pdf => "PDF document",
            Provider::Link => "Link",
        }
    }

    /// The `data-embed-provider` value.
    pub fn key(self) -> &'static str {
        match self {
            Provider::YouTube => "youtube",
            Provider::Vimeo => "vimeo",
            Provider::Bluesky => "bluesky",
            Provider::Mastodon => "mastodon",
            Provider::X => "x",
            Provider::OpenStreetMap => "openstreetmap",
            Provider::DocumentCloud => "documentcloud",
            Provider::Pdf => "pdf",
            Provider::Link => "link",
        }
    }
}

/// What a pasted link becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embed {
    pub provider: Provider,
    /// The link as pasted (normalised by the URL parser): the placeholder's plain link.
    pub link: String,
    /// The frame's address, loaded only on a click; `None` for a link card.
    pub frame: Option<String>,
    /// Where the placeholder's thumbnail is found, when the provider offers one: its address on
    /// one of [`THUMBNAIL_HOSTS`], or an address on one of [`OEMBED_ENDPOINTS`] whose answer
    /// names it (see [`oembed_thumbnail`]). The key of the cached thumbnail either way.
    pub thumbnail: Option<String>,
}

/// Whether `s` is an absolute http(s) address of a named host, short enough to embed.
pub fn is_web_address(s: &str) -> bool {
    s.chars().count() <= MAX_URL_CHARS
        && Url::parse(s).is_ok_and(|u| {
            matches!(u.scheme(), "https" | "http") && u.host_str().is_some_and(|h| !h.is_empty())
        })
}

/// Recognises the provider of a pasted link. Frames are only ever https addresses on the
/// provider's own embed host.
pub fn detect(link: &str) -> Option<Embed> {
    if !is_web_address(link) {
        return None;
    }
    let u = Url::parse(link).ok()?;
    let host = u
        .host_str()?
        .trim_start_matches("www.")
        .to_ascii_lowercase();
    let segs: Vec<&str> = u.path_segments().map(|s| s.collect()).unwrap_or_default();
    let seg = |i: usize| segs.get(i).copied().filter(|s| !s.is_empty());
    let card = |provider| Embed {
        provider,
        link: u.to_string(),
        frame: None,
        thumbnail: None,
    };
    let framed = |provider, frame: String| Embed {
        provider,
        link: u.to_string(),
        frame: Some(frame),
        thumbnail: None,
    };
    let youtube = match host.as_str() {
        "youtube.com" | "m.youtube.com" | "youtube-nocookie.com" => match seg(0) {
            Some("watch") => u
                .query_pairs()
                .find(|(k, _)| k == "v")
                .map(|(_, v)| v.into_owned()),
            Some("embed" | "shorts" | "live") => seg(1).map(str::to_owned),
            _ => None,
        },
        "youtu.be" => seg(0).map(str::to_owned),
        _ => None,
    };
    if let Some(id) = youtube.filter(|id| {
        id.len() == 11
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }) {
        return Some(Embed {
            provider: Provider::YouTube,
            link: u.to_string(),
            frame: Some(format!("https://www.youtube-nocookie.com/embed/{id}")),
            thumbnail: Some(format!("https://i.ytimg.com/vi/{id}/hqdefault.jpg")),
        });
    }
    let digits = |s: &str| !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit());
    let word = |s: &str| {
        !s.is_empty()
            && s.len() <= 100
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
    };
    Some(match (host.as_str(), seg(0), seg(1), seg(2), seg(3)) {
        ("vimeo.com", Some(id), None, _, _)
        | ("player.vimeo.com", Some("video"), Some(id), None, _)
            if digits(id) =>
        {
            Embed {
                thumbnail: Some(format!(
                    "https://vimeo.com/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F{id}"
                )),
                ..framed(
                    Provider::Vimeo,
                    format!("https://player.vimeo.com/video/{id}?dnt=1"),
                )
            }
        }
        // Bluesky's embed names the account by its DID; a handle would need a lookup, so a
        // post named by handle is a link card.
        ("bsky.app", Some("profile"), Some(did), Some("post"), Some(rkey))
            if did.starts_with("did:") && word(did) && word(rkey) =>
        {
            framed(
                Provider::Bluesky,
                format!("https://embed.bsky.app/embed/{did}/app.bsky.feed.post/{rkey}"),
            )
        }
        ("bsky.app", Some("profile"), Some(_), Some("post"), Some(_)) => card(Provider::Bluesky),
        (
            "twitter.com" | "x.com" | "mobile.twitter.com",
            Some(user),
            Some("status"),
            Some(id),
            _,
        ) if word(user) && digits(id) => framed(
            Provider::X,
            format!("https://platform.twitter.com/embed/Tweet.html?id={id}&dnt=true"),
        ),
        ("openstreetmap.org", _, _, _, _) => match osm_frame(&u) {
            Some(frame) => framed(Provider::OpenStreetMap, frame),
            None => card(Provider::OpenStreetMap),
        },
        ("documentcloud.org", Some("documents"), Some(doc), _, _) if word(doc) => framed(
            Provider::DocumentCloud,
            format!("https://embed.documentcloud.org/documents/{doc}/?embed=1"),
        ),
        (_, Some(user), Some(id), None, _)
            if u.scheme() == "https"
                && user.starts_with('@')
                && word(&user[1..])
                && digits(id)
                && u.port().is_none()
                && matches!(u.host(), Some(url::Host::Domain(_)))
                && host.contains('.') =>
        {
            framed(
                Provider::Mastodon,
                format!("https://{}/{user}/{id}/embed", u.host_str()?),
            )
        }
        _ if u.path().to_ascii_lowercase().ends_with(".pdf") => card(Provider::Pdf),
        _ => card(Provider::Link),
    })
}

/// The map frame of an OpenStreetMap link with a `#map=zoom/lat/lon` view.
fn osm_frame(u: &Url) -> Option<String> {
    let view = u.fragment()?.strip_prefix("map=")?;
    let mut it = view.split('/');
    let zoom: f64 = it.next()?.parse().ok()?;
    let lat: f64 = it.next()?.parse().ok()?;
    let lon: f64 = it.next()?.parse().ok()?;
    if !(0.0..=20.0).contains(&zoom) || !(-85.0..=85.0).contains(&lat) || lon.abs() > 180.0 {
        return None;
    }
    // About a 640 × 400 pixel view at that zoom (360° spans 256 pixels at zoom 0).
    let half_w = 360.0 / 2f64.powf(zoom) * 640.0 / 256.0 / 2.0;
    let half_h = half_w * 400.0 / 640.0 * lat.to_radians().cos();
    Some(format!(
        "https://www.openstreetmap.org/export/embed.html?bbox={:.5}%2C{:.5}%2C{:.5}%2C{:.5}&layer=mapnik&marker={lat:.5}%2C{lon:.5}",
        lon - half_w,
        lat - half_h,
        lon + half_w,
        lat + half_h
    ))
}

/// The host a frame address needs in `frame-src`, if it is a provider's frame: only https
/// addresses that [`detect`] could have made are accepted (the sanitiser keeps a
/// `data-embed-src` only when this says yes, so hand-written HTML cannot frame anything else).
pub fn frame_host(frame: &str) -> Option<String> {
    let u = Url::parse(frame).ok()?;
    if u.scheme() != "https" || u.port().is_some() || !u.username().is_empty() {
        return None;
    }
    let host = u.host_str()?;
    let path = u.path();
    let ok = match host {
        "www.youtube-nocookie.com" => path.starts_with("/embed/"),
        "player.vimeo.com" => path.starts_with("/video/"),
        "embed.bsky.app" => path.starts_with("/embed/"),
        "platform.twitter.com" => path == "/embed/Tweet.html",
        "www.openstreetmap.org" => path == "/export/embed.html",
        "embed.documentcloud.org" => path.starts_with("/documents/"),
        _ => {
            matches!(u.host(), Some(url::Host::Domain(_)))
                && host.contains('.')
                && path.starts_with("/@")
                && path.ends_with("/embed")
        }
    };
    ok.then(|| host.to_owned())
}

/// Whether `url` is one of [`OEMBED_ENDPOINTS`] (https, no port), to be asked for the
/// thumbnail's address rather than fetched as the picture.
pub fn is_oembed(url: &str) -> bool {
    Url::parse(url).is_ok_and(|u| {
        u.scheme() == "https"
            && u.port().is_none()
            && OEMBED_ENDPOINTS
                .iter()
                .any(|(host, path)| u.host_str() == Some(host) && u.path() == *path)
    })
}

/// The thumbnail address an oEmbed answer names, if it is on one of [`THUMBNAIL_HOSTS`] (https,
/// no port, no user): the provider's answer is not trusted to send the server anywhere else.
pub fn oembed_thumbnail(answer: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct OEmbed {
        thumbnail_url: Option<String>,
    }
    let url = serde_json::from_str::<OEmbed>(answer).ok()?.thumbnail_url?;
    let u = Url::parse(&url).ok()?;
    let ok = u.scheme() == "https"
        && u.port().is_none()
        && u.username().is_empty()
        && u.password().is_none()
        && u.host_str().is_some_and(|h| THUMBNAIL_HOSTS.contains(&h));
    ok.then(|| u.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vimeo_thumbnails_are_found_through_its_oembed_answer_on_its_own_hosts() {
        for link in [
            "https://vimeo.com/76979871",
            "https://player.vimeo.com/video/76979871",
        ] {
            let key = detect(link).unwrap().thumbnail.unwrap();
            assert_eq!(
                key,
                "https://vimeo.com/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F76979871"
            );
            assert!(is_oembed(&key));
        }
        assert!(!is_oembed("https://i.ytimg.com/vi/x/hqdefault.jpg"));
        assert!(!is_oembed("http://vimeo.com/api/oembed.json?url=x"));
        assert!(!is_oembed("https://vimeo.com:444/api/oembed.json?url=x"));
        assert!(!is_oembed("https://evil.example/api/oembed.json?url=x"));
        let answer = |url: &str| format!("{{\"type\":\"video\",\"thumbnail_url\":\"{url}\"}}");
        assert_eq!(
            oembed_thumbnail(&answer(
                "https://i.vimeocdn.com/video/452001751-8216e0571c_640"
            ))
            .as_deref(),
            Some("https://i.vimeocdn.com/video/452001751-8216e0571c_640")
        );
        for bad in [
            "https://evil.example/video/1_640",
            "http://i.vimeocdn.com/video/1_640",
            "https://i.vimeocdn.com:8443/video/1_640",
            "https://user@i.vimeocdn.com/video/1_640",
            "https://127.0.0.1/video/1_640",
        ] {
            assert_eq!(oembed_thumbnail(&answer(bad)), None, "{bad}");
        }
        assert_eq!(oembed_thumbnail("{\"type\":\"video\"}"), None);
        assert_eq!(oembed_thumbnail("not json"), None);
    }

    #[test]
    fn providers_are_recognised_from_pasted_links() {
        let yt = detect("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10").unwrap();
        assert_eq!(yt.provider, Provider::YouTube);
        assert_eq!(
            yt.frame.as_deref(),
            Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")
        );
        assert_eq!(
            yt.thumbnail.as_deref(),
            Some("https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg")
        );
        assert_eq!(
            detect("https://youtu.be/dQw4w9WgXcQ").unwrap().frame,
            yt.frame
        );
        let cases = [
            (
                "https://vimeo.com/76979871",
                Provider::Vimeo,
                "player.vimeo.com",
            ),
            (
                "https://bsky.app/profile/did:plc:abc123/post/3kx",
                Provider::Bluesky,
                "embed.bsky.app",
            ),
            (
                "https://x.com/someone/status/1234567890",
                Provider::X,
                "platform.twitter.com",
            ),
            (
                "https://twitter.com/someone/status/1234567890",
                Provider::X,
                "platform.twitter.com",
            ),
            (
                "https://mastodon.social/@someone/112233",
                Provider::Mastodon,
                "mastodon.social",
            ),
            (
                "https://www.openstreetmap.org/#map=15/52.5200/13.4050",
                Provider::OpenStreetMap,
                "www.openstreetmap.org",
            ),
            (
                "https://www.documentcloud.org/documents/2024-report",
                Provider::DocumentCloud,
                "embed.documentcloud.org",
            ),
        ];
        for (link, provider, host) in cases {
            let e = detect(link).unwrap_or_else(|| panic!("{link}"));
            assert_eq!(e.provider, provider, "{link}");
            let frame = e.frame.unwrap();
            assert_eq!(frame_host(&frame).as_deref(), Some(host), "{frame}");
            assert_eq!(e.thumbnail.is_some(), provider == Provider::Vimeo, "{link}");
        }
    }

    #[test]
    fn other_links_are_cards_without_frames() {
        for (link, provider) in [
            ("https://example.org/report.pdf", Provider::Pdf),
            ("https://example.org/page", Provider::Link),
            (
                "https://bsky.app/profile/someone.bsky.social/post/3kx",
                Provider::Bluesky,
            ),
            ("https://www.youtube.com/watch?v=short", Provider::Link),
            ("http://127.0.0.1:8080/@x/1", Provider::Link),
        ] {
            let e = detect(link).unwrap();
            assert_eq!((e.provider, e.frame), (provider, None), "{link}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "/relative",
            "ftp://x.org/a",
        ] {
            assert_eq!(detect(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_provider_frames_have_a_frame_host() {
        for bad in [
            "javascript:alert(1)",
            "http://www.youtube-nocookie.com/embed/x",
            "https://www.youtube-nocookie.com/watch",
            "https://evil.example/page",
            "https://127.0.0.1/@a/1/embed",
            "https://www.youtube-nocookie.com:444/embed/x",
            "https://user@www.youtube-nocookie.com/embed/x",
        ] {
            assert_eq!(frame_host(bad), None, "{bad}");
        }
    }
}
