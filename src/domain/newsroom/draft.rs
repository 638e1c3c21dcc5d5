//! An article's working copy: the editor form's fields, checked, and the article they make.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::frontmatter::{
    MAX_AUTHORS, MAX_IMAGE_ALT_CHARS, MAX_IMAGE_CAPTION_CHARS, MAX_IMAGE_URL_CHARS, MAX_NAME_CHARS,
    MAX_SUMMARY_CHARS, MAX_TAGS, MAX_TITLE_CHARS, is_image_address,
};
use crate::domain::{FeaturedImage, NewArticle, Slug};

/// The longest body the editor accepts (the importer's file limit).
pub const MAX_BODY_BYTES: usize = crate::domain::frontmatter::MAX_FILE_BYTES;

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

/// A field of the editor form, as a problem names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftField {
    Headline,
    Summary,
    Section,
    /// An author's or a tag's name.
    Name(String),
    ImageAddress,
    AltText,
    Caption,
}

/// One thing to fix in a typed draft. The web layer puts it into the writer's language
/// (`newsroom-problem-…`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DraftProblem {
    NoHeadline,
    /// The slug is not lower-case letters, digits and single hyphens.
    BadSlug,
    NoSection,
    NoAuthor,
    TooManyAuthors(usize),
    TooManyTags(usize),
    /// An author's or tag's name with no letter or digit.
    NameWithoutLetters(String),
    BodyTooLong {
        mib: usize,
    },
    /// Alt text or a caption without an image.
    ImageTextWithoutImage,
    BadImageAddress,
    NoAltText,
    NoCaption,
    TooLong {
        field: DraftField,
        max: usize,
    },
}

/// The editor form's fields as typed (lists comma-separated).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

