//! Signing in through an organisation's own identity provider with OpenID Connect: the
//! authorization code flow with PKCE, `state` and `nonce`, the provider found by discovery, its
//! ID token checked (signature against its published keys, issuer, audience, expiry, nonce)
//! by the `openidconnect` crate. The back-channel client follows no redirects (a provider
//! that answers with one is refused, not followed somewhere else), and the providers'
//! discovery documents and keys are kept for an hour, fetched again sooner only when a token
//! is signed with a key not among them.
//!
//! The account is the one linked to the provider's subject, or the one with the address the
//! provider vouches for, or a new one; its roles in the organisation from the provider follow
//! the configured claim at every sign-in (`aireg_store::IdentityProviderStore`).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration as StdDuration, Instant};

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType,
    CoreGenderClaim, CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreProviderMetadata, CoreRevocableToken, CoreRevocationErrorResponse,
    CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret,
    CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields,
    IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    StandardErrorResponse, StandardTokenResponse, TokenResponse,
};
use serde::{Deserialize, Serialize};
use time::Duration;

use aireg_domain::person::{Role, User, normalize_email};
use aireg_domain::policy::{Action, Actor, Resource, authorize};
use aireg_domain::validation::{FieldError, Problem, is_email};
use aireg_domain::{Lang, OrgId};
use aireg_store::{ExternalSignIn, IdentityProvider, PendingSignIn};

use crate::secrets::{random_hex, sha256_hex};
use crate::{ServiceError, ServiceResult, Services};

/// How long a sign-in may take at the provider.
const PENDING_FOR: Duration = Duration::minutes(10);
/// How long a provider's discovery document and keys are kept.
const DISCOVERY_KEPT: StdDuration = StdDuration::from_secs(3600);
/// A provider is asked again for its keys at most this often (a token signed with a key not
/// among those kept may mean the provider rotated its keys).
const REFRESH_AT_MOST_EVERY: StdDuration = StdDuration::from_secs(60);
/// The path the providers send people back to (registered at each provider as
/// `{public address}/sso/callback`).
pub const CALLBACK_PATH: &str = "/sso/callback";

/// The claims beyond the standard ones, among them the one with groups or roles.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct OtherClaims {
    #[serde(flatten)]
    pub claims: serde_json::Map<String, serde_json::Value>,
}

impl AdditionalClaims for OtherClaims {}

type IdToken = openidconnect::IdToken<
    OtherClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type Fields = IdTokenFields<
    OtherClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type OidcClient = openidconnect::Client<
    OtherClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    StandardTokenResponse<Fields, CoreTokenType>,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Why a sign-in through a provider was refused. Each has a message (`message_id`); the
/// detail goes to the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsoRefusal {
    /// No provider for this organisation or e-mail domain.
    NoProvider,
    /// The provider could not be reached, or answered with something that is not OpenID
    /// Connect.
    ProviderUnavailable,
    /// The provider said no (the person cancelled, or is not allowed to use this service).
    ProviderDenied,
    /// The answer does not belong to a sign-in started here in this browser, or it was used
    /// already, or it is too old.
    UnknownState,
    /// The ID token is not for this service (audience), not from this provider (issuer), not
    /// signed by it, expired, or not for this sign-in (nonce).
    BadToken(TokenFault),
    /// The provider gave no e-mail address, or one it says it has not verified.
    NoVerifiedEmail,
    /// The address is not in a domain the organisation's provider speaks for.
    UnknownDomain,
    /// The account is disabled.
    Disabled,
    /// An account with the address exists and is not the organisation's to vouch for.
    AccountElsewhere,
}

/// What is wrong with an ID token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenFault {
    Audience,
    Issuer,
    Signature,
    Expired,
    Nonce,
    Other,
}

