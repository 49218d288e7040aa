//! Content packs and the pure engines that interpret them.
//!
//! - [`ai_act`]: the EU AI Act (Regulation (EU) 2024/1689) classification engine. The law lives in
//!   the content pack `content/ai-act/` (TOML); this crate only interprets it.

pub mod ai_act;
