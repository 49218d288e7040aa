//! Periodic reviews: of a record (its next review date moves), and of the policy itself (by
//! the body the pack names, in the organisation that adopted it).

use time::Date;

use aireg_domain::governance::{PolicyReview, Review};
use aireg_domain::org::Organisation;
use aireg_domain::policy::{Action, Actor, OrgTree, Resource, authorize, can};
use aireg_domain::validation::Problem;
use aireg_domain::{OrgId, SystemId};
use aireg_rules::policy::PolicyPack;

use crate::governance::is_member_in;
use crate::{ServiceError, ServiceResult, Services};

/// The organisation a pack is adopted by: the nearest one at or above `org` it names.
pub fn pack_owner(orgs: &[Organisation], tree: &OrgTree, org: OrgId, pack: &PolicyPack) -> OrgId {
    tree.ancestors_and_self(org)
        .into_iter()
        .find(|id| {
            orgs.iter()
                .any(|o| o.id == *id && pack.applies_to_slug(&o.slug))
        })
        .unwrap_or(org)
}

/// The policy is reviewed by the body the pack names, in the organisation that adopted it.
pub fn may_review(actor: &Actor, owner: OrgId, pack: &PolicyPack) -> bool {
    can(actor, Action::ReviewPolicy, Resource::Org(owner))
        && pack
            .body(&pack.review.policy_body)
            .is_some_and(|b| is_member_in(actor, owner, b))
}

impl Services {
    /// Records a review of a record and sets its next review date, which must be after today.
    pub async fn review_record(
        &self,
        actor: &Actor,
        id: SystemId,
        findings: &str,
        next_review: Option<Date>,
    ) -> ServiceResult<Review> {
        let system = self.readable(actor, id).await?;
        let permit = authorize(actor, Action::GovernSystem, Resource::system(&system))?;
        let next = self.next_review(next_review)?;
        Ok(self
            .store()
            .record_review(&permit, system.id, findings.to_string(), next)
            .await?)
    }

    /// Records the review of the policy that governs `org`, by the body its pack names.
    pub async fn review_policy(
        &self,
        actor: &Actor,
        org: OrgId,
        findings: &str,
        next_review: Option<Date>,
    ) -> ServiceResult<PolicyReview> {
        let store = self.store();
        let orgs = store.organisations().await?;
        let tree = store.org_tree().await?;
        let pack = self.pack_for(org).await?.ok_or(ServiceError::NotFound)?;
        let owner = pack_owner(&orgs, &tree, org, pack);
        if !may_review(actor, owner, pack) {
            return Err(ServiceError::Forbidden);
        }
        let permit = authorize(actor, Action::ReviewPolicy, Resource::Org(owner))?;
        let next = self.next_review(next_review)?;
        Ok(store
            .record_policy_review(&permit, &pack.id, &pack.version, findings.to_string(), next)
            .await?)
    }

    /// A next review date: given, and after today.
    fn next_review(&self, date: Option<Date>) -> ServiceResult<Date> {
        match date {
            Some(d) if d > self.now().date() => Ok(d),
            Some(_) => Err(ServiceError::invalid(
                "next_review",
                Problem::DateNotInFuture,
            )),
            None => Err(ServiceError::invalid("next_review", Problem::InvalidDate)),
        }
    }
}
