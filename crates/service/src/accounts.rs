//! Accounts: signing in (throttled per account and per client address, counting failures in
//! the database so the limit holds across instances and restarts), sessions and API tokens,
//! the members of an organisation, and what an operator does from the command line: accounts,
//! passwords, organisations.

use std::net::IpAddr;

use time::{Duration, OffsetDateTime};

use aireg_domain::clock::parse_lifetime;
use aireg_domain::org::{NewOrganisation, Organisation};
use aireg_domain::person::{Membership, NewUser, Role, User, check_password, normalize_email};
use aireg_domain::policy::{Action, Actor, Permit, Resource, TokenScope, authorize};
use aireg_domain::validation::Problem;
use aireg_domain::{OrgId, TokenId, UserId};
use aireg_store::{ApiToken, NewApiToken, Session};

use crate::secrets::{hash_password, new_api_token, random_hex, sha256_hex, verify_password};
use crate::{Refusal, ServiceError, ServiceResult, Services};

/// How sign-in is throttled and how long sessions last. Refusal is kept to one account from
/// one address: failures from anywhere else slow attempts down but never lock the account's
/// owner, or the other people behind an address (a town hall's proxy), out.
#[derive(Debug, Clone)]
pub struct SignInRules {
    /// Failed sign-ins allowed for one account from one client address within `window`; then
    /// that address may not try that account until the window has passed.
    pub failures_per_account_and_address: i64,
    /// Failed sign-ins for one account, from any address, within `window` after which every
    /// attempt at it waits a second per further failure (at most `max_delay`).
    pub slow_account_after: i64,
    /// The same per client address, whatever the account.
    pub slow_address_after: i64,
    pub max_delay: Duration,
    pub window: Duration,
    /// A session ends after this long without a request…
    pub session_idle: Duration,
    /// …and at the latest this long after sign-in.
    pub session_absolute: Duration,
}

impl Default for SignInRules {
    fn default() -> Self {
        SignInRules {
            failures_per_account_and_address: 5,
            slow_account_after: 10,
            slow_address_after: 30,
            max_delay: Duration::seconds(10),
            window: Duration::minutes(15),
            session_idle: Duration::hours(8),
            session_absolute: Duration::days(7),
        }
    }
}

impl SignInRules {
    /// How long an attempt waits with `account` and `address` failures in the window.
    pub fn delay(&self, account: i64, address: i64) -> Duration {
        let over = (account - self.slow_account_after).max(address - self.slow_address_after);
        if over <= 0 {
            Duration::ZERO
        } else {
            Duration::seconds(over).min(self.max_delay)
        }
    }
}

/// The address sign-in throttling counts: an IPv4 address, or the /64 network of an IPv6 one
/// (one subscriber gets a whole /64, and could otherwise try from a new address each time).
fn throttled_as(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// How someone signed in, as their session list shows it.
#[derive(Debug, Clone, Copy)]
pub struct SignedInWith<'a> {
    /// `password`, or the identity provider's issuer.
    pub method: &'a str,
    pub user_agent: Option<&'a str>,
    /// The password was right but the second factor is still to come.
    pub awaiting_code: bool,
}

/// The longest User-Agent kept with a session.
const MAX_USER_AGENT: usize = 200;

/// What names a session in forms: the start of the hash of its secret (the hash itself is no
/// secret, but half of it is enough to tell one person's sessions apart).
pub fn session_handle(s: &Session) -> &str {
    &s.id_hash[..s.id_hash.len().min(32)]
}

/// A session just started: the secret for the cookie (only its hash is stored).
pub struct NewSession {
    pub secret: String,
    pub session: Session,
}

/// Someone signed in: the account, their roles as an actor, and the session.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: User,
    pub actor: Actor,
    pub session: Session,
}

/// The length an API token's name may have.
pub const MAX_TOKEN_NAME: usize = 100;

/// How long API tokens live: the lifetime a token gets when none is asked for, and the longest
/// one may ask for (set by the operator: `AIREG_TOKEN_LIFETIME`, `AIREG_TOKEN_MAX_LIFETIME`).
#[derive(Debug, Clone, Copy)]
pub struct TokenRules {
    pub default_lifetime: Duration,
    pub max_lifetime: Duration,
}

