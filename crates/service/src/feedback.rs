//! Residents' feedback on published records: questions, corrections, contests. No account is
//! needed; the people who answer for the record are told, and their answer goes back to the
//! resident by e-mail when they gave an address.

use aireg_domain::SystemId;
use aireg_domain::governance::{Feedback, FeedbackId, FeedbackStatus, NewFeedback};
use aireg_domain::person::User;
use aireg_domain::policy::{Action, Actor, ReadScope, Resource, authorize};
use aireg_domain::system::AiSystem;
use aireg_i18n::Tr;

use crate::outbox::Mail;
use crate::{ServiceError, ServiceResult, Services};

/// The days to answer in where no policy says.
pub const DEFAULT_RESPONSE_DAYS: u32 = 14;

impl Services {
    /// The days the organisation's policy gives for answering.
    pub async fn response_days(&self, system: &AiSystem) -> ServiceResult<u32> {
        Ok(self
            .pack_for(system.org_id)
            .await?
            .map(|p| p.feedback_response_days)
            .unwrap_or(DEFAULT_RESPONSE_DAYS))
    }

    /// The people who answer for a record: those it names, or else the organisation's admins.
    pub async fn responsible(&self, system: &AiSystem) -> ServiceResult<Vec<User>> {
        let people = self.named_people(system).await?;
        if people.is_empty() {
            return self.admins(system.org_id).await;
        }
        Ok(people)
    }

    /// A resident's message on a published record; the people who answer for it are told.
    pub async fn submit_feedback(
        &self,
        system: SystemId,
        message: NewFeedback,
    ) -> ServiceResult<Feedback> {
        let system = self
            .store()
            .system(&ReadScope::public(), system)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let days = self.response_days(&system).await?;
        let mut jobs = Vec::new();
        for p in self.responsible(&system).await? {
            let l = p.language;
            let mail = Mail::compose(
                &p,
                "feedback-received",
                &[
                    ("system", system.record.name.text(l, &[]).to_string()),
                    ("kind", Tr::new(l).get(&message.kind.message_id())),
                    ("days", days.to_string()),
                    (
                        "link",
                        self.outbox().link(&format!("/{}/staff/feedback", l.code())),
                    ),
                ],
            );
            jobs.push(mail.job_at(None, self.now()));
        }
        Ok(self
            .store()
            .submit_feedback(system.id, message, days, jobs)
            .await?)
    }

    /// Answers or closes a message; an answer goes to the resident by e-mail when they gave an
    /// address.
    pub async fn respond_feedback(
        &self,
        actor: &Actor,
        id: FeedbackId,
        expected_version: i64,
        status: FeedbackStatus,
        response: &str,
    ) -> ServiceResult<Feedback> {
        let scope = ReadScope::for_actor(actor);
        let item = self
            .store()
            .feedback_item(&scope, id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let system = self.readable(actor, item.system_id).await?;
        let permit = authorize(actor, Action::HandleReports, Resource::system(&system))?;
        let mut jobs = Vec::new();
        if status == FeedbackStatus::Answered
            && let Some(email) = &item.email
        {
            let l = item.lang;
            let mail = Mail::compose_to(
                email,
                l,
                item.name.as_deref(),
                "feedback-answered",
                &[
                    ("system", system.record.name.text(l, &[]).to_string()),
                    ("response", response.trim().to_string()),
                    (
                        "link",
                        self.outbox()
                            .link(&format!("/{}/systems/{}", l.code(), system.id)),
                    ),
                ],
            );
            jobs.push(mail.job_at(
                Some(format!("feedback-answer:{}:{}", item.id, expected_version)),
                self.now(),
            ));
        }
        Ok(self
            .store()
            .respond_feedback(
                &permit,
                id,
                expected_version,
                status,
                Some(response.to_string()),
                jobs,
            )
            .await?)
    }
}
