//! Who may do what on the moderation desk and in the site's administration.

use crate::domain::user::Role;

/// What a role may do beyond taking part in the conversation. The one policy for the
/// moderation desk and the site's administration: pages show links with it, handlers refuse
/// with it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StaffAccess {
    /// Read the queues and decide on comments (approve, reject, pin, undo).
    pub moderate: bool,
    /// Ban and unban members.
    pub ban: bool,
    /// Set comment policies of sections and articles.
    pub policies: bool,
    /// Edit site-wide settings and the word lists, read the audit log, grant roles.
    pub administer: bool,
    /// Upload images to the media library and list it (contributors and up).
    pub media: bool,
}

pub fn staff_access(role: Option<Role>) -> StaffAccess {
    match role {
        Some(Role::Admin) => StaffAccess {
            moderate: true,
            ban: true,
            policies: true,
            administer: true,
            media: true,
        },
        Some(Role::Editor) => StaffAccess {
            moderate: true,
            ban: true,
            policies: true,
            administer: false,
            media: true,
        },
        Some(Role::Moderator) => StaffAccess {
            moderate: true,
            ban: true,
            policies: false,
            administer: false,
            media: true,
        },
        Some(Role::Contributor) => StaffAccess {
            media: true,
            ..StaffAccess::default()
        },
        Some(Role::Member) | None => StaffAccess::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_is_for_moderators_and_up() {
        assert!(!staff_access(None).moderate);
        assert!(!staff_access(Some(Role::Member)).moderate);
        assert!(!staff_access(Some(Role::Contributor)).moderate);
        let m = staff_access(Some(Role::Moderator));
        assert!(m.moderate && m.ban && !m.policies && !m.administer);
        let e = staff_access(Some(Role::Editor));
        assert!(e.policies && !e.administer);
        assert!(staff_access(Some(Role::Admin)).administer);
    }

    #[test]
    fn the_media_library_is_for_contributors_and_up() {
        assert!(!staff_access(None).media);
        assert!(!staff_access(Some(Role::Member)).media);
        let c = staff_access(Some(Role::Contributor));
        assert!(c.media && !c.moderate && !c.ban);
        for role in [Role::Moderator, Role::Editor, Role::Admin] {
            assert!(staff_access(Some(role)).media, "{role:?}");
        }
    }
}
