//! Invitations and password resets: single-use links sent by e-mail. Only the hash of a link's
//! secret is stored. Taking a link up marks it used in the same transaction as what it does,
//! with a conditional update, so that the same link sent twice at once works once.

use async_trait::async_trait;
use time::OffsetDateTime;

use aireg_domain::UserId;
use aireg_domain::audit::NewAuditEvent;
use aireg_domain::governance::NewJob;
use aireg_domain::person::{Membership, User};
use aireg_domain::policy::{Action, Permit};
use aireg_store::{
    AccountLink, AccountStore, Invitee, LinkPurpose, LinkStore, StoreError, StoreResult,
};

use crate::jobs::enqueue_in;
use crate::people::insert_user;
use crate::rows::{LinkRow, UserRow};
use crate::ts::Ts;
use crate::{SqlStore, WriteTx, backend};

#[async_trait]
impl LinkStore for SqlStore {
    async fn create_link(
        &self,
        permit: Option<&Permit>,
        id_hash: &str,
        link: &AccountLink,
        jobs: Vec<NewJob>,
    ) -> StoreResult<()> {
        let mut tx = match (link.purpose, permit) {
            (LinkPurpose::Invitation, Some(p))
                if link
                    .org_id
                    .is_some_and(|o| p.covers(Action::ManageMembers, Some(o)))
                    || p.covers(Action::AdministerPlatform, None) =>
            {
                self.begin_write(p).await?
            }
            (LinkPurpose::PasswordReset, None) => self.begin_write_as(None, "public").await?,
            _ => return Err(StoreError::Forbidden),
        };
        insert_link(&mut tx, id_hash, link).await?;
        if link.purpose == LinkPurpose::Invitation {
            tx.audit(
                NewAuditEvent::new(
                    "invitation.create",
                    "invitation",
                    &id_hash[..16.min(id_hash.len())],
                )
                .org(link.org_id)
                .after(serde_json::json!({
                    "email": link.email,
                    "role": link.role,
                    "expires_at": link.expires_at.unix_timestamp(),
                })),
            )
            .await?;
        }
        enqueue_in(&mut tx, &jobs).await?;
        tx.commit().await
    }

