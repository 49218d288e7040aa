//! Shared product records.

use sqlx::types::Json;

use aireg_domain::ProductId;
use aireg_domain::audit::NewAuditEvent;
use aireg_domain::policy::{Action, Permit};
use aireg_domain::product::Product;
use aireg_store::{StoreError, StoreResult};

use crate::rows::ProductRow;
use crate::ts::Ts;
use crate::{SqlStore, backend, unique};

pub(crate) async fn create(store: &SqlStore, permit: &Permit, p: Product) -> StoreResult<Product> {
    if !permit.covers(Action::AdministerPlatform, None) {
        return Err(StoreError::Forbidden);
    }
    p.validate().map_err(StoreError::Invalid)?;
    let mut tx = store.begin_write(permit).await?;
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

pub(crate) async fn all(store: &SqlStore) -> StoreResult<Vec<Product>> {
    let rows: Vec<ProductRow> =
        on_pool!(store, p => sqlx::query_as(sql!("product_all")).fetch_all(p).await)
            .map_err(backend)?;
    rows.into_iter().map(ProductRow::into_domain).collect()
}

pub(crate) async fn by_id(store: &SqlStore, id: ProductId) -> StoreResult<Option<Product>> {
    let row: Option<ProductRow> = on_pool!(store, p => {
        sqlx::query_as(sql!("product_by_id")).bind(id.to_string()).fetch_optional(p).await
    })
    .map_err(backend)?;
    row.map(ProductRow::into_domain).transpose()
}
