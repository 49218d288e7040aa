//! A second factor for signing in with a password: the six-digit codes of an authenticator app
//! (RFC 6238 TOTP: HMAC-SHA-1, 30-second steps, one step of clock drift either way, as the
//! apps expect; the `totp-rs` crate). Optional for each person; an organisation may require it
//! of its people. Signing in through an identity provider needs none here: the provider asks
//! for its own.
//!
//! After the right password, a session is made that signs no one in ("awaiting the code");
//! the right code replaces it with a real one. Wrong codes count like wrong passwords: five
//! within the throttle's window end the half-made session.

use totp_rs::{Algorithm, Builder, Secret, Totp};

use aireg_domain::OrgId;
use aireg_domain::person::User;
use aireg_domain::policy::{Action, Actor, Resource, authorize};
use aireg_domain::validation::Problem;
use aireg_store::Session;

use crate::accounts::SignInRules;
use crate::secrets::sha256_hex;
use crate::{Refusal, ServiceError, ServiceResult, Services};

/// Bytes of a new secret: 160 bits, as RFC 4226 recommends.
const SECRET_BYTES: usize = 20;
/// Wrong codes allowed for a half-made session before it ends.
const WRONG_CODES: i64 = 5;

/// What a person must do after the right password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondStep {
    /// Nothing: signed in.
    None,
    /// Give the app's code.
    Code,
    /// Their organisation requires a second factor they have not set up: set it up now.
    SetUp,
}

/// A new secret for an authenticator app: base32 to type in, and the `otpauth://` URI that
/// apps open (and that a QR code would carry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSecret {
    pub secret: String,
    pub uri: String,
}

fn totp(secret: &str) -> Option<Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(Secret::try_from_base32(secret).ok()?)
        .build()
        .ok()
}

/// Whether `code` (spaces allowed, as apps show `123 456`) is the app's code at `unix_time`.
pub fn code_matches(secret: &str, code: &str, unix_time: u64) -> bool {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    code.len() == 6
        && code.chars().all(|c| c.is_ascii_digit())
        && totp(secret).is_some_and(|t| t.check(&code, unix_time).is_some())
}

/// The code of `secret` at `unix_time` (for tests and for checking a clock).
pub fn code_at(secret: &str, unix_time: u64) -> Option<String> {
    totp(secret).map(|t| t.generate(unix_time).to_string())
}

impl Services {
    fn unix_now(&self) -> u64 {
        u64::try_from(self.now().unix_timestamp()).unwrap_or(0)
    }

    /// A new secret for `user`'s authenticator app (not saved until a code made with it is
    /// shown).
    pub fn new_second_factor(&self, user: &User) -> ServiceResult<NewSecret> {
        let mut bytes = vec![0u8; SECRET_BYTES];
        getrandom::fill(&mut bytes)
            .map_err(|e| ServiceError::Internal(format!("no randomness: {e}")))?;
        let secret = Secret::from(bytes).to_base32();
        let label = form_encode(&format!("aireg:{}", user.email));
        Ok(NewSecret {
            uri: format!(
                "otpauth://totp/{label}?secret={secret}&issuer=aireg&algorithm=SHA1&digits=6&period=30"
            ),
            secret,
        })
    }

    /// What comes after the right password for `user`.
    pub async fn second_step(&self, user: &User) -> ServiceResult<SecondStep> {
        if self.store().totp_secret(user.id).await?.is_some() {
            return Ok(SecondStep::Code);
        }
        if self.store().second_factor_required_for(user.id).await? {
            return Ok(SecondStep::SetUp);
        }
        Ok(SecondStep::None)
    }

    /// The half-made session a cookie's secret belongs to, and its person, if it is still
    /// awaiting the code.
    pub async fn awaiting_code(&self, secret: &str) -> ServiceResult<Option<(Session, User)>> {
        let Some(session) = self
            .store()
            .session(&sha256_hex(secret), self.now())
            .await?
            .filter(|s| s.awaiting_code)
        else {
            return Ok(None);
        };
        let Some(user) = self
            .store()
            .user(session.user_id)
            .await?
            .filter(|u| !u.disabled)
        else {
            return Ok(None);
        };
        Ok(Some((session, user)))
    }

