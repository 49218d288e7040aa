//! Loading and validating the templates (`content/assessments/*.toml`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;

use super::template::{
    Condition, Group, Item, Located, Question, QuestionChoice, QuestionKind, Section, Template,
    Test,
};
use crate::ai_act::Text;

/// The template files compiled into the binary, in the order of [`Templates::all`].
pub const TEMPLATE_FILES: &[&str] = &[
    "background_check.toml",
    "change_cost.toml",
    "dpia.toml",
    "fria.toml",
    "mcc_ai_high_risk.toml",
    "mcc_ai_light.toml",
    "security_privacy.toml",
];

macro_rules! embedded_file {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../content/assessments/",
                $name
            )),
        )
    };
}

const EMBEDDED: &[(&str, &str)] = &[
    embedded_file!("background_check.toml"),
    embedded_file!("change_cost.toml"),
    embedded_file!("dpia.toml"),
    embedded_file!("fria.toml"),
    embedded_file!("mcc_ai_high_risk.toml"),
    embedded_file!("mcc_ai_light.toml"),
    embedded_file!("security_privacy.toml"),
];

/// Why templates could not be loaded. Every message names the file and, for validation
/// problems, the section and question.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read assessment template {file}: {message}")]
    Read { file: String, message: String },
    #[error("cannot parse assessment template {file}: {message}")]
    Parse { file: String, message: String },
    #[error("invalid assessment templates ({} problems): {}", problems.len(), problems.join("; "))]
    Invalid { problems: Vec<String> },
}

/// A validated set of assessment templates.
#[derive(Debug, Clone, PartialEq)]
pub struct Templates {
    templates: Vec<Template>,
}

static EMBEDDED_TEMPLATES: OnceLock<Result<Templates, TemplateError>> = OnceLock::new();

impl Templates {
    /// The templates compiled into the binary (from `content/assessments/`), parsed and
    /// validated once.
    pub fn embedded() -> Result<&'static Templates, TemplateError> {
        EMBEDDED_TEMPLATES
            .get_or_init(|| Templates::from_sources(EMBEDDED.iter().copied()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Loads and validates every `*.toml` file of a directory (other files, such as a README,
    /// are ignored). Each file holds one template whose id is the file name without `.toml`.
    pub fn from_dir(dir: &Path) -> Result<Templates, TemplateError> {
        let read_error = |file: &Path, e: std::io::Error| TemplateError::Read {
            file: file.display().to_string(),
            message: e.to_string(),
        };
        let mut sources = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| read_error(dir, e))? {
            let path = entry.map_err(|e| read_error(dir, e))?.path();
            if path.extension().and_then(|e| e.to_str()) != Some("toml") || !path.is_file() {
                continue;
            }
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_owned)
                .ok_or_else(|| TemplateError::Read {
                    file: path.display().to_string(),
                    message: "the file name is not valid UTF-8".to_owned(),
                })?;
            let text = std::fs::read_to_string(&path).map_err(|e| read_error(&path, e))?;
            sources.push((name, text));
        }
        Templates::from_sources(sources)
    }

    /// Loads and validates templates from `(file name, contents)` pairs, e.g.
    /// `("dpia.toml", "...")`. The templates are ordered by file name.
    pub fn from_sources<N, S>(
        sources: impl IntoIterator<Item = (N, S)>,
    ) -> Result<Templates, TemplateError>
    where
        N: AsRef<str>,
        S: AsRef<str>,
    {
        let mut raws = Vec::new();
        for (name, text) in sources {
            let name = name.as_ref();
            let raw: RawTemplate =
                toml::from_str(text.as_ref()).map_err(|e| TemplateError::Parse {
                    file: name.to_owned(),
                    message: e.to_string(),
                })?;
            raws.push((name.to_owned(), raw));
        }
        raws.sort_by(|a, b| a.0.cmp(&b.0));
        let mut p = Problems::default();
        if raws.is_empty() {
            p.push("no assessment templates (no *.toml files)".to_owned());
        }
        let mut templates = Vec::new();
        for (file, raw) in raws {
            templates.push(build_template(&file, raw, &mut p));
        }
        let mut ids = BTreeSet::new();
        for t in &templates {
            if !ids.insert(t.id.as_str()) {
                p.push(format!("template id `{}` is used by two files", t.id));
            }
        }
        check_prefill(&templates, &mut p);
        if p.0.is_empty() {
            Ok(Templates { templates })
        } else {
            Err(TemplateError::Invalid { problems: p.0 })
        }
    }

    /// Every template, ordered by id.
    pub fn all(&self) -> &[Template] {
        &self.templates
    }

    /// The template with this id.
    pub fn get(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }
}

// ---------------------------------------------------------------------------------------------
// Raw (file) types
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    id: String,
    version: String,
    title: Text,
    legal_basis: Text,
    description: Text,
    /// Answers to a choice that mean something is missing (a contract clause not included).
    #[serde(default)]
    gaps: Vec<String>,
    #[serde(default)]
    section: Vec<RawSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: String,
    title: Text,
    help: Text,
    #[serde(default)]
    item: Vec<RawItem>,
}

