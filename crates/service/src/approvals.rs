//! Approvals: a request to every body the policy routes a deployment to (its members told by
//! e-mail), and each body member's decision with a comment and a minutes reference. The one
//! who asked never decides (four eyes), unless the policy makes it the system owner's own
//! decision; a request to the person the record names is decided by the one it was routed to.

use aireg_domain::governance::{ApprovalDecision, ApprovalId, ApprovalRequest, NewApprovalRequest};
use aireg_domain::policy::{
    Action, Actor, Permit, ReadScope, RecordPerson, Resource, authorize,
    authorize_approval_decision, permit_follow_up,
};
use aireg_domain::system::AiSystem;
use aireg_domain::system::Lifecycle;
use aireg_domain::validation::Problem;
use aireg_domain::{Lang, Localized, SystemId};
use aireg_i18n::Tr;
use aireg_rules::ai_act::Text;
use aireg_rules::policy::ApprovalRequirement;

use crate::governance::RecordGovernance;
use crate::outbox::Mail;
use crate::{Refusal, ServiceError, ServiceResult, Services};

/// Who asked for approvals: a person on the governance page or through the API, or the policy
/// itself after an edit left a record in use short of what it now needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Asked {
    ByPerson,
    AfterChange,
}

impl Asked {
    fn mail_kind(self) -> &'static str {
        match self {
            Asked::ByPerson => "approval-requested",
            Asked::AfterChange => "approval-requested-after-change",
        }
    }
}

/// The longest note with a request.
pub const MAX_NOTE: usize = 5000;

/// A pack text as a localised value.
pub fn localized(t: &Text) -> Localized {
    let mut l = Localized::new();
    l.set(Lang::Fi, t.fi.clone());
    l.set(Lang::Sv, t.sv.clone());
    l.set(Lang::En, t.en.clone());
    l
}

impl Services {
    /// Asks every body the policy routes the deployment to and that has not been asked yet
    /// (or whose latest answer was no), and tells their members by e-mail.
    pub async fn request_approvals(
        &self,
        actor: &Actor,
        system: SystemId,
        note: &str,
    ) -> ServiceResult<Vec<ApprovalRequest>> {
        let system = self.readable(actor, system).await?;
        let permit = authorize(actor, Action::GovernSystem, Resource::system(&system))?;
        let note = note.trim().to_string();
        if note.chars().count() > MAX_NOTE {
            return Err(ServiceError::invalid(
                "note",
                Problem::TooLong { max: MAX_NOTE },
            ));
        }
        let g = self
            .governance(&ReadScope::for_actor(actor), system)
            .await?;
        if g.pack.is_none() {
            return Err(ServiceError::Refused(Refusal::NoPolicy));
        }
        let to_ask = g.approvals_to_ask();
        if to_ask.is_empty() {
            return Err(ServiceError::Refused(Refusal::NothingToRequest));
        }
        self.ask(actor, &permit, &g, &to_ask, Some(note), Asked::ByPerson)
            .await
    }

