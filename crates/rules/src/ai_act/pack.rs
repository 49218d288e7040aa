//! Loading and validating the content pack (`content/ai-act/*.toml`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::format_description;

use super::condition::{Condition, RawCondition, Scope as ConditionScope};
use super::engine::{Category, DateStatus, ExplanationStep, HighRiskRoute, Scope};
use super::facts::{ANNEX_III_AREAS, AnnexIiiCode, FactKind, Facts, Role, VOCABULARY, fact_kind};
use super::questionnaire::{Question, QuestionKind, QuestionOption};
use super::text::Text;

/// The files of a pack, in load order.
pub const PACK_FILES: &[&str] = &[
    "pack.toml",
    "milestones.toml",
    "facts.toml",
    "annex_iii.toml",
    "glossary.toml",
    "rules.toml",
    "obligations.toml",
    "questions.toml",
];

macro_rules! embedded_file {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../content/ai-act/",
                $name
            )),
        )
    };
}

const EMBEDDED: &[(&str, &str)] = &[
    embedded_file!("pack.toml"),
    embedded_file!("milestones.toml"),
    embedded_file!("facts.toml"),
    embedded_file!("annex_iii.toml"),
    embedded_file!("glossary.toml"),
    embedded_file!("rules.toml"),
    embedded_file!("obligations.toml"),
    embedded_file!("questions.toml"),
];

/// Why a pack could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    #[error("cannot read content pack file {file}: {message}")]
    Read { file: String, message: String },
    #[error("cannot parse content pack file {file}: {message}")]
    Parse { file: String, message: String },
    #[error("invalid content pack ({} problems): {}", problems.len(), problems.join("; "))]
    Invalid { problems: Vec<String> },
}

// ---------------------------------------------------------------------------------------------
// Public content types
// ---------------------------------------------------------------------------------------------

/// One entry of the pack's changelog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangelogEntry {
    pub version: String,
    pub date: String,
    pub text: Text,
}

/// Pack metadata (`pack.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackMeta {
    pub id: String,
    pub version: String,
    /// The date the legal content was last checked against the law (`YYYY-MM-DD`).
    pub law_as_of: String,
    pub title: Text,
    pub legal_source: Text,
    pub disclaimer: Text,
    pub changelog: Vec<ChangelogEntry>,
}

/// A dated milestone of the Act (`milestones.toml`). Obligations refer to milestones by id,
/// never to literal dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Milestone {
    pub id: String,
    #[serde(serialize_with = "serialize_date")]
    pub date: Date,
    pub status: DateStatus,
    pub legal_basis: String,
    pub source: String,
    /// The date this one replaced, if an amending act moved it.
    #[serde(serialize_with = "serialize_opt_date")]
    pub replaces: Option<Date>,
    pub title: Text,
}

impl Milestone {
    /// The date as `YYYY-MM-DD`.
    pub fn date_string(&self) -> String {
        format_date(self.date)
    }
}

fn format_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

fn serialize_date<S: serde::Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_date(*date))
}

fn serialize_opt_date<S: serde::Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => s.serialize_str(&format_date(*date)),
        None => s.serialize_none(),
    }
}

fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s, format_description!("[year]-[month]-[day]")).ok()
}

/// What an absent fact key means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Absent {
    /// The conclusion cannot be drawn without it (when it matters).
    Required,
    /// Absent reads as "no" / "none" / an empty list.
    No,
}

/// A labelled value of a fact (`facts.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactValue {
    pub value: String,
    pub label: Text,
    /// The legal reference of this value, e.g. `5(1)(c)`.
    pub article: Option<String>,
    /// For art. 5 points: the milestone from which the prohibition applies.
    pub milestone: Option<String>,
}

/// A fact key of the vocabulary with its labels (`facts.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactDef {
    pub key: String,
    pub article: String,
    pub when_absent: Absent,
    pub label: Text,
    pub help: Text,
    pub none_label: Option<Text>,
    pub values: Vec<FactValue>,
}

/// An area (1–8) of Annex III.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnexIiiArea {
    pub number: String,
    pub name: Text,
}

/// A point of Annex III with its plain-language name (shown in the public register).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnexIiiPoint {
    /// e.g. `5a`
    pub code: String,
    /// e.g. `5`
    pub area: String,
    /// The legal citation, e.g. `Annex III, point 5(a)`.
    pub reference: String,
    /// Plain-language name of the point.
    pub name: Text,
    /// Plain-language name of the area.
    pub area_name: Text,
}

/// A glossary term (`glossary.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GlossaryEntry {
    pub id: String,
    pub article: String,
    pub term: Text,
    pub definition: Text,
}

/// A rule deriving a flag (`rules.toml`, `[[flag]]` and `[[derive]]`).
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub(crate) when: Condition,
    pub article: Option<String>,
    pub explain: Option<Text>,
    pub terms: Vec<String>,
}

