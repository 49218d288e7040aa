//! The content aireg runs on: the AI Act pack, the policy packs and the assessment templates,
//! as one checked set. Built into the binary by default; an installation can load its own
//! from a directory (`--content-dir`), so that a municipality's policy, or next year's
//! revision of it, is taken into use without a new build.

use std::path::{Path, PathBuf};

use crate::ai_act::{Pack, PackError};
use crate::assessment::{TemplateError, Templates};
use crate::policy::{Policies, PolicyError};
use crate::usage::{DataClassError, DataClasses};

/// The three parts of a content directory, by their folder names.
pub const AI_ACT_DIR: &str = "ai-act";
pub const POLICIES_DIR: &str = "policies";
pub const ASSESSMENTS_DIR: &str = "assessments";
pub const DATA_CLASSES_DIR: &str = "data-classes";

/// Why the content could not be loaded: the folder, and the file, place and problem its
/// loader names.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("the AI Act pack in {dir}: {source}")]
    AiAct { dir: String, source: PackError },
    #[error("the policy packs in {dir}: {source}")]
    Policies { dir: String, source: PolicyError },
    #[error("the assessment templates in {dir}: {source}")]
    Templates { dir: String, source: TemplateError },
    #[error("the data classes in {dir}: {source}")]
    DataClasses { dir: String, source: DataClassError },
    #[error("{file}: {problem}")]
    Mismatch { file: String, problem: String },
    #[error(
        "{dir} holds none of {AI_ACT_DIR}/, {POLICIES_DIR}/, {ASSESSMENTS_DIR}/ and \
         {DATA_CLASSES_DIR}/; give the folder that contains them"
    )]
    Empty { dir: String },
}

/// Where a part of the content came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Built into the binary (from the repository's `content/`).
    Embedded,
    Dir(PathBuf),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Embedded => f.write_str("built in"),
            Source::Dir(d) => write!(f, "{}", d.display()),
        }
    }
}

/// The packs and templates in use, checked together.
#[derive(Debug, Clone)]
pub struct Content {
    pub ai_act: Pack,
    pub policies: Policies,
    pub templates: Templates,
    /// Each country's information classes, for the staff rules of the packs.
    pub data_classes: DataClasses,
    /// Where each part came from, in the order above.
    pub sources: [Source; 4],
}

impl Content {
    /// The content built into the binary.
    pub fn embedded() -> Result<Content, ContentError> {
        let built_in = |what: &str| format!("built-in {what}");
        let content = Content {
            ai_act: Pack::embedded()
                .map_err(|source| ContentError::AiAct {
                    dir: built_in(AI_ACT_DIR),
                    source,
                })?
                .clone(),
            policies: Policies::embedded()
                .map_err(|source| ContentError::Policies {
                    dir: built_in(POLICIES_DIR),
                    source,
                })?
                .clone(),
            templates: Templates::embedded()
                .map_err(|source| ContentError::Templates {
                    dir: built_in(ASSESSMENTS_DIR),
                    source,
                })?
                .clone(),
            data_classes: DataClasses::embedded()
                .map_err(|source| ContentError::DataClasses {
                    dir: built_in(DATA_CLASSES_DIR),
                    source,
                })?
                .clone(),
            sources: [
                Source::Embedded,
                Source::Embedded,
                Source::Embedded,
                Source::Embedded,
            ],
        };
        content.check()?;
        Ok(content)
    }

