//! Organisations and their hierarchy.

use async_trait::async_trait;
use sqlx::types::Json;

use aireg_domain::OrgId;
use aireg_domain::audit::NewAuditEvent;
use aireg_domain::org::{NewOrganisation, Organisation};
use aireg_domain::policy::{Action, OrgTree, Permit};
use aireg_domain::validation::Problem;
use aireg_store::{OrgStore, StoreError, StoreResult};

use crate::rows::OrgRow;
use crate::ts::Ts;
use crate::{SqlStore, WriteTx, backend, parse_id, unique};

/// The organisations and their tree as read at one count of them.
#[derive(Clone)]
pub(crate) struct Snapshot {
    count: i64,
    orgs: std::sync::Arc<Vec<Organisation>>,
    tree: std::sync::Arc<OrgTree>,
}

impl SqlStore {
    /// The organisations, read again only when their number changed (through this instance
    /// or another one serving the same database): one small count per call instead of
    /// every row.
    async fn org_snapshot(&self) -> StoreResult<Snapshot> {
        let (count,): (i64,) =
            on_pool!(self, p => sqlx::query_as(sql!("org_count")).fetch_one(p).await)
                .map_err(backend)?;
        if let Some(s) = self.orgs.lock().ok().and_then(|s| s.clone())
            && s.count == count
        {
            return Ok(s);
        }
        let rows: Vec<OrgRow> =
            on_pool!(self, p => sqlx::query_as(sql!("org_all")).fetch_all(p).await)
                .map_err(backend)?;
        let orgs = rows
            .into_iter()
            .map(OrgRow::into_domain)
            .collect::<StoreResult<Vec<_>>>()?;
        let parents = orgs
            .iter()
            .map(|o| (o.id.to_string(), o.parent_id.map(|p| p.to_string())))
            .collect();
        let snapshot = Snapshot {
            count: orgs.len() as i64,
            orgs: std::sync::Arc::new(orgs),
            tree: std::sync::Arc::new(to_tree(parents)?),
        };
        if let Ok(mut s) = self.orgs.lock() {
            *s = Some(snapshot.clone());
        }
        Ok(snapshot)
    }
}

#[async_trait]
impl OrgStore for SqlStore {
    async fn is_empty(&self) -> StoreResult<bool> {
        let (n,): (i64,) =
            on_pool!(self, p => sqlx::query_as(sql!("org_count")).fetch_one(p).await)
                .map_err(backend)?;
        Ok(n == 0)
    }

    async fn create_organisation(
        &self,
        permit: &Permit,
        new: NewOrganisation,
    ) -> StoreResult<Organisation> {
        if !permit.covers(Action::AdministerPlatform, None) {
            return Err(StoreError::Forbidden);
        }
        let new = new.validate().map_err(StoreError::Invalid)?;
        let mut tx = self.begin_write(permit).await?;
        if let Some(parent) = new.parent_id
            && !tree_in(&mut tx).await?.contains(parent)
        {
            return Err(StoreError::invalid("parent", Problem::UnknownReference));
        }
        let org = Organisation {
            id: OrgId::new(),
            slug: new.slug,
            kind: new.kind,
            parent_id: new.parent_id,
            name: new.name,
            country: new.country,
            languages: new.languages,
            business_id: new.business_id,
            website: new.website,
        };
        let now = tx.now;
        let inserted = on_tx!(tx, c => {
            sqlx::query(sql!("org_insert"))
                .bind(org.id.to_string())
                .bind(&org.slug)
                .bind(org.kind.as_str())
                .bind(org.parent_id.map(|p| p.to_string()))
                .bind(Json(&org.name))
                .bind(org.country.as_str())
                .bind(Json(&org.languages))
                .bind(&org.business_id)
                .bind(&org.website)
                .bind(Ts(now))
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        });
        unique(inserted, "slug")?;
        tx.audit(
            NewAuditEvent::new("organisation.create", "organisation", org.id)
                .org(Some(org.id))
                .after(&org),
        )
        .await?;
        tx.commit().await?;
        Ok(org)
    }

    async fn organisations(&self) -> StoreResult<Vec<Organisation>> {
        Ok(self.org_snapshot().await?.orgs.as_ref().clone())
    }