impl Default for TokenRules {
    fn default() -> Self {
        TokenRules {
            default_lifetime: Duration::days(90),
            max_lifetime: Duration::days(365),
        }
    }
}

/// What a new API token is asked to be.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    pub name: String,
    /// The organisation it acts in; only a platform administrator's token may have none.
    pub org: Option<OrgId>,
    pub scope: TokenScope,
    /// As typed (`30m`, `12h`, `90d`); empty for the default.
    pub lifetime: String,
}

impl TokenRules {
    /// The lifetime asked for, checked against the longest allowed.
    fn lifetime(&self, asked: &str) -> ServiceResult<Duration> {
        if asked.trim().is_empty() {
            return Ok(self.default_lifetime.min(self.max_lifetime));
        }
        let lifetime = parse_lifetime(asked)
            .ok_or_else(|| ServiceError::invalid("expires_in", Problem::InvalidLifetime))?;
        if lifetime > self.max_lifetime {
            return Err(ServiceError::invalid(
                "expires_in",
                Problem::LifetimeTooLong {
                    max_days: self.max_lifetime.whole_days(),
                },
            ));
        }
        Ok(lifetime)
    }
}

impl Services {
    /// Checks an e-mail address and password. Failures of one account from one address refuse
    /// that pair for a while; many failures for an account, or from an address, slow every
    /// attempt at it down without refusing the right password. A wrong address costs the same
    /// time as a wrong password, so neither reveals whether an account exists.
    pub async fn sign_in(
        &self,
        email: &str,
        password: String,
        address: Option<IpAddr>,
        rules: &SignInRules,
    ) -> ServiceResult<User> {
        let store = self.store();
        let email = normalize_email(email);
        let now = self.now();
        let since = now - rules.window;
        let account = sha256_hex(&email);
        let account_key = format!("account:{account}");
        let address = address.map(throttled_as);
        let address_key = address.as_ref().map(|a| format!("address:{a}"));
        let pair_key = format!("pair:{account}:{}", address.unwrap_or_default());
        // The attempt counts before the password is checked, so that guesses sent in parallel
        // cannot all slip under the limit; the right password takes it back.
        store.record_login_failure(&pair_key, now).await?;
        store.record_login_failure(&account_key, now).await?;
        if store.login_failures_since(&pair_key, since).await?
            > rules.failures_per_account_and_address
        {
            return Err(ServiceError::TooManyAttempts {
                retry_after_secs: u64::try_from(rules.window.whole_seconds()).unwrap_or(900),
            });
        }
        // Failures before this attempt.
        let by_account = store.login_failures_since(&account_key, since).await? - 1;
        let by_address = match &address_key {
            Some(k) => store.login_failures_since(k, since).await?,
            None => 0,
        };
        let delay = rules.delay(by_account, by_address);
        if delay.is_positive() {
            tokio::time::sleep(delay.unsigned_abs()).await;
        }
        let (user, hash) = match store.user_by_email(&email).await? {
            Some((u, h)) if !u.disabled => (Some(u), Some(h)),
            _ => (None, None),
        };
        let ok = verify_password(password, hash).await;
        let Some(user) = user.filter(|_| ok) else {
            if let Some(key) = &address_key {
                store.record_login_failure(key, now).await?;
            }
            return Err(ServiceError::SignInFailed);
        };
        // The owner has shown who they are: their account is no longer slowed.
        store.clear_login_failures(&pair_key).await?;
        store.clear_login_failures(&account_key).await?;
        // Told only to someone who knows the password: their organisation signs its people
        // in through its own identity provider.
        if !user.platform_admin && store.passwords_off_for(user.id).await? {
            return Err(ServiceError::Refused(Refusal::PasswordsOff));
        }
        Ok(user)
    }

