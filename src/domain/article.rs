//! Articles as readers see them, and the typed filters that list them.

use chrono::{DateTime, Utc};

use super::slug::Slug;

/// A byline or a tag: something with a name and a page of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Byline {
    pub slug: String,
    pub name: String,
}

/// An article as a listing shows it.
#[derive(Clone, Debug)]
pub struct ArticleCard {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub published_at: DateTime<Utc>,
    pub updated_at: Option<DateTime<Utc>>,
    pub comment_count: i64,
    pub section: Byline,
    pub authors: Vec<Byline>,
    /// Live coverage: whether the article carries the "Live" badge and streams updates.
    pub coverage: super::live::Coverage,
}

/// An article as its own page shows it.
#[derive(Clone, Debug)]
pub struct ArticleDetail {
    pub card: ArticleCard,
    pub body_html: String,
    pub tags: Vec<Byline>,
    pub image: Option<FeaturedImage>,
    /// Correction notes, oldest first, shown at the foot of the article.
    pub corrections: Vec<super::newsroom::Correction>,
    /// Its own language and whether it has translations (read with the article, so a page
    /// without translations asks nothing more).
    pub languages: ArticleLanguages,
}

/// An article's own language (`None`: the site's) and whether it is in a translation group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleLanguages {
    pub own: Option<String>,
    pub translated: bool,
}

/// What posting a comment needs of the article it goes under: which one, where it lives, its
/// headline (for the webhook) and when it was published (comments close after it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentTarget {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub published_at: DateTime<Utc>,
}

impl From<&ArticleDetail> for CommentTarget {
    fn from(article: &ArticleDetail) -> Self {
        CommentTarget {
            id: article.card.id,
            slug: article.card.slug.clone(),
            title: article.card.title.clone(),
            published_at: article.card.published_at,
        }
    }
}

/// An article's featured image: shown at the top of its page, in link previews and in feeds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeaturedImage {
    /// An absolute http(s) URL, or a path on this site starting with `/`.
    pub src: String,
    /// Text that stands in for the image; always present.
    pub alt: String,
    pub caption: Option<String>,
}

impl FeaturedImage {
    /// The image's absolute URL: site paths are joined to `base_url` (which has no trailing `/`).
    pub fn absolute_url(&self, base_url: &str) -> String {
        if self.src.starts_with('/') {
            format!("{base_url}{}", self.src)
        } else {
            self.src.clone()
        }
    }

    /// The MIME type its file extension names, for feed enclosures; `None` when it names none
    /// the site knows.
    pub fn mime_type(&self) -> Option<&'static str> {
        let path = self.src.split(['?', '#']).next().unwrap_or("");
        let file = path.rsplit('/').next().unwrap_or("");
        let (_, ext) = file.rsplit_once('.')?;
        Some(match ext.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => "image/jpeg",
            "png" => "image/png",
            "gif" => "image/gif",
            "webp" => "image/webp",
            "avif" => "image/avif",
            "svg" => "image/svg+xml",
            _ => return None,
        })
    }
}

/// An article another one links to as related: its headline and where it lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelatedLink {
    pub slug: String,
    pub title: String,
}

/// Which articles a listing shows. Listings are always of published articles, newest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListScope {
    All,
    Section(i64),
    Tag(i64),
    Author(i64),
}

/// A position in a newest-first listing: the last article of the previous page. Keyset
/// pagination, so a page costs the same however deep it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub published_at: DateTime<Utc>,
    pub id: i64,
}

impl Cursor {
    /// Encodes as `{microseconds since the epoch}.{id}`: short, opaque enough, URL-safe.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.published_at.timestamp_micros(), self.id)
    }

    pub fn decode(s: &str) -> Option<Cursor> {
        let (micros, id) = s.split_once('.')?;
        let published_at = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
        let id = id.parse().ok().filter(|id: &i64| *id > 0)?;
        Some(Cursor { published_at, id })
    }

    pub fn of(card: &ArticleCard) -> Cursor {
        Cursor {
            published_at: card.published_at,
            id: card.id,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct ArticleFilter {
    pub scope: ListScope,
    pub before: Option<Cursor>,
    pub limit: u32,
}

/// An article to be written, with its section, authors and tags named (created when missing).
#[derive(Clone, Debug, PartialEq)]
pub struct NewArticle {
    pub slug: Slug,
    pub title: String,
    pub summary: String,
    pub body_source: String,
    pub section: String,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub image: Option<FeaturedImage>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let c = Cursor {
            published_at: DateTime::from_timestamp_micros(1_790_000_000_123_456).unwrap(),
            id: 42,
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        for bad in [
            "",
            "x.1",
            "1.x",
            "1",
            "1.0",
            "1.-3",
            "99999999999999999999.1",
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn image_urls_become_absolute_and_name_their_type() {
        let image = |src: &str| FeaturedImage {
            src: src.into(),
            alt: "A ship".into(),
            caption: None,
        };
        let local = image("/media/Harbour.JPG?w=800");
        assert_eq!(
            local.absolute_url("https://news.example"),
            "https://news.example/media/Harbour.JPG?w=800"
        );
        assert_eq!(local.mime_type(), Some("image/jpeg"));
        let remote = image("https://cdn.example/a.b/picture");
        assert_eq!(
            remote.absolute_url("https://news.example"),
            "https://cdn.example/a.b/picture"
        );
        assert_eq!(remote.mime_type(), None);
        assert_eq!(image("/x.webp#top").mime_type(), Some("image/webp"));
    }
}