impl Rule {
    pub(crate) fn push_step(&self, steps: &mut Vec<ExplanationStep>) {
        if let (Some(article), Some(text)) = (&self.article, &self.explain) {
            steps.push(ExplanationStep {
                rule: self.id.clone(),
                article: article.clone(),
                text: text.clone(),
            });
        }
    }
}

/// A category rule (`rules.toml`, `[[category]]`); the first that holds decides.
#[derive(Debug, Clone)]
pub struct CategoryRule {
    pub id: String,
    pub category: Category,
    pub route: Option<HighRiskRoute>,
    pub(crate) when: Condition,
    pub article: String,
    pub explain: Text,
    pub terms: Vec<String>,
}

/// The interpreted rule set.
#[derive(Debug, Clone)]
pub struct Rules {
    pub flags: Vec<Rule>,
    pub categories: Vec<CategoryRule>,
    pub derive: Vec<Rule>,
    pub(crate) roles: BTreeMap<Role, String>,
    /// `(paragraph, flag)`
    pub(crate) transparency: Vec<(String, String)>,
    /// `(paragraph, flag)`
    pub(crate) eu_registration: Vec<(String, String)>,
    pub(crate) fria_flag: String,
    pub(crate) derogated_flag: String,
}

impl Rules {
    pub(crate) fn role_flag(&self, role: Role) -> &str {
        self.roles.get(&role).map(String::as_str).unwrap_or("")
    }
}

/// An obligation (`obligations.toml`).
#[derive(Debug, Clone)]
pub struct Obligation {
    pub id: String,
    pub article: String,
    /// The roles it is addressed to (the first one the organisation holds is reported).
    pub addressee: Vec<Role>,
    pub scope: Scope,
    /// The default milestone from which it applies.
    pub milestone: String,
    pub(crate) milestone_if: Vec<(Condition, String)>,
    pub(crate) when: Condition,
    pub title: Text,
    pub terms: Vec<String>,
}

/// The AI Act content pack: the law as data.
#[derive(Debug, Clone)]
pub struct Pack {
    meta: PackMeta,
    milestones: Vec<Milestone>,
    facts: Vec<FactDef>,
    annex_iii_areas: Vec<AnnexIiiArea>,
    annex_iii: Vec<AnnexIiiPoint>,
    glossary: Vec<GlossaryEntry>,
    rules: Rules,
    obligations: Vec<Obligation>,
    questions: Vec<Question>,
}