    /// Starts a session for `user`.
    pub async fn start_session(
        &self,
        user: &User,
        rules: &SignInRules,
        how: SignedInWith<'_>,
    ) -> ServiceResult<NewSession> {
        let secret = random_hex(32)?;
        let now = self.now();
        let session = Session {
            id_hash: sha256_hex(&secret),
            user_id: user.id,
            csrf_token: random_hex(32)?,
            created_at: now,
            last_seen_at: now,
            expires_at: now + rules.session_idle,
            user_agent: how
                .user_agent
                .map(|a| a.chars().take(MAX_USER_AGENT).collect()),
            signed_in_with: Some(how.method.to_string()),
            awaiting_code: how.awaiting_code,
        };
        self.store().create_session(&session).await?;
        Ok(NewSession { secret, session })
    }

    /// The person a session's secret belongs to, if it is in use. Slides the idle timeout, at
    /// most once a minute, never past the absolute limit.
    pub async fn session_of(
        &self,
        secret: &str,
        rules: &SignInRules,
    ) -> ServiceResult<Option<SignedIn>> {
        let store = self.store();
        let hash = sha256_hex(secret);
        let now: OffsetDateTime = self.now();
        // A session still awaiting its second factor signs no one in.
        let Some(session) = store
            .session(&hash, now)
            .await?
            .filter(|s| !s.awaiting_code)
        else {
            return Ok(None);
        };
        let Some(user) = store.user(session.user_id).await?.filter(|u| !u.disabled) else {
            return Ok(None);
        };
        let Some(actor) = store.actor(user.id).await? else {
            return Ok(None);
        };
        if now - session.last_seen_at > Duration::minutes(1) {
            let expires =
                (now + rules.session_idle).min(session.created_at + rules.session_absolute);
            store.touch_session(&hash, now, expires).await?;
        }
        Ok(Some(SignedIn {
            user,
            actor,
            session,
        }))
    }

    /// Ends a session.
    pub async fn end_session(&self, session: &Session) -> ServiceResult<()> {
        Ok(self.store().delete_session(&session.id_hash).await?)
    }

    /// One's own sessions in use, newest first.
    pub async fn own_sessions(&self, actor: &Actor) -> ServiceResult<Vec<Session>> {
        let user = actor.user_id().ok_or(ServiceError::Forbidden)?;
        authorize(actor, Action::ManageOwnAccount, Resource::Account(user))?;
        Ok(self.store().sessions_of(user, self.now()).await?)
    }

    /// Ends one of one's own sessions, named by [`session_handle`]; `NotFound` for any other.
    pub async fn end_own_session(&self, actor: &Actor, handle: &str) -> ServiceResult<()> {
        let session = self
            .own_sessions(actor)
            .await?
            .into_iter()
            .find(|s| session_handle(s) == handle)
            .ok_or(ServiceError::NotFound)?;
        Ok(self.store().delete_session(&session.id_hash).await?)
    }

    /// Ends all one's sessions but the one in use; returns how many.
    pub async fn end_other_sessions(&self, actor: &Actor, current: &Session) -> ServiceResult<u64> {
        let user = actor.user_id().ok_or(ServiceError::Forbidden)?;
        authorize(actor, Action::ManageOwnAccount, Resource::Account(user))?;
        Ok(self
            .store()
            .delete_other_sessions(user, &current.id_hash)
            .await?)
    }

    /// Ends the session whose secret a browser still holds, if there is one: signing in again
    /// replaces it rather than leaving it usable beside the new one.
    pub async fn end_session_of_secret(&self, secret: &str) -> ServiceResult<()> {
        Ok(self.store().delete_session(&sha256_hex(secret)).await?)
    }

    /// The account and actor an API token's secret belongs to, if it is in use (recording the
    /// use): the owner's roles in the token's organisation, limited to its scope. An expired
    /// token is told apart, so that its program knows to get a new one.
    pub async fn token_caller(&self, secret: &str) -> ServiceResult<Option<(User, Actor)>> {
        let store = self.store();
        let now = self.now();
        let Some((token, user)) = store.token_by_hash(&sha256_hex(secret), now).await? else {
            return Ok(None);
        };
        if token.is_expired(now) {
            return Err(ServiceError::TokenExpired);
        }
        let Some(actor) = store.actor(user.id).await? else {
            return Ok(None);
        };
        let tree = store.org_tree().await?;
        Ok(Some((
            user,
            actor.through_token(token.org_id, token.scope, &tree),
        )))
    }

