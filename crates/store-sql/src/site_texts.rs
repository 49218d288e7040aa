//! The site's own texts: the accessibility statement and the privacy notice, per language.

use async_trait::async_trait;

use aireg_domain::Lang;
use aireg_domain::audit::NewAuditEvent;
use aireg_domain::org::{MAX_SITE_TEXT, SiteText, SiteTextKey};
use aireg_domain::policy::{Action, Permit};
use aireg_domain::validation::Problem;
use aireg_store::{SiteTextStore, StoreError, StoreResult};

use crate::ts::Ts;
use crate::{SqlStore, backend};

#[derive(sqlx::FromRow)]
struct SiteTextRow {
    body: String,
    updated_at: Ts,
    updated_by_name: String,
}

#[async_trait]
impl SiteTextStore for SqlStore {
    async fn site_text(&self, key: SiteTextKey, lang: Lang) -> StoreResult<Option<SiteText>> {
        let row: Option<SiteTextRow> = on_pool!(self, p => {
            sqlx::query_as(
                "SELECT body, updated_at, updated_by_name FROM site_text WHERE key = $1 AND lang = $2",
            )
            .bind(key.as_str())
            .bind(lang.code())
            .fetch_optional(p)
            .await
        })
        .map_err(backend)?;
        Ok(row.map(|r| SiteText {
            key,
            lang,
            body: r.body,
            updated_at: r.updated_at.0,
            updated_by_name: r.updated_by_name,
        }))
    }

    async fn set_site_text(
        &self,
        permit: &Permit,
        key: SiteTextKey,
        lang: Lang,
        body: &str,
    ) -> StoreResult<Option<SiteText>> {
        if !permit.covers(Action::AdministerPlatform, None) {
            return Err(StoreError::Forbidden);
        }
        let body = body.trim();
        if body.chars().count() > MAX_SITE_TEXT {
            return Err(StoreError::invalid(
                "body",
                Problem::TooLong { max: MAX_SITE_TEXT },
            ));
        }
        let before = self.site_text(key, lang).await?;
        let mut tx = self.begin_write(permit).await?;
        let now = tx.now;
        let name = permit.actor_name().to_string();
        on_tx!(tx, c => async {
            sqlx::query("DELETE FROM site_text WHERE key = $1 AND lang = $2")
                .bind(key.as_str())
                .bind(lang.code())
                .execute(&mut *c)
                .await?;
            if !body.is_empty() {
                sqlx::query(
                    "INSERT INTO site_text (key, lang, body, updated_at, updated_by_name) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(key.as_str())
                .bind(lang.code())
                .bind(body)
                .bind(Ts(now))
                .bind(&name)
                .execute(&mut *c)
                .await?;
            }
            Ok::<_, sqlx::Error>(())
        }
        .await)
        .map_err(backend)?;
        let id = format!("{}/{}", key.as_str(), lang.code());
        tx.audit(
            NewAuditEvent::new("site_text.set", "site_text", id)
                .before(before.as_ref().map(|b| serde_json::json!({"body": b.body})))
                .after(serde_json::json!({"body": body})),
        )
        .await?;
        tx.commit().await?;
        Ok((!body.is_empty()).then(|| SiteText {
            key,
            lang,
            body: body.to_string(),
            updated_at: now,
            updated_by_name: name,
        }))
    }
}