// ---------------------------------------------------------------------------------------------
// Raw (file) types
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: String,
    version: String,
    law_as_of: String,
    title: Text,
    legal_source: Text,
    disclaimer: Text,
    ui: RawUi,
    #[serde(default)]
    changelog: Vec<ChangelogEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUi {
    yes: Text,
    no: Text,
    none: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMilestones {
    milestone: Vec<RawMilestone>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMilestone {
    id: String,
    date: String,
    status: DateStatus,
    legal_basis: String,
    source: String,
    replaces: Option<String>,
    title: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacts {
    fact: Vec<RawFact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    key: String,
    article: String,
    when_absent: Absent,
    label: Text,
    help: Text,
    none_label: Option<Text>,
    #[serde(default)]
    value: Vec<RawFactValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFactValue {
    value: String,
    label: Text,
    article: Option<String>,
    milestone: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnnexIii {
    area: Vec<RawArea>,
    point: Vec<RawPoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    number: String,
    name: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    code: String,
    reference: String,
    name: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    term: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: String,
    article: String,
    term: Text,
    definition: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    roles: BTreeMap<String, String>,
    outputs: RawOutputs,
    flag: Vec<RawRule>,
    category: Vec<RawCategoryRule>,
    #[serde(default)]
    derive: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutputs {
    fria_required: String,
    annex_iii_derogated: String,
    transparency: Vec<RawOutputItem>,
    eu_registration: Vec<RawOutputItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutputItem {
    code: String,
    flag: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    when: RawCondition,
    article: Option<String>,
    explain: Option<Text>,
    #[serde(default)]
    terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategoryRule {
    id: String,
    category: String,
    route: Option<String>,
    when: RawCondition,
    article: String,
    explain: Text,
    #[serde(default)]
    terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObligations {
    obligation: Vec<RawObligation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObligation {
    id: String,
    article: String,
    addressee: Vec<String>,
    scope: String,
    milestone: String,
    #[serde(default)]
    milestone_if: Vec<RawMilestoneIf>,
    when: RawCondition,
    title: Text,
    #[serde(default)]
    terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMilestoneIf {
    when: RawCondition,
    milestone: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestions {
    question: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    sets: Option<String>,
    helper_for: Option<String>,
    when: Option<RawCondition>,
    text: Text,
    help: Text,
    legal_ref: Text,
    articles: Vec<String>,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    example: Vec<Text>,
    #[serde(default)]
    option: Vec<RawOption>,
    #[serde(default)]
    extra_option: Vec<RawOption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    value: toml::Value,
    label: Text,
    help: Option<Text>,
    #[serde(default)]
    opens_helpers: bool,
    decides: Option<bool>,
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

fn parse<T: serde::de::DeserializeOwned>(file: &str, source: &str) -> Result<T, PackError> {
    toml::from_str(source).map_err(|e| PackError::Parse {
        file: file.to_owned(),
        message: e.to_string(),
    })
}

fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::Value::from(*i),
        toml::Value::Float(f) => serde_json::Value::from(*f),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(items) => {
            serde_json::Value::Array(items.iter().map(toml_to_json).collect())
        }
        toml::Value::Table(table) => serde_json::Value::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Collects validation problems.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn push(&mut self, problem: String) {
        self.0.push(problem);
    }

    fn text(&mut self, at: &str, text: &Text) {
        for lang in text.blank_languages() {
            self.0.push(format!("{at}: text missing in `{lang}`"));
        }
    }

    fn unique<'a>(&mut self, what: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = BTreeSet::new();
        for id in ids {
            if id.trim().is_empty() {
                self.0.push(format!("{what}: empty id"));
            }
            if !seen.insert(id) {
                self.0.push(format!("{what}: duplicate id `{id}`"));
            }
        }
    }
}

static EMBEDDED_PACK: OnceLock<Result<Pack, PackError>> = OnceLock::new();

impl Pack {
    /// The pack compiled into the binary (from `content/ai-act/`), parsed once.
    pub fn embedded() -> Result<&'static Pack, PackError> {
        EMBEDDED_PACK
            .get_or_init(|| {
                Pack::from_sources(|name| {
                    EMBEDDED
                        .iter()
                        .find(|(file, _)| *file == name)
                        .map(|(_, source)| Ok((*source).to_owned()))
                        .unwrap_or_else(|| {
                            Err(PackError::Read {
                                file: name.to_owned(),
                                message: "not embedded".to_owned(),
                            })
                        })
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Loads and validates a pack from a directory holding the files of [`PACK_FILES`].
    pub fn from_dir(dir: &Path) -> Result<Pack, PackError> {
        Pack::from_sources(|name| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|e| PackError::Read {
                file: path.display().to_string(),
                message: e.to_string(),
            })
        })
    }

    /// Loads and validates a pack from file contents given by name.
    pub fn from_sources(
        mut read: impl FnMut(&str) -> Result<String, PackError>,
    ) -> Result<Pack, PackError> {
        let meta: RawMeta = parse("pack.toml", &read("pack.toml")?)?;
        let milestones: RawMilestones = parse("milestones.toml", &read("milestones.toml")?)?;
        let facts: RawFacts = parse("facts.toml", &read("facts.toml")?)?;
        let annex_iii: RawAnnexIii = parse("annex_iii.toml", &read("annex_iii.toml")?)?;
        let glossary: RawGlossary = parse("glossary.toml", &read("glossary.toml")?)?;
        let rules: RawRules = parse("rules.toml", &read("rules.toml")?)?;
        let obligations: RawObligations = parse("obligations.toml", &read("obligations.toml")?)?;
        let questions: RawQuestions = parse("questions.toml", &read("questions.toml")?)?;
        build(
            meta,
            milestones,
            facts,
            annex_iii,
            glossary,
            rules,
            obligations,
            questions,
        )
    }

    // -----------------------------------------------------------------------------------------
    // Accessors
    // -----------------------------------------------------------------------------------------

    /// The pack version, stored with every evaluation.
    pub fn version(&self) -> &str {
        &self.meta.version
    }

    pub fn meta(&self) -> &PackMeta {
        &self.meta
    }

    pub fn milestones(&self) -> &[Milestone] {
        &self.milestones
    }

    pub fn milestone(&self, id: &str) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.id == id)
    }

    /// The facts vocabulary with labels and the absent-key policy.
    pub fn fact_defs(&self) -> &[FactDef] {
        &self.facts
    }

    pub fn fact_def(&self, key: &str) -> Option<&FactDef> {
        self.facts.iter().find(|f| f.key == key)
    }

    pub(crate) fn fact_absent(&self, key: &str) -> Absent {
        self.fact_def(key)
            .map(|f| f.when_absent)
            .unwrap_or(Absent::Required)
    }

    pub fn annex_iii_areas(&self) -> &[AnnexIiiArea] {
        &self.annex_iii_areas
    }

    pub fn annex_iii_points(&self) -> &[AnnexIiiPoint] {
        &self.annex_iii
    }

    /// The Annex III point with this code (e.g. `5a`), with plain-language names.
    pub fn annex_iii_point(&self, code: &str) -> Option<&AnnexIiiPoint> {
        self.annex_iii.iter().find(|p| p.code == code)
    }

    pub fn glossary(&self) -> &[GlossaryEntry] {
        &self.glossary
    }

    pub fn glossary_entry(&self, id: &str) -> Option<&GlossaryEntry> {
        self.glossary.iter().find(|g| g.id == id)
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    pub fn obligations(&self) -> &[Obligation] {
        &self.obligations
    }

    pub fn obligation(&self, id: &str) -> Option<&Obligation> {
        self.obligations.iter().find(|o| o.id == id)
    }

    /// The questionnaire, in order.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

// ---------------------------------------------------------------------------------------------
// Building and validation
// ---------------------------------------------------------------------------------------------

#[allow(clippy::too_many_arguments)]
fn build(
    meta: RawMeta,
    milestones: RawMilestones,
    facts: RawFacts,
    annex_iii: RawAnnexIii,
    glossary: RawGlossary,
    rules: RawRules,
    obligations: RawObligations,
    questions: RawQuestions,
) -> Result<Pack, PackError> {
    let mut p = Problems::default();

    // pack.toml
    if meta.version.trim().is_empty() {
        p.push("pack.toml: empty version".into());
    }
    if parse_date(&meta.law_as_of).is_none() {
        p.push(format!(
            "pack.toml: law_as_of `{}` is not YYYY-MM-DD",
            meta.law_as_of
        ));
    }
    p.text("pack.toml title", &meta.title);
    p.text("pack.toml legal_source", &meta.legal_source);
    p.text("pack.toml disclaimer", &meta.disclaimer);
    p.text("pack.toml ui.yes", &meta.ui.yes);
    p.text("pack.toml ui.no", &meta.ui.no);
    p.text("pack.toml ui.none", &meta.ui.none);
    if meta.changelog.is_empty() {
        p.push("pack.toml: the changelog is empty".into());
    }
    for entry in &meta.changelog {
        if parse_date(&entry.date).is_none() {
            p.push(format!(
                "pack.toml changelog {}: date `{}` is not YYYY-MM-DD",
                entry.version, entry.date
            ));
        }
        p.text(
            &format!("pack.toml changelog {}", entry.version),
            &entry.text,
        );
    }
    if !meta.changelog.iter().any(|e| e.version == meta.version) {
        p.push(format!(
            "pack.toml: the changelog has no entry for version {}",
            meta.version
        ));
    }

    // milestones.toml
    p.unique(
        "milestones.toml",
        milestones.milestone.iter().map(|m| m.id.as_str()),
    );
    let mut built_milestones = Vec::new();
    for m in milestones.milestone {
        let at = format!("milestones.toml `{}`", m.id);
        p.text(&at, &m.title);
        if m.legal_basis.trim().is_empty() || m.source.trim().is_empty() {
            p.push(format!("{at}: legal_basis and source are required"));
        }
        let replaces = match &m.replaces {
            Some(s) => {
                let d = parse_date(s);
                if d.is_none() {
                    p.push(format!("{at}: replaces `{s}` is not YYYY-MM-DD"));
                }
                d
            }
            None => None,
        };
        match parse_date(&m.date) {
            Some(date) => built_milestones.push(Milestone {
                id: m.id,
                date,
                status: m.status,
                legal_basis: m.legal_basis,
                source: m.source,
                replaces,
                title: m.title,
            }),
            None => p.push(format!("{at}: date `{}` is not YYYY-MM-DD", m.date)),
        }
    }
    let milestone_ids: BTreeSet<String> = built_milestones.iter().map(|m| m.id.clone()).collect();

    // glossary.toml
    p.unique("glossary.toml", glossary.term.iter().map(|t| t.id.as_str()));
    let built_glossary: Vec<GlossaryEntry> = glossary
        .term
        .into_iter()
        .map(|t| {
            let at = format!("glossary.toml `{}`", t.id);
            p.text(&format!("{at} term"), &t.term);
            p.text(&format!("{at} definition"), &t.definition);
            if t.article.trim().is_empty() {
                p.push(format!("{at}: article is required"));
            }
            GlossaryEntry {
                id: t.id,
                article: t.article,
                term: t.term,
                definition: t.definition,
            }
        })
        .collect();
    let term_ids: BTreeSet<String> = built_glossary.iter().map(|g| g.id.clone()).collect();
    let mut check_terms = |p: &mut Problems, at: &str, terms: &[String]| {
        for term in terms {
            if !term_ids.contains(term) {
                p.push(format!("{at}: glossary term `{term}` does not exist"));
            }
        }
    };

    // facts.toml
    p.unique("facts.toml", facts.fact.iter().map(|f| f.key.as_str()));
    let mut built_facts = Vec::new();
    for (key, _) in VOCABULARY {
        if !facts.fact.iter().any(|f| f.key == *key) {
            p.push(format!(
                "facts.toml: fact `{key}` of the vocabulary is not described"
            ));
        }
    }
    for f in facts.fact {
        let at = format!("facts.toml `{}`", f.key);
        p.text(&format!("{at} label"), &f.label);
        p.text(&format!("{at} help"), &f.help);
        if let Some(none) = &f.none_label {
            p.text(&format!("{at} none_label"), none);
        }
        let Some((_, kind)) = VOCABULARY
            .iter()
            .find(|(key, _)| *key == f.key)
            .map(|(k, kind)| (*k, *kind))
        else {
            p.push(format!("{at}: not a fact of the vocabulary"));
            continue;
        };
        let allowed: &[&str] = match kind {
            FactKind::Enum(names, _) | FactKind::NullableEnum(names) | FactKind::Set(names) => {
                names
            }
            FactKind::Bool | FactKind::AnnexI => &[],
        };
        // Annex III points are described in annex_iii.toml.
        let expects_values = !allowed.is_empty() && f.key != "annex_iii";
        let given: Vec<&str> = f.value.iter().map(|v| v.value.as_str()).collect();
        if expects_values && given != allowed {
            p.push(format!(
                "{at}: values must be exactly {} in that order, found {}",
                allowed.join(", "),
                given.join(", ")
            ));
        }
        if !expects_values && !given.is_empty() {
            p.push(format!("{at}: this fact takes no `value` entries"));
        }
        let mut values = Vec::new();
        for v in f.value {
            p.text(&format!("{at} value `{}`", v.value), &v.label);
            if let Some(m) = &v.milestone
                && !milestone_ids.contains(m)
            {
                p.push(format!(
                    "{at} value `{}`: milestone `{m}` does not exist",
                    v.value
                ));
            }
            values.push(FactValue {
                value: v.value,
                label: v.label,
                article: v.article,
                milestone: v.milestone,
            });
        }
        if f.key == "prohibited_practices" && values.iter().any(|v| v.milestone.is_none()) {
            p.push(format!("{at}: every art. 5 point needs its milestone"));
        }
        built_facts.push(FactDef {
            key: f.key,
            article: f.article,
            when_absent: f.when_absent,
            label: f.label,
            help: f.help,
            none_label: f.none_label,
            values,
        });
    }

    // annex_iii.toml
    let areas: Vec<&str> = annex_iii.area.iter().map(|a| a.number.as_str()).collect();
    if areas != ANNEX_III_AREAS {
        p.push(format!(
            "annex_iii.toml: areas must be exactly {}",
            ANNEX_III_AREAS.join(", ")
        ));
    }
    let codes: Vec<&str> = annex_iii.point.iter().map(|a| a.code.as_str()).collect();
    if codes != AnnexIiiCode::NAMES {
        p.push(format!(
            "annex_iii.toml: points must be exactly {} in that order",
            AnnexIiiCode::NAMES.join(", ")
        ));
    }
    for area in &annex_iii.area {
        p.text(&format!("annex_iii.toml area {}", area.number), &area.name);
    }
    let mut built_points = Vec::new();
    for point in annex_iii.point {
        let at = format!("annex_iii.toml point {}", point.code);
        p.text(&at, &point.name);
        if point.reference.trim().is_empty() {
            p.push(format!("{at}: reference is required"));
        }
        let area_number = AnnexIiiCode::from_str(&point.code)
            .map(|c| c.area().to_owned())
            .unwrap_or_default();
        let Some(area) = annex_iii.area.iter().find(|a| a.number == area_number) else {
            p.push(format!("{at}: its area does not exist"));
            continue;
        };
        built_points.push(AnnexIiiPoint {
            code: point.code,
            area: area_number,
            reference: point.reference,
            name: point.name,
            area_name: area.name.clone(),
        });
    }
    let built_areas: Vec<AnnexIiiArea> = annex_iii
        .area
        .into_iter()
        .map(|a| AnnexIiiArea {
            number: a.number,
            name: a.name,
        })
        .collect();

    // rules.toml
    let mut flags: BTreeSet<String> = BTreeSet::new();
    let mut built_flags = Vec::new();
    let mut all_rule_ids = Vec::new();
    for r in &rules.flag {
        let at = format!("rules.toml flag `{}`", r.id);
        let scope = ConditionScope {
            flags: &flags,
            category_known: false,
        };
        let when = r.when.compile(&scope, &at, &mut p.0);
        built_flags.push(build_rule(r, when, &at, &mut p, &mut check_terms));
        flags.insert(r.id.clone());
        all_rule_ids.push(r.id.clone());
    }
    let mut built_categories = Vec::new();
    let mut decided_categories = BTreeSet::new();
    for r in &rules.category {
        let at = format!("rules.toml category `{}`", r.id);
        let scope = ConditionScope {
            flags: &flags,
            category_known: false,
        };
        let when = r.when.compile(&scope, &at, &mut p.0);
        let category = match Category::parse(&r.category) {
            Some(Category::Incomplete) | None => {
                p.push(format!("{at}: unknown category `{}`", r.category));
                Category::Incomplete
            }
            Some(c) => c,
        };
        decided_categories.insert(category);
        let route = match (&r.route, category) {
            (None, Category::HighRisk) => {
                p.push(format!("{at}: a high-risk rule needs a route"));
                None
            }
            (None, _) => None,
            (Some(route), Category::HighRisk) => {
                let parsed = HighRiskRoute::from_str(route);
                if parsed.is_none() {
                    p.push(format!("{at}: unknown route `{route}`"));
                }
                parsed
            }
            (Some(_), _) => {
                p.push(format!("{at}: only high-risk rules have a route"));
                None
            }
        };
        p.text(&at, &r.explain);
        if r.article.trim().is_empty() {
            p.push(format!("{at}: article is required"));
        }
        check_terms(&mut p, &at, &r.terms);
        all_rule_ids.push(r.id.clone());
        built_categories.push(CategoryRule {
            id: r.id.clone(),
            category,
            route,
            when,
            article: r.article.clone(),
            explain: r.explain.clone(),
            terms: r.terms.clone(),
        });
    }
    match built_categories.last() {
        Some(last) if last.when == Condition::Always(true) => {}
        _ => p.push("rules.toml: the last category rule must be `when = { always = true }` so every run ends in a category".into()),
    }
    for category in Category::ALL {
        if *category != Category::Incomplete && !decided_categories.contains(category) {
            p.push(format!(
                "rules.toml: no rule concludes category `{category}`"
            ));
        }
    }
    let mut built_derive = Vec::new();
    for r in &rules.derive {
        let at = format!("rules.toml derive `{}`", r.id);
        let scope = ConditionScope {
            flags: &flags,
            category_known: true,
        };
        let when = r.when.compile(&scope, &at, &mut p.0);
        built_derive.push(build_rule(r, when, &at, &mut p, &mut check_terms));
        flags.insert(r.id.clone());
        all_rule_ids.push(r.id.clone());
    }
    p.unique(
        "rules.toml rule ids",
        all_rule_ids.iter().map(String::as_str),
    );

    let mut roles = BTreeMap::new();
    for (name, flag) in &rules.roles {
        match Role::from_str(name) {
            Some(role) => {
                roles.insert(role, flag.clone());
            }
            None => p.push(format!("rules.toml roles: unknown role `{name}`")),
        }
        if !flags.contains(flag) {
            p.push(format!("rules.toml roles: flag `{flag}` does not exist"));
        }
    }
    for role in Role::ALL {
        if !roles.contains_key(role) {
            p.push(format!("rules.toml roles: role `{role}` has no flag"));
        }
    }
    let check_flag = |p: &mut Problems, at: &str, flag: &str| {
        if !flags.contains(flag) {
            p.push(format!("{at}: flag `{flag}` does not exist"));
        }
    };
    check_flag(
        &mut p,
        "rules.toml outputs.fria_required",
        &rules.outputs.fria_required,
    );
    check_flag(
        &mut p,
        "rules.toml outputs.annex_iii_derogated",
        &rules.outputs.annex_iii_derogated,
    );
    let transparency_codes = ["50(1)", "50(2)", "50(3)", "50(4)"];
    for item in &rules.outputs.transparency {
        check_flag(&mut p, "rules.toml outputs.transparency", &item.flag);
        if !transparency_codes.contains(&item.code.as_str()) {
            p.push(format!(
                "rules.toml outputs.transparency: `{}` is not a paragraph of art. 50 with a duty",
                item.code
            ));
        }
    }
    let registration_codes = ["49(1)", "49(2)", "49(3)"];
    for item in &rules.outputs.eu_registration {
        check_flag(&mut p, "rules.toml outputs.eu_registration", &item.flag);
        if !registration_codes.contains(&item.code.as_str()) {
            p.push(format!(
                "rules.toml outputs.eu_registration: `{}` is not 49(1), 49(2) or 49(3)",
                item.code
            ));
        }
    }
    let full_scope = ConditionScope {
        flags: &flags,
        category_known: true,
    };

    // obligations.toml
    p.unique(
        "obligations.toml",
        obligations.obligation.iter().map(|o| o.id.as_str()),
    );
    let mut built_obligations = Vec::new();
    for o in obligations.obligation {
        let at = format!("obligations.toml `{}`", o.id);
        p.text(&at, &o.title);
        if o.article.trim().is_empty() {
            p.push(format!("{at}: article is required"));
        }
        check_terms(&mut p, &at, &o.terms);
        let mut addressee = Vec::new();
        for name in &o.addressee {
            match Role::from_str(name) {
                Some(role) => addressee.push(role),
                None => p.push(format!("{at}: unknown addressee `{name}`")),
            }
        }
        if addressee.is_empty() {
            p.push(format!("{at}: addressee is required"));
        }
        let scope = Scope::from_str(&o.scope).unwrap_or_else(|| {
            p.push(format!("{at}: unknown scope `{}`", o.scope));
            Scope::System
        });
        if !milestone_ids.contains(&o.milestone) {
            p.push(format!("{at}: milestone `{}` does not exist", o.milestone));
        }
        let when = o.when.compile(&full_scope, &at, &mut p.0);
        let mut milestone_if = Vec::new();
        for m in &o.milestone_if {
            if !milestone_ids.contains(&m.milestone) {
                p.push(format!("{at}: milestone `{}` does not exist", m.milestone));
            }
            milestone_if.push((
                m.when.compile(&full_scope, &at, &mut p.0),
                m.milestone.clone(),
            ));
        }
        built_obligations.push(Obligation {
            id: o.id,
            article: o.article,
            addressee,
            scope,
            milestone: o.milestone,
            milestone_if,
            when,
            title: o.title,
            terms: o.terms,
        });
    }

    // questions.toml
    p.unique(
        "questions.toml",
        questions.question.iter().map(|q| q.id.as_str()),
    );
    let mut built_questions: Vec<Question> = Vec::new();
    let mut set_facts: BTreeMap<String, String> = BTreeMap::new();
    for q in questions.question {
        let at = format!("questions.toml `{}`", q.id);
        p.text(&format!("{at} text"), &q.text);
        p.text(&format!("{at} help"), &q.help);
        p.text(&format!("{at} legal_ref"), &q.legal_ref);
        if q.articles.is_empty() {
            p.push(format!("{at}: at least one article is required"));
        }
        check_terms(&mut p, &at, &q.terms);
        for (i, example) in q.example.iter().enumerate() {
            p.text(&format!("{at} example {}", i + 1), example);
        }
        let when = match &q.when {
            Some(raw) => raw.compile(&full_scope, &at, &mut p.0),
            None => Condition::Always(true),
        };
        let mut options = Vec::new();
        let mut none_label = None;
        let kind;
        match (&q.sets, &q.helper_for) {
            (Some(fact), None) => {
                if q.example.is_empty() {
                    p.push(format!("{at}: at least one example is required"));
                }
                if let Some(previous) = set_facts.insert(fact.clone(), q.id.clone()) {
                    p.push(format!(
                        "{at}: fact `{fact}` is already set by `{previous}`"
                    ));
                }
                let Some((root, fact_kind_)) = fact_kind(fact) else {
                    p.push(format!("{at}: `{fact}` is not a fact of the vocabulary"));
                    continue;
                };
                if root != fact {
                    p.push(format!("{at}: a question sets a whole fact, not `{fact}`"));
                }
                let def = built_facts.iter().find(|f| f.key == *fact);
                kind = match fact_kind_ {
                    FactKind::Bool => QuestionKind::YesNo,
                    FactKind::Set(_) => QuestionKind::Multi,
                    _ => QuestionKind::Single,
                };
                if q.option.is_empty() {
                    match fact_kind_ {
                        FactKind::Bool => {
                            options
                                .push(simple_option(serde_json::Value::Bool(true), &meta.ui.yes));
                            options
                                .push(simple_option(serde_json::Value::Bool(false), &meta.ui.no));
                        }
                        FactKind::AnnexI => {
                            p.push(format!("{at}: `annex_i` needs explicit options"));
                        }
                        FactKind::Enum(..) | FactKind::NullableEnum(_) | FactKind::Set(_) => {
                            if fact == "annex_iii" {
                                for point in &built_points {
                                    options.push(simple_option(
                                        serde_json::Value::String(point.code.clone()),
                                        &point.name,
                                    ));
                                }
                            } else if let Some(def) = def {
                                for v in &def.values {
                                    options.push(simple_option(
                                        serde_json::Value::String(v.value.clone()),
                                        &v.label,
                                    ));
                                }
                            }
                        }
                    }
                    let none = def
                        .and_then(|d| d.none_label.clone())
                        .unwrap_or_else(|| meta.ui.none.clone());
                    match fact_kind_ {
                        FactKind::NullableEnum(_) => {
                            options.push(simple_option(serde_json::Value::Null, &none))
                        }
                        FactKind::Set(_) => none_label = Some(none),
                        _ => {}
                    }
                } else {
                    for o in &q.option {
                        options.push(build_option(o, &at, &mut p));
                    }
                    let none = def
                        .and_then(|d| d.none_label.clone())
                        .unwrap_or_else(|| meta.ui.none.clone());
                    match fact_kind_ {
                        // TOML has no null: the "none" option of a nullable fact is added here.
                        FactKind::NullableEnum(_) | FactKind::AnnexI => {
                            options.push(simple_option(serde_json::Value::Null, &none))
                        }
                        FactKind::Set(_) => none_label = Some(none),
                        _ => {}
                    }
                }
                for o in &q.extra_option {
                    let option = build_option(o, &at, &mut p);
                    if !option.opens_helpers {
                        p.push(format!("{at}: an extra option must open helper questions"));
                    }
                    options.push(option);
                }
                // Every option value must be a valid value of the fact.
                for option in options.iter().filter(|o| !o.opens_helpers) {
                    let value = match kind {
                        QuestionKind::Multi => serde_json::Value::Array(vec![option.value.clone()]),
                        _ => option.value.clone(),
                    };
                    let mut object = serde_json::Map::new();
                    object.insert(fact.clone(), value);
                    if let Err(e) = Facts::from_json(&serde_json::Value::Object(object)) {
                        p.push(format!("{at}: option {} is not valid: {e}", option.value));
                    }
                }
                if options.iter().any(|o| o.decides.is_some()) {
                    p.push(format!("{at}: only helper questions have deciding options"));
                }
            }
            (None, Some(parent)) => {
                kind = QuestionKind::YesNo;
                if q.when.is_some() {
                    p.push(format!(
                        "{at}: helper questions are shown by their parent, they take no `when`"
                    ));
                }
                match built_questions.iter().find(|b| b.id == *parent) {
                    Some(b) if b.options.iter().any(|o| o.opens_helpers) => {}
                    _ => p.push(format!(
                        "{at}: parent `{parent}` must be an earlier question with an option that opens helpers"
                    )),
                }
                if let Some(last) = built_questions.last()
                    && last.id != *parent
                    && last.helper_for.as_deref() != Some(parent.as_str())
                {
                    p.push(format!("{at}: helper questions must follow their parent"));
                }
                for o in &q.option {
                    options.push(build_option(o, &at, &mut p));
                }
                if options.iter().all(|o| o.decides.is_none()) {
                    p.push(format!("{at}: a helper needs at least one deciding option"));
                }
                if options.iter().any(|o| o.opens_helpers) {
                    p.push(format!("{at}: helpers cannot open helpers"));
                }
            }
            _ => {
                p.push(format!(
                    "{at}: needs exactly one of `sets` and `helper_for`"
                ));
                continue;
            }
        }
        if options.is_empty() {
            p.push(format!("{at}: no options"));
        }
        built_questions.push(Question {
            id: q.id,
            sets: q.sets,
            helper_for: q.helper_for,
            kind,
            text: q.text,
            help: q.help,
            legal_ref: q.legal_ref,
            articles: q.articles,
            terms: q.terms,
            examples: q.example,
            options,
            none_label,
            when,
        });
    }
    // The last helper of each chain must always decide.
    for (i, q) in built_questions.iter().enumerate() {
        if let Some(parent) = &q.helper_for {
            let next_is_same_chain = built_questions
                .get(i + 1)
                .is_some_and(|n| n.helper_for.as_ref() == Some(parent));
            if !next_is_same_chain && q.options.iter().any(|o| o.decides.is_none()) {
                p.push(format!(
                    "questions.toml `{}`: the last helper for `{parent}` must decide on every option",
                    q.id
                ));
            }
        }
    }
    for (key, _) in VOCABULARY {
        if !set_facts.contains_key(*key) {
            p.push(format!("questions.toml: no question sets fact `{key}`"));
        }
    }

    if !p.0.is_empty() {
        return Err(PackError::Invalid { problems: p.0 });
    }
    Ok(Pack {
        meta: PackMeta {
            id: meta.id,
            version: meta.version,
            law_as_of: meta.law_as_of,
            title: meta.title,
            legal_source: meta.legal_source,
            disclaimer: meta.disclaimer,
            changelog: meta.changelog,
        },
        milestones: built_milestones,
        facts: built_facts,
        annex_iii_areas: built_areas,
        annex_iii: built_points,
        glossary: built_glossary,
        rules: Rules {
            flags: built_flags,
            categories: built_categories,
            derive: built_derive,
            roles,
            transparency: rules
                .outputs
                .transparency
                .into_iter()
                .map(|i| (i.code, i.flag))
                .collect(),
            eu_registration: rules
                .outputs
                .eu_registration
                .into_iter()
                .map(|i| (i.code, i.flag))
                .collect(),
            fria_flag: rules.outputs.fria_required,
            derogated_flag: rules.outputs.annex_iii_derogated,
        },
        obligations: built_obligations,
        questions: built_questions,
    })
}

fn build_rule(
    r: &RawRule,
    when: Condition,
    at: &str,
    p: &mut Problems,
    check_terms: &mut impl FnMut(&mut Problems, &str, &[String]),
) -> Rule {
    match (&r.article, &r.explain) {
        (Some(article), Some(explain)) => {
            if article.trim().is_empty() {
                p.push(format!("{at}: article is empty"));
            }
            p.text(at, explain);
        }
        (None, None) => {}
        _ => p.push(format!("{at}: `article` and `explain` go together")),
    }
    check_terms(p, at, &r.terms);
    Rule {
        id: r.id.clone(),
        when,
        article: r.article.clone(),
        explain: r.explain.clone(),
        terms: r.terms.clone(),
    }
}

fn simple_option(value: serde_json::Value, label: &Text) -> QuestionOption {
    QuestionOption {
        value,
        label: label.clone(),
        help: None,
        opens_helpers: false,
        decides: None,
    }
}

fn build_option(o: &RawOption, at: &str, p: &mut Problems) -> QuestionOption {
    p.text(&format!("{at} option label"), &o.label);
    if let Some(help) = &o.help {
        p.text(&format!("{at} option help"), help);
    }
    QuestionOption {
        value: toml_to_json(&o.value),
        label: o.label.clone(),
        help: o.help.clone(),
        opens_helpers: o.opens_helpers,
        decides: o.decides,
    }
}
