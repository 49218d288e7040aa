//! The AI Act obligations an organisation tracks: who answers for each, where it stands, and
//! the evidence that it is met.

use aireg_domain::OrgId;
use aireg_domain::classification::{ObligationItemId, ObligationUpdate, TrackedObligation};
use aireg_domain::policy::{Action, Actor, ReadScope, Resource, authorize};
use aireg_store::ObligationFilter;

use crate::{ServiceError, ServiceResult, Services};

impl Services {
    /// Records progress on an obligation of `org` or of an organisation below it; the item is
    /// tracked by (and authorized in) its own organisation.
    pub async fn update_obligation(
        &self,
        actor: &Actor,
        org: OrgId,
        item: ObligationItemId,
        expected_version: i64,
        update: ObligationUpdate,
    ) -> ServiceResult<TrackedObligation> {
        let tree = self.store().org_tree().await?;
        let found = self
            .store()
            .obligations(
                &ReadScope::for_actor(actor),
                &ObligationFilter {
                    orgs: Some(tree.descendants_and_self(org).into_iter().collect()),
                    include_inactive: true,
                    ..ObligationFilter::default()
                },
            )
            .await?
            .into_iter()
            .find(|i| i.id == item)
            .ok_or(ServiceError::NotFound)?;
        let permit = authorize(actor, Action::TrackObligations, Resource::Org(found.org_id))?;
        Ok(self
            .store()
            .update_obligation(&permit, item, expected_version, update)
            .await?)
    }
}
