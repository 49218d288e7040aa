//! Shared product records.

use async_trait::async_trait;
use sqlx::types::Json;

use aireg_domain::ProductId;
use aireg_domain::audit::NewAuditEvent;
use aireg_domain::policy::{Action, Permit};
use aireg_domain::product::Product;
use aireg_store::{ProductStore, StoreError, StoreResult};

use crate::rows::ProductRow;
use crate::ts::Ts;
use crate::{SqlStore, backend, unique};

#[async_trait]
impl ProductStore for SqlStore {
    async fn create_product(&self, permit: &Permit, p: Product) -> StoreResult<Product> {
        if !permit.covers(Action::AdministerPlatform, None) {
            return Err(StoreError::Forbidden);
        }
        p.validate().map_err(StoreError::Invalid)?;
        let mut tx = self.begin_write(permit).await?;
        let now = tx.now;
        let inserted = on_tx!(tx, c => {
            sqlx::query(sql!("product_insert"))
                .bind(p.id.to_string())
                .bind(&p.slug)
                .bind(&p.name)
                .bind(&p.vendor)
                .bind(&p.url)
                .bind(Json(&p.description))
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        });
        unique(inserted, "slug")?;
        tx.audit(NewAuditEvent::new("product.create", "product", p.id).after(&p))
            .await?;
        tx.commit().await?;
        Ok(p)
    }

    async fn products(&self) -> StoreResult<Vec<Product>> {
        let rows: Vec<ProductRow> =
            on_pool!(self, p => sqlx::query_as(sql!("product_all")).fetch_all(p).await)
                .map_err(backend)?;
        rows.into_iter().map(ProductRow::into_domain).collect()
    }

    async fn product(&self, id: ProductId) -> StoreResult<Option<Product>> {
        let row: Option<ProductRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("product_by_id")).bind(id.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        row.map(ProductRow::into_domain).transpose()
    }
}
