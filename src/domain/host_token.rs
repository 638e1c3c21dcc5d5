//! The host site's sign-in token: a JSON Web Token (HS256) the host signs with its site's secret
//! to sign its own reader into the embedded conversation.
//!
//! Verified here with `hmac` and `sha2` (already the session's primitives) rather than a JWT
//! library: only one algorithm is ever accepted, so the whole check is a few lines, and each
//! way a token can be wrong gets its own sentence for the site's developer.
//!
//! Claims: `sub` (the reader's id on the host site), `name`, `email`, `exp` (at most
//! [`MAX_LIFETIME_SECS`] ahead) and `aud` (the site's id as `/admin/sites` shows it); `jti`
//! optionally (a token id: with one, the token is taken once, see `store::embed_signin`).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;

use super::comment::parse_display_name;
use super::embed::SiteId;
use super::user::Email;

/// The longest a token may still have to live when it arrives: a host makes one per page view.
pub const MAX_LIFETIME_SECS: i64 = 600;
/// Clock difference forgiven between the host's server and this one.
pub const LEEWAY_SECS: i64 = 30;
/// Longer tokens are refused unread.
pub const MAX_TOKEN_LEN: usize = 4096;
/// The longest reader id (`sub`) taken.
pub const MAX_EXTERNAL_ID: usize = 200;
/// The longest token id (`jti`) taken.
pub const MAX_TOKEN_ID: usize = 200;

/// What a valid token says about the host's reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostReader {
    /// The reader's id on the host site (`sub`).
    pub external_id: String,
    pub name: String,
    pub email: Email,
    /// The token's own id (`jti`), when the host gave one: it may sign in once.
    pub token_id: Option<String>,
    /// When the token stops working (`exp`, with the leeway): how long its id is kept.
    pub expires_at: DateTime<Utc>,
}

/// Why a token was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenProblem {
    Malformed(&'static str),
    Algorithm(String),
    Signature,
    MissingClaim(&'static str),
    BadClaim(&'static str, String),
    WrongSite(String),
    Expired,
    TooLongLived,
    NotYetValid,
    /// Its `jti` signed a reader in already.
    Replayed,
}

impl TokenProblem {
    /// A sentence for whoever wrote the host site's signer.
    pub fn message(&self) -> String {
        match self {
            TokenProblem::Malformed(why) => {
                format!("The sign-in token is not a JSON Web Token: {why}.")
            }
            TokenProblem::Algorithm(alg) => {
                format!("The sign-in token must be signed with HS256; this one says “{alg}”.")
            }
            TokenProblem::Signature => "The sign-in token's signature does not match this site's \
                 secret: it was changed after signing, or signed with another secret."
                .to_owned(),
            TokenProblem::MissingClaim(claim) => {
                format!(
                    "The sign-in token has no “{claim}” claim ({}).",
                    about(claim)
                )
            }
            TokenProblem::BadClaim(claim, why) => {
                format!("The sign-in token's “{claim}” claim is not valid: {why}")
            }
            TokenProblem::WrongSite(named) => format!(
                "The sign-in token is for another site (its “aud” is {named}): sign it for this \
                 site's id, with this site's secret."
            ),
            TokenProblem::Expired => {
                "The sign-in token has expired: make a fresh one for each page view.".to_owned()
            }
            TokenProblem::TooLongLived => format!(
                "The sign-in token lives too long: its “exp” must be at most {} minutes ahead.",
                MAX_LIFETIME_SECS / 60
            ),
            TokenProblem::NotYetValid => {
                "The sign-in token is not valid yet (its “nbf” is in the future).".to_owned()
            }
            TokenProblem::Replayed => "The sign-in token was used already (its “jti” signed a \
                 reader in before): make a fresh one, with a new “jti”, for each page view."
                .to_owned(),
        }
    }
}

fn about(claim: &str) -> &'static str {
    match claim {
        "sub" => "the reader's id on your site",
        "name" => "the name shown beside the reader's comments",
        "email" => "the reader's e-mail address",
        "exp" => "when the token expires, in seconds since 1970",
        _ => "your site's id, as /admin/sites shows it",
    }
}

/// Checks `token` against the site's `secret` and id at `now`; the reader it names, or why not.
pub fn verify(
    token: &str,
    secret: &[u8],
    site: SiteId,
    now: DateTime<Utc>,
) -> Result<HostReader, TokenProblem> {
    let token = token.trim();
    if token.is_empty() {
        return Err(TokenProblem::Malformed("none was given"));
    }
    if token.len() > MAX_TOKEN_LEN {
        return Err(TokenProblem::Malformed(
            "it is longer than 4,096 characters",
        ));
    }
    let parts: Vec<&str> = token.split('.').collect();
    let [header, payload, signature] = parts[..] else {
        return Err(TokenProblem::Malformed(
            "it must be three base64url parts joined by dots",
        ));
    };
    let header = json(header, "its header is not base64url-encoded JSON")?;
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("none");
    if alg != "HS256" {
        return Err(TokenProblem::Algorithm(alg.to_owned()));
    }
    let signature = decode(signature).ok_or(TokenProblem::Malformed(
        "its signature is not base64url-encoded",
    ))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&token.as_bytes()[..header_and_payload_len(token)]);
    mac.verify_slice(&signature)
        .map_err(|_| TokenProblem::Signature)?;
    let claims = json(payload, "its payload is not base64url-encoded JSON")?;
    claims_of(&claims, site, now)
}

