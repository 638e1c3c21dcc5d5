//! The newsroom: an article's working copy, its workflow, who may do what to it, corrections
//! and the line diff between two revisions. No SQL, no HTTP.
//!
//! Workflow (draft → in review → approved) is kept apart from publication (none, scheduled,
//! published), which is only `published_at` compared with now: a published article can go back
//! to draft for a rewrite while readers keep seeing its live version.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::frontmatter::{
    MAX_AUTHORS, MAX_IMAGE_ALT_CHARS, MAX_IMAGE_CAPTION_CHARS, MAX_IMAGE_URL_CHARS, MAX_NAME_CHARS,
    MAX_SUMMARY_CHARS, MAX_TAGS, MAX_TITLE_CHARS, is_image_address,
};
use super::user::Role;
use super::{FeaturedImage, NewArticle, Slug};

/// The longest body the editor accepts (the importer's file limit).
pub const MAX_BODY_BYTES: usize = super::frontmatter::MAX_FILE_BYTES;
/// The longest correction note.
pub const MAX_CORRECTION_CHARS: usize = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workflow {
    Draft,
    InReview,
    Approved,
}

impl Workflow {
    pub fn parse(s: &str) -> Option<Workflow> {
        Some(match s {
            "draft" => Workflow::Draft,
            "in_review" => Workflow::InReview,
            "approved" => Workflow::Approved,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Workflow::Draft => "draft",
            Workflow::InReview => "in_review",
            Workflow::Approved => "approved",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Workflow::Draft => "Draft",
            Workflow::InReview => "In review",
            Workflow::Approved => "Approved",
        }
    }
}

/// Whether readers see an article, derived from `published_at` and now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Publication {
    Unpublished,
    Scheduled(DateTime<Utc>),
    Published(DateTime<Utc>),
}

impl Publication {
    pub fn of(published_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Publication {
        match published_at {
            None => Publication::Unpublished,
            Some(t) if t > now => Publication::Scheduled(t),
            Some(t) => Publication::Published(t),
        }
    }

    pub fn is_live(self) -> bool {
        matches!(self, Publication::Published(_))
    }
}

/// What the caller may do in the newsroom, for one article (or, with no article, on the list
/// and for a new one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ArticleAccess {
    /// See the article list and start new articles.
    pub enter: bool,
    /// Open the article, its preview and its history.
    pub view: bool,
    /// Save the working copy, restore a revision.
    pub edit: bool,
    /// Send the working copy for review.
    pub submit: bool,
    /// Publish, schedule, unpublish, send back for a rewrite, add corrections.
    pub publish: bool,
}

/// The facts about an article the policy looks at.
#[derive(Clone, Copy, Debug)]
pub struct ArticleFacts {
    /// The caller started the article.
    pub is_own: bool,
    pub workflow: Workflow,
}

/// The newsroom's one access policy. Contributors (and moderators, who rank above them) write
/// their own drafts and submit them, and cannot touch them again until an editor sends them
/// back; editors and admins do everything; members and visitors nothing.
pub fn article_access(role: Role, article: Option<ArticleFacts>) -> ArticleAccess {
    if role >= Role::Editor {
        return ArticleAccess {
            enter: true,
            view: true,
            edit: true,
            submit: true,
            publish: true,
        };
    }
    if role < Role::Contributor {
        return ArticleAccess::default();
    }
    let Some(a) = article else {
        return ArticleAccess {
            enter: true,
            ..ArticleAccess::default()
        };
    };
    let writable = a.is_own && a.workflow == Workflow::Draft;
    ArticleAccess {
        enter: true,
        view: a.is_own,
        edit: writable,
        submit: writable,
        publish: false,
    }
}

/// An article's working copy: everything the editor form holds. Saved as each revision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub section: String,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub body: String,
    pub image_url: String,
    pub image_alt: String,
    pub image_caption: String,
}

/// The editor form's fields as typed (lists comma-separated).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DraftFields {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub section: String,
    #[serde(default)]
    pub tags: String,
    #[serde(default)]
    pub authors: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub image_url: String,
    #[serde(default)]
    pub image_alt: String,
    #[serde(default)]
    pub image_caption: String,
}

fn list(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in s.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(item)) {
            out.push(item.to_owned());
        }
    }
    out
}

fn too_long(field: &str, value: &str, max: usize) -> Option<String> {
    (value.chars().count() > max).then(|| format!("{field} is longer than {max} characters."))
}

