//! Members of the site: e-mail addresses, roles and password hashing.

use std::fmt;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// An e-mail address, normalised (trimmed, lower-cased) so uniqueness is case-insensitive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

pub const MAX_EMAIL_LEN: usize = 254;
pub const MIN_PASSWORD_LEN: usize = 10;
pub const MAX_PASSWORD_LEN: usize = 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UserError {
    #[error("enter an e-mail address like name@example.org")]
    InvalidEmail,
    #[error("the e-mail address is longer than {MAX_EMAIL_LEN} characters")]
    EmailTooLong,
    #[error("the password must be at least {MIN_PASSWORD_LEN} characters long")]
    PasswordTooShort,
    #[error("the password must be at most {MAX_PASSWORD_LEN} characters long")]
    PasswordTooLong,
    #[error("unknown role `{0}`: use member, contributor, moderator, editor or admin")]
    UnknownRole(String),
}

impl Email {
    pub fn parse(s: &str) -> Result<Email, UserError> {
        let s = s.trim().to_lowercase();
        if s.len() > MAX_EMAIL_LEN {
            return Err(UserError::EmailTooLong);
        }
        let (local, domain) = s.split_once('@').ok_or(UserError::InvalidEmail)?;
        let ok = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !s.chars().any(|c| c.is_whitespace() || c.is_control());
        if !ok {
            return Err(UserError::InvalidEmail);
        }
        Ok(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Member,
    Contributor,
    Moderator,
    Editor,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Result<Role, UserError> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "member" => Role::Member,
            "contributor" => Role::Contributor,
            "moderator" => Role::Moderator,
            "editor" => Role::Editor,
            "admin" => Role::Admin,
            other => return Err(UserError::UnknownRole(other.to_owned())),
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Contributor => "contributor",
            Role::Moderator => "moderator",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
}

/// Checks a new password's length. Length is what matters most; no composition rules.
pub fn check_password(password: &str) -> Result<(), UserError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        return Err(UserError::PasswordTooShort);
    }
    if n > MAX_PASSWORD_LEN {
        return Err(UserError::PasswordTooLong);
    }
    Ok(())
}

fn argon2() -> Argon2<'static> {
    // OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password with argon2id and a random salt, as a PHC string.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).expect("16-byte salt");
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing cannot fail with valid parameters")
        .to_string()
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| argon2().verify_password(password.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

/// How long to lock sign-in after `failures` failed attempts, once `free` have been allowed:
/// 30 seconds, doubling with each further failure, at most 15 minutes.
pub fn throttle_delay(failures: i64, free: i64) -> Option<chrono::Duration> {
    if failures < free {
        return None;
    }
    let doublings = (failures - free).min(5) as u32;
    Some(chrono::Duration::seconds((30i64 << doublings).min(15 * 60)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Ada@Example.ORG ").unwrap().as_str(),
            "ada@example.org"
        );
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a b@example.org",
            "a@b@c.org",
        ] {
            assert_eq!(Email::parse(bad), Err(UserError::InvalidEmail), "{bad}");
        }
    }

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let h = hash_password("correct horse battery");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterz", &h));
        assert_eq!(check_password("short"), Err(UserError::PasswordTooShort));
        assert!(check_password("long enough!").is_ok());
    }

    #[test]
    fn throttle_delays_grow_and_are_capped() {
        assert_eq!(throttle_delay(4, 5), None);
        assert_eq!(throttle_delay(5, 5), Some(chrono::Duration::seconds(30)));
        assert_eq!(throttle_delay(6, 5), Some(chrono::Duration::seconds(60)));
        assert_eq!(throttle_delay(50, 5), Some(chrono::Duration::minutes(15)));
    }

    #[test]
    fn roles_parse_by_name() {
        assert_eq!(Role::parse("Editor"), Ok(Role::Editor));
        assert!(matches!(
            Role::parse("owner"),
            Err(UserError::UnknownRole(_))
        ));
    }
}
