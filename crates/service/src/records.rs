//! The register: a record is registered, edited, published and withdrawn. A record asked for
//! in a later state than its first starts in planning and moves there through the policy's
//! gate in the same transaction; an edit that names another state is a move through the gate
//! together with the edit: both happen or neither.

use aireg_domain::org::Organisation;
use aireg_domain::policy::{Action, Actor, Resource, SystemFacts, authorize};
use aireg_domain::system::{AiSystem, Lifecycle, Publication, SystemRecord};
use aireg_domain::{OrgId, SystemId};
use aireg_store::{Move, StoreError};

use crate::governance::PolicyGate;
use crate::{ServiceError, ServiceResult, Services};

impl Services {
    /// Registers a record in `org`. A record in a state other than a first one (idea,
    /// planning, procurement, development) starts in planning and moves there through the
    /// policy's gate in the same transaction; refused, nothing is created.
    pub async fn create_record(
        &self,
        actor: &Actor,
        org: OrgId,
        mut record: SystemRecord,
    ) -> ServiceResult<AiSystem> {
        let permit = authorize(actor, Action::CreateSystem, Resource::Org(org))?;
        let wanted = record.lifecycle;
        if wanted.is_initial() {
            return Ok(self.store().create_system(&permit, record, None).await?);
        }
        record.lifecycle = Lifecycle::Planning;
        // The move is governed as the record will be: its organisation and named people.
        let facts = SystemFacts {
            org_id: org,
            unit: record.unit,
            system_owner: record.system_owner,
            process_owner: record.process_owner,
        };
        let govern = authorize(actor, Action::GovernSystem, Resource::System(facts))?;
        let gate = PolicyGate::new(self.pack_for(org).await?);
        let to = Move {
            permit: &govern,
            to: wanted,
            gate: &gate,
        };
        self.store()
            .create_system(&permit, record, Some(to))
            .await
            .map_err(|e| gate_or(e, &gate))
    }

    /// Saves a new version of a record based on `expected_version`. When `record.lifecycle`
    /// differs from the record's state, the save is also a move through the policy's gate,
    /// judged on the record as saved, in the same transaction.
    pub async fn update_record(
        &self,
        actor: &Actor,
        id: SystemId,
        expected_version: i64,
        mut record: SystemRecord,
    ) -> ServiceResult<AiSystem> {
        let current = self.readable(actor, id).await?;
        let permit = authorize(actor, Action::EditSystem, Resource::system(&current))?;
        let wanted = record.lifecycle;
        record.lifecycle = current.record.lifecycle;
        if wanted == current.record.lifecycle {
            let saved = self
                .store()
                .update_system(&permit, id, expected_version, record, None)
                .await?;
            self.ask_what_an_edit_made_missing(actor, &permit, saved.clone())
                .await;
            return Ok(saved);
        }
        let govern = authorize(actor, Action::GovernSystem, Resource::system(&current))?;
        let gate = PolicyGate::new(self.pack_for(current.org_id).await?);
        let to = Move {
            permit: &govern,
            to: wanted,
            gate: &gate,
        };
        self.store()
            .update_system(&permit, id, expected_version, record, Some(to))
            .await
            .map_err(|e| gate_or(e, &gate))
    }

    /// Publishes the record in the public register (`Published`) or withdraws it
    /// (`Withdrawn`). A published record needs the texts residents read and a contact.
    pub async fn set_publication(
        &self,
        actor: &Actor,
        id: SystemId,
        expected_version: Option<i64>,
        publication: Publication,
    ) -> ServiceResult<AiSystem> {
        let current = self.readable(actor, id).await?;
        let permit = authorize(actor, Action::PublishSystem, Resource::system(&current))?;
        Ok(self
            .store()
            .set_publication(&permit, id, expected_version, publication)
            .await?)
    }

    /// The organisation a record belongs to.
    pub async fn organisation_of(&self, system: &AiSystem) -> ServiceResult<Organisation> {
        self.store()
            .organisation(system.org_id)
            .await?
            .ok_or_else(|| {
                ServiceError::Internal(format!("record {} has no organisation", system.id))
            })
    }
}

/// A store error after a move: the gate's own reason when it closed.
pub(crate) fn gate_or(e: StoreError, gate: &PolicyGate<'_>) -> ServiceError {
    match e {
        StoreError::GateClosed => gate.refusal(),
        other => other.into(),
    }
}
