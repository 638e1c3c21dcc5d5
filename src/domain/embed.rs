//! Sites that embed the conversation: their allowed origins, and the key that names an
//! embedded page's thread.

use url::Url;

/// A site's id (`sites.id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SiteId(pub i64);

/// The most origins one site may list, and the longest name and page address taken.
pub const MAX_ORIGINS: usize = 20;
pub const MAX_SITE_NAME: usize = 100;
pub const MAX_PAGE_URL: usize = 2000;
pub const MAX_PAGE_TITLE: usize = 300;
pub const MAX_PAGE_ID: usize = 200;

/// A web origin: scheme, host and port, nothing else (`https://blog.example`,
/// `http://localhost:8080`). Plain http is taken only for loopback hosts, where a site is
/// tried out before it goes live.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin(String);

impl Origin {
    pub fn parse(text: &str) -> Result<Origin, String> {
        let text = text.trim();
        let url = Url::parse(text).map_err(|_| {
            format!("“{text}” is not an origin: write it as https://host or https://host:port.")
        })?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(format!("“{text}” must not name a user or password."));
        }
        let rest = url.path() != "/" || url.query().is_some() || url.fragment().is_some();
        if rest {
            return Err(format!(
                "“{text}” is not an origin: give only the scheme, host and port, no path."
            ));
        }
        Origin::of(&url).ok_or_else(|| {
            format!("“{text}” must use https (plain http only for localhost or 127.0.0.1).")
        })
    }

    /// The origin of an address, when it is one a site may register.
    pub fn of(url: &Url) -> Option<Origin> {
        let host = url.host_str()?;
        let allowed = match url.scheme() {
            "https" => true,
            "http" => is_loopback(host),
            _ => false,
        };
        allowed.then(|| Origin(url.origin().ascii_serialization()))
    }

    /// Any address's origin as browsers write it, registrable or not (for messages).
    pub fn opaque(url: &Url) -> Origin {
        Origin(url.origin().ascii_serialization())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host == "127.0.0.1" || host == "[::1]"
}

/// The origins an admin typed, one or more separated by spaces, commas or new lines; each is
/// checked, repeats are dropped.
pub fn parse_origins(text: &str) -> Result<Vec<Origin>, String> {
    let mut out: Vec<Origin> = Vec::new();
    for part in text.split(|c: char| c.is_whitespace() || c == ',') {
        if part.is_empty() {
            continue;
        }
        let o = Origin::parse(part)?;
        if !out.contains(&o) {
            out.push(o);
        }
    }
    if out.is_empty() {
        return Err("Give at least one origin, such as https://blog.example.".into());
    }
    if out.len() > MAX_ORIGINS {
        return Err(format!("A site may list at most {MAX_ORIGINS} origins."));
    }
    Ok(out)
}

/// A site's name, trimmed: required and short.
pub fn site_name(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.is_empty() {
        return Err("Give the site a name.".into());
    }
    if name.chars().count() > MAX_SITE_NAME {
        return Err(format!(
            "A site's name is at most {MAX_SITE_NAME} characters."
        ));
    }
    Ok(name.to_owned())
}

/// An embedded page: its canonical address and the key its thread is found by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbeddedPage {
    /// The address with its query and fragment dropped and scheme and host in lower case.
    pub url: String,
    /// The thread's key within its site: the explicit `data-id` when given (`id:` prefixed, so
    /// it cannot meet an address), else the canonical address.
    pub key: String,
    pub origin: Origin,
}

/// Why a page gets no thread: its address is malformed (400), or not the site's (403).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageProblem {
    Invalid(String),
    Refused(String),
}

/// Canonicalises the page address a host sent (and its optional explicit id), and checks that
/// the page belongs to one of `allowed`: a thread is only ever made for a registered origin.
pub fn embedded_page(
    page: &str,
    explicit_id: Option<&str>,
    allowed: &[Origin],
) -> Result<EmbeddedPage, PageProblem> {
    let page = page.trim();
    if page.is_empty() || page.len() > MAX_PAGE_URL {
        return Err(PageProblem::Invalid(format!(
            "The page address (data-page) is required and at most {MAX_PAGE_URL} characters."
        )));
    }
    let mut url = Url::parse(page).map_err(|_| {
        PageProblem::Invalid("The page address (data-page) is not a full http(s) address.".into())
    })?;
    url.set_query(None);
    url.set_fragment(None);
    // `Url` already lower-cases the scheme and host and drops a default port.
    let origin = Origin::of(&url)
        .filter(|o| allowed.contains(o))
        .ok_or_else(|| {
            PageProblem::Refused(format!(
                "This site does not allow conversations on pages at {}.",
                url.origin().ascii_serialization()
            ))
        })?;
    let key = match explicit_id.map(str::trim) {
        None | Some("") => url.as_str().to_owned(),
        Some(id) if id.len() <= MAX_PAGE_ID && !id.chars().any(char::is_control) => {
            format!("id:{id}")
        }
        Some(_) => {
            return Err(PageProblem::Invalid(format!(
                "The page id (data-id) is at most {MAX_PAGE_ID} characters, with no control characters."
            )));
        }
    };
    Ok(EmbeddedPage {
        url: url.as_str().to_owned(),
        key,
        origin,
    })
}