impl SsoRefusal {
    pub fn message_id(&self) -> &'static str {
        match self {
            SsoRefusal::NoProvider => "sso-no-provider",
            SsoRefusal::ProviderUnavailable => "sso-provider-unavailable",
            SsoRefusal::ProviderDenied => "sso-provider-denied",
            SsoRefusal::UnknownState => "sso-unknown-state",
            SsoRefusal::BadToken(TokenFault::Audience) => "sso-bad-audience",
            SsoRefusal::BadToken(TokenFault::Issuer) => "sso-bad-issuer",
            SsoRefusal::BadToken(TokenFault::Signature) => "sso-bad-signature",
            SsoRefusal::BadToken(TokenFault::Expired) => "sso-expired",
            SsoRefusal::BadToken(TokenFault::Nonce) => "sso-bad-nonce",
            SsoRefusal::BadToken(TokenFault::Other) => "sso-bad-token",
            SsoRefusal::NoVerifiedEmail => "sso-no-email",
            SsoRefusal::UnknownDomain => "sso-unknown-domain",
            SsoRefusal::Disabled => "sso-disabled",
            SsoRefusal::AccountElsewhere => "sso-account-elsewhere",
        }
    }
}

impl From<SsoRefusal> for ServiceError {
    fn from(r: SsoRefusal) -> Self {
        ServiceError::SsoRefused(r)
    }
}

/// The back-channel HTTP client and what the providers published, kept.
#[derive(Default)]
pub struct Sso {
    http: OnceLock<reqwest::Client>,
    discovered: Mutex<HashMap<String, (Instant, CoreProviderMetadata)>>,
}

impl std::fmt::Debug for Sso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sso")
    }
}

impl Sso {
    fn http(&self) -> ServiceResult<&reqwest::Client> {
        if let Some(c) = self.http.get() {
            return Ok(c);
        }
        let client = reqwest::Client::builder()
            // Never follow a redirect: the provider's endpoints are where discovery says.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(StdDuration::from_secs(10))
            .build()
            .map_err(|e| ServiceError::Internal(format!("the OpenID Connect HTTP client: {e}")))?;
        Ok(self.http.get_or_init(|| client))
    }