impl DraftFields {
    /// The typed fields as a draft, or every problem found, each a sentence saying what to fix.
    /// An empty slug is made from the headline.
    pub fn validate(&self) -> Result<Draft, Vec<String>> {
        let mut problems = Vec::new();
        let title = self.title.trim().to_owned();
        if title.is_empty() {
            problems.push("Give the article a headline.".to_owned());
        }
        problems.extend(too_long("The headline", &title, MAX_TITLE_CHARS));
        let slug = match self.slug.trim() {
            "" => Slug::from_title(&title).map(|s| s.as_str().to_owned()),
            typed => Slug::parse(typed).map(|s| s.as_str().to_owned()).ok(),
        };
        if slug.is_none() && !title.is_empty() {
            problems.push(
                "The slug may hold only lower-case letters, digits and single hyphens \
                 (like harbour-reopens)."
                    .to_owned(),
            );
        }
        let summary = self.summary.trim().to_owned();
        problems.extend(too_long("The summary", &summary, MAX_SUMMARY_CHARS));
        let section = self.section.trim().to_owned();
        if Slug::from_title(&section).is_none() {
            problems.push("Choose the article's section.".to_owned());
        }
        problems.extend(too_long("The section", &section, MAX_NAME_CHARS));
        let authors = list(&self.authors);
        if authors.is_empty() {
            problems.push("Name at least one author for the byline.".to_owned());
        }
        if authors.len() > MAX_AUTHORS {
            problems.push(format!("Name at most {MAX_AUTHORS} authors in the byline."));
        }
        let tags = list(&self.tags);
        if tags.len() > MAX_TAGS {
            problems.push(format!("Use at most {MAX_TAGS} tags."));
        }
        for name in authors.iter().chain(&tags) {
            if Slug::from_title(name).is_none() {
                problems.push(format!("“{name}” needs at least one letter or digit."));
            }
            problems.extend(too_long(&format!("“{name}”"), name, MAX_NAME_CHARS));
        }
        if self.body.len() > MAX_BODY_BYTES {
            problems.push(format!(
                "The body is longer than {} MiB.",
                MAX_BODY_BYTES / 1024 / 1024
            ));
        }
        let (image_url, image_alt, image_caption) = (
            self.image_url.trim().to_owned(),
            self.image_alt.trim().to_owned(),
            self.image_caption.trim().to_owned(),
        );
        if image_url.is_empty() {
            if !image_alt.is_empty() || !image_caption.is_empty() {
                problems.push(
                    "Alt text and caption describe a featured image: add its address or clear them."
                        .to_owned(),
                );
            }
        } else {
            if !is_image_address(&image_url) {
                problems.push(
                    "The image address must be an http(s) URL or a path on this site \
                     starting with /."
                        .to_owned(),
                );
            }
            if image_alt.is_empty() {
                problems.push(
                    "Describe the featured image in its alt text, for readers who cannot see it."
                        .to_owned(),
                );
            }
            if image_caption.is_empty() {
                problems.push("Give the featured image a caption or credit.".to_owned());
            }
            problems.extend(too_long(
                "The image address",
                &image_url,
                MAX_IMAGE_URL_CHARS,
            ));
            problems.extend(too_long("The alt text", &image_alt, MAX_IMAGE_ALT_CHARS));
            problems.extend(too_long(
                "The caption",
                &image_caption,
                MAX_IMAGE_CAPTION_CHARS,
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Draft {
            title,
            slug: slug.unwrap_or_default(),
            summary,
            section,
            tags,
            authors,
            body: self.body.replace("\r\n", "\n"),
            image_url,
            image_alt,
            image_caption,
        })
    }

    pub fn of(d: &Draft) -> DraftFields {
        DraftFields {
            title: d.title.clone(),
            slug: d.slug.clone(),
            summary: d.summary.clone(),
            section: d.section.clone(),
            tags: d.tags.join(", "),
            authors: d.authors.join(", "),
            body: d.body.clone(),
            image_url: d.image_url.clone(),
            image_alt: d.image_alt.clone(),
            image_caption: d.image_caption.clone(),
        }
    }
}

impl Draft {
    pub fn image(&self) -> Option<FeaturedImage> {
        (!self.image_url.is_empty()).then(|| FeaturedImage {
            src: self.image_url.clone(),
            alt: self.image_alt.clone(),
            caption: (!self.image_caption.is_empty()).then(|| self.image_caption.clone()),
        })
    }

    /// The article the store writes for readers. A draft is validated when saved, so its slug
    /// parses; one that does not (a hand-edited row) is refused by the caller.
    pub fn to_article(
        &self,
        published_at: Option<DateTime<Utc>>,
        updated_at: Option<DateTime<Utc>>,
    ) -> Option<NewArticle> {
        Some(NewArticle {
            slug: Slug::parse(&self.slug).ok()?,
            title: self.title.clone(),
            summary: self.summary.clone(),
            body_source: self.body.clone(),
            section: self.section.clone(),
            authors: self.authors.clone(),
            tags: self.tags.clone(),
            published_at,
            updated_at,
            image: self.image(),
        })
    }

    /// The working copy an article written elsewhere (an import, the API) amounts to.
    pub fn of_article(a: &NewArticle) -> Draft {
        let image = a.image.as_ref();
        Draft {
            title: a.title.clone(),
            slug: a.slug.as_str().to_owned(),
            summary: a.summary.clone(),
            section: a.section.clone(),
            tags: a.tags.clone(),
            authors: a.authors.clone(),
            body: a.body_source.clone(),
            image_url: image.map(|i| i.src.clone()).unwrap_or_default(),
            image_alt: image.map(|i| i.alt.clone()).unwrap_or_default(),
            image_caption: image.and_then(|i| i.caption.clone()).unwrap_or_default(),
        }
    }

    /// The whole working copy as text, one field a line and then the body: what the history
    /// diffs, so a changed tag or caption shows like a changed sentence.
    pub fn as_text(&self) -> String {
        format!(
            "Headline: {}\nSlug: {}\nSummary: {}\nSection: {}\nAuthors: {}\nTags: {}\n\
             Image: {}\nAlt text: {}\nCaption: {}\n\n{}",
            self.title,
            self.slug,
            self.summary,
            self.section,
            self.authors.join(", "),
            self.tags.join(", "),
            self.image_url,
            self.image_alt,
            self.image_caption,
            self.body
        )
    }
}

/// Whether a draft's section is one of the site's sections (`(name, slug)` pairs): by its
/// name, or by the slug its name makes, as the store finds it. Drafts choose among existing
/// sections; only the section admin adds them.
pub fn section_exists<'a>(
    section: &str,
    mut sections: impl Iterator<Item = (&'a str, &'a str)>,
) -> bool {
    let slug = Slug::from_title(section);
    sections.any(|(name, s)| name == section || slug.as_ref().is_some_and(|x| x.as_str() == s))
}

/// What a writer is told when their draft names a section the site does not have.
pub fn unknown_section_message(section: &str) -> String {
    let shown: String = section.chars().take(MAX_NAME_CHARS).collect();
    format!(
        "There is no section “{shown}”: choose one of the site's sections. Only editors add \
         sections, under Sections in the admin."
    )
}

/// A correction note at the foot of an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub at: DateTime<Utc>,
    pub text: String,
}

