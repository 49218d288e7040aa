//! Content packs and the pure engines that interpret them.
//!
//! - [`ai_act`]: the EU AI Act (Regulation (EU) 2024/1689) classification engine. The law lives in
//!   the content pack `content/ai-act/` (TOML); this crate only interprets it.
//! - [`policy`]: each organisation's governance policy (`content/policies/`): bodies, approval
//!   routing, required assessments, lifecycle gates, reviews and incident routing.
//! - [`assessment`]: impact assessment templates (`content/assessments/`) and the checks of
//!   their answers.
//! - [`usage`]: staff use of AI tools: information classes, the tool catalogue, "may I use?".

pub mod ai_act;
pub mod assessment;
mod content;
pub mod policy;
pub mod usage;

pub use content::{
    AI_ACT_DIR, ASSESSMENTS_DIR, Content, ContentError, DATA_CLASSES_DIR, POLICIES_DIR,
    Source as ContentSource,
};
