//! What the organisation's policy asks of a record: which pack governs it, what the record's
//! situation is, which approvals and assessments it has, what a move still needs, and who
//! sits in the bodies the pack names. The decisions themselves are pure functions in
//! `aireg_rules::policy` (routing, gates) and `aireg_domain::policy` (who may act); this
//! module gathers their facts, from the store or, for a gate, from inside the transaction
//! that makes the move.

use std::collections::HashMap;

use std::sync::Mutex;

use aireg_domain::classification::{Category, ClassificationRun};
use aireg_domain::governance::{ApprovalRequest, ApprovalStatus, Assessment, AssessmentStatus};
use aireg_domain::org::Organisation;
use aireg_domain::person::{Role, User};
use aireg_domain::policy::{
    Actor, OrgTree, ReadScope, RecordPerson, Resource, authorize_approval_decision,
};
use aireg_domain::system::{AiSystem, Lifecycle};
use aireg_domain::{Lang, OrgId, SystemId};
use aireg_i18n::Tr;
use aireg_rules::ai_act::{Outcome, Text};
use aireg_rules::policy::{
    AiActSituation, ApprovalRequirement, Body, GateState, Missing, Policies, PolicyPack, Situation,
};
use aireg_store::{Gate, GateFacts, ReportFilter, SystemFilter};

use crate::attention::Shown;
use crate::{Refusal, ServiceError, ServiceResult, Services};

/// Reads what only the workflow itself may read across organisations: the members of a body
/// sitting in an organisation above the record's (a region's AI working group), to tell them.
pub fn workflow_scope() -> ReadScope {
    ReadScope::for_actor(&Actor::command_line("aireg:workflow"))
}

/// A stored run's outcome, read back with the engine's types.
pub fn outcome_of(run: &ClassificationRun) -> Option<Outcome> {
    serde_json::from_value(run.outcome.clone()).ok()
}

/// The platform's own rule where no pack applies: a system classified as a prohibited practice
/// never goes into use.
fn platform_gate(to: Lifecycle, situation: &Situation) -> Vec<Missing> {
    let prohibited = situation
        .ai_act
        .as_ref()
        .is_some_and(|a| a.category == Category::Prohibited);
    if prohibited && to.is_deployment() {
        let [fi, sv, en] = Lang::ALL.map(|l| Tr::new(l).get("gate-prohibited"));
        vec![Missing {
            code: "prohibited".into(),
            item: None,
            text: Text { fi, sv, en },
        }]
    } else {
        Vec::new()
    }
}

/// Whether an approval asked for `target` also covers a move to `to`: an approval to take a
/// system into use covers piloting it first.
fn covers(target: Lifecycle, to: Lifecycle) -> bool {
    target == to || (target == Lifecycle::InUse && to == Lifecycle::Pilot)
}

/// Everything the policy looks at for one record.
pub struct RecordGovernance<'a> {
    pub system: AiSystem,
    pub pack: Option<&'a PolicyPack>,
    pub situation: Situation,
    /// The record does not say whether it processes personal data: the policy treats it as
    /// processing until the record says otherwise.
    pub personal_data_assumed: bool,
    /// Every approval request of the record, oldest first.
    pub approvals: Vec<ApprovalRequest>,
    pub assessments: Vec<Assessment>,
    pub classification: Option<ClassificationRun>,
}