    async fn organisation(&self, id: OrgId) -> StoreResult<Option<Organisation>> {
        let row: Option<OrgRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("org_by_id")).bind(id.to_string()).fetch_optional(p).await
        })
        .map_err(backend)?;
        row.map(OrgRow::into_domain).transpose()
    }

    async fn organisation_by_slug(&self, slug: &str) -> StoreResult<Option<Organisation>> {
        let row: Option<OrgRow> = on_pool!(self, p => {
            sqlx::query_as(sql!("org_by_slug")).bind(slug).fetch_optional(p).await
        })
        .map_err(backend)?;
        row.map(OrgRow::into_domain).transpose()
    }

    async fn org_tree(&self) -> StoreResult<OrgTree> {
        Ok(self.org_snapshot().await?.tree.as_ref().clone())
    }

    async fn licences(&self) -> StoreResult<Vec<(OrgId, String)>> {
        let rows: Vec<(String, String)> = on_pool!(self, p => {
            sqlx::query_as("SELECT org_id, licence FROM open_data_licence ORDER BY org_id")
                .fetch_all(p)
                .await
        })
        .map_err(backend)?;
        rows.into_iter()
            .map(|(org, l)| Ok((crate::parse_id("organisation id", &org)?, l)))
            .collect()
    }

    async fn set_licence(
        &self,
        permit: &Permit,
        org: OrgId,
        licence: Option<&str>,
    ) -> StoreResult<()> {
        if !permit.covers(Action::ManageMembers, Some(org))
            || permit.org_id().is_some_and(|o| o != org)
        {
            return Err(StoreError::Forbidden);
        }
        if let Some(l) = licence
            && aireg_domain::org::Licence::parse(l).is_none()
        {
            return Err(StoreError::invalid(
                "licence",
                Problem::InvalidChoice {
                    allowed: aireg_domain::org::Licence::ALL
                        .iter()
                        .map(|l| l.spdx.to_string())
                        .collect(),
                },
            ));
        }
        let mut tx = self.begin_write(permit).await?;
        let now = tx.now;
        on_tx!(tx, c => async {
            sqlx::query("DELETE FROM open_data_licence WHERE org_id = $1")
                .bind(org.to_string())
                .execute(&mut *c)
                .await?;
            if let Some(l) = licence {
                sqlx::query(
                    "INSERT INTO open_data_licence (org_id, licence, updated_at) VALUES ($1, $2, $3)",
                )
                .bind(org.to_string())
                .bind(l)
                .bind(Ts(now))
                .execute(&mut *c)
                .await?;
            }
            Ok::<_, sqlx::Error>(())
        }
        .await)
        .map_err(backend)?;
        tx.audit(
            NewAuditEvent::new("organisation.licence", "organisation", org)
                .org(Some(org))
                .after(serde_json::json!({ "licence": licence })),
        )
        .await?;
        tx.commit().await
    }
}

/// The hierarchy as seen inside a write transaction.
pub(crate) async fn tree_in(tx: &mut WriteTx) -> StoreResult<OrgTree> {
    if let Some(tree) = &tx.tree {
        return Ok(tree.clone());
    }
    if let Some(known) = known_in(tx).await? {
        let tree = (*known.tree).clone();
        tx.tree = Some(tree.clone());
        return Ok(tree);
    }
    let rows: Vec<(String, Option<String>)> =
        on_tx!(tx, c => sqlx::query_as(sql!("org_parents")).fetch_all(&mut *c).await)
            .map_err(backend)?;
    let tree = to_tree(rows)?;
    tx.tree = Some(tree.clone());
    Ok(tree)
}

/// The store's copy of the organisations, if it is current in this transaction: organisations
/// are only ever added to, so the same count means the same rows.
pub(crate) async fn known_in(tx: &mut WriteTx) -> StoreResult<Option<Snapshot>> {
    let Some((known, checked)) = tx.known_orgs.clone() else {
        return Ok(None);
    };
    if !checked {
        let (count,): (i64,) =
            on_tx!(tx, c => sqlx::query_as(sql!("org_count")).fetch_one(&mut *c).await)
                .map_err(backend)?;
        if count != known.count {
            tx.known_orgs = None;
            return Ok(None);
        }
        tx.known_orgs = Some((known.clone(), true));
    }
    Ok(Some(known))
}

/// An organisation from the store's copy, if it is current in this transaction.
pub(crate) async fn known_org(tx: &mut WriteTx, id: OrgId) -> StoreResult<Option<Organisation>> {
    Ok(known_in(tx)
        .await?
        .and_then(|k| k.orgs.iter().find(|o| o.id == id).cloned()))
}

fn to_tree(rows: Vec<(String, Option<String>)>) -> StoreResult<OrgTree> {
    let mut pairs = Vec::with_capacity(rows.len());
    for (id, parent) in rows {
        let parent = parent
            .as_deref()
            .map(|p| parse_id::<OrgId>("parent id", p))
            .transpose()?;
        pairs.push((parse_id::<OrgId>("organisation id", &id)?, parent));
    }
    Ok(OrgTree::new(pairs))
}
