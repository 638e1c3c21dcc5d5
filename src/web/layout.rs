//! The page frame and the view models many pages share: what the templates show, prepared from
//! domain types (formatted times, links).

use chrono::{DateTime, Utc};

use crate::domain::l10n::Tr;
use crate::domain::locale::Dates;
use crate::domain::staff::{StaffLinks, staff_links};
use crate::domain::{ArticleCard, Byline};
use crate::store::taxonomy::Section;
use crate::web::embed::Framing;
use crate::web::session::Viewer;
use crate::web::{AppState, Result};

/// The parts of the page frame every page shares.
pub struct Layout {
    pub site_name: String,
    pub title: String,
    pub description: String,
    pub canonical: Option<String>,
    pub stylesheet: String,
    pub icon: String,
    pub script: String,
    pub nav: Vec<NavItem>,
    /// The signed-in member's display name (the header then offers settings and sign-out).
    pub account: Option<String>,
    /// The staff tools the signed-in member may use (the header links to them).
    pub staff: StaffLinks,
    pub csrf: String,
    /// Stands in for the account block in a member page kept with holes (`member_pages`).
    pub hole: Option<String>,
    /// `website` or `article`, for OpenGraph.
    pub og_type: &'static str,
    /// Feeds offered in the head: (title, href, MIME type).
    pub feeds: Vec<(String, String, &'static str)>,
    /// Structured data for the page (JSON-LD), already escaped for a `<script>` data block.
    pub json_ld: Option<String>,
    /// A link-preview image: its absolute URL and its alt text (then the large Twitter card).
    pub image: Option<(String, String)>,
    /// The page in other languages, itself included: (language tag, absolute address), as
    /// `hreflang` alternates in the head.
    pub alternates: Vec<(String, String)>,
    /// The page's language and its words (`layout.tr` in templates).
    pub tr: Tr,
    /// Shown inside the embed's frame: without the site's header and footer.
    pub framed: bool,
    /// Inside the frame, the host page's origin the server checked ([`crate::web::embed::framing`]):
    /// the page then loads the frame's script, which tells that origin its height.
    pub host_origin: Option<String>,
}

pub struct NavItem {
    pub name: String,
    pub href: String,
    pub current: bool,
}

impl Layout {
    /// `title` is the page's own title (the site name is appended); `current` marks the section
    /// the page belongs to in the navigation.
    pub fn new(
        state: &AppState,
        sections: &[Section],
        title: &str,
        canonical_path: Option<&str>,
        current: Option<&str>,
    ) -> Layout {
        let site = &state.config.site_name;
        Layout {
            site_name: site.clone(),
            title: if title.is_empty() {
                site.clone()
            } else {
                format!("{title} — {site}")
            },
            description: String::new(),
            canonical: canonical_path.map(|p| format!("{}{p}", state.config.base_url)),
            stylesheet: state.assets.stylesheet.href(),
            icon: state.assets.icon.href(),
            script: state.assets.script.href(),
            nav: sections
                .iter()
                .map(|s| NavItem {
                    name: s.name.clone(),
                    href: format!("/sections/{}", s.slug),
                    current: current == Some(s.slug.as_str()),
                })
                .collect(),
            account: None,
            staff: StaffLinks::default(),
            csrf: String::new(),
            hole: None,
            og_type: "website",
            feeds: vec![
                (
                    format!("{site} (Atom)"),
                    "/feed.atom".to_owned(),
                    "application/atom+xml",
                ),
                (
                    format!("{site} (RSS)"),
                    "/feed.rss".to_owned(),
                    "application/rss+xml",
                ),
                (
                    format!("{site} (JSON Feed)"),
                    "/feed.json".to_owned(),
                    "application/feed+json",
                ),
            ],
            json_ld: None,
            image: None,
            alternates: Vec::new(),
            tr: Tr::new(state.config.locale),
            framed: false,
            host_origin: None,
        }
    }

    /// Adds the Atom feed of the listing at `page_path` (a section, tag or author).
    /// The frame of a page that belongs to no section (forms, settings, the admin pages), for
    /// `viewer`.
    pub async fn load(state: &AppState, viewer: &Viewer, title: &str) -> Result<Layout> {
        let sections = state.store.sections().await?;
        Ok(Layout::new(state, &sections, title, None, None).with_viewer(viewer))
    }

    /// [`Layout::load`] with the title from the catalogue message `title_id`, in the viewer's
    /// language.
    pub async fn titled(state: &AppState, viewer: &Viewer, title_id: &str) -> Result<Layout> {
        Layout::load(state, viewer, &Tr::new(viewer.locale).t(title_id)).await
    }

    pub fn with_feed(mut self, title: &str, page_path: &str) -> Layout {
        self.feeds.push((
            format!("{title} (Atom)"),
            format!("{page_path}/feed.atom"),
            "application/atom+xml",
        ));
        self
    }

