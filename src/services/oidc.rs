//! Single sign-on with the newsroom's own accounts over OpenID Connect: the authorization code
//! flow with PKCE, state and nonce, and a verified ID token (signature by the provider's JWKS,
//! issuer, audience, expiry, nonce, and the access-token hash when the token carries one).
//! The address and name come from the ID token when it carries the address; otherwise from the
//! UserInfo endpoint, as OpenID Connect Core §5.4 has a provider answer the `email` and `profile`
//! scopes in the code flow (its `sub` must be the ID token's).
//!
//! The provider's discovery document (and with it its keys) is fetched when first needed and
//! kept for a few minutes, so the site starts even while the provider is down and follows a key
//! rotation soon after it happens.

use std::time::{Duration, Instant};

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims,
};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use tokio::sync::Mutex;

use crate::config::OidcSettings;
use crate::domain::user::Email;

/// How long the provider's discovery document and keys are reused.
const METADATA_TTL: Duration = Duration::from_secs(300);

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("the sign-in service could not be reached or did not describe itself: {0}")]
    Discovery(String),
    #[error("the sign-in service did not accept the sign-in code: {0}")]
    Exchange(String),
    #[error("the sign-in service sent no ID token")]
    NoIdToken,
    #[error("the ID token could not be verified: {0}")]
    InvalidToken(String),
    #[error("the sign-in service gave no e-mail address")]
    NoEmail,
    #[error("the sign-in service's UserInfo endpoint gave no usable answer: {0}")]
    UserInfo(String),
    #[error("the sign-in service has not verified the e-mail address")]
    EmailNotVerified,
    #[error("the e-mail address from the sign-in service is not usable: {0}")]
    BadEmail(String),
    #[error("the single sign-on settings are not valid: {0}")]
    Config(String),
}

/// Where to send the browser, and what to check the provider's answer against.
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// Who the provider says signed in, after every check passed.
#[derive(Clone, Debug)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub email: Email,
    pub name: Option<String>,
    pub preferred_username: Option<String>,
}

/// The provider as this site uses it.
pub struct Provider {
    settings: OidcSettings,
    issuer: IssuerUrl,
    redirect: RedirectUrl,
    http: openidconnect::reqwest::Client,
    metadata: Mutex<Option<(Instant, CoreProviderMetadata)>>,
}

impl Provider {
    /// The redirect URI is `BASE_URL/signin/oidc/callback`.
    pub fn new(settings: OidcSettings, base_url: &str) -> Result<Provider, OidcError> {
        let issuer = IssuerUrl::new(settings.issuer.clone())
            .map_err(|e| OidcError::Config(format!("oidc_issuer: {e}")))?;
        let redirect = RedirectUrl::new(format!("{base_url}/signin/oidc/callback"))
            .map_err(|e| OidcError::Config(format!("base_url: {e}")))?;
        let http = openidconnect::reqwest::Client::builder()
            // Following redirects would let a provider's answer point the site at any address.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| OidcError::Config(e.to_string()))?;
        Ok(Provider {
            settings,
            issuer,
            redirect,
            http,
            metadata: Mutex::new(None),
        })
    }

    /// Fetches the provider's discovery document now, for `broadsheet check`.
    pub async fn discover(&self) -> Result<(), OidcError> {
        self.metadata().await.map(|_| ())
    }

    pub fn label(&self) -> &str {
        &self.settings.label
    }

    async fn metadata(&self) -> Result<CoreProviderMetadata, OidcError> {
        let mut cached = self.metadata.lock().await;
        if let Some((at, m)) = cached.as_ref()
            && at.elapsed() < METADATA_TTL
        {
            return Ok(m.clone());
        }
        let m = CoreProviderMetadata::discover_async(self.issuer.clone(), &self.http)
            .await
            .map_err(|e| OidcError::Discovery(error_chain(&e)))?;
        *cached = Some((Instant::now(), m.clone()));
        Ok(m)
    }