/// A question or (with `kind = "group"`) a group; the fields that do not belong to the kind are
/// reported by validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    kind: String,
    label: Option<Text>,
    title: Option<Text>,
    help: Text,
    required: Option<bool>,
    max_len: Option<usize>,
    options: Option<Vec<RawChoice>>,
    when: Option<RawCondition>,
    prefill: Option<Vec<String>>,
    min: Option<usize>,
    max: Option<usize>,
    question: Option<Vec<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    value: String,
    label: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    question: String,
    is: Option<toml::Value>,
    any_of: Option<Vec<String>>,
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn push(&mut self, problem: String) {
        self.0.push(problem);
    }

    fn text(&mut self, at: &str, what: &str, text: &Text) {
        for lang in text.blank_languages() {
            self.0.push(format!("{at}: {what} missing in `{lang}`"));
        }
    }
}

/// Ids are lowercase ASCII letters, digits and `_`, starting with a letter: they are JSON keys,
/// parts of paths such as `risks[0].severity` and of prefill sources `template.question`.
fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// What has been seen so far in a template, for `when` references and unique ids.
struct Scope<'a> {
    /// Questions outside groups, by id, in the order seen.
    earlier: BTreeMap<String, Question>,
    /// Every question and group id of the template.
    ids: BTreeSet<String>,
    at: &'a str,
}

fn build_template(file: &str, raw: RawTemplate, p: &mut Problems) -> Template {
    let at = file;
    let stem = file.strip_suffix(".toml").unwrap_or(file);
    if !valid_id(&raw.id) {
        p.push(format!(
            "{at}: template id `{}` must be lowercase letters, digits and `_`",
            raw.id
        ));
    }
    if raw.id != stem {
        p.push(format!(
            "{at}: template id `{}` does not match the file name (expected `{stem}`)",
            raw.id
        ));
    }
    if raw.version.trim().is_empty() || raw.version.contains(char::is_whitespace) {
        p.push(format!(
            "{at}: version `{}` is empty or has spaces",
            raw.version
        ));
    }
    p.text(at, "title", &raw.title);
    p.text(at, "legal_basis", &raw.legal_basis);
    p.text(at, "description", &raw.description);
    if raw.section.is_empty() {
        p.push(format!("{at}: the template has no sections"));
    }

    let mut scope = Scope {
        earlier: BTreeMap::new(),
        ids: BTreeSet::new(),
        at,
    };
    let mut section_ids = BTreeSet::new();
    let mut sections = Vec::new();
    for raw_section in raw.section {
        let sat = format!("{at}: section `{}`", raw_section.id);
        if !valid_id(&raw_section.id) {
            p.push(format!(
                "{sat}: the id must be lowercase letters, digits and `_`"
            ));
        }
        if !section_ids.insert(raw_section.id.clone()) {
            p.push(format!("{sat}: duplicate section id"));
        }
        p.text(&sat, "title", &raw_section.title);
        p.text(&sat, "help", &raw_section.help);
        if raw_section.item.is_empty() {
            p.push(format!("{sat}: the section has no questions"));
        }
        let mut items = Vec::new();
        for raw_item in raw_section.item {
            if let Some(item) = build_item(&sat, raw_item, &mut scope, p) {
                items.push(item);
            }
        }
        sections.push(Section {
            id: raw_section.id,
            title: raw_section.title,
            help: raw_section.help,
            items,
        });
    }
    let template = Template {
        id: raw.id,
        version: raw.version,
        title: raw.title,
        legal_basis: raw.legal_basis,
        description: raw.description,
        gaps: raw.gaps,
        sections,
    };
    for gap in &template.gaps {
        let offered = template
            .questions()
            .any(|q| q.kind == QuestionKind::Choice && q.option(gap).is_some());
        if !offered {
            p.push(format!(
                "{at}: gaps: `{gap}` is not an option of any choice question"
            ));
        }
    }
    template
}