impl<'a> RecordGovernance<'a> {
    /// The facts of a record as they are.
    pub fn new(
        pack: Option<&'a PolicyPack>,
        system: AiSystem,
        classification: Option<ClassificationRun>,
        approvals: Vec<ApprovalRequest>,
        assessments: Vec<Assessment>,
    ) -> RecordGovernance<'a> {
        let ai_act = classification
            .as_ref()
            .and_then(outcome_of)
            .map(|o| AiActSituation::from_outcome(&o));
        let r = &system.record;
        let situation = Situation {
            personal_data: r.personal_data != Some(false),
            sensitive_data: r.sensitive_data == Some(true),
            ai_features_added: false,
            ai_act,
        };
        RecordGovernance {
            personal_data_assumed: r.personal_data.is_none(),
            system,
            pack,
            situation,
            approvals,
            assessments,
            classification,
        }
    }

    /// The latest request of each body whose target covers a move to `to`.
    pub fn latest_requests(&self, to: Lifecycle) -> Vec<&ApprovalRequest> {
        let mut latest: Vec<&ApprovalRequest> = Vec::new();
        for a in self.approvals.iter().filter(|a| covers(a.target, to)) {
            match latest.iter_mut().find(|l| l.body == a.body) {
                Some(l) if l.requested_at <= a.requested_at => *l = a,
                Some(_) => {}
                None => latest.push(a),
            }
        }
        latest
    }

    /// The bodies whose approval of a move to `to` stands.
    pub fn granted(&self, to: Lifecycle) -> Vec<String> {
        self.latest_requests(to)
            .into_iter()
            .filter(|a| a.status == ApprovalStatus::Approved)
            .map(|a| a.body.clone())
            .collect()
    }

    /// The templates whose assessment is signed off.
    pub fn signed(&self) -> Vec<String> {
        self.assessments
            .iter()
            .filter(|a| a.status == AssessmentStatus::Signed)
            .map(|a| a.template_id.clone())
            .collect()
    }

    pub fn gate_state(&self, to: Lifecycle) -> GateState {
        let r = &self.system.record;
        GateState {
            situation: self.situation.clone(),
            approvals_granted: self.granted(to),
            assessments_signed: self.signed(),
            system_owner_named: r.system_owner.is_some(),
            process_owner_named: r.process_owner.is_some(),
            classified: self
                .situation
                .ai_act
                .as_ref()
                .is_some_and(AiActSituation::is_complete),
            eu_registered: r.eu_registration.is_some(),
        }
    }

    /// What a move to `to` still needs; empty when it may go.
    pub fn missing(&self, to: Lifecycle) -> Vec<Missing> {
        match self.pack {
            Some(pack) => pack.gate(to, &self.gate_state(to)),
            None => platform_gate(to, &self.situation),
        }
    }

    /// What a record in front of users (piloted or in use) no longer has of what its state's
    /// gate asks, judged on the facts as they are now: a change to personal data, to the
    /// people it names or to its classification after the move can leave it short. Empty when
    /// it conforms, and for a record not deployed.
    pub fn nonconformities(&self) -> Vec<Missing> {
        let state = self.system.record.lifecycle;
        if state.is_deployment() {
            self.missing(state)
        } else {
            Vec::new()
        }
    }

    /// The approvals the policy routes the record to now, of bodies neither asked nor agreed
    /// (a body whose latest answer was no is asked again).
    pub fn approvals_to_ask(&self) -> Vec<ApprovalRequirement> {
        let Some(pack) = self.pack else {
            return Vec::new();
        };
        let latest = self.latest_requests(Lifecycle::InUse);
        pack.approvals_required(&self.situation)
            .into_iter()
            .filter(|req| {
                !latest.iter().any(|a| {
                    a.body == req.body
                        && matches!(a.status, ApprovalStatus::Open | ApprovalStatus::Approved)
                })
            })
            .collect()
    }

    /// The states the record can be moved to from where it is: any other state, except that a
    /// retired system stays retired (a new use is a new record).
    pub fn targets(&self) -> Vec<Lifecycle> {
        let from = self.system.record.lifecycle;
        if from == Lifecycle::Retired {
            return Vec::new();
        }
        Lifecycle::ALL
            .iter()
            .copied()
            .filter(|l| *l != from)
            .collect()
    }

    /// The assessment of a template, if started.
    pub fn assessment(&self, template: &str) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.template_id == template)
    }

    /// Whether the actor may decide this request now: a member of its body (for a body that
    /// is the record's named person, the one it was routed to), not the one who asked.
    pub fn may_decide(&self, actor: &Actor, request: &ApprovalRequest) -> bool {
        let Some(body) = self.pack.and_then(|p| p.body(&request.body)) else {
            return false;
        };
        let Resource::System(facts) = Resource::system(&self.system) else {
            return false;
        };
        request.status == ApprovalStatus::Open
            && authorize_approval_decision(actor, facts, &body.membership(), request).is_ok()
    }
}