impl DraftFields {
    /// The typed fields as a draft, or every problem found. An empty slug is made from the
    /// headline.
    pub fn validate(&self) -> Result<Draft, Vec<DraftProblem>> {
        use DraftProblem as P;
        fn too_long(field: DraftField, value: &str, max: usize) -> Option<DraftProblem> {
            (value.chars().count() > max).then_some(DraftProblem::TooLong { field, max })
        }
        let mut problems = Vec::new();
        let title = self.title.trim().to_owned();
        if title.is_empty() {
            problems.push(P::NoHeadline);
        }
        problems.extend(too_long(DraftField::Headline, &title, MAX_TITLE_CHARS));
        let slug = match self.slug.trim() {
            "" => Slug::from_title(&title).map(|s| s.as_str().to_owned()),
            typed => Slug::parse(typed).map(|s| s.as_str().to_owned()).ok(),
        };
        if slug.is_none() && !title.is_empty() {
            problems.push(P::BadSlug);
        }
        let summary = self.summary.trim().to_owned();
        problems.extend(too_long(DraftField::Summary, &summary, MAX_SUMMARY_CHARS));
        let section = self.section.trim().to_owned();
        if Slug::from_title(&section).is_none() {
            problems.push(P::NoSection);
        }
        problems.extend(too_long(DraftField::Section, &section, MAX_NAME_CHARS));
        let authors = list(&self.authors);
        if authors.is_empty() {
            problems.push(P::NoAuthor);
        }
        if authors.len() > MAX_AUTHORS {
            problems.push(P::TooManyAuthors(MAX_AUTHORS));
        }
        let tags = list(&self.tags);
        if tags.len() > MAX_TAGS {
            problems.push(P::TooManyTags(MAX_TAGS));
        }
        for name in authors.iter().chain(&tags) {
            if Slug::from_title(name).is_none() {
                problems.push(P::NameWithoutLetters(name.clone()));
            }
            problems.extend(too_long(
                DraftField::Name(name.clone()),
                name,
                MAX_NAME_CHARS,
            ));
        }
        if self.body.len() > MAX_BODY_BYTES {
            problems.push(P::BodyTooLong {
                mib: MAX_BODY_BYTES / 1024 / 1024,
            });
        }
        let (image_url, image_alt, image_caption) = (
            self.image_url.trim().to_owned(),
            self.image_alt.trim().to_owned(),
            self.image_caption.trim().to_owned(),
        );
        if image_url.is_empty() {
            if !image_alt.is_empty() || !image_caption.is_empty() {
                problems.push(P::ImageTextWithoutImage);
            }
        } else {
            if !is_image_address(&image_url) {
                problems.push(P::BadImageAddress);
            }
            if image_alt.is_empty() {
                problems.push(P::NoAltText);
            }
            if image_caption.is_empty() {
                problems.push(P::NoCaption);
            }
            problems.extend(too_long(
                DraftField::ImageAddress,
                &image_url,
                MAX_IMAGE_URL_CHARS,
            ));
            problems.extend(too_long(
                DraftField::AltText,
                &image_alt,
                MAX_IMAGE_ALT_CHARS,
            ));
            problems.extend(too_long(
                DraftField::Caption,
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
    /// diffs, so a changed tag or caption shows like a changed sentence. `line` words a field's
    /// line with its value (the web layer, in the reader's language).
    pub fn as_text(&self, line: impl Fn(TextField, &str) -> String) -> String {
        let authors = self.authors.join(", ");
        let tags = self.tags.join(", ");
        let fields = [
            (TextField::Headline, self.title.as_str()),
            (TextField::Slug, self.slug.as_str()),
            (TextField::Summary, self.summary.as_str()),
            (TextField::Section, self.section.as_str()),
            (TextField::Authors, authors.as_str()),
            (TextField::Tags, tags.as_str()),
            (TextField::Image, self.image_url.as_str()),
            (TextField::AltText, self.image_alt.as_str()),
            (TextField::Caption, self.image_caption.as_str()),
        ];
        let mut text = String::new();
        for (field, value) in fields {
            text.push_str(&line(field, value));
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&self.body);
        text
    }
}

/// A field of the working copy as [`Draft::as_text`] lists it, one a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    Headline,
    Slug,
    Summary,
    Section,
    Authors,
    Tags,
    Image,
    AltText,
    Caption,
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
        use DraftProblem as P;
        let problems = DraftFields {
            slug: "Not A Slug".into(),
            image_url: "javascript:alert(1)".into(),
            ..DraftFields::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            problems,
            [
                P::NoHeadline,
                P::NoSection,
                P::NoAuthor,
                P::BadImageAddress,
                P::NoAltText,
                P::NoCaption
            ]
        );
        let mut f = fields();
        f.slug = "Bad Slug".into();
        assert_eq!(f.validate().unwrap_err(), [P::BadSlug]);
        let mut f = fields();
        f.image_alt = "Cranes".into();
        assert_eq!(f.validate().unwrap_err(), [P::ImageTextWithoutImage]);
        let mut f = fields();
        f.authors = "Mira, --".into();
        assert_eq!(
            f.validate().unwrap_err(),
            [P::NameWithoutLetters("--".into())]
        );
    }

    #[test]
    fn every_field_has_a_length_limit() {
        use DraftProblem as P;
        fn over(n: usize) -> String {
            "x".repeat(n + 1)
        }
        fn long(field: DraftField, max: usize) -> DraftProblem {
            P::TooLong { field, max }
        }
        type MakeLong = Box<dyn Fn(&mut DraftFields)>;
        let name = || DraftField::Name(over(MAX_NAME_CHARS));
        let cases: Vec<(DraftProblem, MakeLong)> = vec![
            (
                long(DraftField::Headline, MAX_TITLE_CHARS),
                Box::new(|f| f.title = over(MAX_TITLE_CHARS)),
            ),
            (
                long(DraftField::Summary, MAX_SUMMARY_CHARS),
                Box::new(|f| f.summary = over(MAX_SUMMARY_CHARS)),
            ),
            (
                long(DraftField::Section, MAX_NAME_CHARS),
                Box::new(|f| f.section = over(MAX_NAME_CHARS)),
            ),
            (
                long(name(), MAX_NAME_CHARS),
                Box::new(|f| f.authors = over(MAX_NAME_CHARS)),
            ),
            (
                long(name(), MAX_NAME_CHARS),
                Box::new(|f| f.tags = over(MAX_NAME_CHARS)),
            ),
            (
                P::TooManyAuthors(MAX_AUTHORS),
                Box::new(|f| {
                    f.authors = (0..=MAX_AUTHORS)
                        .map(|i| format!("Writer {i}"))
                        .collect::<Vec<_>>()
                        .join(",")
                }),
            ),
            (
                P::TooManyTags(MAX_TAGS),
                Box::new(|f| {
                    f.tags = (0..=MAX_TAGS)
                        .map(|i| format!("tag {i}"))
                        .collect::<Vec<_>>()
                        .join(",")
                }),
            ),
            (
                P::BodyTooLong {
                    mib: MAX_BODY_BYTES / 1024 / 1024,
                },
                Box::new(|f| f.body = over(MAX_BODY_BYTES)),
            ),
            (P::BadSlug, Box::new(|f| f.slug = "a".repeat(81))),
            (
                long(DraftField::ImageAddress, MAX_IMAGE_URL_CHARS),
                Box::new(|f| f.image_url = format!("/{}", over(MAX_IMAGE_URL_CHARS))),
            ),
            (
                long(DraftField::AltText, MAX_IMAGE_ALT_CHARS),
                Box::new(|f| f.image_alt = over(MAX_IMAGE_ALT_CHARS)),
            ),
            (
                long(DraftField::Caption, MAX_IMAGE_CAPTION_CHARS),
                Box::new(|f| f.image_caption = over(MAX_IMAGE_CAPTION_CHARS)),
            ),
        ];
        for (expected, make_long) in cases {
            let mut f = fields();
            f.image_url = "/media/a.png".into();
            f.image_alt = "Cranes".into();
            f.image_caption = "Photo: desk".into();
            assert!(f.validate().is_ok());
            make_long(&mut f);
            let problems = f.validate().unwrap_err();
            assert!(problems.contains(&expected), "{expected:?}: {problems:?}");
        }
    }

    #[test]
    fn a_draft_names_an_existing_section() {
        let sections = [("Science", "science"), ("Arts & Culture", "culture")];
        let exists = |s: &str| section_exists(s, sections.iter().copied());
        assert!(exists("Science") && exists("Arts & Culture"));
        // By the slug its name makes, as the store finds it.
        assert!(exists("science") && exists("Culture"));
        assert!(!exists("Travel") && !exists(""));
    }
}