    async fn open_link(
        &self,
        id_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<AccountLink>> {
        let row: Option<LinkRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("link_get")).bind(id_hash).fetch_optional(p).await
        })
        .map_err(backend)?;
        let link = row.map(LinkRow::into_domain).transpose()?;
        Ok(link.filter(|l| l.used_at.is_none() && l.expires_at > now))
    }

    async fn accept_invitation(
        &self,
        id_hash: &str,
        invitee: Invitee,
        now: OffsetDateTime,
    ) -> StoreResult<User> {
        let link = self
            .open_link(id_hash, now)
            .await?
            .filter(|l| l.purpose == LinkPurpose::Invitation)
            .ok_or(StoreError::NotFound)?;
        let (Some(org), Some(role)) = (link.org_id, link.role) else {
            return Err(StoreError::NotFound);
        };
        let (mut tx, user) = match invitee {
            Invitee::Existing(id) => {
                let user = self.user(id).await?.ok_or(StoreError::NotFound)?;
                if user.email != link.email || user.disabled {
                    return Err(StoreError::NotFound);
                }
                (self.begin_write_as(Some(user.id), &user.name).await?, user)
            }
            Invitee::New {
                user: new,
                password_hash,
            } => {
                let new = new.validate().map_err(StoreError::Invalid)?;
                if new.email != link.email {
                    return Err(StoreError::NotFound);
                }
                let user = User {
                    id: UserId::new(),
                    email: new.email,
                    name: new.name,
                    language: new.language,
                    platform_admin: false,
                    disabled: false,
                };
                let mut tx = self.begin_write_as(Some(user.id), &user.name).await?;
                insert_user(&mut tx, &user, &password_hash).await?;
                tx.audit(NewAuditEvent::new("user.create", "user", user.id).after(&user))
                    .await?;
                (tx, user)
            }
        };
        use_link(&mut tx, id_hash, LinkPurpose::Invitation).await?;
        let m = Membership {
            user_id: user.id,
            org_id: org,
            role,
        };
        let now = tx.now;
        on_tx!(tx, c => {
            sqlx::query(sql!("membership_insert"))
                .bind(m.user_id.to_string())
                .bind(m.org_id.to_string())
                .bind(m.role.as_str())
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        tx.audit(
            NewAuditEvent::new("membership.add", "membership", m.user_id)
                .org(Some(org))
                .after(m),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    async fn reset_password(
        &self,
        id_hash: &str,
        password_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<User> {
        let link = self
            .open_link(id_hash, now)
            .await?
            .filter(|l| l.purpose == LinkPurpose::PasswordReset)
            .ok_or(StoreError::NotFound)?;
        let row: Option<UserRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("user_by_email")).bind(&link.email).fetch_optional(p).await
        })
        .map_err(backend)?;
        let user = match row.map(|r| r.to_domain()).transpose()? {
            Some(u) if !u.disabled => u,
            _ => return Err(StoreError::NotFound),
        };
        let mut tx = self.begin_write_as(Some(user.id), &user.name).await?;
        use_link(&mut tx, id_hash, LinkPurpose::PasswordReset).await?;
        let id = user.id.to_string();
        let now = tx.now;
        on_tx!(tx, c => {
            sqlx::query(sql!("user_set_password")).bind(&id).bind(password_hash).execute(&mut *c).await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        on_tx!(tx, c => {
            sqlx::query(sql!("session_delete_of_user")).bind(&id).execute(&mut *c).await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        on_tx!(tx, c => {
            sqlx::query(sql!("tokens_revoke_of_user")).bind(&id).bind(Ts(now)).execute(&mut *c).await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        // Other reset links sent to the address before this one stop working too.
        on_tx!(tx, c => {
            sqlx::query(sql!("links_use_all_of"))
                .bind(&link.email)
                .bind(LinkPurpose::PasswordReset.as_str())
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        tx.audit(
            NewAuditEvent::new("user.password", "user", user.id)
                .after(serde_json::json!({ "by": "reset_link" })),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    async fn pending_invitations(
        &self,
        permit: &Permit,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<AccountLink>> {
        let Some(org) = permit
            .org_id()
            .filter(|o| permit.covers(Action::ManageMembers, Some(*o)))
        else {
            return Err(StoreError::Forbidden);
        };
        let rows: Vec<LinkRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("invitations_pending"))
                .bind(org.to_string())
                .bind(Ts(now))
                .fetch_all(p)
                .await
        })
        .map_err(backend)?;
        rows.into_iter().map(LinkRow::into_domain).collect()
    }

    async fn delete_links_before(&self, before: OffsetDateTime) -> StoreResult<u64> {
        let done = on_pool!(self, p => {
            sqlx::query(sql!("links_delete_before")).bind(Ts(before)).execute(p).await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        Ok(done)
    }
}

async fn insert_link(tx: &mut WriteTx, id_hash: &str, l: &AccountLink) -> StoreResult<()> {
    on_tx!(tx, c => {
        sqlx::query(sql!("link_insert"))
            .bind(id_hash)
            .bind(l.purpose.as_str())
            .bind(&l.email)
            .bind(l.org_id.map(|o| o.to_string()))
            .bind(l.role.map(|r| r.as_str()))
            .bind(l.created_by.map(|u| u.to_string()))
            .bind(Ts(l.created_at))
            .bind(Ts(l.expires_at))
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    Ok(())
}

/// Marks the link used, if it still can be: only one of two requests sending the same link at
/// once gets here.
async fn use_link(tx: &mut WriteTx, id_hash: &str, purpose: LinkPurpose) -> StoreResult<()> {
    let now = tx.now;
    let done = on_tx!(tx, c => {
        sqlx::query(sql!("link_use"))
            .bind(id_hash)
            .bind(purpose.as_str())
            .bind(Ts(now))
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })
    .map_err(backend)?;
    if done == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}
