//! Why a use case did not happen.

use aireg_domain::policy::{Denied, TokenScope};
use aireg_domain::system::Lifecycle;
use aireg_domain::validation::{FieldError, Problem};
use aireg_rules::assessment::AnswerError;
use aireg_rules::policy::Missing;
use aireg_store::{StoreError, error_chain};

/// A refusal that is not about one field: the case cannot go on as things stand. Each has a
/// message in the locale files (`message_id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No policy pack governs the record's organisation.
    NoPolicy,
    /// Every approval the policy routes the deployment to is asked or given already.
    NothingToRequest,
    /// The record cannot go there from where it is (a retired system stays retired); the
    /// states it can go to.
    NotAMove { allowed: Vec<Lifecycle> },
    /// Only a completed assessment is signed off.
    SignNeedsComplete,
    /// The organisation's policy does not say which AI tools staff may use.
    NoCatalogue,
    /// The tool asked for is approved already: nothing to ask.
    ToolApproved,
    /// An admin may not disable their own account (nor lock themself out by it).
    NotYourself,
    /// The account holds roles in another organisation too: not this one's to disable.
    MemberElsewhere,
    /// The account's organisation signs its people in through its identity provider only.
    PasswordsOff,
    /// An organisation of the account's requires a second factor: it cannot be turned off.
    SecondFactorRequired,
    /// An authenticator app is in use already: it is turned off (with its code) first.
    SecondFactorInUse,
}

impl Refusal {
    pub fn message_id(&self) -> &'static str {
        match self {
            Refusal::NoPolicy => "governance-no-pack",
            Refusal::NothingToRequest => "approval-nothing-to-request",
            Refusal::NotAMove { .. } => "gate-not-a-move",
            Refusal::SignNeedsComplete => "assessment-sign-needs-complete",
            Refusal::NoCatalogue => "usage-no-catalogue",
            Refusal::ToolApproved => "usage-tool-approved",
            Refusal::NotYourself => "members-not-yourself",
            Refusal::MemberElsewhere => "members-elsewhere",
            Refusal::PasswordsOff => "login-passwords-off",
            Refusal::SecondFactorRequired => "second-factor-required-here",
            Refusal::SecondFactorInUse => "second-factor-in-use",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// No such thing, or not visible to the actor.
    #[error("not found")]
    NotFound,
    #[error("not allowed")]
    Forbidden,
    /// The API token's scope does not cover the action.
    #[error("the token's scope is {held}; this needs {needed}")]
    OutOfScope {
        held: TokenScope,
        needed: TokenScope,
    },
    /// The API token has expired (a token that never existed or was revoked is not told
    /// apart from a wrong one).
    #[error("the token has expired")]
    TokenExpired,
    /// Someone saved a newer version first; nothing was changed.
    #[error("changed by someone else; the current version is {current}")]
    Conflict { current: i64 },
    #[error("invalid input: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    /// Assessment answers that do not satisfy the template.
    #[error("the answers do not satisfy the template ({} problems)", .0.len())]
    InvalidAnswers(Vec<AnswerError>),
    /// The policy's gate refuses the move, naming what it still needs.
    #[error("the move to {to} is not allowed yet")]
    GateRefused {
        to: Lifecycle,
        missing: Vec<Missing>,
    },
    #[error("refused: {}", .0.message_id())]
    Refused(Refusal),
    /// The e-mail address and password do not match an account in use (which of them is
    /// wrong is not said).
    #[error("sign-in failed")]
    SignInFailed,
    /// Signing in through an identity provider was refused.
    #[error("sign-in through the identity provider refused: {}", .0.message_id())]
    SsoRefused(crate::sso::SsoRefusal),
    /// Sign-in refused for now: too many failures.
    #[error("too many attempts; try again in {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: u64 },
    /// A failure on our side (the store, the system); the detail, with its causes, is for the
    /// log only.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type ServiceResult<T> = Result<T, ServiceError>;

impl ServiceError {
    pub fn invalid(field: impl Into<String>, problem: Problem) -> ServiceError {
        ServiceError::Invalid(vec![FieldError::new(field, problem)])
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ServiceError::NotFound,
            StoreError::Conflict { current } => ServiceError::Conflict { current },
            StoreError::Invalid(errors) => ServiceError::Invalid(errors),
            StoreError::Forbidden => ServiceError::Forbidden,
            e @ (StoreError::GateClosed | StoreError::Backend(_)) => {
                ServiceError::Internal(error_chain(&e))
            }
        }
    }
}

impl From<Denied> for ServiceError {
    fn from(d: aireg_domain::policy::Denied) -> Self {
        match d {
            Denied::Role => ServiceError::Forbidden,
            Denied::Scope { held, needed } => ServiceError::OutOfScope { held, needed },
        }
    }
}
