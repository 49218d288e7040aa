//! Impact assessments of a record: the template's questions answered (a draft at any time,
//! completed when every required answer is given), comments, and sign-off by the body the
//! policy names. Answers of the record's other assessments prefill empty questions.

use std::collections::BTreeMap;

use aireg_domain::governance::{Assessment, AssessmentComment, AssessmentId};
use aireg_domain::person::Role;
use aireg_domain::policy::{
    Action, Actor, BodyMembership, ReadScope, RecordPerson, Resource, authorize,
    authorize_body_decision,
};
use aireg_domain::system::AiSystem;
use aireg_domain::{Lang, SystemId};
use aireg_rules::assessment::{Answers, Template};
use aireg_store::{AssessmentDraft, StoreError};

use crate::governance::RecordGovernance;
use crate::{Refusal, ServiceError, ServiceResult, Services};

/// One assessment of one record, with what the policy says of it.
pub struct AssessmentCase<'a> {
    pub governance: RecordGovernance<'a>,
    pub template: &'a Template,
}

impl<'a> AssessmentCase<'a> {
    pub fn system(&self) -> &AiSystem {
        &self.governance.system
    }

    /// The stored assessment, if started.
    pub fn current(&self) -> Option<&Assessment> {
        self.governance.assessment(&self.template.id)
    }

    /// The answers to show: the stored ones, with empty questions prefilled from the record's
    /// other assessments; and whether anything was prefilled.
    pub fn answers(&self) -> (Answers, bool) {
        let stored = self
            .current()
            .map(|a| a.answers.clone())
            .unwrap_or_default();
        let others: BTreeMap<String, Answers> = self
            .governance
            .assessments
            .iter()
            .filter(|a| a.template_id != self.template.id)
            .map(|a| (a.template_id.clone(), a.answers.clone()))
            .collect();
        let filled = self.template.prefill(&stored, &others);
        let prefilled = !filled.is_empty();
        let mut shown = stored;
        shown.extend(filled);
        (shown, prefilled)
    }

    /// Who signs it off: the body its requirement names, or, for one the policy did not ask
    /// for, the system owner. The body's id and who sits in it.
    pub fn sign_off(&self) -> (String, BodyMembership) {
        let owner_only = || BodyMembership {
            roles: Vec::<Role>::new(),
            record_person: Some(RecordPerson::SystemOwner),
        };
        let g = &self.governance;
        let req = g.pack.and_then(|p| {
            p.assessments_required(&g.situation)
                .into_iter()
                .find(|r| r.assessment == self.template.id)
        });
        match (req, g.pack) {
            (Some(r), Some(pack)) => match pack.body(&r.sign_off_body) {
                Some(body) => (r.sign_off_body.clone(), body.membership()),
                None => (r.sign_off_body.clone(), owner_only()),
            },
            _ => ("system_owner".into(), owner_only()),
        }
    }

    /// The sign-off body's name in a language (the system owner's for a voluntary one).
    pub fn sign_off_body_name(&self, lang: Lang) -> Option<String> {
        let (id, _) = self.sign_off();
        self.governance
            .pack
            .and_then(|p| p.body(&id))
            .map(|b| b.name.get(lang.code()).to_string())
    }

    /// Whether the actor may sign the assessment now.
    pub fn may_sign(&self, actor: &Actor) -> bool {
        let (_, body) = self.sign_off();
        let completed = self
            .current()
            .is_some_and(|a| a.status == aireg_domain::governance::AssessmentStatus::Completed);
        completed
            && match Resource::system(self.system()) {
                Resource::System(f) => body.includes(actor, &f),
                _ => false,
            }
    }
}

/// What the public may know of a record's impact assessments: which were completed and when,
/// not what they say.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentDone {
    pub template_id: String,
    pub signed_at: time::OffsetDateTime,
}