/// A move's gate as the store asks it, inside the transaction that makes the move: the
/// policy pack judges the facts the transaction read. When it says no, it keeps why.
pub(crate) struct PolicyGate<'a> {
    pack: Option<&'a PolicyPack>,
    refusal: Mutex<Option<ServiceError>>,
}

impl<'a> PolicyGate<'a> {
    pub(crate) fn new(pack: Option<&'a PolicyPack>) -> PolicyGate<'a> {
        PolicyGate {
            pack,
            refusal: Mutex::new(None),
        }
    }

    /// Why the gate closed (after the store answered `GateClosed`).
    pub(crate) fn refusal(&self) -> ServiceError {
        self.refusal
            .lock()
            .ok()
            .and_then(|mut r| r.take())
            .unwrap_or_else(|| ServiceError::Internal("the gate closed without a reason".into()))
    }
}

impl Gate for PolicyGate<'_> {
    fn allows(&self, to: Lifecycle, facts: &GateFacts<'_>) -> bool {
        let g = RecordGovernance::new(
            self.pack,
            facts.system.clone(),
            facts.classification.cloned(),
            facts.approvals.to_vec(),
            facts.assessments.to_vec(),
        );
        let refusal = if !g.targets().contains(&to) {
            Some(ServiceError::Refused(Refusal::NotAMove {
                allowed: g.targets(),
            }))
        } else {
            let missing = g.missing(to);
            (!missing.is_empty()).then_some(ServiceError::GateRefused { to, missing })
        };
        let open = refusal.is_none();
        if let Ok(mut slot) = self.refusal.lock() {
            *slot = refusal;
        }
        open
    }
}

impl Services {
    /// The pack that governs `org`: its own, or that of the nearest organisation above it (a
    /// region's pack governs its municipalities).
    pub async fn pack_for(&self, org: OrgId) -> ServiceResult<Option<&PolicyPack>> {
        let orgs = self.store().organisations().await?;
        let tree = self.store().org_tree().await?;
        Ok(governing_pack(&self.content().policies, &orgs, &tree, org))
    }

    /// The records among `systems` that are in front of users but no longer meet their state's
    /// gate, each with what it lacks. Reads the facts of all of them at once (a handful of
    /// queries whatever their number), for overviews.
    pub async fn nonconforming(
        &self,
        scope: &ReadScope,
        systems: &[AiSystem],
    ) -> ServiceResult<Vec<(SystemId, Vec<Missing>)>> {
        let deployed: Vec<&AiSystem> = systems
            .iter()
            .filter(|s| s.record.lifecycle.is_deployment())
            .collect();
        if deployed.is_empty() {
            return Ok(Vec::new());
        }
        let store = self.store();
        let ids: Vec<SystemId> = deployed.iter().map(|s| s.id).collect();
        let filter = ReportFilter {
            systems: Some(ids.clone()),
            ..ReportFilter::default()
        };
        let runs = store.current_classifications(scope, Some(&ids)).await?;
        let approvals = store.approvals(scope, &filter).await?;
        let assessments = store.assessments_in(scope, &filter).await?;
        let all_orgs = store.organisations().await?;
        let tree = store.org_tree().await?;
        // Grouped by record once: looked up per record, not searched per record.
        let mut run_of: HashMap<SystemId, _> = runs.into_iter().map(|r| (r.system_id, r)).collect();
        let mut approvals_of: HashMap<SystemId, Vec<_>> = HashMap::new();
        for a in approvals {
            approvals_of.entry(a.system_id).or_default().push(a);
        }
        let mut assessments_of: HashMap<SystemId, Vec<_>> = HashMap::new();
        for a in assessments {
            assessments_of.entry(a.system_id).or_default().push(a);
        }
        let mut out = Vec::new();
        for s in deployed {
            let g = RecordGovernance::new(
                governing_pack(&self.content().policies, &all_orgs, &tree, s.org_id),
                s.clone(),
                run_of.remove(&s.id),
                approvals_of.remove(&s.id).unwrap_or_default(),
                assessments_of.remove(&s.id).unwrap_or_default(),
            );
            let missing = g.nonconformities();
            if !missing.is_empty() {
                out.push((s.id, missing));
            }
        }
        Ok(out)
    }

