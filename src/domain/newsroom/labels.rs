//! Sections, authors and tags as their admin forms hold them, checked.

use serde::Deserialize;

use crate::domain::Slug;
use crate::domain::frontmatter::{MAX_IMAGE_URL_CHARS, MAX_NAME_CHARS, is_image_address};
use crate::domain::user::Role;

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

/// A field of a label's form, as a problem names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelField {
    Name,
    Description,
    PhotoAddress,
}

/// One thing to fix in a typed section, author or tag (the web layer words it,
/// `newsroom-label-…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelProblem {
    NoName,
    BadSlug,
    BadPosition,
    BadPhotoAddress,
    TooLong { field: LabelField, max: usize },
}

impl LabelFields {
    /// The typed fields, checked; an empty slug is made from the name.
    pub fn validate(&self) -> Result<Label, Vec<LabelProblem>> {
        fn too_long(field: LabelField, value: &str, max: usize) -> Option<LabelProblem> {
            (value.chars().count() > max).then_some(LabelProblem::TooLong { field, max })
        }
        let mut problems = Vec::new();
        let name = self.name.trim().to_owned();
        if Slug::from_title(&name).is_none() {
            problems.push(LabelProblem::NoName);
        }
        problems.extend(too_long(LabelField::Name, &name, MAX_NAME_CHARS));
        let slug = match self.slug.trim() {
            "" => Slug::from_title(&name),
            typed => Slug::parse(typed).ok(),
        };
        if slug.is_none() && !name.is_empty() {
            problems.push(LabelProblem::BadSlug);
        }
        let text = self.text.trim().to_owned();
        problems.extend(too_long(
            LabelField::Description,
            &text,
            MAX_DESCRIPTION_CHARS,
        ));
        let position = match self.position.trim() {
            "" => 0,
            typed => typed.parse::<i32>().unwrap_or_else(|_| {
                problems.push(LabelProblem::BadPosition);
                0
            }),
        };
        let photo = self.photo_url.trim().to_owned();
        if !photo.is_empty() && !is_image_address(&photo) {
            problems.push(LabelProblem::BadPhotoAddress);
        }
        problems.extend(too_long(
            LabelField::PhotoAddress,
            &photo,
            MAX_IMAGE_URL_CHARS,
        ));
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
        .unwrap_err();
        assert_eq!(
            bad,
            [
                LabelProblem::NoName,
                LabelProblem::BadPosition,
                LabelProblem::BadPhotoAddress
            ]
        );
        assert!(taxonomy_access(Role::Editor) && !taxonomy_access(Role::Moderator));
    }

    #[test]
    fn every_label_field_has_a_length_limit() {
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
    }
}
