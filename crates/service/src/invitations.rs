//! Accounts without the command line: an organisation's admins invite people by e-mail (a
//! single-use link that expires), and anyone who forgot their password asks for a reset link
//! that works once. The answer to a reset request is the same whether the address has an
//! account or not, and an invitation is answered the same whether the address has one: neither
//! tells a stranger who has an account.

use time::Duration;

use aireg_domain::person::{NewUser, Role, User, check_password, normalize_email};
use aireg_domain::policy::{Action, Actor, Resource, authorize};
use aireg_domain::validation::{Problem, is_email};
use aireg_domain::{Lang, OrgId};
use aireg_store::{AccountLink, Invitee, LinkPurpose, Session};

use crate::outbox::Mail;
use crate::secrets::{hash_password, random_hex, sha256_hex, verify_password};
use crate::{Refusal, ServiceError, ServiceResult, Services};

/// How long an invitation link works.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);
/// How long a password reset link works.
pub const RESET_LIFETIME: Duration = Duration::hours(1);
/// Reset links sent to one address within an hour, at most.
const RESETS_PER_HOUR: i64 = 3;

/// An invitation as its link shows it.
#[derive(Debug, Clone)]
pub struct OpenInvitation {
    pub link: AccountLink,
    /// Whether the invited address has an account already (then its holder signs in to take
    /// the invitation up). Only the link's holder learns this.
    pub account_exists: bool,
}

/// A new password typed twice.
pub struct NewPasswordTwice<'a> {
    pub password: &'a str,
    pub repeated: &'a str,
}

impl NewPasswordTwice<'_> {
    fn check(&self) -> ServiceResult<()> {
        check_password(self.password).map_err(|e| ServiceError::Invalid(vec![e]))?;
        if self.password != self.repeated {
            return Err(ServiceError::invalid(
                "password2",
                Problem::PasswordMismatch,
            ));
        }
        Ok(())
    }
}

impl Services {
    /// Invites `email` to hold `role` in `org` (its admins only): a link by e-mail in `lang`
    /// that works once, for a week. The person accepts it; nothing changes until then.
    pub async fn invite(
        &self,
        actor: &Actor,
        org: OrgId,
        email: &str,
        role: Role,
        lang: Lang,
    ) -> ServiceResult<()> {
        let permit = authorize(actor, Action::ManageMembers, Resource::Org(org))?;
        let email = normalize_email(email);
        if !is_email(&email) {
            return Err(ServiceError::invalid("email", Problem::InvalidEmail));
        }
        let organisation = self
            .store()
            .organisation(org)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let secret = random_hex(32)?;
        let now = self.now();
        let link = AccountLink {
            purpose: LinkPurpose::Invitation,
            email: email.clone(),
            org_id: Some(org),
            role: Some(role),
            created_by: actor.user_id(),
            created_at: now,
            expires_at: now + INVITATION_LIFETIME,
            used_at: None,
        };
        let t = aireg_i18n::Tr::new(lang);
        let mail = Mail::compose_account(
            &email,
            lang,
            "invitation",
            &[
                ("inviter", actor.name().to_string()),
                ("organisation", organisation.display_name(lang).to_string()),
                ("role", t.get(&role.message_id())),
                (
                    "link",
                    self.outbox()
                        .link(&format!("/{}/invitations/{secret}", lang.code())),
                ),
                ("days", INVITATION_LIFETIME.whole_days().to_string()),
            ],
        );
        self.store()
            .create_link(
                Some(&permit),
                &sha256_hex(&secret),
                &link,
                vec![mail.job_at(None, now)],
            )
            .await?;
        Ok(())
    }

    /// The organisation's invitations not yet taken up (its admins).
    pub async fn pending_invitations(
        &self,
        actor: &Actor,
        org: OrgId,
    ) -> ServiceResult<Vec<AccountLink>> {
        let permit = authorize(actor, Action::ManageMembers, Resource::Org(org))?;
        Ok(self
            .store()
            .pending_invitations(&permit, self.now())
            .await?)
    }

    /// The invitation a link's secret opens, if it is unused and unexpired.
    pub async fn open_invitation(&self, secret: &str) -> ServiceResult<Option<OpenInvitation>> {
        let Some(link) = self
            .store()
            .open_link(&sha256_hex(secret), self.now())
            .await?
            .filter(|l| l.purpose == LinkPurpose::Invitation)
        else {
            return Ok(None);
        };
        let account_exists = self.store().user_by_email(&link.email).await?.is_some();
        Ok(Some(OpenInvitation {
            link,
            account_exists,
        }))
    }

    /// Takes an invitation up with the account signed in (which must have the invited
    /// address).
    pub async fn accept_invitation(&self, actor: &Actor, secret: &str) -> ServiceResult<User> {
        let user = actor.user_id().ok_or(ServiceError::Forbidden)?;
        Ok(self
            .store()
            .accept_invitation(&sha256_hex(secret), Invitee::Existing(user), self.now())
            .await?)
    }

    /// Takes an invitation up with a new account for the invited address.
    pub async fn accept_invitation_as_new(
        &self,
        secret: &str,
        name: &str,
        language: Lang,
        password: NewPasswordTwice<'_>,
    ) -> ServiceResult<User> {
        let Some(open) = self.open_invitation(secret).await? else {
            return Err(ServiceError::NotFound);
        };
        password.check()?;
        let user = NewUser {
            email: open.link.email.clone(),
            name: name.to_string(),
            language,
            platform_admin: false,
        }
        .validate()
        .map_err(ServiceError::Invalid)?;
        let password_hash = hash_password(password.password.to_string()).await?;
        Ok(self
            .store()
            .accept_invitation(
                &sha256_hex(secret),
                Invitee::New {
                    user,
                    password_hash,
                },
                self.now(),
            )
            .await?)
    }