    /// The records of `orgs` in front of users (piloted or in use) that no longer meet their
    /// state's gate, each with what it lacks: the first `shown` in the order of their ids, and
    /// how many there are. Read a thousand at a time, so that only a page and what is shown
    /// are held, however large the register.
    pub async fn nonconforming_in(
        &self,
        scope: &ReadScope,
        orgs: &[OrgId],
        shown: u32,
    ) -> ServiceResult<Shown<(AiSystem, Vec<Missing>)>> {
        // Without a policy pack the platform's gate applies, which a record in front of users
        // fails only when its AI Act category is prohibited: those are found by the category
        // kept in the search index. A pack's gate is judged on each record's facts.
        let all_orgs = self.store().organisations().await?;
        let tree = self.store().org_tree().await?;
        let packs = &self.content().policies;
        let (with_pack, without_pack): (Vec<OrgId>, Vec<OrgId>) = orgs
            .iter()
            .partition(|o| governing_pack(packs, &all_orgs, &tree, **o).is_some());
        let mut lists = Vec::new();
        for state in [Lifecycle::Pilot, Lifecycle::InUse] {
            lists.push(SystemFilter {
                orgs: Some(with_pack.clone()),
                lifecycle: Some(state),
                ..SystemFilter::default()
            });
            lists.push(SystemFilter {
                orgs: Some(without_pack.clone()),
                lifecycle: Some(state),
                category: Some(Category::Prohibited),
                ..SystemFilter::default()
            });
        }
        let mut found = Vec::new();
        let mut total = 0;
        for filter in lists
            .into_iter()
            .filter(|f| f.orgs.as_ref().is_some_and(|o| !o.is_empty()))
        {
            let mut after = None;
            loop {
                let page = self
                    .store()
                    .all_systems(scope, &filter, after, 1000)
                    .await?;
                let Some(last) = page.last() else { break };
                after = Some(last.id);
                let mut lacking: HashMap<SystemId, Vec<Missing>> = self
                    .nonconforming(scope, &page)
                    .await?
                    .into_iter()
                    .collect();
                total += lacking.len() as i64;
                let room = (shown as usize).saturating_sub(found.len());
                found.extend(
                    page.into_iter()
                        .filter_map(|s| lacking.remove(&s.id).map(|m| (s, m)))
                        .take(room),
                );
            }
        }
        Ok(Shown {
            items: found,
            total,
        })
    }