fn claim_id(sat: &str, id: &str, scope: &mut Scope<'_>, p: &mut Problems) {
    if !valid_id(id) {
        p.push(format!(
            "{sat}, `{id}`: the id must be lowercase letters, digits and `_`"
        ));
    }
    if !scope.ids.insert(id.to_owned()) {
        p.push(format!(
            "{sat}, `{id}`: duplicate id (question and group ids are unique within {})",
            scope.at
        ));
    }
}

fn build_item(sat: &str, raw: RawItem, scope: &mut Scope<'_>, p: &mut Problems) -> Option<Item> {
    claim_id(sat, &raw.id, scope, p);
    if raw.kind == "group" {
        return build_group(sat, raw, scope, p).map(Item::Group);
    }
    let question = build_question(sat, raw, scope, p, false)?;
    scope.earlier.insert(question.id.clone(), question.clone());
    Some(Item::Question(question))
}

fn build_group(sat: &str, raw: RawItem, scope: &mut Scope<'_>, p: &mut Problems) -> Option<Group> {
    let at = format!("{sat}, group `{}`", raw.id);
    let misplaced = [
        ("label", raw.label.is_some()),
        ("required", raw.required.is_some()),
        ("max_len", raw.max_len.is_some()),
        ("options", raw.options.is_some()),
        ("prefill", raw.prefill.is_some()),
    ];
    for (field, present) in misplaced {
        if present {
            p.push(format!("{at}: a group has no `{field}`"));
        }
    }
    let title = match raw.title {
        Some(title) => title,
        None => {
            p.push(format!("{at}: missing `title`"));
            return None;
        }
    };
    p.text(&at, "title", &title);
    p.text(&at, "help", &raw.help);
    let min = raw.min.unwrap_or(0);
    let Some(max) = raw.max else {
        p.push(format!("{at}: missing `max` (the most entries)"));
        return None;
    };
    if max == 0 || min > max {
        p.push(format!(
            "{at}: needs 0 <= min <= max and max >= 1 (min {min}, max {max})"
        ));
    }
    let when = raw
        .when
        .and_then(|w| build_condition(&at, &raw.id, w, scope, p));
    let raw_questions = raw.question.unwrap_or_default();
    if raw_questions.is_empty() {
        p.push(format!("{at}: the group has no questions"));
    }
    let mut questions = Vec::new();
    for raw_question in raw_questions {
        claim_id(&at, &raw_question.id, scope, p);
        if raw_question.kind == "group" {
            p.push(format!(
                "{at}, question `{}`: groups cannot be nested",
                raw_question.id
            ));
            continue;
        }
        if let Some(q) = build_question(&at, raw_question, scope, p, true) {
            questions.push(q);
        }
    }
    Some(Group {
        id: raw.id,
        title,
        help: raw.help,
        min,
        max,
        questions,
        when,
    })
}