    /// Checks the code of a half-made session: the app's code, or, when the person is setting
    /// the app up now (`new_secret`), a code made with the new secret, which is then kept. A
    /// wrong code counts; too many end the session. The caller then starts a real session.
    pub async fn give_code(
        &self,
        session: &Session,
        user: &User,
        code: &str,
        new_secret: Option<&str>,
        rules: &SignInRules,
    ) -> ServiceResult<()> {
        let store = self.store();
        let now = self.now();
        let key = format!("code:{}", user.id);
        // The attempt counts before the code is checked, so that codes sent in parallel cannot
        // all slip under the limit; the right code takes the count back.
        store.record_login_failure(&key, now).await?;
        if store.login_failures_since(&key, now - rules.window).await? > WRONG_CODES {
            store.delete_session(&session.id_hash).await?;
            return Err(ServiceError::TooManyAttempts {
                retry_after_secs: u64::try_from(rules.window.whole_seconds()).unwrap_or(900),
            });
        }
        let kept = store.totp_secret(user.id).await?;
        let secret = match (&kept, new_secret) {
            (Some(s), _) => s.clone(),
            (None, Some(s)) => s.to_string(),
            (None, None) => return Err(ServiceError::invalid("code", Problem::Required)),
        };
        if !code_matches(&secret, code, self.unix_now()) {
            return Err(ServiceError::invalid("code", Problem::WrongCode));
        }
        store.clear_login_failures(&key).await?;
        if kept.is_none() {
            let actor = self
                .store()
                .actor(user.id)
                .await?
                .ok_or(ServiceError::NotFound)?;
            let permit = authorize(&actor, Action::ManageOwnAccount, Resource::Account(user.id))?;
            store
                .set_totp_secret(&permit, user.id, Some(&secret))
                .await?;
        }
        store.delete_session(&session.id_hash).await?;
        Ok(())
    }

    /// Sets up one's authenticator app, given a code made with the new secret.
    pub async fn set_up_second_factor(
        &self,
        actor: &Actor,
        secret: &str,
        code: &str,
    ) -> ServiceResult<()> {
        let user = actor.user_id().ok_or(ServiceError::Forbidden)?;
        let permit = authorize(actor, Action::ManageOwnAccount, Resource::Account(user))?;
        // Replacing an app in use takes its code: turn it off first. Otherwise a session left
        // open somewhere would be enough to take the second factor over.
        if self.store().totp_secret(user).await?.is_some() {
            return Err(ServiceError::Refused(Refusal::SecondFactorInUse));
        }
        if !code_matches(secret, code, self.unix_now()) {
            return Err(ServiceError::invalid("code", Problem::WrongCode));
        }
        Ok(self
            .store()
            .set_totp_secret(&permit, user, Some(secret))
            .await?)
    }

    /// Turns one's second factor off, given a current code; not where an organisation of
    /// one's requires it.
    pub async fn remove_second_factor(&self, actor: &Actor, code: &str) -> ServiceResult<()> {
        let user = actor.user_id().ok_or(ServiceError::Forbidden)?;
        let permit = authorize(actor, Action::ManageOwnAccount, Resource::Account(user))?;
        if self.store().second_factor_required_for(user).await? {
            return Err(ServiceError::Refused(Refusal::SecondFactorRequired));
        }
        let Some(secret) = self.store().totp_secret(user).await? else {
            return Ok(());
        };
        if !code_matches(&secret, code, self.unix_now()) {
            return Err(ServiceError::invalid("code", Problem::WrongCode));
        }
        Ok(self.store().set_totp_secret(&permit, user, None).await?)
    }

    /// Turns an account's second factor off without a code (the platform: a lost phone); its
    /// sessions end.
    pub async fn remove_second_factor_of(
        &self,
        actor: &Actor,
        user: aireg_domain::UserId,
    ) -> ServiceResult<()> {
        let permit = authorize(actor, Action::AdministerPlatform, Resource::Platform)?;
        self.store().set_totp_secret(&permit, user, None).await?;
        self.store().delete_sessions_of(user).await?;
        Ok(())
    }

    /// Requires (or not) a second factor of the organisation's people who sign in with a
    /// password (its admins).
    pub async fn require_second_factor(
        &self,
        actor: &Actor,
        org: OrgId,
        required: bool,
    ) -> ServiceResult<()> {
        let permit = authorize(actor, Action::ManageMembers, Resource::Org(org))?;
        Ok(self
            .store()
            .set_second_factor_required(&permit, org, required)
            .await?)
    }
}

/// Percent-encodes an otpauth label.
fn form_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' | b':' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B's SHA-1 vectors (the key "12345678901234567890"), six digits.
    #[test]
    fn codes_are_those_of_rfc_6238() {
        let secret = Secret::from(b"12345678901234567890".to_vec()).to_base32();
        for (time, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(code_at(&secret, time).as_deref(), Some(code), "at {time}");
        }
        assert!(code_matches(&secret, "287 082", 59));
        // One step of drift either way, no more.
        assert!(code_matches(&secret, "287082", 59 + 30));
        assert!(!code_matches(&secret, "287082", 59 + 90));
        assert!(!code_matches(&secret, "12345", 59));
        assert!(!code_matches(&secret, "abcdef", 59));
        assert!(!code_matches("not base32!", "123456", 59));
    }
}