    /// Sends a password reset link to `email` if it is an account that may sign in with a
    /// password; answers the same either way, in the same time as far as the caller can tell
    /// (the mail is queued, not sent here).
    pub async fn request_password_reset(&self, email: &str, lang: Lang) -> ServiceResult<()> {
        let email = normalize_email(email);
        if !is_email(&email) {
            return Err(ServiceError::invalid("email", Problem::InvalidEmail));
        }
        let user = match self.store().user_by_email(&email).await? {
            Some((u, _)) if !u.disabled => u,
            _ => return Ok(()),
        };
        // A few links an hour to one address at most: more would only fill someone's inbox
        // on a stranger's asking. The answer stays the same.
        let key = format!("reset:{}", sha256_hex(&email));
        let now = self.now();
        if self
            .store()
            .login_failures_since(&key, now - Duration::hours(1))
            .await?
            >= RESETS_PER_HOUR
        {
            return Ok(());
        }
        self.store().record_login_failure(&key, now).await?;
        if self.store().passwords_off_for(user.id).await? && !user.platform_admin {
            return Ok(());
        }
        let secret = random_hex(32)?;
        let link = AccountLink {
            purpose: LinkPurpose::PasswordReset,
            email: email.clone(),
            org_id: None,
            role: None,
            created_by: None,
            created_at: now,
            expires_at: now + RESET_LIFETIME,
            used_at: None,
        };
        // In the account's own language, whatever page the request came from.
        let lang = if user.language == lang {
            lang
        } else {
            user.language
        };
        let mail = Mail::compose_account(
            &email,
            lang,
            "password-reset",
            &[
                (
                    "link",
                    self.outbox()
                        .link(&format!("/{}/password-reset/{secret}", lang.code())),
                ),
                ("minutes", RESET_LIFETIME.whole_minutes().to_string()),
            ],
        );
        self.store()
            .create_link(
                None,
                &sha256_hex(&secret),
                &link,
                vec![mail.job_at(None, now)],
            )
            .await?;
        Ok(())
    }

    /// Whether a reset link's secret is one that still works.
    pub async fn reset_link_works(&self, secret: &str) -> ServiceResult<bool> {
        Ok(self
            .store()
            .open_link(&sha256_hex(secret), self.now())
            .await?
            .is_some_and(|l| l.purpose == LinkPurpose::PasswordReset))
    }

    /// Sets a new password with a reset link, once; the account's sessions end and its API
    /// tokens are revoked.
    pub async fn reset_password(
        &self,
        secret: &str,
        password: NewPasswordTwice<'_>,
    ) -> ServiceResult<User> {
        if !self.reset_link_works(secret).await? {
            return Err(ServiceError::NotFound);
        }
        password.check()?;
        let hash = hash_password(password.password.to_string()).await?;
        Ok(self
            .store()
            .reset_password(&sha256_hex(secret), &hash, self.now())
            .await?)
    }

    /// Changes one's own password, given the current one; ends one's other sessions (the
    /// one in use stays). Returns how many ended.
    pub async fn change_own_password(
        &self,
        actor: &Actor,
        session: &Session,
        current: String,
        password: NewPasswordTwice<'_>,
    ) -> ServiceResult<u64> {
        let user = actor.user_id().ok_or(ServiceError::Forbidden)?;
        let permit = authorize(actor, Action::ManageOwnAccount, Resource::Account(user))?;
        let account = self
            .store()
            .user(user)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let hash = self
            .store()
            .user_by_email(&account.email)
            .await?
            .map(|(_, h)| h);
        if !verify_password(current, hash).await {
            return Err(ServiceError::invalid("current", Problem::WrongPassword));
        }
        password.check()?;
        let hash = hash_password(password.password.to_string()).await?;
        self.store().set_password(&permit, user, &hash).await?;
        Ok(self
            .store()
            .delete_other_sessions(user, &session.id_hash)
            .await?)
    }

    /// Disables or enables a member's account (the organisation's admins). Only an account
    /// that holds roles in this organisation alone: one that also works elsewhere is not this
    /// organisation's to turn off (take its roles here away instead).
    pub async fn set_member_disabled(
        &self,
        actor: &Actor,
        org: OrgId,
        member: aireg_domain::UserId,
        disabled: bool,
    ) -> ServiceResult<()> {
        let permit = authorize(actor, Action::ManageMembers, Resource::Org(org))?;
        if actor.user_id() == Some(member) {
            return Err(ServiceError::Refused(Refusal::NotYourself));
        }
        let account = self
            .store()
            .user(member)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let memberships = self.store().memberships_of(member).await?;
        if !memberships.iter().any(|m| m.org_id == org) {
            return Err(ServiceError::NotFound);
        }
        if account.platform_admin || memberships.iter().any(|m| m.org_id != org) {
            return Err(ServiceError::Refused(Refusal::MemberElsewhere));
        }
        Ok(self
            .store()
            .set_user_disabled(&permit, member, disabled)
            .await?)
    }
}