/// The length of `header.payload`, the part the signature covers.
fn header_and_payload_len(token: &str) -> usize {
    token.rfind('.').unwrap_or(0)
}

fn decode(part: &str) -> Option<Vec<u8>> {
    // Some encoders (Python's urlsafe_b64encode) pad with `=`; JWTs do not, but take both.
    URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).ok()
}

fn json(part: &str, why: &'static str) -> Result<Map<String, Value>, TokenProblem> {
    decode(part)
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .and_then(|v| match v {
            Value::Object(m) => Some(m),
            _ => None,
        })
        .ok_or(TokenProblem::Malformed(why))
}

fn claims_of(
    claims: &Map<String, Value>,
    site: SiteId,
    now: DateTime<Utc>,
) -> Result<HostReader, TokenProblem> {
    let now = now.timestamp();
    let audience = claims.get("aud").ok_or(TokenProblem::MissingClaim("aud"))?;
    let ours = site.0.to_string();
    let names_us = |v: &Value| match v {
        Value::String(s) => *s == ours,
        Value::Number(n) => n.as_i64() == Some(site.0),
        _ => false,
    };
    let matches = match audience {
        Value::Array(list) => list.iter().any(names_us),
        one => names_us(one),
    };
    if !matches {
        return Err(TokenProblem::WrongSite(audience.to_string()));
    }
    let exp = claims.get("exp").ok_or(TokenProblem::MissingClaim("exp"))?;
    let exp = exp.as_i64().ok_or_else(|| {
        TokenProblem::BadClaim(
            "exp",
            "it must be a whole number of seconds since 1970.".into(),
        )
    })?;
    if exp + LEEWAY_SECS <= now {
        return Err(TokenProblem::Expired);
    }
    if exp > now + MAX_LIFETIME_SECS + LEEWAY_SECS {
        return Err(TokenProblem::TooLongLived);
    }
    if let Some(nbf) = claims.get("nbf").and_then(Value::as_i64)
        && nbf > now + LEEWAY_SECS
    {
        return Err(TokenProblem::NotYetValid);
    }
    let external_id = match claims.get("sub") {
        None | Some(Value::Null) => return Err(TokenProblem::MissingClaim("sub")),
        Some(Value::String(s)) => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => {
            return Err(TokenProblem::BadClaim(
                "sub",
                "it must be a string or a number.".into(),
            ));
        }
    };
    if external_id.is_empty()
        || external_id.len() > MAX_EXTERNAL_ID
        || external_id.chars().any(char::is_control)
    {
        return Err(TokenProblem::BadClaim(
            "sub",
            format!("it must be 1 to {MAX_EXTERNAL_ID} characters, with no control characters."),
        ));
    }
    let text = |claim: &'static str| -> Result<&str, TokenProblem> {
        match claims.get(claim) {
            None | Some(Value::Null) => Err(TokenProblem::MissingClaim(claim)),
            Some(Value::String(s)) => Ok(s.as_str()),
            Some(_) => Err(TokenProblem::BadClaim(claim, "it must be a string.".into())),
        }
    };
    let name = parse_display_name(text("name")?)
        .map_err(|e| TokenProblem::BadClaim("name", e.to_string()))?;
    let email = Email::parse(text("email")?)
        .map_err(|e| TokenProblem::BadClaim("email", format!("{e}.")))?;
    let token_id = match claims.get("jti") {
        None | Some(Value::Null) => None,
        Some(Value::String(s))
            if !s.trim().is_empty()
                && s.len() <= MAX_TOKEN_ID
                && !s.chars().any(char::is_control) =>
        {
            Some(s.trim().to_owned())
        }
        Some(_) => {
            return Err(TokenProblem::BadClaim(
                "jti",
                format!(
                    "it must be a string of 1 to {MAX_TOKEN_ID} characters, with no control characters."
                ),
            ));
        }
    };
    Ok(HostReader {
        external_id,
        name,
        email,
        token_id,
        expires_at: DateTime::from_timestamp(exp + LEEWAY_SECS, 0).unwrap_or(DateTime::UNIX_EPOCH),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SECRET: &[u8] = b"the-site-secret";
    const SITE: SiteId = SiteId(7);

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap()
    }

    fn sign(header: &Value, claims: &Value, secret: &[u8]) -> String {
        let enc = |v: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap());
        let input = format!("{}.{}", enc(header), enc(claims));
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
        mac.update(input.as_bytes());
        format!(
            "{input}.{}",
            URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
        )
    }

    fn claims() -> Value {
        json!({"sub": "u-1", "name": " Host  Reader ", "email": "Reader@Host.Example",
               "exp": now().timestamp() + 300, "aud": "7"})
    }

    fn token(claims: &Value) -> String {
        sign(&json!({"alg": "HS256", "typ": "JWT"}), claims, SECRET)
    }

    fn check(t: &str) -> Result<HostReader, TokenProblem> {
        verify(t, SECRET, SITE, now())
    }

    fn with(key: &str, value: Value) -> Value {
        let mut c = claims();
        c[key] = value;
        c
    }

    fn without(key: &str) -> Value {
        let mut c = claims();
        c.as_object_mut().unwrap().remove(key);
        c
    }

    #[test]
    fn a_valid_token_names_the_reader() {
        let r = check(&token(&claims())).unwrap();
        assert_eq!(r.external_id, "u-1");
        assert_eq!(r.name, "Host Reader");
        assert_eq!(r.email.as_str(), "reader@host.example");
        // A numeric id and audience, and a list of audiences, are taken too.
        let r = check(&token(&with("sub", json!(42)))).unwrap();
        assert_eq!(r.external_id, "42");
        assert!(check(&token(&with("aud", json!(7)))).is_ok());
        assert!(check(&token(&with("aud", json!(["x", "7"])))).is_ok());
        // The token id is optional; its id is kept until the token (with leeway) expires.
        assert_eq!(r.token_id, None);
        let r = check(&token(&with("jti", json!(" t-1 ")))).unwrap();
        assert_eq!(r.token_id.as_deref(), Some("t-1"));
        assert_eq!(
            r.expires_at.timestamp(),
            now().timestamp() + 300 + LEEWAY_SECS
        );
    }

    #[test]
    fn a_bad_token_id_is_named() {
        for bad in [
            json!(""),
            json!(7),
            json!("x".repeat(MAX_TOKEN_ID + 1)),
            json!("a\nb"),
        ] {
            match check(&token(&with("jti", bad.clone()))) {
                Err(TokenProblem::BadClaim("jti", _)) => {}
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert!(TokenProblem::Replayed.message().contains("jti"));
    }

    #[test]
    fn a_changed_token_or_another_secret_is_refused() {
        let good = token(&claims());
        let (input, _) = good.rsplit_once('.').unwrap();
        let forged = token(&with("sub", json!("admin")));
        let spliced = format!(
            "{}.{}",
            forged.rsplit_once('.').unwrap().0,
            good.rsplit_once('.').unwrap().1
        );
        assert_eq!(check(&spliced), Err(TokenProblem::Signature));
        let other = sign(&json!({"alg": "HS256"}), &claims(), b"another secret");
        assert_eq!(check(&other), Err(TokenProblem::Signature));
        assert_eq!(check(&format!("{input}.")), Err(TokenProblem::Signature));
        assert!(TokenProblem::Signature.message().contains("secret"));
    }

    #[test]
    fn only_hs256_is_taken() {
        let unsigned = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#),
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims()).unwrap())
        );
        assert_eq!(
            check(&unsigned),
            Err(TokenProblem::Algorithm("none".into()))
        );
        let rs = sign(&json!({"alg": "RS256"}), &claims(), SECRET);
        assert_eq!(check(&rs), Err(TokenProblem::Algorithm("RS256".into())));
    }

    #[test]
    fn expired_early_and_long_lived_tokens_are_refused() {
        let t = now().timestamp();
        assert_eq!(
            check(&token(&with("exp", json!(t - 120)))),
            Err(TokenProblem::Expired)
        );
        // Within the clock leeway it still counts.
        assert!(check(&token(&with("exp", json!(t - 10)))).is_ok());
        assert_eq!(
            check(&token(&with("exp", json!(t + 3600)))),
            Err(TokenProblem::TooLongLived)
        );
        assert!(check(&token(&with("exp", json!(t + MAX_LIFETIME_SECS)))).is_ok());
        assert_eq!(
            check(&token(&with("nbf", json!(t + 600)))),
            Err(TokenProblem::NotYetValid)
        );
        assert!(matches!(
            check(&token(&with("exp", json!("soon")))),
            Err(TokenProblem::BadClaim("exp", _))
        ));
    }

    #[test]
    fn a_token_for_another_site_is_refused() {
        let e = check(&token(&with("aud", json!("8")))).unwrap_err();
        assert_eq!(e, TokenProblem::WrongSite("\"8\"".into()));
        assert!(e.message().contains("another site"));
    }

    #[test]
    fn each_missing_claim_is_named() {
        for claim in ["sub", "name", "email", "exp", "aud"] {
            let e = check(&token(&without(claim))).unwrap_err();
            assert_eq!(e, TokenProblem::MissingClaim(claim), "{claim}");
            assert!(
                e.message().contains(&format!("“{claim}”")),
                "{}",
                e.message()
            );
        }
    }

    #[test]
    fn bad_claims_say_what_is_wrong() {
        assert!(matches!(
            check(&token(&with("email", json!("not an address")))),
            Err(TokenProblem::BadClaim("email", _))
        ));
        assert!(matches!(
            check(&token(&with("name", json!("  ")))),
            Err(TokenProblem::BadClaim("name", _))
        ));
        assert!(matches!(
            check(&token(&with("sub", json!("x".repeat(201))))),
            Err(TokenProblem::BadClaim("sub", _))
        ));
        assert!(matches!(
            check(&token(&with("sub", json!({"id": 1})))),
            Err(TokenProblem::BadClaim("sub", _))
        ));
    }

    #[test]
    fn things_that_are_not_tokens_are_malformed() {
        let long = "a".repeat(5000);
        for t in ["", "abc", "a.b", "a.b.c.d", "!!.!!.!!", long.as_str()] {
            assert!(
                matches!(check(t), Err(TokenProblem::Malformed(_))),
                "{t:.20}"
            );
        }
        // Base64 padded with `=` (Python's urlsafe_b64encode) is taken.
        let pad = |v: &Value| {
            base64::engine::general_purpose::URL_SAFE.encode(serde_json::to_vec(v).unwrap())
        };
        let input = format!("{}.{}", pad(&json!({"alg": "HS256"})), pad(&claims()));
        let mut mac = Hmac::<Sha256>::new_from_slice(SECRET).unwrap();
        mac.update(input.as_bytes());
        let sig = base64::engine::general_purpose::URL_SAFE.encode(mac.finalize().into_bytes());
        assert!(check(&format!("{input}.{sig}")).is_ok());
    }
}