    /// The provider's discovery document and keys: kept ones unless `fresh` (and the kept
    /// ones are older than a minute).
    async fn metadata(
        &self,
        issuer: &str,
        fresh: bool,
    ) -> Result<CoreProviderMetadata, SsoRefusal> {
        if let Ok(kept) = self.discovered.lock()
            && let Some((at, m)) = kept.get(issuer)
        {
            let age = at.elapsed();
            if age < DISCOVERY_KEPT && !(fresh && age > REFRESH_AT_MOST_EVERY) {
                return Ok(m.clone());
            }
        }
        let url = IssuerUrl::new(issuer.to_string()).map_err(|e| {
            tracing::warn!(issuer, error = %e, "an identity provider's issuer is not a URL");
            SsoRefusal::ProviderUnavailable
        })?;
        let http = self.http().map_err(|e| {
            tracing::error!(error = %e, "no HTTP client for OpenID Connect");
            SsoRefusal::ProviderUnavailable
        })?;
        let metadata = CoreProviderMetadata::discover_async(url, http)
            .await
            .map_err(|e| {
                tracing::warn!(issuer, error = %error_chain(&e), "an identity provider's discovery failed");
                SsoRefusal::ProviderUnavailable
            })?;
        if let Ok(mut kept) = self.discovered.lock() {
            kept.insert(issuer.to_string(), (Instant::now(), metadata.clone()));
        }
        Ok(metadata)
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}

fn client(
    idp: &IdentityProvider,
    metadata: CoreProviderMetadata,
    callback: &str,
) -> Result<OidcClient, SsoRefusal> {
    let redirect =
        RedirectUrl::new(callback.to_string()).map_err(|_| SsoRefusal::ProviderUnavailable)?;
    Ok(OidcClient::from_provider_metadata(
        metadata,
        ClientId::new(idp.client_id.clone()),
        Some(ClientSecret::new(idp.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// A sign-in about to go to the provider.
pub struct SsoStart {
    /// Where to send the browser.
    pub authorize_url: String,
    /// The value of the cookie that binds the answer to this browser.
    pub browser_secret: String,
}

/// Someone the provider vouched for, as its checked ID token says.
#[derive(Debug, Clone)]
pub struct Vouched {
    pub subject: String,
    pub email: String,
    pub name: String,
    /// The claim's values that give roles.
    pub roles: Vec<Role>,
}

/// The values of a claim: one string or a list of them.
fn claim_values(v: Option<&serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn fault(e: &ClaimsVerificationError) -> TokenFault {
    match e {
        ClaimsVerificationError::InvalidAudience(_) => TokenFault::Audience,
        ClaimsVerificationError::InvalidIssuer(_) => TokenFault::Issuer,
        ClaimsVerificationError::SignatureVerification(_) => TokenFault::Signature,
        ClaimsVerificationError::Expired(_) => TokenFault::Expired,
        ClaimsVerificationError::InvalidNonce(_) => TokenFault::Nonce,
        _ => TokenFault::Other,
    }
}

impl Services {
    /// The provider that speaks for an e-mail address's domain.
    pub async fn provider_for_email(&self, email: &str) -> ServiceResult<Option<IdentityProvider>> {
        let email = normalize_email(email);
        let Some((_, domain)) = email.rsplit_once('@') else {
            return Ok(None);
        };
        Ok(self
            .store()
            .identity_providers()
            .await?
            .into_iter()
            .find(|p| p.email_domains.iter().any(|d| d == domain)))
    }

    /// The origins (scheme, host, port) of the configured providers' issuers: where the
    /// sign-in page's form may send a browser.
    pub async fn provider_origins(&self) -> ServiceResult<Vec<String>> {
        let mut origins: Vec<String> = self
            .store()
            .identity_providers()
            .await?
            .iter()
            .filter_map(|p| url::Url::parse(&p.issuer).ok())
            .map(|u| u.origin().ascii_serialization())
            .filter(|o| o != "null")
            .collect();
        origins.sort();
        origins.dedup();
        Ok(origins)
    }

    /// Starts a sign-in at `org`'s provider: remembers `state`, `nonce` and the PKCE verifier
    /// for ten minutes and says where to send the browser.
    pub async fn start_sso(&self, org: OrgId, next: &str, lang: Lang) -> ServiceResult<SsoStart> {
        let idp = self
            .store()
            .identity_provider(org)
            .await?
            .ok_or(SsoRefusal::NoProvider)?;
        let metadata = self.sso().metadata(&idp.issuer, false).await?;
        let client = client(&idp, metadata, &self.outbox().link(CALLBACK_PATH))?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        let browser_secret = random_hex(32)?;
        self.store()
            .save_pending_sign_in(&PendingSignIn {
                state_hash: sha256_hex(state.secret()),
                browser_hash: sha256_hex(&browser_secret),
                org_id: org,
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                next_path: next.to_string(),
                lang,
                expires_at: self.now() + PENDING_FOR,
            })
            .await?;
        Ok(SsoStart {
            authorize_url: url.to_string(),
            browser_secret,
        })
    }

    /// Finishes a sign-in the provider sent back: the state must be one started in this
    /// browser and not used; the code is exchanged (with the PKCE verifier) for an ID token,
    /// which is checked; then the account signs in with the roles the claims give. Returns
    /// the account and the pending sign-in (where to go, in which language).
    pub async fn finish_sso(
        &self,
        state: &str,
        code: &str,
        browser_secret: Option<&str>,
    ) -> ServiceResult<(User, PendingSignIn)> {
        let pending = self
            .store()
            .take_pending_sign_in(&sha256_hex(state), self.now())
            .await?
            .ok_or(SsoRefusal::UnknownState)?;
        // The answer must come back to the browser that asked: otherwise someone could have
        // a victim's browser finish a sign-in the attacker started (login CSRF).
        if !browser_secret.is_some_and(|b| {
            crate::secrets::constant_time_eq(&sha256_hex(b), &pending.browser_hash)
        }) {
            return Err(SsoRefusal::UnknownState.into());
        }
        let idp = self
            .store()
            .identity_provider(pending.org_id)
            .await?
            .ok_or(SsoRefusal::NoProvider)?;
        let metadata = self.sso().metadata(&idp.issuer, false).await?;
        let client = client(&idp, metadata, &self.outbox().link(CALLBACK_PATH))?;
        let http = self.sso().http()?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|_| SsoRefusal::ProviderUnavailable)?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
            .request_async(http)
            .await
            .map_err(|e| {
                tracing::warn!(issuer = idp.issuer, error = %error_chain(&e), "the provider refused the code");
                SsoRefusal::ProviderDenied
            })?;
        let token = response
            .id_token()
            .ok_or(SsoRefusal::BadToken(TokenFault::Other))?
            .to_string();
        let vouched = self.verify_id_token(&idp, &token, &pending.nonce).await?;
        let user = self
            .store()
            .sign_in_external(&ExternalSignIn {
                org_id: idp.org_id,
                issuer: idp.issuer.clone(),
                subject: vouched.subject,
                email: vouched.email,
                name: vouched.name,
                language: pending.lang,
                roles: vouched.roles,
            })
            .await
            .map_err(|e| match e {
                aireg_store::StoreError::NotFound => ServiceError::SsoRefused(SsoRefusal::Disabled),
                aireg_store::StoreError::Forbidden => {
                    ServiceError::SsoRefused(SsoRefusal::AccountElsewhere)
                }
                e => e.into(),
            })?;
        Ok((user, pending))
    }

    /// Checks an ID token from `idp` (signature, issuer, audience = our client id, expiry,
    /// nonce) and reads who it vouches for: an address in one of the provider's domains,
    /// verified (or not said otherwise), and the roles its claim gives.
    pub async fn verify_id_token(
        &self,
        idp: &IdentityProvider,
        token: &str,
        nonce: &str,
    ) -> ServiceResult<Vouched> {
        let token: IdToken = token
            .parse()
            .map_err(|_| SsoRefusal::BadToken(TokenFault::Other))?;
        let nonce = Nonce::new(nonce.to_string());
        let callback = self.outbox().link(CALLBACK_PATH);
        let metadata = self.sso().metadata(&idp.issuer, false).await?;
        let checked = {
            let client = client(idp, metadata, &callback)?;
            let verifier = client.id_token_verifier();
            token.claims(&verifier, &nonce).cloned()
        };
        let claims = match checked {
            Ok(c) => c,
            // A key not among those kept: the provider may have rotated its keys.
            Err(ClaimsVerificationError::SignatureVerification(_)) => {
                let metadata = self.sso().metadata(&idp.issuer, true).await?;
                let client = client(idp, metadata, &callback)?;
                let verifier = client.id_token_verifier();
                token.claims(&verifier, &nonce).cloned().map_err(|e| {
                    tracing::warn!(issuer = idp.issuer, error = %e, "an ID token was refused");
                    SsoRefusal::BadToken(fault(&e))
                })?
            }
            Err(e) => {
                tracing::warn!(issuer = idp.issuer, error = %e, "an ID token was refused");
                return Err(SsoRefusal::BadToken(fault(&e)).into());
            }
        };
        let email = claims
            .email()
            .map(|e| normalize_email(e.as_str()))
            .filter(|e| is_email(e))
            .ok_or(SsoRefusal::NoVerifiedEmail)?;
        if claims.email_verified() == Some(false) {
            return Err(SsoRefusal::NoVerifiedEmail.into());
        }
        let domain = email.rsplit_once('@').map(|(_, d)| d).unwrap_or_default();
        if !idp.email_domains.iter().any(|d| d == domain) {
            return Err(SsoRefusal::UnknownDomain.into());
        }
        let name = claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().trim().to_string())
            .filter(|n| !n.is_empty() && !n.contains(['\r', '\n']))
            .unwrap_or_else(|| email.clone());
        let values = claim_values(claims.additional_claims().claims.get(&idp.role_claim));
        let mut roles: Vec<Role> = idp
            .role_map
            .iter()
            .filter(|(value, _)| values.contains(value))
            .map(|(_, role)| *role)
            .collect();
        roles.sort();
        roles.dedup();
        Ok(Vouched {
            subject: claims.subject().as_str().to_string(),
            email,
            name: name.chars().take(200).collect(),
            roles,
        })
    }

    /// Sets an organisation's identity provider (its admins, or the platform's), after
    /// checking the settings and that the provider answers discovery.
    pub async fn set_identity_provider(
        &self,
        actor: &Actor,
        idp: IdentityProvider,
    ) -> ServiceResult<()> {
        let permit = authorize(actor, Action::ManageMembers, Resource::Org(idp.org_id))?;
        let mut errors = aireg_domain::validation::Errors::new();
        // https, or plain http to this machine only (a provider on the same host, or tests):
        // the server fetches what the issuer names, and sends the client secret there.
        let issuer_ok = url::Url::parse(&idp.issuer)
            .ok()
            .is_some_and(|u| match u.scheme() {
                "https" => u.host().is_some(),
                "http" => {
                    matches!(
                        u.host(),
                        Some(url::Host::Ipv4(a)) if a.is_loopback()
                    ) || matches!(u.host(), Some(url::Host::Ipv6(a)) if a.is_loopback())
                        || u.host_str() == Some("localhost")
                }
                _ => false,
            });
        if !issuer_ok {
            errors.add("issuer", Problem::InvalidUrl);
        }
        // A domain speaks for one organisation's people only.
        let others = self.store().identity_providers().await?;
        if idp.email_domains.iter().any(|d| {
            others
                .iter()
                .any(|o| o.org_id != idp.org_id && o.email_domains.contains(d))
        }) {
            errors.add("email_domains", Problem::Taken);
        }
        if idp.client_id.trim().is_empty() {
            errors.add("client_id", Problem::Required);
        }
        if idp.client_secret.is_empty() {
            errors.add("client_secret", Problem::Required);
        }
        if !idp
            .email_domains
            .iter()
            .all(|d| is_email(&format!("x@{d}")))
        {
            errors.add("email_domains", Problem::InvalidEmail);
        }
        if idp.email_domains.is_empty() {
            errors.add("email_domains", Problem::Required);
        }
        if idp.role_claim.trim().is_empty() {
            errors.add("role_claim", Problem::Required);
        }
        errors.into_result().map_err(ServiceError::Invalid)?;
        // The provider must answer now: a typo would otherwise show only at the first
        // sign-in.
        self.sso()
            .metadata(&idp.issuer, true)
            .await
            .map_err(|_| ServiceError::invalid("issuer", Problem::UnknownReference))?;
        Ok(self.store().set_identity_provider(&permit, idp).await?)
    }

    /// Removes an organisation's identity provider.
    pub async fn remove_identity_provider(&self, actor: &Actor, org: OrgId) -> ServiceResult<()> {
        let permit = authorize(actor, Action::ManageMembers, Resource::Org(org))?;
        Ok(self.store().remove_identity_provider(&permit, org).await?)
    }
}

/// The claim-to-role lines as an admin types them: `kajaani-ai-owners = system_owner`, one per
/// line (a value may itself hold `=`: the role is after the last one).
pub fn parse_role_map(text: &str) -> Result<Vec<(String, Role)>, FieldError> {
    let mut map = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parsed = line
            .rsplit_once('=')
            .and_then(|(value, role)| Some((value.trim(), Role::parse(role.trim())?)))
            .filter(|(value, _)| !value.is_empty());
        let Some((value, role)) = parsed else {
            return Err(FieldError::new(
                "role_map",
                Problem::InvalidChoice {
                    allowed: vec![format!(
                        "\"{line}\": VALUE = ROLE, ROLE one of {}",
                        Role::allowed().join(", ")
                    )],
                },
            ));
        };
        map.push((value.to_string(), role));
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_lines_read_as_value_and_role() {
        let m =
            parse_role_map("kajaani-ai-owners = system_owner\n\n cn=AI,ou=x = viewer ").unwrap();
        assert_eq!(
            m,
            vec![
                ("kajaani-ai-owners".to_string(), Role::SystemOwner),
                ("cn=AI,ou=x".to_string(), Role::Viewer)
            ]
        );
        assert!(parse_role_map("owners: system_owner").is_err());
        assert!(parse_role_map("owners = king").is_err());
        assert!(parse_role_map(" = viewer").is_err());
    }

    #[test]
    fn a_claim_is_one_value_or_many() {
        assert_eq!(claim_values(Some(&serde_json::json!("a"))), vec!["a"]);
        assert_eq!(
            claim_values(Some(&serde_json::json!(["a", 3, "b"]))),
            vec!["a", "b"]
        );
        assert!(claim_values(Some(&serde_json::json!({"a": 1}))).is_empty());
        assert!(claim_values(None).is_empty());
    }
}