/// Reads the stored corrections; an unreadable value shows none rather than failing the page.
pub fn parse_corrections(json: &str) -> Vec<Correction> {
    serde_json::from_str(json).unwrap_or_default()
}

/// A correction note as typed, checked.
pub fn correction_text(typed: &str) -> Result<String, String> {
    let text = typed.trim();
    if text.is_empty() {
        return Err("Write the correction: what was wrong and what is right.".to_owned());
    }
    if text.chars().count() > MAX_CORRECTION_CHARS {
        return Err(format!(
            "A correction is at most {MAX_CORRECTION_CHARS} characters."
        ));
    }
    Ok(text.to_owned())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffKind {
    Same,
    Removed,
    Added,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffLine {
    pub kind: DiffKind,
    pub text: String,
}

/// Lines beyond which the diff stops aligning and shows the rest as removed and added: the
/// table below is lines × lines, and articles are far shorter.
const DIFF_MAX_LINES: usize = 4000;

/// A line diff from `old` to `new`: the longest common subsequence of lines kept, the rest
/// removed or added, removals before additions where lines were replaced.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Common head and tail first: most revisions change a few lines in the middle.
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let line = |kind, text: &str| DiffLine {
        kind,
        text: text.to_owned(),
    };
    let mut out: Vec<DiffLine> = a[..head].iter().map(|l| line(DiffKind::Same, l)).collect();
    if ma.len() > DIFF_MAX_LINES || mb.len() > DIFF_MAX_LINES {
        out.extend(ma.iter().map(|l| line(DiffKind::Removed, l)));
        out.extend(mb.iter().map(|l| line(DiffKind::Added, l)));
    } else {
        // lcs[i][j]: the common subsequence length of ma[i..] and mb[j..].
        let (n, m) = (ma.len(), mb.len());
        let mut lcs = vec![vec![0u32; m + 1]; n + 1];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i][j] = if ma[i] == mb[j] {
                    lcs[i + 1][j + 1] + 1
                } else {
                    lcs[i + 1][j].max(lcs[i][j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && ma[i] == mb[j] {
                out.push(line(DiffKind::Same, ma[i]));
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.push(line(DiffKind::Removed, ma[i]));
                i += 1;
            } else {
                out.push(line(DiffKind::Added, mb[j]));
                j += 1;
            }
        }
    }
    out.extend(a[a.len() - tail..].iter().map(|l| line(DiffKind::Same, l)));
    out
}

/// Parses the schedule field (`datetime-local`, read as UTC) and checks it is in the future.
pub fn schedule_time(typed: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let typed = typed.trim();
    let parsed = chrono::NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M:%S"))
        .map(|t| t.and_utc())
        .or_else(|_| DateTime::parse_from_rfc3339(typed).map(|t| t.with_timezone(&Utc)))
        .map_err(|_| {
            "Give the publication time as a date and time in UTC, such as 2026-11-30T07:00."
                .to_owned()
        })?;
    if parsed <= now {
        return Err(
            "That time has passed: choose a time in the future, or publish now.".to_owned(),
        );
    }
    Ok(parsed)
}

/// Who may manage sections, authors and tags: editors and admins (what readers browse by, and
/// the front page's order, are the desk's decisions).
pub fn taxonomy_access(role: Role) -> bool {
    role >= Role::Editor
}

/// The longest description of a section or biography of an author.
pub const MAX_DESCRIPTION_CHARS: usize = 2000;

/// A section, author or tag as its admin form holds it.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct LabelFields {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub slug: String,
    /// A section's description, an author's biography (tags have none).
    #[serde(default)]
    pub text: String,
    /// A section's place on the front page.
    #[serde(default)]
    pub position: String,
    /// An author's photo.
    #[serde(default)]
    pub photo_url: String,
}

/// A checked section, author or tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub name: String,
    pub slug: String,
    pub text: String,
    pub position: i32,
    pub photo_url: Option<String>,
}