fn build_question(
    sat: &str,
    raw: RawItem,
    scope: &mut Scope<'_>,
    p: &mut Problems,
    in_group: bool,
) -> Option<Question> {
    let at = format!("{sat}, question `{}`", raw.id);
    let Some(kind) = QuestionKind::parse(&raw.kind) else {
        p.push(format!(
            "{at}: unknown kind `{}` (expected text, textarea, yes_no, choice, multi, date, \
             number{})",
            raw.kind,
            if in_group { "" } else { " or group" }
        ));
        return None;
    };
    let misplaced = [
        ("title", raw.title.is_some()),
        ("min", raw.min.is_some()),
        ("max", raw.max.is_some()),
        ("question", raw.question.is_some()),
    ];
    for (field, present) in misplaced {
        if present {
            p.push(format!("{at}: only groups have `{field}`"));
        }
    }
    let Some(label) = raw.label else {
        p.push(format!("{at}: missing `label`"));
        return None;
    };
    p.text(&at, "label", &label);
    p.text(&at, "help", &raw.help);

    if let Some(max_len) = raw.max_len {
        if !kind.is_text() {
            p.push(format!(
                "{at}: `max_len` is only for text and textarea questions"
            ));
        } else if max_len == 0 {
            p.push(format!("{at}: `max_len` must be at least 1"));
        }
    }

    let mut options = Vec::new();
    match (kind.has_options(), raw.options) {
        (true, None) => p.push(format!(
            "{at}: a {} question needs `options`",
            kind.as_str()
        )),
        (false, Some(_)) => p.push(format!(
            "{at}: only choice and multi questions have `options`"
        )),
        (false, None) => {}
        (true, Some(raw_options)) => {
            if raw_options.len() < 2 {
                p.push(format!("{at}: needs at least two options"));
            }
            let mut values = BTreeSet::new();
            for o in raw_options {
                let oat = format!("{at}, option `{}`", o.value);
                if o.value.trim().is_empty() {
                    p.push(format!("{at}: an option has an empty value"));
                }
                if !values.insert(o.value.clone()) {
                    p.push(format!("{oat}: duplicate option value"));
                }
                p.text(&oat, "label", &o.label);
                options.push(QuestionChoice {
                    value: o.value,
                    label: o.label,
                });
            }
        }
    }

    let prefill = raw.prefill.unwrap_or_default();
    if in_group && !prefill.is_empty() {
        p.push(format!("{at}: questions in groups cannot be prefilled"));
    }
    let mut seen = BTreeSet::new();
    for source in &prefill {
        if !seen.insert(source) {
            p.push(format!("{at}: prefill source `{source}` is listed twice"));
        }
    }

    let mut question = Question {
        id: raw.id,
        kind,
        label,
        help: raw.help,
        required: raw.required.unwrap_or(false),
        max_len: raw.max_len,
        options,
        prefill,
        when: None,
    };
    question.when = raw
        .when
        .and_then(|w| build_condition(&at, &question.id, w, scope, p));
    Some(question)
}

fn build_condition(
    at: &str,
    own_id: &str,
    raw: RawCondition,
    scope: &Scope<'_>,
    p: &mut Problems,
) -> Option<Condition> {
    let cat = format!("{at}: `when`");
    let Some(referenced) = scope.earlier.get(&raw.question) else {
        if raw.question == own_id {
            p.push(format!("{cat} refers to the question itself"));
        } else {
            p.push(format!(
                "{cat} refers to `{}`, which is not an earlier question outside groups of this \
                 template",
                raw.question
            ));
        }
        return None;
    };
    let test = match (raw.is, raw.any_of) {
        (Some(is), None) => match (referenced.kind, is) {
            (QuestionKind::YesNo, toml::Value::Boolean(b)) => Test::Is(Value::Bool(b)),
            (QuestionKind::Choice | QuestionKind::Multi, toml::Value::String(s)) => {
                if referenced.option(&s).is_none() {
                    p.push(format!(
                        "{cat}: `{s}` is not an option of `{}`",
                        referenced.id
                    ));
                    return None;
                }
                Test::Is(Value::String(s))
            }
            (QuestionKind::YesNo, other) => {
                p.push(format!(
                    "{cat}: `{}` is a yes_no question; `is` must be true or false, not a {}",
                    referenced.id,
                    other.type_str()
                ));
                return None;
            }
            (QuestionKind::Choice | QuestionKind::Multi, other) => {
                p.push(format!(
                    "{cat}: `is` must be an option value of `{}`, not a {}",
                    referenced.id,
                    other.type_str()
                ));
                return None;
            }
            (kind, _) => {
                p.push(format!(
                    "{cat}: `{}` is a {} question; conditions can only test yes_no, choice and \
                     multi questions",
                    referenced.id,
                    kind.as_str()
                ));
                return None;
            }
        },
        (None, Some(values)) => {
            if !referenced.kind.has_options() {
                p.push(format!(
                    "{cat}: `any_of` needs a choice or multi question, `{}` is {}",
                    referenced.id,
                    referenced.kind.as_str()
                ));
                return None;
            }
            if values.is_empty() {
                p.push(format!("{cat}: `any_of` is empty"));
                return None;
            }
            for v in &values {
                if referenced.option(v).is_none() {
                    p.push(format!(
                        "{cat}: `{v}` is not an option of `{}`",
                        referenced.id
                    ));
                    return None;
                }
            }
            Test::AnyOf(values)
        }
        _ => {
            p.push(format!("{cat} needs exactly one of `is` and `any_of`"));
            return None;
        }
    };
    Some(Condition {
        question: raw.question,
        test,
    })
}

