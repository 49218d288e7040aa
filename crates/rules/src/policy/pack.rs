//! Loading and validating the policy packs (`content/policies/*.toml`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::format_description;

use aireg_domain::Vocabulary;
use aireg_domain::governance::IncidentKind;
use aireg_domain::person::Role;
use aireg_domain::policy::{BodyMembership, RecordPerson};
use aireg_domain::system::Lifecycle;

use super::condition::{Condition, RawCondition};
use super::engine::{AiActSituation, Situation};
use crate::ai_act::{Category, ChangelogEntry, Text};
use crate::usage::StaffUse;

/// The files of the embedded packs.
pub const POLICY_FILES: &[&str] = &["kainuu.toml", "tampere-region.toml", "avesta.toml"];

macro_rules! embedded_file {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../content/policies/",
                $name
            )),
        )
    };
}

const EMBEDDED: &[(&str, &str)] = &[
    embedded_file!("kainuu.toml"),
    embedded_file!("tampere-region.toml"),
    embedded_file!("avesta.toml"),
];

/// Why policy packs could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error("cannot read policy pack {file}: {message}")]
    Read { file: String, message: String },
    #[error("cannot parse policy pack {file}: {message}")]
    Parse { file: String, message: String },
    #[error("invalid policy pack {file} ({} problems): {}", problems.len(), problems.join("; "))]
    Invalid { file: String, problems: Vec<String> },
    #[error("policy packs do not fit together: {}", problems.join("; "))]
    Conflict { problems: Vec<String> },
    #[error("no policy packs (*.toml) in {dir}")]
    Empty { dir: String },
}

// ---------------------------------------------------------------------------------------------
// Public content types
// ---------------------------------------------------------------------------------------------

/// One section of the readable summary of a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummarySection {
    pub heading: Text,
    pub body: Text,
}

/// A governance body and who sits in it: the holders of `roles` in the record's organisation
/// (or, for `ai_working_group`, in its region), or the one person named on the record
/// (`record_person` = `system_owner` / `process_owner`). A body with neither is informational
/// (for example the board that adopts the policy) and cannot be routed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    pub id: String,
    pub name: Text,
    pub roles: Vec<Role>,
    pub record_person: Option<RecordPerson>,
}

impl Body {
    /// Whether anyone in the register sits in the body.
    pub fn has_members(&self) -> bool {
        !self.roles.is_empty() || self.record_person.is_some()
    }

    /// Who belongs to the body, in the terms of the authorization policy.
    pub fn membership(&self) -> BodyMembership {
        BodyMembership {
            roles: self.roles.clone(),
            record_person: self.record_person,
        }
    }
}

/// How systems and the policy itself are kept under review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewPolicy {
    /// The review interval of a system, in months (default 12).
    pub system_interval_months: u32,
    /// The review interval of the policy itself, in months (default 12).
    pub policy_interval_months: u32,
    /// The body that reviews the policy.
    pub policy_body: String,
    pub section: Text,
}

/// The name of an assessment template as this policy calls it, and the text shown when its
/// signed version is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentType {
    pub id: String,
    pub name: Text,
    pub missing: Text,
}

/// An approval routing rule: when it holds, each of `bodies` must approve a deployment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApprovalRule {
    pub id: String,
    pub when: Condition,
    pub bodies: Vec<String>,
    pub own_decision: bool,
    pub reason: Text,
    pub section: Text,
}

/// A rule requiring an assessment, signed off by a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentRule {
    pub id: String,
    pub assessment: String,
    pub when: Condition,
    pub sign_off: String,
    pub reason: Text,
    pub section: Text,
}

/// A check a gate can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GateCheck {
    /// Every routed approval is granted.
    Approvals,
    /// Every required assessment is signed off.
    Assessments,
    /// A system owner is named.
    SystemOwner,
    /// A process owner (Tampere: the responsible person) is named.
    ProcessOwner,
    /// A complete AI Act classification exists.
    AiActClassification,
    /// The EU database registration is done, where the AI Act outcome requires it.
    EuRegistration,
}