/// The `frame-ancestors` policy of an embed page: the site's origins, nothing else.
pub fn frame_ancestors(origins: &[Origin]) -> String {
    let list: Vec<&str> = origins.iter().map(Origin::as_str).collect();
    format!("frame-ancestors {}", list.join(" "))
}

/// The title an embedded page's thread shows, from the host's `data-title` (or its address).
pub fn page_title(title: Option<&str>, url: &str) -> String {
    let t: String = title
        .map(str::trim)
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_PAGE_TITLE)
        .collect();
    if t.is_empty() { url.to_owned() } else { t }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(s: &str) -> Origin {
        Origin::parse(s).unwrap()
    }

    #[test]
    fn origins_are_scheme_host_and_port_only() {
        assert_eq!(o("https://Blog.Example").as_str(), "https://blog.example");
        assert_eq!(o("https://blog.example/").as_str(), "https://blog.example");
        assert_eq!(
            o("https://blog.example:443").as_str(),
            "https://blog.example"
        );
        assert_eq!(o("http://localhost:8080").as_str(), "http://localhost:8080");
        assert_eq!(o("http://127.0.0.1:9").as_str(), "http://127.0.0.1:9");
        assert!(Origin::parse("http://blog.example").is_err());
        assert!(Origin::parse("https://blog.example/posts").is_err());
        assert!(Origin::parse("https://blog.example?x=1").is_err());
        assert!(Origin::parse("https://u:p@blog.example").is_err());
        assert!(Origin::parse("ftp://blog.example").is_err());
        assert!(Origin::parse("blog.example").is_err());
    }

    #[test]
    fn origin_lists_split_and_drop_repeats() {
        let list =
            parse_origins("https://a.example, https://a.example\nhttps://b.example").unwrap();
        assert_eq!(list, vec![o("https://a.example"), o("https://b.example")]);
        assert!(parse_origins("  ").is_err());
        assert!(parse_origins("https://a.example http://evil.example").is_err());
    }

    #[test]
    fn query_and_fragment_do_not_split_a_thread() {
        let allowed = [o("https://blog.example")];
        let a = embedded_page(
            "https://Blog.Example/2026/post?utm=x#comments",
            None,
            &allowed,
        )
        .unwrap();
        let b = embedded_page("https://blog.example/2026/post", None, &allowed).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.key, "https://blog.example/2026/post");
        let other = embedded_page("https://blog.example/2026/other", None, &allowed).unwrap();
        assert_ne!(a.key, other.key);
    }

    #[test]
    fn an_explicit_id_names_the_thread() {
        let allowed = [o("https://blog.example")];
        let a = embedded_page("https://blog.example/a", Some("post-7"), &allowed).unwrap();
        let b = embedded_page("https://blog.example/b", Some("post-7"), &allowed).unwrap();
        assert_eq!(a.key, "id:post-7");
        assert_eq!(a.key, b.key);
    }

    #[test]
    fn pages_of_other_origins_are_refused() {
        let allowed = [o("https://blog.example")];
        let Err(PageProblem::Refused(e)) = embedded_page("https://evil.example/x", None, &allowed)
        else {
            panic!("a foreign page was taken")
        };
        assert!(e.contains("https://evil.example"), "{e}");
        assert!(matches!(
            embedded_page("http://blog.example/x", None, &allowed),
            Err(PageProblem::Refused(_))
        ));
        assert!(matches!(
            embedded_page("not a url", None, &allowed),
            Err(PageProblem::Invalid(_))
        ));
    }

    #[test]
    fn frame_ancestors_lists_the_sites_origins() {
        let p = frame_ancestors(&[o("https://a.example"), o("http://localhost:8000")]);
        assert_eq!(p, "frame-ancestors https://a.example http://localhost:8000");
    }

    #[test]
    fn titles_fall_back_to_the_address() {
        assert_eq!(page_title(Some("  My post "), "u"), "My post");
        assert_eq!(
            page_title(None, "https://b.example/x"),
            "https://b.example/x"
        );
    }
}
