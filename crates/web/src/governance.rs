//! The governance workflow at the web edge: which policy pack governs a record, what it asks of
//! the record now, and who belongs to the bodies it names. The decisions themselves are pure
//! functions in `aireg_rules::policy` (routing, gates) and `aireg_domain::policy` (who may act);
//! this module gathers their facts from the store.

use aireg_domain::classification::{Category, ClassificationRun};
use aireg_domain::governance::{ApprovalRequest, ApprovalStatus, Assessment, AssessmentStatus};
use aireg_domain::org::Organisation;
use aireg_domain::person::User;
use aireg_domain::policy::{Actor, BodyMembership, OrgTree, ReadScope, RecordPerson, Resource};
use aireg_domain::system::{AiSystem, Lifecycle};
use aireg_domain::{Lang, OrgId};
use aireg_rules::ai_act::Text;
use aireg_rules::assessment::Templates;
use aireg_rules::policy::{
    AiActSituation, Body, GateState, Missing, Policies, PolicyPack, Situation,
};
use aireg_store::{PageRequest, ReportFilter, SystemFilter};

use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;

/// The policy packs compiled into the binary.
pub fn policies() -> Result<&'static Policies, AppError> {
    Policies::embedded().map_err(|e| AppError::Internal(format!("policy packs: {e}")))
}

/// The assessment templates compiled into the binary.
pub fn templates() -> Result<&'static Templates, AppError> {
    Templates::embedded().map_err(|e| AppError::Internal(format!("assessment templates: {e}")))
}

/// The pack that governs `org`: its own, or that of the nearest organisation above it (a
/// region's pack governs its municipalities).
pub fn pack_for(
    orgs: &[Organisation],
    tree: &OrgTree,
    org: OrgId,
) -> Result<Option<&'static PolicyPack>, AppError> {
    let slugs: Vec<&str> = tree
        .ancestors_and_self(org)
        .iter()
        .filter_map(|id| orgs.iter().find(|o| o.id == *id))
        .map(|o| o.slug.as_str())
        .collect();
    Ok(policies()?.for_org(&slugs))
}

/// Who belongs to a body, in the domain's terms.
pub fn membership(body: &Body) -> BodyMembership {
    body.membership()
}

/// A pack text in the reader's language.
pub fn text(t: &Text, lang: Lang) -> String {
    t.get(lang.code()).to_string()
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

/// Everything the policy looks at for one record, gathered from the store.
pub struct RecordGovernance {
    pub system: AiSystem,
    pub pack: Option<&'static PolicyPack>,
    pub situation: Situation,
    /// The record does not say whether it processes personal data: the policy treats it as
    /// processing until the record says otherwise.
    pub personal_data_assumed: bool,
    /// Every approval request of the record, oldest first.
    pub approvals: Vec<ApprovalRequest>,
    pub assessments: Vec<Assessment>,
    pub classification: Option<ClassificationRun>,
}

impl RecordGovernance {
    /// Gathers the facts of a record the caller may read (`scope`).
    pub async fn load(
        state: &AppState,
        scope: &ReadScope,
        system: AiSystem,
    ) -> Result<RecordGovernance, AppError> {
        let classification = state
            .store
            .current_classifications(scope, Some(&[system.id]))
            .await?
            .into_iter()
            .next();
        let filter = ReportFilter {
            system: Some(system.id),
            ..ReportFilter::default()
        };
        let approvals = state.store.approvals(scope, &filter).await?;
        let assessments = state.store.assessments(scope, system.id).await?;
        Self::of(state, system, classification, approvals, assessments).await
    }

    /// The facts of a record not saved yet: nothing asked, assessed or classified.
    pub async fn of_new(state: &AppState, system: AiSystem) -> Result<RecordGovernance, AppError> {
        Self::of(state, system, None, Vec::new(), Vec::new()).await
    }

    async fn of(
        state: &AppState,
        system: AiSystem,
        classification: Option<ClassificationRun>,
        approvals: Vec<ApprovalRequest>,
        assessments: Vec<Assessment>,
    ) -> Result<RecordGovernance, AppError> {
        let orgs = state.store.organisations().await?;
        let tree = state.store.org_tree().await?;
        let pack = pack_for(&orgs, &tree, system.org_id)?;
        let ai_act = classification
            .as_ref()
            .and_then(crate::ai_act::outcome_of)
            .map(|o| AiActSituation::from_outcome(&o));
        let r = &system.record;
        let situation = Situation {
            personal_data: r.personal_data != Some(false),
            sensitive_data: r.sensitive_data == Some(true),
            ai_features_added: false,
            ai_act,
        };
        Ok(RecordGovernance {
            personal_data_assumed: r.personal_data.is_none(),
            system,
            pack,
            situation,
            approvals,
            assessments,
            classification,
        })
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
}

/// Every record `scope` sees that `filter` keeps, page by page (lists are paged in the store).
pub async fn all_systems(
    state: &AppState,
    scope: &ReadScope,
    filter: &SystemFilter,
) -> Result<Vec<AiSystem>, AppError> {
    let mut all = Vec::new();
    let per_page = PageRequest::MAX_PER_PAGE;
    for page in 1.. {
        let got = state
            .store
            .systems(scope, filter, PageRequest::new(page, per_page))
            .await?;
        let done = got.items.len() < per_page as usize;
        all.extend(got.items);
        if done {
            break;
        }
    }
    Ok(all)
}

/// Reads what only the workflow itself may read across organisations: the members of a body
/// sitting in an organisation above the record's (a region's AI working group), to tell them.
pub fn workflow_scope() -> ReadScope {
    ReadScope::for_actor(&Actor::command_line("aireg:workflow"))
}

/// The people who belong to `body` for `system`: holders of its roles in the record's
/// organisation or above it (roles reach down the hierarchy), and the person the record names.
/// Disabled accounts are left out.
pub async fn body_members(
    state: &AppState,
    system: &AiSystem,
    body: &Body,
) -> Result<Vec<User>, AppError> {
    let tree = state.store.org_tree().await?;
    let m = membership(body);
    let scope = workflow_scope();
    let mut people: Vec<User> = Vec::new();
    for org in tree.ancestors_and_self(system.org_id) {
        for member in state.store.members(&scope, org).await? {
            if member.roles.iter().any(|r| m.roles.contains(r))
                && !people.iter().any(|p| p.id == member.user.id)
            {
                people.push(member.user);
            }
        }
    }
    let named = match m.record_person {
        Some(RecordPerson::SystemOwner) => system.record.system_owner,
        Some(RecordPerson::ProcessOwner) => system.record.process_owner,
        None => None,
    };
    if let Some(id) = named
        && !people.iter().any(|p| p.id == id)
        && let Some(u) = state.store.user(id).await?
    {
        people.push(u);
    }
    people.retain(|p| !p.disabled);
    Ok(people)
}

/// Whether the actor belongs to `body` in `org` by role (bodies that act for an organisation,
/// such as the one reviewing its policy).
pub fn is_member_in(actor: &Actor, org: OrgId, body: &Body) -> bool {
    membership(body)
        .roles
        .iter()
        .any(|r| actor.has_role(org, *r))
}

/// Whether the actor belongs to `body` for this record.
pub fn is_member(actor: &Actor, system: &AiSystem, body: &Body) -> bool {
    match Resource::system(system) {
        Resource::System(facts) => membership(body).includes(actor, &facts),
        _ => false,
    }
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