impl GateCheck {
    pub const ALL: &'static [GateCheck] = &[
        GateCheck::Approvals,
        GateCheck::Assessments,
        GateCheck::SystemOwner,
        GateCheck::ProcessOwner,
        GateCheck::AiActClassification,
        GateCheck::EuRegistration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GateCheck::Approvals => "approvals",
            GateCheck::Assessments => "assessments",
            GateCheck::SystemOwner => "system_owner",
            GateCheck::ProcessOwner => "process_owner",
            GateCheck::AiActClassification => "ai_act_classification",
            GateCheck::EuRegistration => "eu_registration",
        }
    }

    #[allow(clippy::should_implement_trait)]
    pub fn from_str(name: &str) -> Option<GateCheck> {
        GateCheck::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl Serialize for GateCheck {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A gate rule: a move to one of `to`, when `when` holds, needs `checks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GateRule {
    pub to: Vec<Lifecycle>,
    pub when: Condition,
    pub checks: Vec<GateCheck>,
    pub section: Text,
}

/// Who receives incidents of the given kinds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncidentRoute {
    pub kinds: Vec<IncidentKind>,
    pub recipients: Vec<String>,
    pub section: Text,
}

/// The texts of the things a gate can find missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingTexts {
    /// Per body: its approval (or own decision) is missing.
    pub approval: BTreeMap<String, Text>,
    pub system_owner: Text,
    pub process_owner: Text,
    pub ai_act_classification: Text,
    pub eu_registration: Text,
    pub prohibited: Text,
}

/// One organisation's (or region's) AI governance policy as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyPack {
    pub id: String,
    /// Semantic version; bumped on every change.
    pub version: String,
    pub title: Text,
    /// The document the pack is derived from.
    pub source: Text,
    /// When and by whom the policy was adopted, e.g. `KF 2026-02-09 § 8`.
    pub adopted: String,
    /// Organisation slugs; a region's slug covers every organisation below it.
    pub applies_to: Vec<String>,
    pub summary: Vec<SummarySection>,
    pub bodies: Vec<Body>,
    pub review: ReviewPolicy,
    /// Days within which a resident's question or contest is answered.
    pub feedback_response_days: u32,
    /// What the response time rests on.
    pub feedback_section: Text,
    /// Newest first; the first entry is the current version.
    pub changelog: Vec<ChangelogEntry>,
    pub assessment_types: Vec<AssessmentType>,
    pub approval_rules: Vec<ApprovalRule>,
    pub assessment_rules: Vec<AssessmentRule>,
    pub gate_rules: Vec<GateRule>,
    pub incident_routes: Vec<IncidentRoute>,
    pub missing_texts: MissingTexts,
    /// What staff may do with AI tools (the catalogue), when the policy says.
    pub staff_use: Option<StaffUse>,
}

impl PolicyPack {
    /// The body with this id.
    pub fn body(&self, id: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }

    /// The name this policy gives an assessment template.
    pub fn assessment_type(&self, id: &str) -> Option<&AssessmentType> {
        self.assessment_types.iter().find(|t| t.id == id)
    }

    /// Whether the pack applies to the organisation with exactly this slug.
    pub fn applies_to_slug(&self, slug: &str) -> bool {
        self.applies_to.iter().any(|s| s == slug)
    }

    /// Loads and validates one pack from its TOML text. `file` names it in errors; when it
    /// ends in `.toml`, its stem must equal the pack id.
    pub fn from_toml(file: &str, source: &str) -> Result<PolicyPack, PolicyError> {
        let raw: RawPack = toml::from_str(source).map_err(|e| PolicyError::Parse {
            file: file.to_owned(),
            message: e.to_string(),
        })?;
        let mut problems = Problems::default();
        let pack = build(raw, &mut problems);
        if let Some(stem) = file
            .rsplit(['/', '\\'])
            .next()
            .and_then(|name| name.strip_suffix(".toml"))
            && stem != pack.id
        {
            problems.push(format!(
                "id: `{}` does not match the file name `{stem}.toml`",
                pack.id
            ));
        }
        if problems.0.is_empty() {
            check_completeness(&pack, &mut problems);
        }
        if problems.0.is_empty() {
            Ok(pack)
        } else {
            Err(PolicyError::Invalid {
                file: file.to_owned(),
                problems: problems.0,
            })
        }
    }
}

/// All policy packs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Policies {
    packs: Vec<PolicyPack>,
}

static EMBEDDED_POLICIES: OnceLock<Result<Policies, PolicyError>> = OnceLock::new();

impl Policies {
    /// The packs compiled into the binary (from `content/policies/`), validated once.
    pub fn embedded() -> Result<&'static Policies, PolicyError> {
        EMBEDDED_POLICIES
            .get_or_init(|| Policies::from_sources(EMBEDDED.iter().copied()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Loads and validates every `*.toml` file of a directory (in name order).
    pub fn from_dir(dir: &Path) -> Result<Policies, PolicyError> {
        let read_err = |e: std::io::Error| PolicyError::Read {
            file: dir.display().to_string(),
            message: e.to_string(),
        };
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(read_err)? {
            let path = entry.map_err(read_err)?.path();
            if path.is_file() && path.extension().is_some_and(|e| e == "toml") {
                paths.push(path);
            }
        }
        paths.sort();
        if paths.is_empty() {
            return Err(PolicyError::Empty {
                dir: dir.display().to_string(),
            });
        }
        let mut files = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|e| PolicyError::Read {
                file: path.display().to_string(),
                message: e.to_string(),
            })?;
            files.push((path.display().to_string(), text));
        }
        Policies::from_sources(files.iter().map(|(f, t)| (f.as_str(), t.as_str())))
    }

    /// Loads and validates packs from `(file name, TOML text)` pairs.
    pub fn from_sources<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Policies, PolicyError> {
        let mut packs = Vec::new();
        for (file, source) in files {
            packs.push(PolicyPack::from_toml(file, source)?);
        }
        if packs.is_empty() {
            return Err(PolicyError::Empty {
                dir: "(no files)".to_owned(),
            });
        }
        let mut problems = Vec::new();
        let mut ids = BTreeSet::new();
        let mut slugs: BTreeMap<&str, &str> = BTreeMap::new();
        for pack in &packs {
            if !ids.insert(pack.id.as_str()) {
                problems.push(format!("two packs have the id `{}`", pack.id));
            }
            for slug in &pack.applies_to {
                if let Some(other) = slugs.insert(slug.as_str(), pack.id.as_str()) {
                    problems.push(format!(
                        "organisation `{slug}` is in applies_to of both `{other}` and `{}`",
                        pack.id
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(Policies { packs })
        } else {
            Err(PolicyError::Conflict { problems })
        }
    }

    /// Every pack.
    pub fn all(&self) -> &[PolicyPack] {
        &self.packs
    }

    /// The pack with this id.
    pub fn get(&self, id: &str) -> Option<&PolicyPack> {
        self.packs.iter().find(|p| p.id == id)
    }

    /// The pack for an organisation, given its slug and its ancestors' slugs nearest first:
    /// the pack naming the nearest of them.
    pub fn for_org(&self, slugs_nearest_first: &[&str]) -> Option<&PolicyPack> {
        slugs_nearest_first
            .iter()
            .find_map(|slug| self.packs.iter().find(|p| p.applies_to_slug(slug)))
    }
}

// ---------------------------------------------------------------------------------------------
// Raw (file) types
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    id: String,
    version: String,
    adopted: String,
    applies_to: Vec<String>,
    title: Text,
    source: Text,
    #[serde(default)]
    changelog: Vec<ChangelogEntry>,
    #[serde(default)]
    summary: Vec<SummarySection>,
    #[serde(default)]
    body: Vec<RawBody>,
    #[serde(default)]
    assessment_type: Vec<RawAssessmentType>,
    #[serde(default)]
    approval: Vec<RawApproval>,
    #[serde(default)]
    assessment: Vec<RawAssessment>,
    #[serde(default)]
    gate: Vec<RawGate>,
    review: RawReview,
    #[serde(default)]
    incident: Vec<RawIncident>,
    feedback: RawFeedback,
    missing: RawMissing,
    staff_use: Option<crate::usage::RawStaffUse>,
    #[serde(default)]
    tool: Vec<crate::usage::Tool>,
    #[serde(default)]
    forbidden_use: Vec<crate::usage::ForbiddenUse>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBody {
    id: String,
    name: Text,
    #[serde(default)]
    roles: Vec<String>,
    record_person: Option<String>,
    approval_missing: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssessmentType {
    id: String,
    name: Text,
    missing: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApproval {
    id: String,
    when: Option<RawCondition>,
    bodies: Vec<String>,
    #[serde(default)]
    own_decision: bool,
    reason: Text,
    section: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssessment {
    id: String,
    assessment: String,
    when: Option<RawCondition>,
    sign_off: String,
    reason: Text,
    section: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGate {
    to: Vec<String>,
    when: Option<RawCondition>,
    checks: Vec<String>,
    section: Text,
}

fn twelve() -> u32 {
    12
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReview {
    #[serde(default = "twelve")]
    system_interval_months: u32,
    #[serde(default = "twelve")]
    policy_interval_months: u32,
    policy_body: String,
    section: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIncident {
    kinds: Vec<String>,
    recipients: Vec<String>,
    section: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeedback {
    response_days: u32,
    section: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMissing {
    system_owner: Text,
    process_owner: Text,
    ai_act_classification: Text,
    eu_registration: Text,
    prohibited: Text,
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/// Collects validation problems, each naming its place in the file.
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
            } else if !seen.insert(id) {
                self.0.push(format!("{what}: duplicate id `{id}`"));
            }
        }
    }

    /// A value of one of the register's closed vocabularies (roles, states, incident kinds),
    /// or a problem naming the place and the values allowed.
    fn vocabulary<T: Vocabulary>(&mut self, at: &str, what: &str, value: &str) -> Option<T> {
        let found = T::all().iter().copied().find(|v| v.text() == value);
        if found.is_none() {
            let known: Vec<&str> = T::all().iter().map(|v| v.text()).collect();
            self.0.push(format!(
                "{at}: unknown {what} `{value}` (known: {})",
                known.join(", ")
            ));
        }
        found
    }

    fn condition(&mut self, at: &str, raw: Option<&RawCondition>) -> Condition {
        match raw {
            None => Condition::Always(true),
            Some(raw) => raw.compile(&format!("{at}.when"), &mut self.0),
        }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_semver(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars().all(|c| c.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
}

fn is_date(s: &str) -> bool {
    Date::parse(s, format_description!("[year]-[month]-[day]")).is_ok()
}

fn build(raw: RawPack, p: &mut Problems) -> PolicyPack {
    // Identity.
    if !is_slug(&raw.id) {
        p.push(format!(
            "id: `{}` is not a slug (lower-case letters, digits, hyphens)",
            raw.id
        ));
    }
    if !is_semver(&raw.version) {
        p.push(format!(
            "version: `{}` is not a semantic version (MAJOR.MINOR.PATCH)",
            raw.version
        ));
    }
    if raw.adopted.trim().is_empty() {
        p.push("adopted: empty (give the date and the body that adopted the policy)".to_owned());
    }
    if raw.applies_to.is_empty() {
        p.push("applies_to: empty (name at least one organisation or region slug)".to_owned());
    }
    for (i, slug) in raw.applies_to.iter().enumerate() {
        if !is_slug(slug) {
            p.push(format!("applies_to[{i}]: `{slug}` is not a slug"));
        }
    }
    p.unique("applies_to", raw.applies_to.iter().map(String::as_str));
    p.text("title", &raw.title);
    p.text("source", &raw.source);

    // Changelog: newest first, the first entry is the current version.
    if raw.changelog.is_empty() {
        p.push("changelog: empty (the first entry describes the current version)".to_owned());
    } else if raw.changelog[0].version != raw.version {
        p.push(format!(
            "changelog[0]: version `{}` is not the pack version `{}` (bump the version and \
             describe the change first)",
            raw.changelog[0].version, raw.version
        ));
    }
    for (i, entry) in raw.changelog.iter().enumerate() {
        if !is_semver(&entry.version) {
            p.push(format!(
                "changelog[{i}]: `{}` is not a semantic version",
                entry.version
            ));
        }
        if !is_date(&entry.date) {
            p.push(format!(
                "changelog[{i}]: date `{}` is not YYYY-MM-DD",
                entry.date
            ));
        }
        p.text(&format!("changelog[{i}].text"), &entry.text);
    }
    p.unique(
        "changelog versions",
        raw.changelog.iter().map(|e| e.version.as_str()),
    );

    // Summary.
    if raw.summary.is_empty() {
        p.push("summary: empty (summarise the policy for its readers)".to_owned());
    }
    for (i, section) in raw.summary.iter().enumerate() {
        p.text(&format!("summary[{i}].heading"), &section.heading);
        p.text(&format!("summary[{i}].body"), &section.body);
    }

    // Bodies.
    p.unique("body", raw.body.iter().map(|b| b.id.as_str()));
    let mut bodies = Vec::new();
    let mut approval_missing = BTreeMap::new();
    for b in &raw.body {
        let at = format!("body `{}`", b.id);
        p.text(&format!("{at}.name"), &b.name);
        let roles: Vec<Role> = b
            .roles
            .iter()
            .filter_map(|role| p.vocabulary(&format!("{at}.roles"), "role", role))
            .collect();
        let record_person = b
            .record_person
            .as_deref()
            .and_then(|person| p.vocabulary(&format!("{at}.record_person"), "person", person));
        if b.record_person.is_some() && !b.roles.is_empty() {
            p.push(format!(
                "{at}: give either roles or record_person, not both"
            ));
        }
        if let Some(text) = &b.approval_missing {
            p.text(&format!("{at}.approval_missing"), text);
            approval_missing.insert(b.id.clone(), text.clone());
        }
        bodies.push(Body {
            id: b.id.clone(),
            name: b.name.clone(),
            roles,
            record_person,
        });
    }
    let find_body = |id: &str| bodies.iter().find(|b| b.id == id);
    // A reference to a body that must have members.
    let routable = |p: &mut Problems, at: &str, id: &str| match find_body(id) {
        None => p.push(format!("{at}: unknown body `{id}`")),
        Some(b) if !b.has_members() => p.push(format!(
            "{at}: body `{id}` has neither roles nor record_person, so nobody can act for it"
        )),
        Some(_) => {}
    };

    // Assessment types.
    p.unique(
        "assessment_type",
        raw.assessment_type.iter().map(|t| t.id.as_str()),
    );
    let mut assessment_types = Vec::new();
    for t in &raw.assessment_type {
        // Whether a template of this id is in use is checked with the whole content
        // (`Content`), since an installation may bring templates of its own.
        let at = format!("assessment_type `{}`", t.id);
        p.text(&format!("{at}.name"), &t.name);
        p.text(&format!("{at}.missing"), &t.missing);
        assessment_types.push(AssessmentType {
            id: t.id.clone(),
            name: t.name.clone(),
            missing: t.missing.clone(),
        });
    }

    // Approval rules.
    p.unique("approval", raw.approval.iter().map(|r| r.id.as_str()));
    let mut approval_rules = Vec::new();
    for r in &raw.approval {
        let at = format!("approval `{}`", r.id);
        let when = p.condition(&at, r.when.as_ref());
        if r.bodies.is_empty() {
            p.push(format!("{at}.bodies: empty"));
        }
        for body in &r.bodies {
            routable(p, &format!("{at}.bodies"), body);
            if !approval_missing.contains_key(body) && find_body(body).is_some() {
                p.push(format!(
                    "{at}.bodies: body `{body}` has no approval_missing text"
                ));
            }
            if r.own_decision && find_body(body).is_some_and(|b| b.record_person.is_none()) {
                p.push(format!(
                    "{at}: own_decision needs bodies that are a person named on the record \
                     (record_person); `{body}` is not"
                ));
            }
        }
        p.text(&format!("{at}.reason"), &r.reason);
        p.text(&format!("{at}.section"), &r.section);
        approval_rules.push(ApprovalRule {
            id: r.id.clone(),
            when,
            bodies: r.bodies.clone(),
            own_decision: r.own_decision,
            reason: r.reason.clone(),
            section: r.section.clone(),
        });
    }

    // Assessment rules.
    p.unique("assessment", raw.assessment.iter().map(|r| r.id.as_str()));
    let mut assessment_rules = Vec::new();
    for r in &raw.assessment {
        let at = format!("assessment `{}`", r.id);
        let when = p.condition(&at, r.when.as_ref());
        if !assessment_types.iter().any(|t| t.id == r.assessment) {
            p.push(format!(
                "{at}.assessment: `{}` has no [[assessment_type]] entry naming it",
                r.assessment
            ));
        }
        routable(p, &format!("{at}.sign_off"), &r.sign_off);
        p.text(&format!("{at}.reason"), &r.reason);
        p.text(&format!("{at}.section"), &r.section);
        assessment_rules.push(AssessmentRule {
            id: r.id.clone(),
            assessment: r.assessment.clone(),
            when,
            sign_off: r.sign_off.clone(),
            reason: r.reason.clone(),
            section: r.section.clone(),
        });
    }

    // Gates.
    let mut gate_rules = Vec::new();
    for (i, g) in raw.gate.iter().enumerate() {
        let at = format!("gate[{i}]");
        let when = p.condition(&at, g.when.as_ref());
        if g.to.is_empty() {
            p.push(format!("{at}.to: empty"));
        }
        let mut to_states = Vec::new();
        for to in &g.to {
            match p.vocabulary::<Lifecycle>(&format!("{at}.to"), "state", to) {
                Some(state) if state.is_exit() => p.push(format!(
                    "{at}.to: `{to}` cannot have a gate (suspending or retiring a system is \
                     always allowed)"
                )),
                Some(state) => to_states.push(state),
                None => {}
            }
        }
        if g.checks.is_empty() {
            p.push(format!("{at}.checks: empty"));
        }
        let mut checks = Vec::new();
        for check in &g.checks {
            match GateCheck::from_str(check) {
                Some(c) => checks.push(c),
                None => p.push(format!(
                    "{at}.checks: unknown check `{check}` (known: {})",
                    GateCheck::ALL
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
        p.text(&format!("{at}.section"), &g.section);
        gate_rules.push(GateRule {
            to: to_states,
            when,
            checks,
            section: g.section.clone(),
        });
    }

    // Review.
    let review = &raw.review;
    for (field, months) in [
        ("system_interval_months", review.system_interval_months),
        ("policy_interval_months", review.policy_interval_months),
    ] {
        if !(1..=60).contains(&months) {
            p.push(format!("review.{field}: {months} is not between 1 and 60"));
        }
    }
    routable(p, "review.policy_body", &review.policy_body);
    p.text("review.section", &review.section);

    // Incidents.
    let mut incident_routes = Vec::new();
    for (i, r) in raw.incident.iter().enumerate() {
        let at = format!("incident[{i}]");
        if r.kinds.is_empty() {
            p.push(format!("{at}.kinds: empty"));
        }
        let kinds: Vec<IncidentKind> = r
            .kinds
            .iter()
            .filter_map(|kind| p.vocabulary(&format!("{at}.kinds"), "incident kind", kind))
            .collect();
        if r.recipients.is_empty() {
            p.push(format!("{at}.recipients: empty"));
        }
        for body in &r.recipients {
            routable(p, &format!("{at}.recipients"), body);
        }
        p.text(&format!("{at}.section"), &r.section);
        incident_routes.push(IncidentRoute {
            kinds,
            recipients: r.recipients.clone(),
            section: r.section.clone(),
        });
    }
    for kind in IncidentKind::ALL {
        if !incident_routes.iter().any(|r| r.kinds.contains(kind)) {
            p.push(format!("incident: no route for the kind `{kind}`"));
        }
    }

    // Feedback.
    if !(1..=90).contains(&raw.feedback.response_days) {
        p.push(format!(
            "feedback.response_days: {} is not between 1 and 90",
            raw.feedback.response_days
        ));
    }
    p.text("feedback.section", &raw.feedback.section);

    // Missing texts.
    let m = &raw.missing;
    for (field, text) in [
        ("system_owner", &m.system_owner),
        ("process_owner", &m.process_owner),
        ("ai_act_classification", &m.ai_act_classification),
        ("eu_registration", &m.eu_registration),
        ("prohibited", &m.prohibited),
    ] {
        p.text(&format!("missing.{field}"), text);
    }

    let staff_use = crate::usage::build(
        raw.staff_use,
        raw.tool,
        raw.forbidden_use,
        &bodies,
        &mut p.0,
    );

    PolicyPack {
        staff_use,
        id: raw.id,
        version: raw.version,
        title: raw.title,
        source: raw.source,
        adopted: raw.adopted,
        applies_to: raw.applies_to,
        summary: raw.summary,
        review: ReviewPolicy {
            system_interval_months: raw.review.system_interval_months,
            policy_interval_months: raw.review.policy_interval_months,
            policy_body: raw.review.policy_body,
            section: raw.review.section,
        },
        bodies,
        feedback_response_days: raw.feedback.response_days,
        feedback_section: raw.feedback.section,
        changelog: raw.changelog,
        assessment_types,
        approval_rules,
        assessment_rules,
        gate_rules,
        incident_routes,
        missing_texts: MissingTexts {
            approval: approval_missing,
            system_owner: raw.missing.system_owner,
            process_owner: raw.missing.process_owner,
            ai_act_classification: raw.missing.ai_act_classification,
            eu_registration: raw.missing.eu_registration,
            prohibited: raw.missing.prohibited,
        },
    }
}

/// Every situation the vocabulary can describe: the yes/no data facts, and no AI Act outcome
/// or an outcome of every category with and without FRIA and registration.
pub fn all_situations() -> Vec<Situation> {
    let mut ai_acts: Vec<Option<AiActSituation>> = vec![None];
    for category in Category::ALL {
        for fria_required in [false, true] {
            for eu_registration_required in [false, true] {
                ai_acts.push(Some(AiActSituation {
                    category: *category,
                    fria_required,
                    eu_registration_required,
                }));
            }
        }
    }
    let mut out = Vec::new();
    for bits in 0u8..8 {
        for ai_act in &ai_acts {
            out.push(Situation {
                personal_data: bits & 1 != 0,
                sensitive_data: bits & 2 != 0,
                ai_features_added: bits & 4 != 0,
                ai_act: ai_act.clone(),
            });
        }
    }
    out
}

fn describe(s: &Situation) -> String {
    let ai = match &s.ai_act {
        None => "no AI Act outcome".to_owned(),
        Some(a) => format!(
            "ai_act.category={}, fria_required={}, eu_registration_required={}",
            a.category, a.fria_required, a.eu_registration_required
        ),
    };
    format!(
        "personal_data={}, sensitive_data={}, ai_features_added={}, {ai}",
        s.personal_data, s.sensitive_data, s.ai_features_added
    )
}

/// The guarantees every pack must give, checked over every situation: a deployment is always
/// approved by someone; the law's own assessments (a DPIA for personal data, a FRIA where the
/// AI Act requires one) are always required; and a move to `pilot` or `in_use` always checks
/// approvals, assessments, the AI Act classification and the EU registration.
fn check_completeness(pack: &PolicyPack, p: &mut Problems) {
    let mut seen = BTreeSet::new();
    let mut report = |p: &mut Problems, key: &'static str, problem: String| {
        if seen.insert(key) {
            p.push(problem);
        }
    };
    for s in all_situations() {
        if pack.approvals_required(&s).is_empty() {
            report(
                p,
                "approval",
                format!(
                    "approval: no rule routes a deployment when {}",
                    describe(&s)
                ),
            );
        }
        let assessments = pack.assessments_required(&s);
        let requires = |id: &str| assessments.iter().any(|a| a.assessment == id);
        if s.personal_data && !requires("dpia") {
            report(
                p,
                "dpia",
                format!(
                    "assessment: a DPIA (GDPR art. 35) is not required when {}",
                    describe(&s)
                ),
            );
        }
        if s.ai_act.as_ref().is_some_and(|a| a.fria_required) && !requires("fria") {
            report(
                p,
                "fria",
                format!(
                    "assessment: a FRIA (AI Act art. 27) is not required when {}",
                    describe(&s)
                ),
            );
        }
        for to in Lifecycle::ALL.iter().filter(|l| l.is_deployment()) {
            let checks: BTreeSet<GateCheck> = pack
                .gate_rules
                .iter()
                .filter(|g| g.to.contains(to) && g.when.holds(&s))
                .flat_map(|g| g.checks.iter().copied())
                .collect();
            for needed in [
                GateCheck::Approvals,
                GateCheck::Assessments,
                GateCheck::AiActClassification,
                GateCheck::EuRegistration,
            ] {
                if !checks.contains(&needed) {
                    report(
                        p,
                        needed.as_str(),
                        format!(
                            "gate: a move to `{to}` does not check `{}` when {}",
                            needed.as_str(),
                            describe(&s)
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_versions() {
        assert!(is_slug("tampereen-seutu"));
        assert!(!is_slug("Tampere"));
        assert!(!is_slug("-x"));
        assert!(!is_slug(""));
        assert!(is_semver("1.0.0"));
        assert!(is_semver("10.2.30"));
        assert!(!is_semver("1.0"));
        assert!(!is_semver("1.01.0"));
        assert!(!is_semver("v1.0.0"));
        assert!(is_date("2026-02-09"));
        assert!(!is_date("9.2.2026"));
    }

    #[test]
    fn the_situation_space_covers_every_category() {
        let all = all_situations();
        assert_eq!(all.len(), 8 * (1 + Category::ALL.len() * 4));
        for category in Category::ALL {
            assert!(
                all.iter()
                    .any(|s| s.ai_act.as_ref().is_some_and(|a| a.category == *category))
            );
        }
    }
}
