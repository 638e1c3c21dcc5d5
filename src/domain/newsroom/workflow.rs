//! An article's workflow and publication, and who may do what to it.

use chrono::{DateTime, Utc};

use crate::domain::user::Role;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
