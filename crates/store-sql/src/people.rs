//! Accounts and memberships.

use async_trait::async_trait;
use std::collections::BTreeMap;

use aireg_domain::audit::NewAuditEvent;
use aireg_domain::person::{Membership, NewUser, User, normalize_email};
use aireg_domain::policy::{Action, Actor, Permit, ReadScope};
use aireg_domain::validation::Problem;
use aireg_domain::{OrgId, UserId};
use aireg_store::prelude::*;
use aireg_store::{AccountStore, Member, StoreError, StoreResult};

use crate::rows::{MemberRow, MembershipRow, UserRow, parse_role};
use crate::ts::Ts;
use crate::{SqlStore, WriteTx, backend, unique};

#[async_trait]
impl AccountStore for SqlStore {
    async fn create_user(
        &self,
        permit: &Permit,
        new: NewUser,
        password_hash: &str,
    ) -> StoreResult<User> {
        if !permit.covers(Action::AdministerPlatform, None) {
            return Err(StoreError::Forbidden);
        }
        let new = new.validate().map_err(StoreError::Invalid)?;
        let user = User {
            id: UserId::new(),
            email: new.email,
            name: new.name,
            language: new.language,
            platform_admin: new.platform_admin,
            disabled: false,
        };
        let mut tx = self.begin_write(permit).await?;
        insert_user(&mut tx, &user, password_hash).await?;
        tx.audit(NewAuditEvent::new("user.create", "user", user.id).after(&user))
            .await?;
        tx.commit().await?;
        Ok(user)
    }

    async fn user(&self, id: UserId) -> StoreResult<Option<User>> {
        let row: Option<UserRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("user_by_id")).bind(id.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        row.map(|r| r.to_domain()).transpose()
    }

