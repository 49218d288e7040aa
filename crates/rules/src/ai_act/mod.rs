//! EU AI Act classification: facts → outcome, interpreted from the content pack in
//! `content/ai-act/`.
//!
//! ```
//! use aireg_rules::ai_act::{Category, Facts, Pack};
//!
//! let pack = Pack::embedded().expect("the embedded pack is valid");
//! let facts = Facts::from_json(&serde_json::json!({
//!     "ai_system": true, "roles": ["deployer"], "public_authority": true
//! }))
//! .expect("valid facts");
//! let outcome = pack.classify(&facts);
//! assert_eq!(outcome.category, Category::Minimal);
//! assert_eq!(outcome.obligations[0].article, "4");
//! ```

mod condition;
mod engine;
mod facts;
mod pack;
mod questionnaire;
mod text;

pub use condition::Condition;
pub use engine::{
    Category, DateStatus, ExplanationStep, HighRiskRoute, ObligationItem, Outcome, Scope,
};
pub use facts::{
    AnnexI, AnnexISection, AnnexIiiCode, Art63Ground, Exclusion, Facts, FactsError, Gpai,
    ProhibitedPractice, Role, RoleShift, TransparencyScenario,
};
pub use pack::{
    Absent, AnnexIiiArea, AnnexIiiPoint, CategoryRule, ChangelogEntry, FactDef, FactValue,
    GlossaryEntry, Milestone, Obligation, PACK_FILES, Pack, PackError, PackMeta, Rule, Rules,
};
pub use questionnaire::{Answers, Question, QuestionKind, QuestionOption};
pub use text::Text;
