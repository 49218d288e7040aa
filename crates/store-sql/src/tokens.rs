//! API tokens. Only a hash of each token is stored; the token itself is shown once.

use async_trait::async_trait;
use time::OffsetDateTime;

use aireg_domain::audit::NewAuditEvent;
use aireg_domain::person::User;
use aireg_domain::policy::{Action, Permit};
use aireg_domain::{TokenId, UserId};
use aireg_store::{ApiToken, NewApiToken, StoreError, StoreResult, TokenStore};

use crate::rows::{TokenRow, TokenWithUserRow, UserRow};
use crate::ts::Ts;
use crate::{SqlStore, WriteTx, backend};

/// How often a token's last use is written down: to the hour is what a person deciding whether
/// a token is still needed wants to know, and a program calling many times a second must not
/// queue a write behind its requests for the database's one write lock.
const TOUCH_EVERY: time::Duration = time::Duration::hours(1);

#[async_trait]
impl TokenStore for SqlStore {
    async fn create_token(&self, permit: &Permit, new: NewApiToken) -> StoreResult<ApiToken> {
        crate::people::check_own_or_platform(permit, new.user_id)?;
        let mut tx = self.begin_write(permit).await?;
        let token = ApiToken {
            id: TokenId::new(),
            user_id: new.user_id,
            name: new.name,
            prefix: new.prefix,
            org_id: new.org_id,
            scope: new.scope,
            expires_at: Some(new.expires_at),
            created_at: tx.now,
            last_used_at: None,
            revoked_at: None,
        };
        on_tx!(tx, c => {
            sqlx::query(sql!("token_insert"))
                .bind(token.id.to_string())
                .bind(token.user_id.to_string())
                .bind(&token.name)
                .bind(&new.hash)
                .bind(&token.prefix)
                .bind(Ts(token.created_at))
                .bind(token.org_id.map(|o| o.to_string()))
                .bind(token.scope.as_str())
                .bind(Ts(new.expires_at))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        tx.audit(
            NewAuditEvent::new("token.create", "api_token", token.id)
                .org(token.org_id)
                .after(serde_json::json!({
                    "user_id": token.user_id,
                    "name": token.name,
                    "prefix": token.prefix,
                    "org_id": token.org_id,
                    "scope": token.scope,
                    "expires_at": new.expires_at.unix_timestamp(),
                })),
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    async fn tokens_of(&self, user: UserId) -> StoreResult<Vec<ApiToken>> {
        let rows: Vec<TokenRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("tokens_of_user")).bind(user.to_string()).fetch_all(p).await
        })
        .map_err(backend)?;
        rows.into_iter().map(TokenRow::into_domain).collect()
    }

    /// Tokens of the people holding a role in the permit's organisation, or every token for a
    /// platform permit.
    async fn tokens_of_members(&self, permit: &Permit) -> StoreResult<Vec<(ApiToken, User)>> {
        let org = if permit.covers(Action::AdministerPlatform, None) {
            None
        } else if permit.action() == Action::ManageMembers && permit.org_id().is_some() {
            permit.org_id()
        } else {
            return Err(StoreError::Forbidden);
        };
        let rows: Vec<TokenWithUserRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("tokens_of_org_members"))
                .bind(org.map(|o| o.to_string()))
                .fetch_all(p)
                .await
        })
        .map_err(backend)?;
        rows.into_iter()
            .map(TokenWithUserRow::into_domain)
            .collect()
    }

    async fn revoke_token(&self, permit: &Permit, id: TokenId) -> StoreResult<()> {
        let mut tx = self.begin_write(permit).await?;
        let row: Option<TokenRow> = on_tx!(tx, c => {
            sqlx::query_as(sql!("token_by_id")).bind(id.to_string()).fetch_optional(&mut *c).await
        })
        .map_err(backend)?;
        let Some(token) = row.map(TokenRow::into_domain).transpose()? else {
            return Err(StoreError::NotFound);
        };
        if !may_revoke(&mut tx, permit, &token).await? {
            // Not revealing whether the token exists elsewhere.
            return Err(StoreError::NotFound);
        }
        if token.revoked_at.is_some() {
            return Ok(());
        }
        let now = tx.now;
        on_tx!(tx, c => {
            sqlx::query(sql!("token_revoke"))
                .bind(id.to_string())
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
        .map_err(backend)?;
        tx.audit(
            NewAuditEvent::new("token.revoke", "api_token", id).after(serde_json::json!({
                "user_id": token.user_id,
                "name": token.name,
                "prefix": token.prefix,
            })),
        )
        .await?;
        tx.commit().await
    }

    async fn token_by_hash(
        &self,
        hash: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Option<(ApiToken, User)>> {
        let row: Option<TokenRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("token_by_hash")).bind(hash).fetch_optional(p).await
        })
        .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let mut token = row.into_domain()?;
        let user: Option<UserRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("user_by_id")).bind(token.user_id.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        let Some(user) = user else { return Ok(None) };
        let user = user.to_domain()?;
        if user.disabled {
            return Ok(None);
        }
        if token
            .last_used_at
            .is_none_or(|last| now - last >= TOUCH_EVERY)
        {
            on_pool!(self, p => {
                sqlx::query(sql!("token_touch"))
                    .bind(token.id.to_string())
                    .bind(Ts(now))
                    .execute(p)
                    .await
                    .map(|r| r.rows_affected())
            })
            .map_err(backend)?;
            token.last_used_at = Some(now);
        }
        Ok(Some((token, user)))
    }
}

async fn may_revoke(tx: &mut WriteTx, permit: &Permit, token: &ApiToken) -> StoreResult<bool> {
    if permit.covers(Action::AdministerPlatform, None) {
        return Ok(true);
    }
    match permit.action() {
        Action::ManageOwnAccount => Ok(permit.account() == Some(token.user_id)),
        Action::ManageMembers => {
            let Some(org) = permit.org_id() else {
                return Ok(false);
            };
            // A token acts in the organisation it belongs to: that organisation's admins may
            // take it away.
            if let Some(token_org) = token.org_id {
                return Ok(token_org == org);
            }
            let (n,): (i64,) = on_tx!(tx, c => {
                sqlx::query_as(sql!("user_holds_role_in"))
                    .bind(token.user_id.to_string())
                    .bind(org.to_string())
                    .fetch_one(&mut *c)
                    .await
            })
            .map_err(backend)?;
            // The token also works wherever else its holder has a role: that is not this
            // organisation's to take away.
            let (beyond,): (i64,) = on_tx!(tx, c => {
                sqlx::query_as(sql!("user_reach_beyond"))
                    .bind(token.user_id.to_string())
                    .bind(org.to_string())
                    .fetch_one(&mut *c)
                    .await
            })
            .map_err(backend)?;
            Ok(n > 0 && beyond == 0)
        }
        _ => Ok(false),
    }
}
