//! Organisations' identity providers, and accounts signing in through them.

use async_trait::async_trait;

use aireg_domain::audit::NewAuditEvent;
use aireg_domain::person::{Membership, Role, User};
use aireg_domain::policy::{Action, Permit};
use aireg_domain::{Lang, OrgId, UserId};
use aireg_store::{
    AccountStore, ExternalSignIn, IdentityProvider, IdentityProviderStore, OrgStore, PendingSignIn,
    StoreError, StoreResult,
};
use time::OffsetDateTime;

use crate::people::insert_user;
use crate::rows::{UserRow, parse_role};
use crate::ts::Ts;
use crate::{SqlStore, WriteTx, backend, corrupt, parse_id};

/// A role given by a provider's claims (`membership.source`).
const FROM_PROVIDER: &str = "oidc";

#[derive(sqlx::FromRow)]
struct ProviderRow {
    org_id: String,
    issuer: String,
    client_id: String,
    client_secret: String,
    email_domains: String,
    role_claim: String,
    role_map: String,
    local_passwords: bool,
    updated_at: Ts,
}

impl ProviderRow {
    fn into_domain(self) -> StoreResult<IdentityProvider> {
        let email_domains: Vec<String> = serde_json::from_str(&self.email_domains)
            .map_err(|_| corrupt("email domains", &self.email_domains))?;
        let pairs: Vec<(String, String)> = serde_json::from_str(&self.role_map)
            .map_err(|_| corrupt("role map", &self.role_map))?;
        let role_map = pairs
            .into_iter()
            .map(|(value, role)| Ok((value, parse_role(&role)?)))
            .collect::<StoreResult<_>>()?;
        Ok(IdentityProvider {
            org_id: parse_id("organisation id", &self.org_id)?,
            issuer: self.issuer,
            client_id: self.client_id,
            client_secret: self.client_secret,
            email_domains,
            role_claim: self.role_claim,
            role_map,
            local_passwords: self.local_passwords,
            updated_at: self.updated_at.0,
        })
    }
}

