//! An article's workflow and publication, and who may do what to it.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};

use crate::domain::locale::Zone;

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

/// Why a typed publication time was not taken (the web layer words it, `newsroom-schedule-…`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleProblem {
    /// Not a date and time.
    Unreadable,
    /// A local time the clocks skip (the hour they go forward).
    Skipped,
    /// Not in the future.
    Passed,
}

/// `local` on the clocks of `zone`, as a moment. A time the clocks pass twice (the hour they
/// go back) is the first of the two, the one that comes before the change; a time they skip
/// does not exist and is `None`.
pub fn local_to_utc(zone: Zone, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    match zone.tz().from_local_datetime(&local) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// A moment as a `datetime-local` field shows it on the clocks of `zone`.
pub fn utc_to_local_field(zone: Zone, t: DateTime<Utc>) -> String {
    zone.local(t).format("%Y-%m-%dT%H:%M").to_string()
}

/// Parses the schedule field (`datetime-local`, read on the clocks of `zone`, the person's
/// own; or RFC 3339 with its own offset) and checks it is in the future.
pub fn schedule_time(
    typed: &str,
    zone: Zone,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, ScheduleProblem> {
    let typed = typed.trim();
    let local = NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M:%S"));
    let parsed = match local {
        Ok(local) => local_to_utc(zone, local).ok_or(ScheduleProblem::Skipped)?,
        Err(_) => DateTime::parse_from_rfc3339(typed)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| ScheduleProblem::Unreadable)?,
    };
    if parsed <= now {
        return Err(ScheduleProblem::Passed);
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

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn zone(name: &str) -> Zone {
        Zone::parse(name).unwrap()
    }

    #[test]
    fn schedule_times_are_read_on_the_persons_clocks_and_in_the_future() {
        let now = at("2026-06-01T12:00:00Z");
        let t = schedule_time("2026-06-01T13:30", Zone::UTC, now).unwrap();
        assert_eq!(t, at("2026-06-01T13:30:00Z"));
        // Berlin in summer is two hours ahead of UTC.
        let t = schedule_time("2026-06-01T15:30", zone("Europe/Berlin"), now).unwrap();
        assert_eq!(t, at("2026-06-01T13:30:00Z"));
        // São Paulo is three hours behind.
        let t = schedule_time("2026-06-01T10:30:00", zone("America/Sao_Paulo"), now).unwrap();
        assert_eq!(t, at("2026-06-01T13:30:00Z"));
        // An explicit offset is taken as written, whatever the zone.
        let t = schedule_time("2026-06-01T15:30:00+02:00", Zone::UTC, now).unwrap();
        assert_eq!(t, at("2026-06-01T13:30:00Z"));
        assert_eq!(
            schedule_time("2026-06-01T11:00", Zone::UTC, now),
            Err(ScheduleProblem::Passed)
        );
        // 13:30 in Berlin is 11:30 UTC: already past.
        assert_eq!(
            schedule_time("2026-06-01T13:30", zone("Europe/Berlin"), now),
            Err(ScheduleProblem::Passed)
        );
        assert_eq!(
            schedule_time("tomorrow", Zone::UTC, now),
            Err(ScheduleProblem::Unreadable)
        );
    }

    #[test]
    fn clock_changes_skip_an_hour_and_repeat_one() {
        let berlin = zone("Europe/Berlin");
        let local = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        // 29 March 2026: Berlin's clocks go from 02:00 to 03:00; 02:30 never happens.
        assert_eq!(local_to_utc(berlin, local("2026-03-29T02:30")), None);
        assert_eq!(
            schedule_time("2026-03-29T02:30", berlin, at("2026-03-01T00:00:00Z")),
            Err(ScheduleProblem::Skipped)
        );
        assert_eq!(
            local_to_utc(berlin, local("2026-03-29T01:59")),
            Some(at("2026-03-29T00:59:00Z"))
        );
        assert_eq!(
            local_to_utc(berlin, local("2026-03-29T03:00")),
            Some(at("2026-03-29T01:00:00Z"))
        );
        // 25 October 2026: from 03:00 back to 02:00; 02:30 happens twice, and the first (still
        // summer time, UTC+2) is taken.
        assert_eq!(
            local_to_utc(berlin, local("2026-10-25T02:30")),
            Some(at("2026-10-25T00:30:00Z"))
        );
        assert_eq!(
            local_to_utc(berlin, local("2026-10-25T03:30")),
            Some(at("2026-10-25T02:30:00Z"))
        );
        // And back again to the field, on the same clocks.
        assert_eq!(
            utc_to_local_field(berlin, at("2026-10-25T01:30:00Z")),
            "2026-10-25T02:30"
        );
        assert_eq!(
            utc_to_local_field(zone("America/Sao_Paulo"), at("2026-06-01T13:30:00Z")),
            "2026-06-01T10:30"
        );
    }
}