    /// The content of `dir`: each of `ai-act/`, `policies/` and `assessments/` that is there
    /// replaces the built-in one; at least one must be. Everything is checked before it is
    /// used, the parts against each other too.
    pub fn from_dir(dir: &Path) -> Result<Content, ContentError> {
        let part = |name: &str| {
            let p = dir.join(name);
            p.is_dir().then_some(p)
        };
        let (ai_act_dir, policies_dir, templates_dir, classes_dir) = (
            part(AI_ACT_DIR),
            part(POLICIES_DIR),
            part(ASSESSMENTS_DIR),
            part(DATA_CLASSES_DIR),
        );
        if ai_act_dir.is_none()
            && policies_dir.is_none()
            && templates_dir.is_none()
            && classes_dir.is_none()
        {
            return Err(ContentError::Empty {
                dir: dir.display().to_string(),
            });
        }
        let mut content = Content::embedded()?;
        if let Some(d) = ai_act_dir {
            content.ai_act = Pack::from_dir(&d).map_err(|source| ContentError::AiAct {
                dir: d.display().to_string(),
                source,
            })?;
            content.sources[0] = Source::Dir(d);
        }
        if let Some(d) = policies_dir {
            content.policies = Policies::from_dir(&d).map_err(|source| ContentError::Policies {
                dir: d.display().to_string(),
                source,
            })?;
            content.sources[1] = Source::Dir(d);
        }
        if let Some(d) = templates_dir {
            content.templates =
                Templates::from_dir(&d).map_err(|source| ContentError::Templates {
                    dir: d.display().to_string(),
                    source,
                })?;
            content.sources[2] = Source::Dir(d);
        }
        if let Some(d) = classes_dir {
            content.data_classes =
                DataClasses::from_dir(&d).map_err(|source| ContentError::DataClasses {
                    dir: d.display().to_string(),
                    source,
                })?;
            content.sources[3] = Source::Dir(d);
        }
        content.check()?;
        Ok(content)
    }

    /// The content of `dir` when given, else the built-in content.
    pub fn load(dir: Option<&Path>) -> Result<Content, ContentError> {
        match dir {
            Some(d) => Content::from_dir(d),
            None => Content::embedded(),
        }
    }

    /// Every assessment a policy pack names is a template in use, and every data class its
    /// staff rules name is a class of their country.
    fn check(&self) -> Result<(), ContentError> {
        for pack in self.policies.all() {
            let file = match &self.sources[1] {
                Source::Dir(d) => d.join(format!("{}.toml", pack.id)).display().to_string(),
                Source::Embedded => format!("built-in {POLICIES_DIR}/{}.toml", pack.id),
            };
            let named = pack
                .assessment_types
                .iter()
                .map(|t| (format!("assessment_type `{}`", t.id), &t.id))
                .chain(
                    pack.assessment_rules
                        .iter()
                        .map(|r| (format!("assessment `{}`.assessment", r.id), &r.assessment)),
                );
            for (place, template) in named {
                if self.templates.get(template).is_none() {
                    return Err(ContentError::Mismatch {
                        file,
                        problem: format!(
                            "{place}: no assessment template `{template}` (known: {})",
                            self.templates
                                .all()
                                .iter()
                                .map(|t| t.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                }
            }
            if let Some(problem) = self.class_problem(pack) {
                return Err(ContentError::Mismatch { file, problem });
            }
        }
        Ok(())
    }

    /// The first data class a pack's staff rules name that their country's classes lack.
    fn class_problem(&self, pack: &crate::policy::PolicyPack) -> Option<String> {
        let staff = pack.staff_use.as_ref()?;
        let Some(classes) = self.data_classes.of(staff.country) else {
            return Some(format!(
                "staff_use.country: no data classes for `{}`",
                staff.country.as_str()
            ));
        };
        let named = std::iter::once(("staff_use.unlisted".to_owned(), &staff.unlisted.max_class))
            .chain(staff.tools.iter().filter_map(|t| {
                t.max_class
                    .as_ref()
                    .map(|c| (format!("tool `{}`", t.id), c))
            }));
        for (place, class) in named {
            if classes.get(class).is_none() {
                return Some(format!(
                    "{place}.max_class: no data class `{class}` in {} (known: {})",
                    staff.country.as_str(),
                    classes
                        .classes
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        None
    }

    /// The versions in use, for the audit log and the start-up message: `(what, version)`.
    pub fn versions(&self) -> Vec<(String, String)> {
        let mut v = vec![("ai-act".to_string(), self.ai_act.version().to_string())];
        v.extend(
            self.policies
                .all()
                .iter()
                .map(|p| (format!("policy:{}", p.id), p.version.clone())),
        );
        v.extend(
            self.templates
                .all()
                .iter()
                .map(|t| (format!("assessment:{}", t.id), t.version.clone())),
        );
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_content_fits_together() {
        let c = Content::embedded().unwrap();
        assert!(c.policies.all().len() >= 3);
        assert!(c.templates.get("dpia").is_some());
        assert!(c.versions().iter().any(|(w, _)| w == "policy:kainuu"));
    }
}