fn check_permit(permit: &Permit, org: OrgId) -> StoreResult<()> {
    if permit.covers(Action::ManageMembers, Some(org))
        || permit.covers(Action::AdministerPlatform, None)
    {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

#[async_trait]
impl IdentityProviderStore for SqlStore {
    async fn identity_providers(&self) -> StoreResult<Vec<IdentityProvider>> {
        let rows: Vec<ProviderRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("idp_all")).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(ProviderRow::into_domain).collect()
    }

    async fn identity_provider(&self, org: OrgId) -> StoreResult<Option<IdentityProvider>> {
        let row: Option<ProviderRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("idp_get")).bind(org.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        row.map(ProviderRow::into_domain).transpose()
    }

    async fn set_identity_provider(
        &self,
        permit: &Permit,
        idp: IdentityProvider,
    ) -> StoreResult<()> {
        check_permit(permit, idp.org_id)?;
        let domains = serde_json::json!(idp.email_domains).to_string();
        let map: Vec<(&str, &str)> = idp
            .role_map
            .iter()
            .map(|(v, r)| (v.as_str(), r.as_str()))
            .collect();
        let map = serde_json::json!(map).to_string();
        let mut tx = self.begin_write(permit).await?;
        let now = tx.now;
        on_tx!(tx, c => {
            sqlx::query(sql!("idp_upsert"))
                .bind(idp.org_id.to_string())
                .bind(&idp.issuer)
                .bind(&idp.client_id)
                .bind(&idp.client_secret)
                .bind(&domains)
                .bind(&idp.role_claim)
                .bind(&map)
                .bind(idp.local_passwords)
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        // The secret is not audited: the audit log is read by more people than the settings.
        tx.audit(
            NewAuditEvent::new("identity_provider.set", "organisation", idp.org_id)
                .org(Some(idp.org_id))
                .after(serde_json::json!({
                    "issuer": idp.issuer,
                    "client_id": idp.client_id,
                    "email_domains": idp.email_domains,
                    "role_claim": idp.role_claim,
                    "role_map": map,
                    "local_passwords": idp.local_passwords,
                })),
        )
        .await?;
        tx.commit().await
    }

    async fn remove_identity_provider(&self, permit: &Permit, org: OrgId) -> StoreResult<()> {
        check_permit(permit, org)?;
        let mut tx = self.begin_write(permit).await?;
        let done = on_tx!(tx, c => {
            sqlx::query(sql!("idp_delete")).bind(org.to_string()).execute(&mut *c).await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        tx.audit(
            NewAuditEvent::new("identity_provider.remove", "organisation", org).org(Some(org)),
        )
        .await?;
        tx.commit().await
    }

    async fn passwords_off_for(&self, user: UserId) -> StoreResult<bool> {
        let (n,): (i64,) = on_pool!(self, p => {
            sqlx::query_as(sql!("passwords_off_for")).bind(user.to_string()).fetch_one(p).await
        })
        .map_err(backend)?;
        Ok(n > 0)
    }

    async fn sign_in_external(&self, who: &ExternalSignIn) -> StoreResult<User> {
        let linked: Option<(String,)> = on_pool!(self, p => {
            sqlx::query_as(sql!("external_identity_get"))
                .bind(&who.issuer)
                .bind(&who.subject)
                .fetch_optional(p)
                .await
        })
        .map_err(backend)?;
        let by_email: Option<UserRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("user_by_email")).bind(&who.email).fetch_optional(p).await
        })
        .map_err(backend)?;
        let existing = match &linked {
            Some((id,)) => {
                let row: Option<UserRow> = on_pool!(self, p => {
                    sqlx::query_as(sql!("user_by_id")).bind(id).fetch_optional(p).await
                })
                .map_err(backend)?;
                row.map(|r| r.to_domain()).transpose()?
            }
            None => by_email.map(|r| r.to_domain()).transpose()?,
        };
        if existing.as_ref().is_some_and(|u| u.disabled) {
            return Err(StoreError::NotFound);
        }
        // An account found by its address only is linked to the provider only if it is the
        // organisation's to vouch for: no platform administrator, no second factor, no role
        // outside the provider's organisation (and its units). Otherwise one organisation's
        // admin, naming someone else's domain, could sign in as that person.
        if let (None, Some(account)) = (&linked, &existing) {
            let reach = self.org_tree().await?.descendants_and_self(who.org_id);
            let outside = self
                .memberships_of(account.id)
                .await?
                .iter()
                .any(|m| !reach.contains(&m.org_id));
            let second_factor = self.totp_secret(account.id).await?.is_some();
            if account.platform_admin || outside || second_factor {
                return Err(StoreError::Forbidden);
            }
        }
        let user = existing.clone().unwrap_or_else(|| User {
            id: UserId::new(),
            email: who.email.clone(),
            name: who.name.clone(),
            language: who.language,
            platform_admin: false,
            disabled: false,
        });
        let mut tx = self.begin_write_as(Some(user.id), &user.name).await?;
        let now = tx.now;
        if existing.is_none() {
            // No password: the account signs in through its provider (a reset link can give
            // it one where the organisation allows passwords).
            insert_user(&mut tx, &user, "!").await?;
            tx.audit(
                NewAuditEvent::new("user.create", "user", user.id)
                    .org(Some(who.org_id))
                    .after(serde_json::json!({
                        "user": &user,
                        "issuer": who.issuer,
                    })),
            )
            .await?;
        }
        if linked.is_none() {
            on_tx!(tx, c => {
                sqlx::query(sql!("external_identity_insert"))
                    .bind(&who.issuer)
                    .bind(&who.subject)
                    .bind(user.id.to_string())
                    .bind(Ts(now))
                    .execute(&mut *c)
                    .await
                    .map(|r| r.rows_affected())
            })
            .map_err(backend)?;
            tx.audit(
                NewAuditEvent::new("user.link_identity", "user", user.id)
                    .org(Some(who.org_id))
                    .after(serde_json::json!({ "issuer": who.issuer, "subject": who.subject })),
            )
            .await?;
        }
        follow_claims(&mut tx, user.id, who.org_id, &who.roles).await?;
        tx.commit().await?;
        Ok(user)
    }

    async fn save_pending_sign_in(&self, p: &PendingSignIn) -> StoreResult<()> {
        on_pool!(self, pool => {
            sqlx::query(sql!("sso_pending_insert"))
                .bind(&p.state_hash)
                .bind(&p.browser_hash)
                .bind(p.org_id.to_string())
                .bind(&p.nonce)
                .bind(&p.pkce_verifier)
                .bind(&p.next_path)
                .bind(p.lang.code())
                .bind(Ts(p.expires_at))
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        Ok(())
    }

    async fn take_pending_sign_in(
        &self,
        state_hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<PendingSignIn>> {
        // DELETE … RETURNING: of two callbacks with the same state, one gets the row.
        let row: Option<PendingRow> = on_pool!(self, pool => {
            sqlx::query_as(sql!("sso_pending_take")).bind(state_hash).fetch_optional(pool).await
        })
        .map_err(backend)?;
        let Some(r) = row else { return Ok(None) };
        if r.expires_at.0 <= now {
            return Ok(None);
        }
        Ok(Some(PendingSignIn {
            state_hash: r.state_hash,
            browser_hash: r.browser_hash,
            org_id: parse_id("organisation id", &r.org_id)?,
            nonce: r.nonce,
            pkce_verifier: r.pkce_verifier,
            next_path: r.next_path,
            lang: Lang::parse(&r.lang).ok_or_else(|| corrupt("language", &r.lang))?,
            expires_at: r.expires_at.0,
        }))
    }

    async fn delete_pending_sign_ins_before(&self, before: OffsetDateTime) -> StoreResult<u64> {
        let done = on_pool!(self, pool => {
            sqlx::query(sql!("sso_pending_delete_before")).bind(Ts(before)).execute(pool).await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        Ok(done)
    }
}

#[derive(sqlx::FromRow)]
struct PendingRow {
    state_hash: String,
    browser_hash: String,
    org_id: String,
    nonce: String,
    pkce_verifier: String,
    next_path: String,
    lang: String,
    expires_at: Ts,
}

/// Makes the provider's roles of the account in the organisation exactly `roles`.
async fn follow_claims(
    tx: &mut WriteTx,
    user: UserId,
    org: OrgId,
    roles: &[Role],
) -> StoreResult<()> {
    let held: Vec<(String,)> = on_tx!(tx, c => {
        sqlx::query_as(sql!("memberships_from_provider"))
            .bind(user.to_string())
            .bind(org.to_string())
            .fetch_all(&mut *c)
            .await
    })
    .map_err(backend)?;
    let held: Vec<Role> = held
        .iter()
        .map(|(r,)| parse_role(r))
        .collect::<StoreResult<_>>()?;
    let now = tx.now;
    for role in held.iter().filter(|r| !roles.contains(r)) {
        on_tx!(tx, c => {
            sqlx::query(sql!("membership_delete"))
                .bind(user.to_string())
                .bind(org.to_string())
                .bind(role.as_str())
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        let m = Membership {
            user_id: user,
            org_id: org,
            role: *role,
        };
        tx.audit(
            NewAuditEvent::new("membership.remove", "membership", user)
                .org(Some(org))
                .before(m)
                .after(serde_json::json!({ "source": FROM_PROVIDER })),
        )
        .await?;
    }
    for role in roles.iter().filter(|r| !held.contains(r)) {
        let added = on_tx!(tx, c => {
            sqlx::query(sql!("membership_insert_from_provider"))
                .bind(user.to_string())
                .bind(org.to_string())
                .bind(role.as_str())
                .bind(Ts(now))
                .bind(FROM_PROVIDER)
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        // A role given in aireg already: it stays aireg's.
        if added == 0 {
            continue;
        }
        tx.audit(
            NewAuditEvent::new("membership.add", "membership", user)
                .org(Some(org))
                .after(Membership {
                    user_id: user,
                    org_id: org,
                    role: *role,
                }),
        )
        .await?;
    }
    Ok(())
}
