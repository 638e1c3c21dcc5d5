//! Comment policies: whether an article takes comments, set per site, section and article,
//! and when they close.

use chrono::{DateTime, Duration, Utc};

/// Whether comments are taken on an article, as set at one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentMode {
    Open,
    Closed,
    /// Comments wait for a moderator: all of them, or only a member's first `n` approved ones.
    PreModerated {
        first: Option<i64>,
    },
}

impl CommentMode {
    pub fn from_stored(mode: &str, first: Option<i64>) -> Option<CommentMode> {
        match mode {
            "open" => Some(CommentMode::Open),
            "closed" => Some(CommentMode::Closed),
            "premoderated" => Some(CommentMode::PreModerated {
                first: first.filter(|n| *n > 0),
            }),
            _ => None,
        }
    }

    pub fn stored(self) -> (&'static str, Option<i64>) {
        match self {
            CommentMode::Open => ("open", None),
            CommentMode::Closed => ("closed", None),
            CommentMode::PreModerated { first } => ("premoderated", first),
        }
    }

    /// Parses the admin form: `open`, `closed`, `premoderated` (with `first`, blank for all).
    pub fn parse(mode: &str, first: &str) -> Result<CommentMode, ModeProblem> {
        let first = match first.trim() {
            "" | "0" => None,
            n => Some(
                n.parse::<i64>()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or(ModeProblem::First)?,
            ),
        };
        CommentMode::from_stored(mode.trim(), first)
            .ok_or_else(|| ModeProblem::Unknown(mode.to_owned()))
    }
}

/// What is wrong with a policy form's mode: the number of first comments (1 to 1000, or blank),
/// or the mode itself (as typed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModeProblem {
    First,
    Unknown(String),
}

/// A policy as stored for one scope; `None` fields inherit from the wider scope.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PolicyLayer {
    pub mode: Option<CommentMode>,
    /// Days after publication when comments close; `Some(0)` never closes.
    pub auto_close_days: Option<i64>,
}

/// The policy in force on one article: the article's layer over its section's over the site's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommentPolicy {
    pub mode: CommentMode,
    pub auto_close_days: Option<i64>,
}

impl CommentPolicy {
    pub fn resolve(site: PolicyLayer, section: PolicyLayer, article: PolicyLayer) -> CommentPolicy {
        let mode = article
            .mode
            .or(section.mode)
            .or(site.mode)
            .unwrap_or(CommentMode::Open);
        let days = article
            .auto_close_days
            .or(section.auto_close_days)
            .or(site.auto_close_days)
            .filter(|d| *d > 0);
        CommentPolicy {
            mode,
            auto_close_days: days,
        }
    }

    /// When comments close on an article published at `published_at`, if they ever do.
    pub fn closes_at(&self, published_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.auto_close_days
            .map(|d| published_at + Duration::days(d))
    }

    /// Whether new comments are refused: closed by hand, or past the automatic closing time.
    pub fn is_closed(&self, published_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.mode == CommentMode::Closed || self.closes_at(published_at).is_some_and(|t| now >= t)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn layer(mode: Option<CommentMode>, days: Option<i64>) -> PolicyLayer {
        PolicyLayer {
            mode,
            auto_close_days: days,
        }
    }

    #[test]
    fn narrower_scopes_override_wider_ones_field_by_field() {
        let site = layer(Some(CommentMode::Open), Some(0));
        let section = layer(Some(CommentMode::PreModerated { first: Some(2) }), Some(7));
        let article = layer(None, None);
        let p = CommentPolicy::resolve(site, section, article);
        assert_eq!(p.mode, CommentMode::PreModerated { first: Some(2) });
        assert_eq!(p.auto_close_days, Some(7));
        let p = CommentPolicy::resolve(site, section, layer(Some(CommentMode::Closed), Some(0)));
        assert_eq!(p.mode, CommentMode::Closed);
        assert_eq!(p.auto_close_days, None, "0 at the article means never");
        let p = CommentPolicy::resolve(layer(None, None), layer(None, None), layer(None, None));
        assert_eq!(p.mode, CommentMode::Open);
    }

    #[test]
    fn comments_close_by_hand_or_after_the_set_days() {
        let published = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap();
        let p = CommentPolicy {
            mode: CommentMode::Open,
            auto_close_days: Some(3),
        };
        assert!(!p.is_closed(
            published,
            published + Duration::days(3) - Duration::seconds(1)
        ));
        assert!(p.is_closed(published, published + Duration::days(3)));
        let closed = CommentPolicy {
            mode: CommentMode::Closed,
            auto_close_days: None,
        };
        assert!(closed.is_closed(published, published));
    }
}