    async fn user_by_email(&self, email: &str) -> StoreResult<Option<(User, String)>> {
        let email = normalize_email(email);
        let row: Option<UserRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("user_by_email")).bind(&email).fetch_optional(p).await
        })
        .map_err(backend)?;
        match row {
            Some(r) => Ok(Some((r.to_domain()?, r.password_hash))),
            None => Ok(None),
        }
    }

    async fn set_password(
        &self,
        permit: &Permit,
        user: UserId,
        password_hash: &str,
    ) -> StoreResult<()> {
        check_own_or_platform(permit, user)?;
        let mut tx = self.begin_write(permit).await?;
        let done = on_tx!(tx, c => {
            sqlx::query(sql!("user_set_password"))
                .bind(user.to_string())
                .bind(password_hash)
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        // The hash itself never goes into the audit log.
        tx.audit(NewAuditEvent::new("user.password", "user", user))
            .await?;
        tx.commit().await
    }

    async fn set_user_disabled(
        &self,
        permit: &Permit,
        user: UserId,
        disabled: bool,
    ) -> StoreResult<()> {
        let platform = permit.covers(Action::AdministerPlatform, None);
        let admin_of = permit
            .org_id()
            .filter(|o| permit.covers(Action::ManageMembers, Some(*o)));
        if !platform && admin_of.is_none() {
            return Err(StoreError::Forbidden);
        }
        let mut tx = self.begin_write(permit).await?;
        if let (false, Some(org)) = (platform, admin_of) {
            // An organisation's admin: only an account that holds roles there and nowhere
            // else, and is no platform administrator.
            let (here,): (i64,) = on_tx!(tx, c => {
                sqlx::query_as(sql!("user_holds_role_in"))
                    .bind(user.to_string())
                    .bind(org.to_string())
                    .fetch_one(&mut *c)
                    .await
            })
            .map_err(backend)?;
            let (beyond,): (i64,) = on_tx!(tx, c => {
                sqlx::query_as(sql!("user_reach_beyond"))
                    .bind(user.to_string())
                    .bind(org.to_string())
                    .fetch_one(&mut *c)
                    .await
            })
            .map_err(backend)?;
            if here == 0 || beyond > 0 {
                return Err(StoreError::Forbidden);
            }
        }
        let row: Option<UserRow> = on_tx!(tx, c => {
            sqlx::query_as(sql!("user_by_id")).bind(user.to_string()).fetch_optional(&mut *c).await
        })
        .map_err(backend)?;
        let Some(current) = row else {
            return Err(StoreError::NotFound);
        };
        if current.to_domain()?.disabled == disabled {
            // Nothing changes, so nothing is audited.
            return Ok(());
        }
        on_tx!(tx, c => {
            sqlx::query(sql!("user_set_disabled"))
                .bind(user.to_string())
                .bind(disabled)
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        if disabled {
            // Every request checks the flag already; deleting the sessions as well means enabling
            // the account later does not bring back a session left open on some shared computer.
            on_tx!(tx, c => {
                sqlx::query(sql!("session_delete_of_user"))
                    .bind(user.to_string())
                    .execute(&mut *c)
                    .await
                    .map(|r| r.rows_affected())
            })
            .map_err(backend)?;
        }
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        tx.audit(
            NewAuditEvent::new(action, "user", user)
                .before(serde_json::json!({ "disabled": !disabled }))
                .after(serde_json::json!({ "disabled": disabled })),
        )
        .await?;
        tx.commit().await
    }

    async fn memberships_of(&self, user: UserId) -> StoreResult<Vec<Membership>> {
        let rows: Vec<MembershipRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("memberships_of_user")).bind(user.to_string()).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(MembershipRow::into_domain).collect()
    }

    async fn actor(&self, id: UserId) -> StoreResult<Option<Actor>> {
        let Some(user) = self.user(id).await? else {
            return Ok(None);
        };
        let memberships = self.memberships_of(id).await?;
        let tree = self.org_tree().await?;
        Ok(Some(Actor::person(&user, &memberships, &tree)))
    }

    async fn members(&self, scope: &ReadScope, org: OrgId) -> StoreResult<Vec<Member>> {
        if scope.is_public() || !scope.allows(org, false) {
            return Err(StoreError::NotFound);
        }
        let rows: Vec<MemberRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("members_of_org"))
                .bind(org.to_string())
                .fetch_all(p)
                .await
        })
        .map_err(backend)?;
        let mut by_user: BTreeMap<String, Member> = BTreeMap::new();
        let mut order = Vec::new();
        for MemberRow {
            user: row,
            role,
            elsewhere,
        } in rows
        {
            let user = row.to_domain()?;
            let key = user.id.to_string();
            let role = parse_role(&role)?;
            by_user
                .entry(key.clone())
                .or_insert_with(|| {
                    order.push(key);
                    Member {
                        user,
                        roles: Vec::new(),
                        elsewhere,
                    }
                })
                .roles
                .push(role);
        }
        Ok(order
            .into_iter()
            .filter_map(|k| by_user.remove(&k))
            .collect())
    }

    async fn add_membership(&self, permit: &Permit, m: Membership) -> StoreResult<()> {
        check_members_permit(permit, m.org_id)?;
        let mut tx = self.begin_write(permit).await?;
        let now = tx.now;
        let done = on_tx!(tx, c => {
            sqlx::query(sql!("membership_insert"))
                .bind(m.user_id.to_string())
                .bind(m.org_id.to_string())
                .bind(m.role.as_str())
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        });
        let done = match done {
            // The user or the organisation does not exist.
            Err(sqlx::Error::Database(d)) if d.is_foreign_key_violation() => {
                return Err(StoreError::invalid("user", Problem::UnknownReference));
            }
            other => other.map_err(backend)?,
        };
        if done == 0 {
            // Already a member in this role: nothing changed, nothing to audit.
            return Ok(());
        }
        tx.audit(
            NewAuditEvent::new("membership.add", "membership", m.user_id)
                .org(Some(m.org_id))
                .after(m),
        )
        .await?;
        tx.commit().await
    }

    async fn totp_secret(&self, user: UserId) -> StoreResult<Option<String>> {
        let row: Option<(Option<String>,)> = on_pool!(self, p => {
            sqlx::query_as(sql!("user_totp_secret")).bind(user.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        Ok(row.and_then(|(s,)| s))
    }

    async fn set_totp_secret(
        &self,
        permit: &Permit,
        user: UserId,
        secret: Option<&str>,
    ) -> StoreResult<()> {
        check_own_or_platform(permit, user)?;
        let mut tx = self.begin_write(permit).await?;
        let done = on_tx!(tx, c => {
            sqlx::query(sql!("user_set_totp_secret"))
                .bind(user.to_string())
                .bind(secret)
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        let action = if secret.is_some() {
            "user.second_factor_set"
        } else {
            "user.second_factor_remove"
        };
        tx.audit(NewAuditEvent::new(action, "user", user)).await?;
        tx.commit().await
    }

    async fn second_factor_required_for(&self, user: UserId) -> StoreResult<bool> {
        let (n,): (i64,) = on_pool!(self, p => {
            sqlx::query_as(sql!("second_factor_required_for")).bind(user.to_string()).fetch_one(p).await
        })
        .map_err(backend)?;
        Ok(n > 0)
    }

    async fn second_factor_required(&self, org: OrgId) -> StoreResult<bool> {
        let (n,): (i64,) = on_pool!(self, p => {
            sqlx::query_as(sql!("second_factor_required")).bind(org.to_string()).fetch_one(p).await
        })
        .map_err(backend)?;
        Ok(n > 0)
    }

    async fn set_second_factor_required(
        &self,
        permit: &Permit,
        org: OrgId,
        required: bool,
    ) -> StoreResult<()> {
        check_members_permit(permit, org)?;
        let mut tx = self.begin_write(permit).await?;
        let now = tx.now;
        let done = if required {
            on_tx!(tx, c => {
                sqlx::query(sql!("second_factor_require"))
                    .bind(org.to_string())
                    .bind(Ts(now))
                    .execute(&mut *c)
                    .await
                    .map(|r| r.rows_affected())
            })
        } else {
            on_tx!(tx, c => {
                sqlx::query(sql!("second_factor_release"))
                    .bind(org.to_string())
                    .execute(&mut *c)
                    .await
                    .map(|r| r.rows_affected())
            })
        }
        .map_err(backend)?;
        if done == 0 {
            // Already so: nothing to audit.
            return Ok(());
        }
        tx.audit(
            NewAuditEvent::new("organisation.second_factor", "organisation", org)
                .org(Some(org))
                .after(serde_json::json!({ "required": required })),
        )
        .await?;
        tx.commit().await
    }

    async fn remove_membership(&self, permit: &Permit, m: Membership) -> StoreResult<()> {
        check_members_permit(permit, m.org_id)?;
        let mut tx = self.begin_write(permit).await?;
        let done = on_tx!(tx, c => {
            sqlx::query(sql!("membership_delete"))
                .bind(m.user_id.to_string())
                .bind(m.org_id.to_string())
                .bind(m.role.as_str())
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        tx.audit(
            NewAuditEvent::new("membership.remove", "membership", m.user_id)
                .org(Some(m.org_id))
                .before(m),
        )
        .await?;
        tx.commit().await
    }
}

/// A change to an account by its own holder (`ManageOwnAccount`) or the platform.
pub(crate) fn check_own_or_platform(permit: &Permit, user: UserId) -> StoreResult<()> {
    let own = permit.action() == Action::ManageOwnAccount && permit.account() == Some(user);
    if own || permit.covers(Action::AdministerPlatform, None) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

/// Inserts an account (its e-mail address must be free).
pub(crate) async fn insert_user(
    tx: &mut WriteTx,
    user: &User,
    password_hash: &str,
) -> StoreResult<()> {
    let now = tx.now;
    let inserted = on_tx!(tx, c => {
        sqlx::query(sql!("user_insert"))
            .bind(user.id.to_string())
            .bind(&user.email)
            .bind(&user.name)
            .bind(user.language.code())
            .bind(password_hash)
            .bind(user.platform_admin)
            .bind(Ts(now))
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    });
    unique(inserted, "email")?;
    Ok(())
}

fn check_members_permit(permit: &Permit, org: OrgId) -> StoreResult<()> {
    if permit.covers(Action::ManageMembers, Some(org))
        || permit.covers(Action::AdministerPlatform, None)
    {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}
