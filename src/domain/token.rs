//! API tokens: what a token may do (its scopes) and who may hold which scope.
//!
//! A token's secret is `bst_` followed by 32 random bytes (URL-safe base64); only its SHA-256 is
//! stored. The scopes a token carries are checked against the holder's role on every use, so a
//! member who loses the editor role loses `publish` on their tokens at once.

use std::fmt;

use super::user::Role;

pub const TOKEN_PREFIX: &str = "bst_";
pub const MAX_TOKEN_NAME_CHARS: usize = 80;
pub const MAX_TOKENS_PER_USER: i64 = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// Read the API (what a signed-out reader may read, as the holder).
    Read,
    /// Post, edit and delete the holder's own comments.
    Comment,
    /// Create articles.
    Publish,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::Comment, Scope::Publish];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Comment => "comment",
            Scope::Publish => "publish",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|sc| sc.as_str() == s)
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The scopes a member with `role` may hold (on a token or through a session): everyone reads
/// and comments; only editors and admins publish.
pub fn scopes_for_role(role: Role) -> Vec<Scope> {
    let mut scopes = vec![Scope::Read, Scope::Comment];
    if role >= Role::Editor {
        scopes.push(Scope::Publish);
    }
    scopes
}

/// A set of scopes, stored as a space-separated list in a fixed order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scopes(Vec<Scope>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    #[error("choose at least one scope: read, comment or publish")]
    Empty,
    #[error("`{0}` is not a scope: use read, comment or publish")]
    Unknown(String),
    #[error("your role does not allow the `{0}` scope")]
    NotAllowed(Scope),
}

impl Scopes {
    /// Parses the names a person chose, refusing any their role does not allow.
    pub fn choose<'a>(
        names: impl IntoIterator<Item = &'a str>,
        role: Role,
    ) -> Result<Scopes, ScopeError> {
        let allowed = scopes_for_role(role);
        let mut out = Vec::new();
        for name in names {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let scope = Scope::parse(name).ok_or_else(|| ScopeError::Unknown(name.to_owned()))?;
            if !allowed.contains(&scope) {
                return Err(ScopeError::NotAllowed(scope));
            }
            out.push(scope);
        }
        if out.is_empty() {
            return Err(ScopeError::Empty);
        }
        out.sort();
        out.dedup();
        Ok(Scopes(out))
    }

    /// Reads a stored list, keeping only what `role` still allows.
    pub fn stored(list: &str, role: Role) -> Scopes {
        let allowed = scopes_for_role(role);
        let mut out: Vec<Scope> = list
            .split_whitespace()
            .filter_map(Scope::parse)
            .filter(|s| allowed.contains(s))
            .collect();
        out.sort();
        out.dedup();
        Scopes(out)
    }

    /// Everything `role` allows: what a signed-in session may do.
    pub fn of_role(role: Role) -> Scopes {
        Scopes(scopes_for_role(role))
    }

    pub fn contains(&self, scope: Scope) -> bool {
        self.0.contains(&scope)
    }

    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }

    pub fn to_stored(&self) -> String {
        self.0
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What is wrong with a token's name (the CLI says it in these words; pages in the viewer's).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenNameError {
    #[error("Give the token a name, such as the script or service that will use it.")]
    Empty,
    #[error("A token's name can be at most {MAX_TOKEN_NAME_CHARS} characters.")]
    TooLong,
    #[error("A token's name cannot contain control characters.")]
    Control,
}

/// Checks a token's name: what its holder calls it, so they can tell tokens apart.
pub fn check_token_name(name: &str) -> Result<String, TokenNameError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(TokenNameError::Empty);
    }
    if name.chars().count() > MAX_TOKEN_NAME_CHARS {
        return Err(TokenNameError::TooLong);
    }
    if name.chars().any(char::is_control) {
        return Err(TokenNameError::Control);
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_cannot_choose_publish() {
        assert_eq!(
            Scopes::choose(["read", "publish"], Role::Member),
            Err(ScopeError::NotAllowed(Scope::Publish))
        );
        let s = Scopes::choose(["publish", "read"], Role::Editor).unwrap();
        assert_eq!(s.to_stored(), "read publish");
    }

    #[test]
    fn unknown_and_empty_scopes_are_refused() {
        assert!(matches!(
            Scopes::choose(["write"], Role::Admin),
            Err(ScopeError::Unknown(_))
        ));
        assert_eq!(Scopes::choose([" "], Role::Admin), Err(ScopeError::Empty));
    }

    #[test]
    fn stored_scopes_shrink_with_the_role() {
        let s = Scopes::stored("comment publish read", Role::Member);
        assert!(s.contains(Scope::Read) && s.contains(Scope::Comment));
        assert!(!s.contains(Scope::Publish));
        assert!(Scopes::stored("publish", Role::Admin).contains(Scope::Publish));
    }

    #[test]
    fn token_names_are_checked() {
        assert!(check_token_name("  ").is_err());
        assert!(check_token_name(&"x".repeat(81)).is_err());
        assert_eq!(check_token_name(" CI bot ").unwrap(), "CI bot");
    }
}