    /// The governance facts of a record the reader may see (`scope`).
    pub async fn governance(
        &self,
        scope: &ReadScope,
        system: AiSystem,
    ) -> ServiceResult<RecordGovernance<'_>> {
        let store = self.store();
        let classification = store
            .current_classifications(scope, Some(&[system.id]))
            .await?
            .into_iter()
            .next();
        let filter = ReportFilter {
            system: Some(system.id),
            ..ReportFilter::default()
        };
        let approvals = store.approvals(scope, &filter).await?;
        let assessments = store.assessments(scope, system.id).await?;
        let pack = self.pack_for(system.org_id).await?;
        Ok(RecordGovernance::new(
            pack,
            system,
            classification,
            approvals,
            assessments,
        ))
    }

    /// The people who belong to `body` for `system`: holders of its roles in the record's
    /// organisation or above it (roles reach down the hierarchy), and the person the record
    /// names. Disabled accounts are left out.
    pub async fn body_members(&self, system: &AiSystem, body: &Body) -> ServiceResult<Vec<User>> {
        let store = self.store();
        let tree = store.org_tree().await?;
        let scope = workflow_scope();
        let mut people: Vec<User> = Vec::new();
        for org in tree.ancestors_and_self(system.org_id) {
            for member in store.members(&scope, org).await? {
                if member.roles.iter().any(|r| body.roles.contains(r))
                    && !people.iter().any(|p| p.id == member.user.id)
                {
                    people.push(member.user);
                }
            }
        }
        let named = match body.record_person {
            Some(RecordPerson::SystemOwner) => system.record.system_owner,
            Some(RecordPerson::ProcessOwner) => system.record.process_owner,
            None => None,
        };
        if let Some(id) = named
            && !people.iter().any(|p| p.id == id)
            && let Some(u) = store.user(id).await?
        {
            people.push(u);
        }
        people.retain(|p| !p.disabled);
        Ok(people)
    }

    /// The people a record names (its process and system owner), with accounts in use.
    pub async fn named_people(&self, system: &AiSystem) -> ServiceResult<Vec<User>> {
        let mut people: Vec<User> = Vec::new();
        for id in [system.record.process_owner, system.record.system_owner]
            .into_iter()
            .flatten()
        {
            if !people.iter().any(|p| p.id == id)
                && let Some(u) = self.store().user(id).await?
                && !u.disabled
            {
                people.push(u);
            }
        }
        Ok(people)
    }

    /// The organisation's admins with accounts in use.
    pub async fn admins(&self, org: OrgId) -> ServiceResult<Vec<User>> {
        Ok(self
            .store()
            .members(&workflow_scope(), org)
            .await?
            .into_iter()
            .filter(|m| m.roles.contains(&Role::OrgAdmin) && !m.user.disabled)
            .map(|m| m.user)
            .collect())
    }

    /// Every record `scope` sees that `filter` keeps, page by page (lists are paged in the
    /// store).
    pub async fn all_systems(
        &self,
        scope: &ReadScope,
        filter: &SystemFilter,
    ) -> ServiceResult<Vec<AiSystem>> {
        // By id, not by page number nor by name: each page is found by its key, with no
        // count and no sort of the whole list.
        let mut all = Vec::new();
        let mut after = None;
        loop {
            let got = self.store().all_systems(scope, filter, after, 1000).await?;
            let Some(last) = got.last() else {
                return Ok(all);
            };
            after = Some(last.id);
            all.extend(got);
        }
    }
}

/// The pack naming `org` or the nearest organisation above it.
fn governing_pack<'p>(
    packs: &'p Policies,
    orgs: &[Organisation],
    tree: &OrgTree,
    org: OrgId,
) -> Option<&'p PolicyPack> {
    let slugs: Vec<&str> = tree
        .ancestors_and_self(org)
        .iter()
        .filter_map(|id| orgs.iter().find(|o| o.id == *id))
        .map(|o| o.slug.as_str())
        .collect();
    packs.for_org(&slugs)
}

/// Whether the actor belongs to `body` in `org` by role (bodies that act for an organisation,
/// such as the one reviewing its policy).
pub fn is_member_in(actor: &Actor, org: OrgId, body: &Body) -> bool {
    body.roles.iter().any(|r| actor.has_role(org, *r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_approval_to_use_covers_a_pilot() {
        assert!(covers(Lifecycle::InUse, Lifecycle::Pilot));
        assert!(covers(Lifecycle::Pilot, Lifecycle::Pilot));
        assert!(!covers(Lifecycle::Pilot, Lifecycle::InUse));
    }

    #[test]
    fn without_a_pack_only_prohibited_practices_are_stopped() {
        let prohibited = Situation {
            ai_act: Some(AiActSituation {
                category: Category::Prohibited,
                ..AiActSituation::default()
            }),
            ..Situation::default()
        };
        let missing = platform_gate(Lifecycle::InUse, &prohibited);
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].code, "prohibited");
        assert!(!missing[0].text.sv.is_empty());
        assert!(platform_gate(Lifecycle::Retired, &prohibited).is_empty());
        assert!(platform_gate(Lifecycle::InUse, &Situation::default()).is_empty());
    }
}