    /// Starts a sign-in: the provider's authorization URL, with fresh state, nonce and PKCE
    /// challenge.
    pub async fn authorize(&self) -> Result<Authorization, OidcError> {
        let client = CoreClient::from_provider_metadata(
            self.metadata().await?,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(
                self.settings.client_secret.expose().to_owned(),
            )),
        )
        .set_redirect_uri(self.redirect.clone());
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".to_owned()))
            .add_scope(Scope::new("profile".to_owned()))
            .set_pkce_challenge(challenge)
            .url();
        Ok(Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges the code for tokens and verifies the ID token. The e-mail address must be one
    /// the provider says it verified: accounts here are matched by it.
    pub async fn finish(
        &self,
        code: String,
        nonce: String,
        pkce_verifier: String,
    ) -> Result<Identity, OidcError> {
        let client = CoreClient::from_provider_metadata(
            self.metadata().await?,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(
                self.settings.client_secret.expose().to_owned(),
            )),
        )
        .set_redirect_uri(self.redirect.clone());
        let token = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| OidcError::Discovery(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| OidcError::Exchange(error_chain(&e)))?;
        let id_token = token.id_token().ok_or(OidcError::NoIdToken)?;
        let verifier = client.id_token_verifier();
        let claims = id_token
            .claims(&verifier, &Nonce::new(nonce))
            .map_err(|e| OidcError::InvalidToken(e.to_string()))?;
        if let Some(expected) = claims.access_token_hash() {
            let bad = |e: &dyn std::fmt::Display| OidcError::InvalidToken(e.to_string());
            let actual = AccessTokenHash::from_token(
                token.access_token(),
                id_token.signing_alg().map_err(|e| bad(&e))?,
                id_token.signing_key(&verifier).map_err(|e| bad(&e))?,
            )
            .map_err(|e| bad(&e))?;
            if actual != *expected {
                return Err(OidcError::InvalidToken(
                    "the access token does not match the ID token".to_owned(),
                ));
            }
        }
        let from_id_token = Profile {
            email: claims.email().map(|e| e.as_str().to_owned()),
            email_verified: claims.email_verified(),
            name: claims
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_owned()),
            preferred_username: claims.preferred_username().map(|u| u.as_str().to_owned()),
        };
        let profile = if from_id_token.email.is_some() {
            from_id_token
        } else {
            // §5.4: with the code flow a provider may keep the scopes' claims for UserInfo.
            let request = client
                .user_info(
                    token.access_token().clone(),
                    // The crate refuses an answer about anyone else (OpenID Connect Core §5.3.2).
                    Some(claims.subject().clone()),
                )
                // No UserInfo endpoint: the address is nowhere to be had.
                .map_err(|_| OidcError::NoEmail)?;
            let info: CoreUserInfoClaims = request
                .request_async(&self.http)
                .await
                .map_err(|e| OidcError::UserInfo(error_chain(&e)))?;
            from_id_token.completed_by(Profile {
                email: info.email().map(|e| e.as_str().to_owned()),
                email_verified: info.email_verified(),
                name: info
                    .name()
                    .and_then(|n| n.get(None))
                    .map(|n| n.as_str().to_owned()),
                preferred_username: info.preferred_username().map(|u| u.as_str().to_owned()),
            })
        };
        let email = profile.email.ok_or(OidcError::NoEmail)?;
        if profile.email_verified != Some(true) {
            return Err(OidcError::EmailNotVerified);
        }
        let email = Email::parse(&email).map_err(|e| OidcError::BadEmail(e.to_string()))?;
        Ok(Identity {
            issuer: claims.issuer().as_str().to_owned(),
            subject: claims.subject().as_str().to_owned(),
            email,
            name: profile.name,
            preferred_username: profile.preferred_username,
        })
    }
}

/// The claims about the person this site reads, as one source (the ID token or UserInfo) gave
/// them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Profile {
    email: Option<String>,
    email_verified: Option<bool>,
    name: Option<String>,
    preferred_username: Option<String>,
}

impl Profile {
    /// The ID token's claims with UserInfo's answer for what the token left out. The address and
    /// whether it is verified are taken together from UserInfo, never the address from one
    /// source and the verification from the other.
    fn completed_by(self, user_info: Profile) -> Profile {
        Profile {
            email: user_info.email,
            email_verified: user_info.email_verified,
            name: self.name.or(user_info.name),
            preferred_username: self.preferred_username.or(user_info.preferred_username),
        }
    }
}

/// An error and its causes on one line (reqwest's own message leaves out why a request failed).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(email: Option<&str>, verified: Option<bool>, name: Option<&str>) -> Profile {
        Profile {
            email: email.map(str::to_owned),
            email_verified: verified,
            name: name.map(str::to_owned),
            preferred_username: None,
        }
    }

    #[test]
    fn the_address_and_its_verification_come_from_one_source() {
        // A token that says "verified" without an address lends that to no UserInfo address.
        let token = profile(None, Some(true), Some("From the token"));
        let info = profile(Some("ida@newsroom.example"), None, Some("From UserInfo"));
        assert_eq!(
            token.completed_by(info),
            profile(Some("ida@newsroom.example"), None, Some("From the token"))
        );
        let token = profile(None, None, None);
        let info = profile(Some("ida@newsroom.example"), Some(true), Some("Ida"));
        assert_eq!(token.completed_by(info.clone()), info);
    }
}