impl Services {
    /// The impact assessments of a published record that were signed off, oldest first. The
    /// answers stay internal; that an assessment was done, and when, is for the public to
    /// know (seed 003's open register, AI Act art. 27's FRIA).
    pub async fn assessments_done(&self, id: SystemId) -> ServiceResult<Vec<AssessmentDone>> {
        let published = self
            .store()
            .system(&aireg_domain::policy::ReadScope::public(), id)
            .await?;
        if published.is_none() {
            return Err(ServiceError::NotFound);
        }
        // Read as the register itself: the public scope cannot read assessments at all.
        let register = aireg_domain::policy::ReadScope::for_actor(
            &aireg_domain::policy::Actor::command_line("public register"),
        );
        let mut done: Vec<AssessmentDone> = self
            .store()
            .assessments(&register, id)
            .await?
            .into_iter()
            .filter_map(|a| {
                Some(AssessmentDone {
                    template_id: a.template_id,
                    signed_at: a.signed_at?,
                })
            })
            .collect();
        done.sort_by_key(|a| a.signed_at);
        Ok(done)
    }

    /// The assessment of `template` for a record the actor may read.
    pub async fn assessment_case(
        &self,
        actor: &Actor,
        system: SystemId,
        template: &str,
    ) -> ServiceResult<AssessmentCase<'_>> {
        let system = self.readable(actor, system).await?;
        let template = self
            .content()
            .templates
            .get(template)
            .ok_or(ServiceError::NotFound)?;
        let governance = self
            .governance(&ReadScope::for_actor(actor), system)
            .await?;
        Ok(AssessmentCase {
            governance,
            template,
        })
    }

    /// The case of a stored assessment, by its id.
    pub async fn assessment_case_of(
        &self,
        actor: &Actor,
        id: AssessmentId,
    ) -> ServiceResult<(AssessmentCase<'_>, Assessment)> {
        let found = self
            .store()
            .assessment(&ReadScope::for_actor(actor), id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let case = self
            .assessment_case(actor, found.system_id, &found.template_id)
            .await?;
        let a = case.current().cloned().ok_or(ServiceError::NotFound)?;
        Ok((case, a))
    }

    /// Saves the answers as a draft, or completed (`complete`), which needs every required
    /// answer. A saved change to a signed assessment needs a new sign-off.
    pub async fn save_assessment(
        &self,
        actor: &Actor,
        system: SystemId,
        template: &str,
        expected_version: i64,
        answers: Answers,
        complete: bool,
    ) -> ServiceResult<Assessment> {
        let case = self.assessment_case(actor, system, template).await?;
        let permit = authorize(actor, Action::GovernSystem, Resource::system(case.system()))?;
        let errors = case.template.check(&answers, complete);
        if !errors.is_empty() {
            return Err(ServiceError::InvalidAnswers(errors));
        }
        let (sign_off_body, _) = case.sign_off();
        let draft = AssessmentDraft {
            system_id: case.system().id,
            template_id: case.template.id.clone(),
            template_version: case.template.version.clone(),
            sign_off_body,
            answers,
            complete,
        };
        Ok(self
            .store()
            .save_assessment(&permit, draft, Some(expected_version))
            .await?)
    }

    /// Signs a completed assessment off, by a member of the body the policy names.
    pub async fn sign_assessment(
        &self,
        actor: &Actor,
        id: AssessmentId,
        expected_version: i64,
    ) -> ServiceResult<Assessment> {
        let (case, a) = self.assessment_case_of(actor, id).await?;
        let (_, body) = case.sign_off();
        let Resource::System(facts) = Resource::system(case.system()) else {
            return Err(ServiceError::Forbidden);
        };
        let permit =
            authorize_body_decision(actor, Action::SignAssessment, facts, &body, None, false)?;
        match self
            .store()
            .sign_assessment(&permit, a.id, expected_version)
            .await
        {
            Err(StoreError::Invalid(_)) => Err(ServiceError::Refused(Refusal::SignNeedsComplete)),
            other => Ok(other?),
        }
    }

    /// A comment on an assessment, optionally on one question, by anyone who may read it.
    pub async fn comment_assessment(
        &self,
        actor: &Actor,
        id: AssessmentId,
        question: Option<&str>,
        text: &str,
    ) -> ServiceResult<AssessmentComment> {
        let (case, a) = self.assessment_case_of(actor, id).await?;
        let permit = authorize(actor, Action::ReadSystem, Resource::system(case.system()))?;
        let question = question
            .filter(|q| !q.is_empty() && case.template.question(q).is_some())
            .map(String::from);
        Ok(self
            .store()
            .comment_assessment(&permit, a.id, question, text.to_string())
            .await?)
    }
}