/// Whether an answer to `source` can prefill `target`.
fn compatibility(target: &Question, source: &Question) -> Result<(), String> {
    use QuestionKind as K;
    let kinds_fit = matches!(
        (target.kind, source.kind),
        (K::Text, K::Text)
            | (K::Textarea, K::Text | K::Textarea)
            | (K::YesNo, K::YesNo)
            | (K::Choice, K::Choice)
            | (K::Multi, K::Choice | K::Multi)
            | (K::Date, K::Date)
            | (K::Number, K::Number)
    );
    if !kinds_fit {
        return Err(format!(
            "a {} question cannot be prefilled from a {} question",
            target.kind.as_str(),
            source.kind.as_str()
        ));
    }
    if let Some(target_max) = target.max_len
        && source
            .max_len
            .is_none_or(|source_max| source_max > target_max)
    {
        return Err(format!(
            "the source allows longer answers ({}) than max_len {target_max}",
            source
                .max_len
                .map_or_else(|| "no limit".to_owned(), |m| m.to_string())
        ));
    }
    let missing: Vec<&str> = source
        .options
        .iter()
        .filter(|o| target.option(&o.value).is_none())
        .map(|o| o.value.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the source's options {} are not options of this question",
            missing.join(", ")
        ));
    }
    Ok(())
}

fn check_prefill(templates: &[Template], p: &mut Problems) {
    for template in templates {
        for section in &template.sections {
            for item in &section.items {
                let Item::Question(question) = item else {
                    continue;
                };
                for source in &question.prefill {
                    let at = format!(
                        "{}.toml: section `{}`, question `{}`: prefill `{source}`",
                        template.id, section.id, question.id
                    );
                    check_source(&at, template, question, source, templates, p);
                }
            }
        }
    }
}

fn check_source(
    at: &str,
    template: &Template,
    question: &Question,
    source: &str,
    templates: &[Template],
    p: &mut Problems,
) {
    let Some((tid, qid)) = source.split_once('.') else {
        p.push(format!("{at} is not `<template>.<question>`"));
        return;
    };
    if tid == template.id {
        p.push(format!("{at} names the template itself"));
        return;
    }
    let Some(other) = templates.iter().find(|t| t.id == tid) else {
        p.push(format!("{at}: there is no template `{tid}`"));
        return;
    };
    match other.locate(qid) {
        Some(Located::Question(source_question)) => {
            if let Err(why) = compatibility(question, source_question) {
                p.push(format!("{at}: {why}"));
            }
        }
        Some(Located::Group(_) | Located::GroupQuestion(..)) => p.push(format!(
            "{at}: `{qid}` is a group or in a group; only questions outside groups are sources"
        )),
        None => p.push(format!("{at}: template `{tid}` has no question `{qid}`")),
    }
}
