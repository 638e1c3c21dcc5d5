//! Rules of signing in without a password.

use super::comment::parse_display_name;
use super::user::Email;

/// How long an e-mailed sign-in link works.
pub const SIGNIN_LINK_MINUTES: i64 = 15;

/// Sign-in links one e-mail address, and one client address, may ask for per hour.
pub const LINKS_PER_ADDRESS_PER_HOUR: i64 = 5;
pub const LINKS_PER_CLIENT_PER_HOUR: i64 = 20;

/// The display name of an account made by single sign-on: the provider's `name`, else its
/// `preferred_username`, else the e-mail address's local part; the first that makes a valid
/// display name (a name too long for one is cut, not dropped).
pub fn sso_display_name(
    name: Option<&str>,
    preferred_username: Option<&str>,
    email: &Email,
) -> String {
    let local = email.as_str().split('@').next().unwrap_or_default();
    [name, preferred_username, Some(local)]
        .into_iter()
        .flatten()
        .map(|n| {
            n.chars()
                .filter(|c| !c.is_control())
                .take(60)
                .collect::<String>()
        })
        .find_map(|n| parse_display_name(&n).ok())
        .unwrap_or_else(|| "Member".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_name_falls_back_from_name_to_username_to_local_part() {
        let email = Email::parse("grace.hopper@example.org").unwrap();
        assert_eq!(
            sso_display_name(Some(" Grace  Hopper "), Some("ghopper"), &email),
            "Grace Hopper"
        );
        assert_eq!(
            sso_display_name(Some("   "), Some("ghopper"), &email),
            "ghopper"
        );
        assert_eq!(sso_display_name(None, None, &email), "grace.hopper");
        assert_eq!(
            sso_display_name(Some("[deleted]"), None, &email),
            "grace.hopper",
            "a reserved name is passed over"
        );
        let long = "x".repeat(100);
        assert_eq!(sso_display_name(Some(&long), None, &email).len(), 60);
    }
}