impl LabelFields {
    /// The typed fields, checked; an empty slug is made from the name.
    pub fn validate(&self) -> Result<Label, Vec<String>> {
        let mut problems = Vec::new();
        let name = self.name.trim().to_owned();
        if Slug::from_title(&name).is_none() {
            problems.push("Give it a name with at least one letter or digit.".to_owned());
        }
        problems.extend(too_long("The name", &name, MAX_NAME_CHARS));
        let slug = match self.slug.trim() {
            "" => Slug::from_title(&name),
            typed => Slug::parse(typed).ok(),
        };
        if slug.is_none() && !name.is_empty() {
            problems.push(
                "The slug may hold only lower-case letters, digits and single hyphens.".to_owned(),
            );
        }
        let text = self.text.trim().to_owned();
        problems.extend(too_long("The description", &text, MAX_DESCRIPTION_CHARS));
        let position = match self.position.trim() {
            "" => 0,
            typed => typed.parse::<i32>().unwrap_or_else(|_| {
                problems.push("The position is a whole number: 1 comes first.".to_owned());
                0
            }),
        };
        let photo = self.photo_url.trim().to_owned();
        if !photo.is_empty() && !is_image_address(&photo) {
            problems.push(
                "The photo address must be an http(s) URL or a path on this site starting with /."
                    .to_owned(),
            );
        }
        problems.extend(too_long("The photo address", &photo, MAX_IMAGE_URL_CHARS));
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Label {
            name,
            slug: slug.map(|s| s.as_str().to_owned()).unwrap_or_default(),
            text,
            position,
            photo_url: (!photo.is_empty()).then_some(photo),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> DraftFields {
        DraftFields {
            title: "Harbour reopens after the storm".into(),
            section: "International".into(),
            authors: "Mira Castell, Tom Ueda, mira castell".into(),
            tags: "weather, ports,".into(),
            body: "First line.\r\nSecond line.".into(),
            ..DraftFields::default()
        }
    }

    #[test]
    fn contributors_write_their_own_drafts_and_editors_everything() {
        let own = |workflow| {
            Some(ArticleFacts {
                is_own: true,
                workflow,
            })
        };
        let other = Some(ArticleFacts {
            is_own: false,
            workflow: Workflow::Draft,
        });
        for role in [Role::Contributor, Role::Moderator] {
            let a = article_access(role, own(Workflow::Draft));
            assert!(
                a.enter && a.view && a.edit && a.submit && !a.publish,
                "{role:?}"
            );
            let submitted = article_access(role, own(Workflow::InReview));
            assert!(submitted.view && !submitted.edit && !submitted.submit);
            assert_eq!(
                article_access(role, other),
                ArticleAccess {
                    enter: true,
                    ..ArticleAccess::default()
                }
            );
            assert!(article_access(role, None).enter);
        }
        for role in [Role::Editor, Role::Admin] {
            let a = article_access(role, other);
            assert!(a.view && a.edit && a.submit && a.publish);
        }
        assert_eq!(
            article_access(Role::Member, own(Workflow::Draft)),
            ArticleAccess::default()
        );
        assert!(!article_access(Role::Member, None).enter);
    }

    #[test]
    fn a_valid_form_becomes_a_draft_with_a_slug_and_tidy_lists() {
        let d = fields().validate().unwrap();
        assert_eq!(d.slug, "harbour-reopens-after-the-storm");
        assert_eq!(d.authors, ["Mira Castell", "Tom Ueda"]);
        assert_eq!(d.tags, ["weather", "ports"]);
        assert_eq!(d.body, "First line.\nSecond line.");
        let round = DraftFields::of(&d).validate().unwrap();
        assert_eq!(round, d);
    }

    #[test]
    fn bad_forms_say_every_problem() {
        let problems = DraftFields {
            slug: "Not A Slug".into(),
            image_url: "javascript:alert(1)".into(),
            ..DraftFields::default()
        }
        .validate()
        .unwrap_err();
        let all = problems.join(" ");
        for expected in [
            "headline", "section", "author", "http(s)", "alt text", "caption",
        ] {
            assert!(all.contains(expected), "{expected} in {all}");
        }
        let mut f = fields();
        f.slug = "Bad Slug".into();
        assert!(f.validate().unwrap_err()[0].contains("slug"));
        let mut f = fields();
        f.image_alt = "Cranes".into();
        assert!(f.validate().unwrap_err()[0].contains("image"));
    }

    #[test]
    fn every_field_has_a_length_limit() {
        fn over(n: usize) -> String {
            "x".repeat(n + 1)
        }
        type MakeLong = Box<dyn Fn(&mut DraftFields)>;
        let cases: Vec<(&str, MakeLong)> = vec![
            ("headline", Box::new(|f| f.title = over(MAX_TITLE_CHARS))),
            ("summary", Box::new(|f| f.summary = over(MAX_SUMMARY_CHARS))),
            ("section", Box::new(|f| f.section = over(MAX_NAME_CHARS))),
            ("“", Box::new(|f| f.authors = over(MAX_NAME_CHARS))),
            ("“", Box::new(|f| f.tags = over(MAX_NAME_CHARS))),
            (
                "authors",
                Box::new(|f| {
                    f.authors = (0..=MAX_AUTHORS)
                        .map(|i| format!("Writer {i}"))
                        .collect::<Vec<_>>()
                        .join(",")
                }),
            ),
            (
                "tags",
                Box::new(|f| {
                    f.tags = (0..=MAX_TAGS)
                        .map(|i| format!("tag {i}"))
                        .collect::<Vec<_>>()
                        .join(",")
                }),
            ),
            ("body", Box::new(|f| f.body = over(MAX_BODY_BYTES))),
            ("slug", Box::new(|f| f.slug = "a".repeat(81))),
            (
                "image address",
                Box::new(|f| f.image_url = format!("/{}", over(MAX_IMAGE_URL_CHARS))),
            ),
            (
                "alt text",
                Box::new(|f| f.image_alt = over(MAX_IMAGE_ALT_CHARS)),
            ),
            (
                "caption",
                Box::new(|f| f.image_caption = over(MAX_IMAGE_CAPTION_CHARS)),
            ),
        ];
        for (field, make_long) in cases {
            let mut f = fields();
            f.image_url = "/media/a.png".into();
            f.image_alt = "Cranes".into();
            f.image_caption = "Photo: desk".into();
            assert!(f.validate().is_ok());
            make_long(&mut f);
            let problems = f.validate().unwrap_err().join(" ");
            assert!(problems.contains(field), "{field}: {problems}");
        }
        // Sections, authors' biographies and tags in their admin.
        for make_long in [
            |f: &mut LabelFields| f.name = "x".repeat(MAX_NAME_CHARS + 1),
            |f: &mut LabelFields| f.text = "x".repeat(MAX_DESCRIPTION_CHARS + 1),
            |f: &mut LabelFields| f.photo_url = format!("/{}", "x".repeat(MAX_IMAGE_URL_CHARS)),
            |f: &mut LabelFields| f.slug = "a".repeat(81),
        ] {
            let mut f = LabelFields {
                name: "Science".into(),
                ..LabelFields::default()
            };
            assert!(f.validate().is_ok());
            make_long(&mut f);
            assert!(f.validate().is_err());
        }
        assert!(correction_text(&"x".repeat(MAX_CORRECTION_CHARS + 1)).is_err());
    }

    #[test]
    fn a_draft_names_an_existing_section() {
        let sections = [("Science", "science"), ("Arts & Culture", "culture")];
        let exists = |s: &str| section_exists(s, sections.iter().copied());
        assert!(exists("Science") && exists("Arts & Culture"));
        // By the slug its name makes, as the store finds it.
        assert!(exists("science") && exists("Culture"));
        assert!(!exists("Travel") && !exists(""));
        assert!(unknown_section_message("Travel").contains("no section “Travel”"));
    }

    #[test]
    fn publication_is_derived_from_the_date_and_now() {
        let now = Utc::now();
        let hour = chrono::Duration::hours(1);
        assert_eq!(Publication::of(None, now), Publication::Unpublished);
        assert!(matches!(
            Publication::of(Some(now + hour), now),
            Publication::Scheduled(_)
        ));
        assert!(Publication::of(Some(now - hour), now).is_live());
        assert!(Publication::of(Some(now), now).is_live());
    }

    #[test]
    fn the_diff_keeps_common_lines_and_marks_changes() {
        let d = line_diff("a\nb\nc\nd", "a\nB\nc\nd\ne");
        let shown: Vec<String> = d
            .iter()
            .map(|l| {
                let mark = match l.kind {
                    DiffKind::Same => ' ',
                    DiffKind::Removed => '-',
                    DiffKind::Added => '+',
                };
                format!("{mark}{}", l.text)
            })
            .collect();
        assert_eq!(shown, [" a", "-b", "+B", " c", " d", "+e"]);
        assert!(
            line_diff("same", "same")
                .iter()
                .all(|l| l.kind == DiffKind::Same)
        );
        assert_eq!(line_diff("", "new").len(), 1);
    }

    #[test]
    fn schedule_times_are_utc_and_in_the_future() {
        let now = DateTime::parse_from_rfc3339("2026-06-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let t = schedule_time("2026-06-01T13:30", now).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-06-01T13:30:00+00:00");
        assert!(
            schedule_time("2026-06-01T11:00", now)
                .unwrap_err()
                .contains("passed")
        );
        assert!(schedule_time("tomorrow", now).unwrap_err().contains("UTC"));
    }

    #[test]
    fn labels_are_checked_and_get_a_slug() {
        let ok = LabelFields {
            name: "Climate & Energy".into(),
            position: " 3 ".into(),
            ..LabelFields::default()
        }
        .validate()
        .unwrap();
        assert_eq!((ok.slug.as_str(), ok.position), ("climate-energy", 3));
        assert_eq!(ok.photo_url, None);
        let bad = LabelFields {
            name: "  ".into(),
            position: "first".into(),
            photo_url: "javascript:alert(1)".into(),
            ..LabelFields::default()
        }
        .validate()
        .unwrap_err()
        .join(" ");
        for expected in ["name", "whole number", "photo"] {
            assert!(bad.contains(expected), "{expected}: {bad}");
        }
        assert!(taxonomy_access(Role::Editor) && !taxonomy_access(Role::Moderator));
    }

    #[test]
    fn corrections_are_checked_and_read_back() {
        assert!(correction_text("  ").is_err());
        assert_eq!(
            correction_text(" Fixed the date. ").unwrap(),
            "Fixed the date."
        );
        let c = vec![Correction {
            at: Utc::now(),
            text: "x".into(),
        }];
        assert_eq!(parse_corrections(&serde_json::to_string(&c).unwrap()), c);
        assert!(parse_corrections("not json").is_empty());
    }
}