    /// After an edit (or a new classification) of a record in front of users: the approvals
    /// its state's gate now lacks are asked for, the editor being their requester, so the one
    /// who changed a deciding fact is never the only one to approve what it asks for. What
    /// else it lacks (an assessment, a named person) shows wherever the record is shown as not
    /// compliant. The edit itself is already saved: a request that fails is logged, and the
    /// record stays not compliant until someone asks.
    pub(crate) async fn ask_what_an_edit_made_missing(
        &self,
        actor: &Actor,
        edit: &Permit,
        system: AiSystem,
    ) {
        if !system.record.lifecycle.is_deployment() {
            return;
        }
        let Some(permit) = permit_follow_up(edit) else {
            return;
        };
        let id = system.id;
        let asked = async {
            let g = self
                .governance(&ReadScope::for_actor(actor), system)
                .await?;
            let missing = g.nonconformities();
            let to_ask: Vec<ApprovalRequirement> = g
                .approvals_to_ask()
                .into_iter()
                .filter(|req| {
                    missing
                        .iter()
                        .any(|m| m.code == "approval" && m.item.as_deref() == Some(&req.body))
                })
                .collect();
            if to_ask.is_empty() {
                return Ok(Vec::new());
            }
            self.ask(actor, &permit, &g, &to_ask, None, Asked::AfterChange)
                .await
        };
        match asked.await {
            Ok(made) if !made.is_empty() => {
                tracing::info!(system = %id, asked = made.len(), "an edit left a record in use short of approvals; asked for them");
            }
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(system = %id, error = %e, "could not ask for the approvals an edit made missing");
            }
        }
    }

    /// Asks `to_ask` of the record `g` governs and tells each body's members by e-mail.
    pub(crate) async fn ask(
        &self,
        actor: &Actor,
        permit: &Permit,
        g: &RecordGovernance<'_>,
        to_ask: &[ApprovalRequirement],
        note: Option<String>,
        asked: Asked,
    ) -> ServiceResult<Vec<ApprovalRequest>> {
        let Some(pack) = g.pack else {
            return Ok(Vec::new());
        };
        let s = &g.system;
        let mut requests = Vec::new();
        let mut jobs = Vec::new();
        for req in to_ask {
            let Some(body) = pack.body(&req.body) else {
                continue;
            };
            // A body that is the record's named person goes to whoever it names now.
            let routed_to = match body.record_person {
                Some(RecordPerson::SystemOwner) => s.record.system_owner,
                Some(RecordPerson::ProcessOwner) => s.record.process_owner,
                None => None,
            };
            // After a change, a person the record does not name yet is asked once it names
            // them (that edit asks again); and the one who made the change is never asked to
            // decide alone on what it asks for: the record stays flagged until someone else
            // asks (on the governance page).
            if asked == Asked::AfterChange
                && ((body.record_person.is_some() && routed_to.is_none())
                    || (routed_to.is_some() && routed_to == actor.user_id()))
            {
                continue;
            }
            requests.push(NewApprovalRequest {
                body: req.body.clone(),
                body_name: localized(&body.name),
                policy_id: pack.id.clone(),
                policy_version: pack.version.clone(),
                target: Lifecycle::InUse,
                reason: localized(&req.reason),
                // Whoever changed a fact the routing rests on never decides alone on what the
                // change asked for: the request is theirs, and four eyes apply.
                own_decision: req.own_decision && asked == Asked::ByPerson,
                routed_to,
                note: note.clone(),
            });
            // Each member reads the message, the record's name and the link in their language.
            for person in self.body_members(s, body).await? {
                let l = person.language;
                let mail = Mail::compose(
                    &person,
                    asked.mail_kind(),
                    &[
                        ("system", s.record.name.text(l, &[]).to_string()),
                        ("body", body.name.get(l.code()).to_string()),
                        ("requester", actor.name().to_string()),
                        ("reason", req.reason.get(l.code()).to_string()),
                        ("link", self.outbox().link(&governance_path(l, s.id))),
                    ],
                );
                jobs.push(mail.job_at(None, self.now()));
            }
        }
        Ok(self
            .store()
            .request_approvals(permit, s.id, requests, jobs)
            .await?)
    }

    /// A body member's decision on a request; the one who asked hears of it by e-mail.
    pub async fn decide_approval(
        &self,
        actor: &Actor,
        approval: ApprovalId,
        expected_version: i64,
        decision: ApprovalDecision,
    ) -> ServiceResult<ApprovalRequest> {
        let scope = ReadScope::for_actor(actor);
        let request = self
            .store()
            .approval(&scope, approval)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let system = self.readable(actor, request.system_id).await?;
        let pack = self.pack_for(system.org_id).await?;
        let body = pack
            .and_then(|p| p.body(&request.body))
            .ok_or(ServiceError::Forbidden)?;
        let Resource::System(facts) = Resource::system(&system) else {
            return Err(ServiceError::Forbidden);
        };
        let permit = authorize_approval_decision(actor, facts, &body.membership(), &request)?;
        let mut jobs = Vec::new();
        if let Some(requester) = request.requested_by
            && Some(requester) != actor.user_id()
            && let Some(person) = self.store().user(requester).await?
            && !person.disabled
        {
            let l = person.language;
            let mail = Mail::compose(
                &person,
                "approval-decided",
                &[
                    ("system", system.record.name.text(l, &[]).to_string()),
                    ("body", body.name.get(l.code()).to_string()),
                    ("decider", actor.name().to_string()),
                    (
                        "decision",
                        Tr::new(l).get(&decision.decision.status().message_id()),
                    ),
                    ("comment", decision.comment.clone().unwrap_or_default()),
                    ("link", self.outbox().link(&governance_path(l, system.id))),
                ],
            );
            jobs.push(mail.job_at(None, self.now()));
        }
        Ok(self
            .store()
            .decide_approval(&permit, approval, expected_version, decision, jobs)
            .await?)
    }
}

/// A record's governance page, where every governance e-mail links to.
pub fn governance_path(lang: Lang, system: SystemId) -> String {
    format!("/{}/staff/systems/{}/governance", lang.code(), system)
}
