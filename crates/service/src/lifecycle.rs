//! A record's life: moves between states, each through the gate of the organisation's
//! policy, judged inside the transaction that makes the move.

use aireg_domain::SystemId;
use aireg_domain::policy::{Action, Actor, Resource, authorize};
use aireg_domain::system::{AiSystem, Lifecycle};
use aireg_store::Move;

use crate::governance::PolicyGate;
use crate::records::gate_or;
use crate::{ServiceResult, Services};

impl Services {
    /// Moves a record to `to` when the policy's gate holds. Refused with `GateRefused` naming
    /// what is missing, or `Refused(NotAMove)` for a retired record; `expected_version`, when
    /// given, must still be current. A move to the state it is in changes nothing.
    pub async fn transition(
        &self,
        actor: &Actor,
        id: SystemId,
        expected_version: Option<i64>,
        to: Lifecycle,
    ) -> ServiceResult<AiSystem> {
        let system = self.readable(actor, id).await?;
        let permit = authorize(actor, Action::GovernSystem, Resource::system(&system))?;
        let gate = PolicyGate::new(self.pack_for(system.org_id).await?);
        let to = Move {
            permit: &permit,
            to,
            gate: &gate,
        };
        self.store()
            .transition_system(id, expected_version, to, Vec::new())
            .await
            .map_err(|e| gate_or(e, &gate))
    }
}