    /// A new API token of the actor's own account; the secret is returned once and never
    /// stored.
    pub async fn create_own_token(
        &self,
        actor: &Actor,
        asked: TokenRequest,
        rules: &TokenRules,
    ) -> ServiceResult<(ApiToken, String)> {
        let user = actor.user_id().ok_or(ServiceError::Forbidden)?;
        let permit = authorize(actor, Action::ManageOwnAccount, Resource::Account(user))?;
        self.issue_token(&permit, actor, user, asked, rules).await
    }

    /// Checks a token request against the account it is for and makes the token.
    async fn issue_token(
        &self,
        permit: &Permit,
        owner: &Actor,
        user: UserId,
        asked: TokenRequest,
        rules: &TokenRules,
    ) -> ServiceResult<(ApiToken, String)> {
        let name = asked.name.trim();
        if name.is_empty() {
            return Err(ServiceError::invalid("name", Problem::Required));
        }
        if name.chars().count() > MAX_TOKEN_NAME {
            return Err(ServiceError::invalid(
                "name",
                Problem::TooLong {
                    max: MAX_TOKEN_NAME,
                },
            ));
        }
        // A token acts in one organisation where its owner holds a role; only a platform
        // administrator's may act everywhere.
        // (A platform administrator's token for one organisation acts with the roles held
        // there, like anyone's: without any, it could do nothing.)
        match asked.org {
            Some(org) if owner.roles_in(org).next().is_some() => {}
            None if owner.is_platform_admin() => {}
            Some(_) => return Err(ServiceError::invalid("org", Problem::UnknownReference)),
            None => return Err(ServiceError::invalid("org", Problem::Required)),
        }
        let lifetime = rules.lifetime(&asked.lifetime)?;
        let token = new_api_token()?;
        let stored = self
            .store()
            .create_token(
                permit,
                NewApiToken {
                    user_id: user,
                    name: name.to_string(),
                    hash: token.hash,
                    prefix: token.prefix,
                    org_id: asked.org,
                    scope: asked.scope,
                    expires_at: self.now() + lifetime,
                },
            )
            .await?;
        Ok((stored, token.secret))
    }

    /// Revokes one of the actor's own tokens.
    pub async fn revoke_own_token(&self, actor: &Actor, token: TokenId) -> ServiceResult<()> {
        let user = actor.user_id().ok_or(ServiceError::Forbidden)?;
        let permit = authorize(actor, Action::ManageOwnAccount, Resource::Account(user))?;
        Ok(self.store().revoke_token(&permit, token).await?)
    }

    /// Takes a role in `org` from an account (its admins only).
    pub async fn remove_member(
        &self,
        actor: &Actor,
        org: OrgId,
        user: UserId,
        role: Role,
    ) -> ServiceResult<()> {
        let permit = authorize(actor, Action::ManageMembers, Resource::Org(org))?;
        Ok(self
            .store()
            .remove_membership(
                &permit,
                Membership {
                    user_id: user,
                    org_id: org,
                    role,
                },
            )
            .await?)
    }

    /// Revokes a token of a member of `org` (its admins only).
    pub async fn revoke_member_token(
        &self,
        actor: &Actor,
        org: OrgId,
        token: TokenId,
    ) -> ServiceResult<()> {
        let permit = authorize(actor, Action::ManageMembers, Resource::Org(org))?;
        Ok(self.store().revoke_token(&permit, token).await?)
    }

    /// The members' tokens an organisation's admin sees.
    pub async fn member_tokens(
        &self,
        actor: &Actor,
        org: OrgId,
    ) -> ServiceResult<Vec<(ApiToken, User)>> {
        let permit = authorize(actor, Action::ManageMembers, Resource::Org(org))?;
        Ok(self.store().tokens_of_members(&permit).await?)
    }

