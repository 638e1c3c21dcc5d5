//! Where the staff find their tools: the header's links and the dashboard's parts, by role.

use crate::domain::moderation::staff_access;
use crate::domain::user::Role;

/// The header's links to the staff's tools (and, the same rule, the parts of `/admin`, the
/// dashboard): the newsroom for contributors and up, the moderation desk for moderators and
/// up, the site's administration for admins.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StaffLinks {
    /// `Newsroom`: the article list, and the newsroom's numbers on the dashboard.
    pub newsroom: bool,
    /// `Moderation`: the desk, and the moderation numbers on the dashboard.
    pub moderation: bool,
    /// `Admin`: the dashboard with the site's numbers too.
    pub admin: bool,
}

impl StaffLinks {
    /// Whether the role has any staff tool (and so a dashboard at `/admin`).
    pub fn any(self) -> bool {
        self.newsroom || self.moderation || self.admin
    }
}

pub fn staff_links(role: Role) -> StaffLinks {
    let access = staff_access(Some(role));
    StaffLinks {
        newsroom: role >= Role::Contributor,
        moderation: access.moderate,
        admin: access.administer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_sees_the_links_its_tools_allow() {
        let none = StaffLinks::default();
        assert_eq!(staff_links(Role::Member), none);
        assert!(!staff_links(Role::Member).any());
        let newsroom_only = StaffLinks {
            newsroom: true,
            ..none
        };
        assert_eq!(staff_links(Role::Contributor), newsroom_only);
        let desk = StaffLinks {
            newsroom: true,
            moderation: true,
            admin: false,
        };
        assert_eq!(staff_links(Role::Moderator), desk);
        assert_eq!(staff_links(Role::Editor), desk);
        assert_eq!(
            staff_links(Role::Admin),
            StaffLinks {
                newsroom: true,
                moderation: true,
                admin: true
            }
        );
    }

    #[test]
    fn the_links_follow_what_the_handlers_allow() {
        // The header must not offer a door the handler refuses, nor hide one it opens.
        for role in [
            Role::Member,
            Role::Contributor,
            Role::Moderator,
            Role::Editor,
            Role::Admin,
        ] {
            let links = staff_links(role);
            assert_eq!(
                links.newsroom,
                crate::domain::newsroom::article_access(role, None).enter,
                "{role:?}"
            );
            assert_eq!(links.moderation, staff_access(Some(role)).moderate);
            assert_eq!(links.admin, staff_access(Some(role)).administer);
        }
    }
}
