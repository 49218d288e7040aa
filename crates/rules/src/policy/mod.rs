//! Governance policy packs (content/policies): bodies, approval routing, required assessments, lifecycle gates, reviews, incident routing.
//!
//! Each organisation's (or region's) AI policy lives as data in `content/policies/*.toml`; this
//! module loads and validates the packs and interprets them with pure functions. It holds no
//! policy of its own beyond three platform invariants: a move to `suspended` or `retired` is
//! always allowed, a system classified as a prohibited practice (AI Act art. 5) never goes to
//! `pilot` or `in_use`, and every pack must require a DPIA for personal data, a FRIA where the
//! AI Act requires one, and an approval for every deployment (checked when the pack loads).
//!
//! ```
//! use aireg_domain::system::Lifecycle;
//! use aireg_rules::policy::{GateState, Policies, Situation};
//!
//! let policies = Policies::embedded().expect("the embedded packs are valid");
//! let kainuu = policies.for_org(&["kajaani", "kainuu"]).expect("Kajaani is in Kainuu");
//! let situation = Situation { personal_data: true, ..Situation::default() };
//! let approvals: Vec<_> = kainuu
//!     .approvals_required(&situation)
//!     .into_iter()
//!     .map(|a| a.body)
//!     .collect();
//! assert_eq!(approvals, ["approver_group", "process_owner"]);
//!
//! let state = GateState { situation, system_owner_named: true, ..GateState::default() };
//! let missing = kainuu.gate(Lifecycle::InUse, &state);
//! assert!(missing.iter().any(|m| m.text.en == "The signed data protection impact assessment (DPIA) is missing"));
//! ```

mod condition;
mod engine;
mod pack;

pub use condition::{Condition, Fact};
pub use engine::{
    AiActSituation, ApprovalRequirement, AssessmentRequirement, GateState, Missing, Situation,
};
pub use pack::{
    ApprovalRule, AssessmentRule, AssessmentType, Body, GateCheck, GateRule, IncidentRoute,
    MissingTexts, POLICY_FILES, Policies, PolicyError, PolicyPack, ReviewPolicy, SummarySection,
    all_situations,
};