    // ----- what the operator does (platform administration) -----

    /// Adds an account with a password (checked for length) and roles.
    pub async fn add_user(
        &self,
        actor: &Actor,
        user: NewUser,
        password: &str,
        roles: &[(OrgId, Role)],
    ) -> ServiceResult<User> {
        let permit = authorize(actor, Action::AdministerPlatform, Resource::Platform)?;
        check_password(password).map_err(|e| ServiceError::Invalid(vec![e]))?;
        let hash = hash_password(password.to_string()).await?;
        let user = self.store().create_user(&permit, user, &hash).await?;
        for (org, role) in roles {
            self.store()
                .add_membership(
                    &permit,
                    Membership {
                        user_id: user.id,
                        org_id: *org,
                        role: *role,
                    },
                )
                .await?;
        }
        Ok(user)
    }

    /// Sets a new password, ends the account's sessions and revokes its API tokens: a reset
    /// usually means the old password got out, and whoever used it must not stay signed in,
    /// nor keep a token they made with it. Returns how many sessions ended and tokens were
    /// revoked.
    pub async fn set_password(
        &self,
        actor: &Actor,
        user: UserId,
        password: &str,
    ) -> ServiceResult<(u64, usize)> {
        let permit = authorize(actor, Action::AdministerPlatform, Resource::Platform)?;
        check_password(password).map_err(|e| ServiceError::Invalid(vec![e]))?;
        let hash = hash_password(password.to_string()).await?;
        let store = self.store();
        store.set_password(&permit, user, &hash).await?;
        let sessions = store.delete_sessions_of(user).await?;
        let mut tokens = 0;
        for token in store.tokens_of(user).await? {
            if token.revoked_at.is_none() {
                store.revoke_token(&permit, token.id).await?;
                tokens += 1;
            }
        }
        Ok((sessions, tokens))
    }

    /// Disables or enables an account. A disabled account cannot sign in, its sessions end
    /// and its API tokens are refused until it is enabled again.
    pub async fn set_user_disabled(
        &self,
        actor: &Actor,
        user: UserId,
        disabled: bool,
    ) -> ServiceResult<()> {
        let permit = authorize(actor, Action::AdministerPlatform, Resource::Platform)?;
        Ok(self
            .store()
            .set_user_disabled(&permit, user, disabled)
            .await?)
    }

    /// A new API token for any account; the secret is returned once and never stored.
    pub async fn create_token_for(
        &self,
        actor: &Actor,
        user: UserId,
        asked: TokenRequest,
        rules: &TokenRules,
    ) -> ServiceResult<(ApiToken, String)> {
        let permit = authorize(actor, Action::AdministerPlatform, Resource::Platform)?;
        let owner = self
            .store()
            .actor(user)
            .await?
            .ok_or(ServiceError::NotFound)?;
        self.issue_token(&permit, &owner, user, asked, rules).await
    }

    /// Adds an organisation.
    pub async fn add_organisation(
        &self,
        actor: &Actor,
        org: NewOrganisation,
    ) -> ServiceResult<Organisation> {
        let permit = authorize(actor, Action::AdministerPlatform, Resource::Platform)?;
        Ok(self.store().create_organisation(&permit, org).await?)
    }

    /// Notes the versions of the content in use; a pack seen for the first time or in a new
    /// version is written to the audit log, so a changed policy is on record. Returns those.
    pub async fn note_content_versions(
        &self,
        actor: &Actor,
    ) -> ServiceResult<Vec<(String, String)>> {
        let permit = authorize(actor, Action::AdministerPlatform, Resource::Platform)?;
        let packs: Vec<(String, String)> = self
            .content()
            .policies
            .all()
            .iter()
            .map(|p| (p.id.clone(), p.version.clone()))
            .collect();
        Ok(self.store().note_policy_versions(&permit, &packs).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(throttled_as(a), throttled_as(b));
        assert_eq!(throttled_as(a), "2001:db8:1:2::/64");
        let v4: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(throttled_as(v4), "192.0.2.7");
    }
}
