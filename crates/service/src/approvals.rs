//! Approvals: a request to every body the policy routes a deployment to (its members told by
//! e-mail), and each body member's decision with a comment and a minutes reference. The one
//! who asked never decides (four eyes), unless the policy makes it the system owner's own
//! decision; a request to the person the record names is decided by the one it was routed to.

use aireg_domain::governance::{
    ApprovalDecision, ApprovalId, ApprovalRequest, ApprovalStatus, NewApprovalRequest,
};
use aireg_domain::policy::{
    Action, Actor, ReadScope, RecordPerson, Resource, authorize, authorize_approval_decision,
};
use aireg_domain::system::Lifecycle;
use aireg_domain::validation::Problem;
use aireg_domain::{Lang, Localized, SystemId};
use aireg_i18n::Tr;
use aireg_rules::ai_act::Text;

use crate::outbox::Mail;
use crate::{Refusal, ServiceError, ServiceResult, Services};

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
        let Some(pack) = g.pack else {
            return Err(ServiceError::Refused(Refusal::NoPolicy));
        };
        let latest = g.latest_requests(Lifecycle::InUse);
        let to_ask: Vec<_> = pack
            .approvals_required(&g.situation)
            .into_iter()
            .filter(|req| {
                !latest.iter().any(|a| {
                    a.body == req.body
                        && matches!(a.status, ApprovalStatus::Open | ApprovalStatus::Approved)
                })
            })
            .collect();
        if to_ask.is_empty() {
            return Err(ServiceError::Refused(Refusal::NothingToRequest));
        }
        let s = &g.system;
        let mut requests = Vec::new();
        let mut jobs = Vec::new();
        for req in &to_ask {
            let Some(body) = pack.body(&req.body) else {
                continue;
            };
            // A body that is the record's named person goes to whoever it names now.
            let routed_to = match body.record_person {
                Some(RecordPerson::SystemOwner) => s.record.system_owner,
                Some(RecordPerson::ProcessOwner) => s.record.process_owner,
                None => None,
            };
            requests.push(NewApprovalRequest {
                body: req.body.clone(),
                body_name: localized(&body.name),
                policy_id: pack.id.clone(),
                policy_version: pack.version.clone(),
                target: Lifecycle::InUse,
                reason: localized(&req.reason),
                own_decision: req.own_decision,
                routed_to,
                note: Some(note.clone()),
            });
            // Each member reads the message, the record's name and the link in their language.
            for person in self.body_members(s, body).await? {
                let l = person.language;
                let mail = Mail::compose(
                    &person,
                    "approval-requested",
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
            .request_approvals(&permit, s.id, requests, jobs)
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