    /// Marks the page as an article and attaches its structured data.
    pub fn with_article_data(mut self, data: &serde_json::Value) -> Layout {
        self.og_type = "article";
        // `<` escaped so no text in the data can close the script element.
        self.json_ld = Some(data.to_string().replace('<', "\\u003c"));
        self
    }

    /// Shows the viewer's account controls, in their language. Pages for signed-out readers
    /// stay identical for everyone with the same language (nothing personal in them), so they
    /// can be cached.
    pub fn with_viewer(mut self, viewer: &Viewer) -> Layout {
        self.tr = Tr::new(viewer.locale);
        if let Some(account) = AccountView::of(viewer) {
            self.account = Some(account.account.to_owned());
            self.csrf = account.csrf.to_owned();
            self.staff = account.staff;
        }
        self
    }

    /// A page the embed's frame shows (a comment's report or edit form): inside the frame
    /// (`viewer` came through the embed's routes) it goes without the site's header and
    /// footer, whose links would lead out of the frame, and with the host page's checked origin
    /// (`framing`), if any, loads the frame's script.
    pub fn in_frame(mut self, viewer: &Viewer, framing: &Option<Framing>) -> Layout {
        self.framed = viewer.is_framed();
        self.host_origin = Framing::host(framing).filter(|_| self.framed);
        self
    }

    /// Offers `image` (an absolute URL) as the page's link-preview picture.
    pub fn with_image(mut self, image: Option<(String, String)>) -> Layout {
        self.image = image;
        self
    }

    pub fn with_description(mut self, description: &str) -> Layout {
        self.description = description.to_owned();
        self
    }
}

/// The header's account block of a signed-in viewer (what `account.html` shows).
pub struct AccountView<'a> {
    pub account: &'a str,
    pub staff: StaffLinks,
    pub csrf: &'a str,
}

impl<'a> AccountView<'a> {
    pub fn of(viewer: &'a Viewer) -> Option<AccountView<'a>> {
        viewer.user.as_ref().map(|u| AccountView {
            account: &u.display_name,
            staff: staff_links(u.role()),
            csrf: &viewer.csrf,
        })
    }
}

/// A link with a label: a byline, a tag, a section.
pub struct LinkView {
    pub name: String,
    pub href: String,
}

impl LinkView {
    pub fn author(b: &Byline) -> LinkView {
        LinkView {
            name: b.name.clone(),
            href: format!("/authors/{}", b.slug),
        }
    }
    pub fn tag(b: &Byline) -> LinkView {
        LinkView {
            name: b.name.clone(),
            href: format!("/tags/{}", b.slug),
        }
    }
    pub fn section(b: &Byline) -> LinkView {
        LinkView {
            name: b.name.clone(),
            href: format!("/sections/{}", b.slug),
        }
    }
}

/// A time as the page shows it, with its machine-readable form for `<time datetime>`.
pub struct TimeView {
    pub iso: String,
    pub human: String,
}

impl TimeView {
    /// A moment to the minute, in the reader's language and time zone; `datetime` stays UTC.
    pub fn long(t: DateTime<Utc>, dates: &Dates) -> TimeView {
        TimeView {
            iso: t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            human: dates.long(t),
        }
    }
    /// A day, short, in the reader's language and time zone.
    pub fn short(t: DateTime<Utc>, dates: &Dates) -> TimeView {
        TimeView {
            iso: t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            human: dates.short(t),
        }
    }
}

/// An article in a listing.
pub struct CardView {
    pub href: String,
    pub title: String,
    pub summary: String,
    pub section: LinkView,
    pub authors: Vec<LinkView>,
    pub published: TimeView,
    pub comment_count: i64,
    /// The count as the reader's language writes numbers.
    comment_number: String,
    /// Under live coverage now: the card carries the "Live" badge.
    pub live: bool,
}

impl CardView {
    pub fn from(card: &ArticleCard, dates: &Dates) -> CardView {
        CardView {
            href: format!("/articles/{}", card.slug),
            title: card.title.clone(),
            summary: card.summary.clone(),
            section: LinkView::section(&card.section),
            authors: card.authors.iter().map(LinkView::author).collect(),
            published: TimeView::short(card.published_at, dates),
            comment_count: card.comment_count,
            comment_number: dates.number(card.comment_count),
            live: card.coverage.is_live(),
        }
    }

    /// "1 comment", "12 comments", with the plural rules of `tr`'s language.
    pub fn comments_label(&self, tr: &Tr) -> String {
        tr.t2(
            "reading-comment-count",
            "count",
            self.comment_count,
            "shown",
            &self.comment_number,
        )
    }
}

/// The first letter upper-cased and a full stop at the end: a lower-case error as a sentence.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => {
            f.to_uppercase().collect::<String>()
                + c.as_str()
                + if s.ends_with('.') { "" } else { "." }
        }
        None => String::new(),
    }
}
