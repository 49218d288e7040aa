//! The staff part of a policy pack (`[staff_use]`, `[[tool]]`, `[[forbidden_use]]`): which AI
//! tools the organisation's staff meet, with which data each may be used, on what conditions,
//! how a new one is asked for and how use is disclosed.

use serde::{Deserialize, Serialize};

use aireg_domain::org::Country;

use super::classes::is_id;
use crate::ai_act::Text;
use crate::policy::Body;

/// A rule's words and the policy section they rest on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cited {
    pub text: Text,
    pub section: Text,
}

impl Cited {
    /// The text and its section in `lang` (`fi`, `sv` or `en`).
    pub fn in_lang(&self, lang: &str) -> (String, String) {
        (
            self.text.get(lang).to_string(),
            self.section.get(lang).to_string(),
        )
    }
}

/// What happens to a tool that is not in the catalogue: it is not approved, and may be used
/// with information up to `max_class` at most.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unlisted {
    pub max_class: String,
    pub text: Text,
    pub section: Text,
}

/// Where a tool stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolStatus {
    /// Offered for work use (within its data classes and conditions).
    Approved,
    /// Known but not vetted for work use: only what the policy allows any tool.
    NotApproved,
    /// Never to be used for work.
    Blocked,
}

impl ToolStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ToolStatus::Approved => "approved",
            ToolStatus::NotApproved => "not_approved",
            ToolStatus::Blocked => "blocked",
        }
    }
}

/// What kind of tool it is, for grouping the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolKind {
    ChatAssistant,
    Chatbot,
    Translation,
    Transcription,
    MeetingBot,
    ImageGenerator,
    Other,
}

impl ToolKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ToolKind::ChatAssistant => "chat_assistant",
            ToolKind::Chatbot => "chatbot",
            ToolKind::Translation => "translation",
            ToolKind::Transcription => "transcription",
            ToolKind::MeetingBot => "meeting_bot",
            ToolKind::ImageGenerator => "image_generator",
            ToolKind::Other => "other",
        }
    }
}

/// One AI tool of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub id: String,
    pub name: Text,
    /// Other names people type for it (matched without case, spaces or punctuation).
    #[serde(default)]
    pub aliases: Vec<String>,
    pub kind: ToolKind,
    pub status: ToolStatus,
    /// The shared product whose records in the register are this tool's deployments.
    pub product: Option<String>,
    /// The most protected class it may handle; absent only for a blocked tool.
    pub max_class: Option<String>,
    pub purposes: Text,
    /// The body that answers for the tool.
    pub responsible: Option<String>,
    #[serde(default)]
    pub conditions: Vec<Cited>,
    pub section: Text,
}

impl Tool {
    /// Whether `typed` names this tool: its id, its name in any language or an alias, compared
    /// without case, spaces or punctuation ("Chat GPT" is "ChatGPT").
    pub fn is_named(&self, typed: &str) -> bool {
        let key = name_key(typed);
        !key.is_empty() && self.names().any(|n| name_key(n) == key)
    }

    /// The name or alias `typed` matches, as the catalogue spells it ("chatgpt" is "ChatGPT").
    pub fn spelling(&self, typed: &str) -> Option<&str> {
        let key = name_key(typed);
        // Not the id: it is written for machines.
        self.names()
            .skip(1)
            .find(|n| !key.is_empty() && name_key(n) == key)
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        [
            self.id.as_str(),
            self.name.fi.as_str(),
            self.name.sv.as_str(),
            self.name.en.as_str(),
        ]
        .into_iter()
        .chain(self.aliases.iter().map(String::as_str))
    }
}

/// Words in each language that, found in a stated purpose, make a use forbidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub fi: Vec<String>,
    pub sv: Vec<String>,
    pub en: Vec<String>,
}

/// A use no tool may be put to (Tampere: deep fakes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForbiddenUse {
    pub id: String,
    pub words: Words,
    pub text: Text,
    pub section: Text,
}

impl ForbiddenUse {
    /// Whether the purpose names this use: one of its words (in any language) at the start of
    /// a word of the purpose.
    pub fn named_in(&self, purpose: &str) -> bool {
        let purpose = purpose.to_lowercase();
        self.words
            .fi
            .iter()
            .chain(&self.words.sv)
            .chain(&self.words.en)
            .any(|w| starts_a_word(&purpose, &w.to_lowercase()))
    }
}

fn starts_a_word(haystack: &str, word: &str) -> bool {
    if word.trim().is_empty() {
        return false;
    }
    haystack.match_indices(word).any(|(at, _)| {
        haystack[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A name as compared: lower case, letters and digits only.
pub fn name_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The placeholders a disclosure statement may use.
pub const DISCLOSURE_PLACEHOLDERS: &[&str] = &["tool", "date", "what", "person", "organisation"];

/// The staff part of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffUse {
    /// Whose information classification the answers use.
    pub country: Country,
    /// Whether residents may see the catalogue and ask too.
    pub publish: bool,
    pub section: Text,
    pub responsibility: Cited,
    pub request: Cited,
    /// The body a request for a new tool goes to.
    pub request_body: String,
    pub deviations: Cited,
    pub unlisted: Unlisted,
    pub disclosure: Cited,
    pub public_explanation: Text,
    pub tools: Vec<Tool>,
    pub forbidden_uses: Vec<ForbiddenUse>,
}

impl StaffUse {
    /// The tool `typed` names, if any.
    pub fn tool(&self, typed: &str) -> Option<&Tool> {
        self.tools.iter().find(|t| t.is_named(typed))
    }

    /// The disclosure statement with its placeholders filled in. Values are used as given
    /// (the caller escapes them for HTML).
    pub fn disclosure_text(&self, lang: &str, values: &[(&str, &str)]) -> String {
        fill(self.disclosure.text.get(lang), values)
    }
}

/// Replaces each `{name}` of `template` by its value; unknown names stay as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}`s a template uses, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => {
                out.push(after);
                break;
            }
        }
    }
    out
}

/// `[staff_use]` as written in the pack file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStaffUse {
    country: Country,
    #[serde(default)]
    publish: bool,
    section: Text,
    responsibility: Cited,
    request: Cited,
    request_body: String,
    deviations: Cited,
    unlisted: Unlisted,
    disclosure: Cited,
    public_explanation: Text,
}

/// Checks the staff part of a pack against the pack's bodies, pushing each problem with its
/// place. Whether the data classes named exist is checked with the whole content, since an
/// installation may bring a classification of its own.
pub(crate) fn build(
    raw: Option<RawStaffUse>,
    tools: Vec<Tool>,
    forbidden_uses: Vec<ForbiddenUse>,
    bodies: &[Body],
    problems: &mut Vec<String>,
) -> Option<StaffUse> {
    let Some(raw) = raw else {
        if !tools.is_empty() || !forbidden_uses.is_empty() {
            problems.push("tool / forbidden_use: given without [staff_use]".to_owned());
        }
        return None;
    };
    let mut text = |at: &str, t: &Text| {
        for lang in t.blank_languages() {
            problems.push(format!("{at}: text missing in `{lang}`"));
        }
    };
    text("staff_use.section", &raw.section);
    for (at, cited) in [
        ("responsibility", &raw.responsibility),
        ("request", &raw.request),
        ("deviations", &raw.deviations),
        ("disclosure", &raw.disclosure),
    ] {
        text(&format!("staff_use.{at}.text"), &cited.text);
        text(&format!("staff_use.{at}.section"), &cited.section);
    }
    text("staff_use.unlisted.text", &raw.unlisted.text);
    text("staff_use.unlisted.section", &raw.unlisted.section);
    text("staff_use.public_explanation", &raw.public_explanation);
    for t in &tools {
        let at = format!("tool `{}`", t.id);
        text(&format!("{at}.name"), &t.name);
        text(&format!("{at}.purposes"), &t.purposes);
        text(&format!("{at}.section"), &t.section);
        for (i, c) in t.conditions.iter().enumerate() {
            text(&format!("{at}.conditions[{i}].text"), &c.text);
            text(&format!("{at}.conditions[{i}].section"), &c.section);
        }
    }
    for f in &forbidden_uses {
        text(&format!("forbidden_use `{}`.text", f.id), &f.text);
        text(&format!("forbidden_use `{}`.section", f.id), &f.section);
    }

    let body_exists = |id: &str| bodies.iter().any(|b| b.id == id);
    if !body_exists(&raw.request_body) {
        problems.push(format!(
            "staff_use.request_body: unknown body `{}`",
            raw.request_body
        ));
    }
    for t in &tools {
        let at = format!("tool `{}`", t.id);
        if !is_id(&t.id) {
            problems.push(format!("{at}: not an id (lower-case letters, digits, _)"));
        }
        if let Some(body) = &t.responsible
            && !body_exists(body)
        {
            problems.push(format!("{at}.responsible: unknown body `{body}`"));
        }
        match (t.status, &t.max_class) {
            (ToolStatus::Blocked, Some(_)) => problems.push(format!(
                "{at}.max_class: a blocked tool handles no information; leave it out"
            )),
            (ToolStatus::Approved | ToolStatus::NotApproved, None) => problems.push(format!(
                "{at}.max_class: missing (the most protected class it may handle)"
            )),
            _ => {}
        }
    }
    // Every name a person may type must lead to one tool only.
    let mut names: Vec<(String, &str)> = Vec::new();
    for t in &tools {
        let mut own: Vec<String> = t.names().map(name_key).collect();
        own.sort();
        own.dedup();
        for key in own {
            if key.is_empty() {
                problems.push(format!("tool `{}`: a name or alias without letters", t.id));
            } else if let Some((_, other)) = names.iter().find(|(k, _)| *k == key) {
                problems.push(format!(
                    "tool `{}`: the name `{key}` also names tool `{other}`",
                    t.id
                ));
            } else {
                names.push((key, &t.id));
            }
        }
    }
    for (i, t) in tools.iter().enumerate() {
        if tools[..i].iter().any(|o| o.id == t.id) {
            problems.push(format!("tool: duplicate id `{}`", t.id));
        }
    }
    for (i, f) in forbidden_uses.iter().enumerate() {
        if forbidden_uses[..i].iter().any(|o| o.id == f.id) {
            problems.push(format!("forbidden_use: duplicate id `{}`", f.id));
        }
        let words = [&f.words.fi, &f.words.sv, &f.words.en];
        if words
            .iter()
            .any(|w| w.is_empty() || w.iter().any(|w| w.trim().is_empty()))
        {
            problems.push(format!(
                "forbidden_use `{}`.words: give at least one non-blank word in each language",
                f.id
            ));
        }
    }
    for lang in ["fi", "sv", "en"] {
        for name in placeholders(raw.disclosure.text.get(lang)) {
            if !DISCLOSURE_PLACEHOLDERS.contains(&name) {
                problems.push(format!(
                    "staff_use.disclosure.text.{lang}: unknown placeholder `{{{name}}}` (known: {})",
                    DISCLOSURE_PLACEHOLDERS.join(", ")
                ));
            }
        }
    }

    Some(StaffUse {
        country: raw.country,
        publish: raw.publish,
        section: raw.section,
        responsibility: raw.responsibility,
        request: raw.request,
        request_body: raw.request_body,
        deviations: raw.deviations,
        unlisted: raw.unlisted,
        disclosure: raw.disclosure,
        public_explanation: raw.public_explanation,
        tools,
        forbidden_uses,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_case_spaces_or_punctuation() {
        assert_eq!(name_key("Chat GPT"), "chatgpt");
        assert_eq!(name_key("DALL-E 3"), "dalle3");
        assert_eq!(name_key("Käännöspalvelu"), "käännöspalvelu");
    }

    #[test]
    fn a_forbidden_word_counts_only_at_the_start_of_a_word() {
        let f = ForbiddenUse {
            id: "deep_fakes".into(),
            words: Words {
                fi: vec!["syväväärennö".into()],
                sv: vec!["deepfake".into()],
                en: vec!["deep fake".into()],
            },
            text: Text::default(),
            section: Text::default(),
        };
        assert!(f.named_in("Teen syväväärennöksen pormestarista"));
        assert!(f.named_in("a Deep fake video"));
        assert!(f.named_in("(deepfake)"));
        assert!(!f.named_in("kokouksen muistio"));
        assert!(!f.named_in("undeepfakeable"));
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let out = fill(
            "Källa: {tool}, {date}. {unknown} {",
            &[("tool", "ChatGPT"), ("date", "2026-12-05")],
        );
        assert_eq!(out, "Källa: ChatGPT, 2026-12-05. {unknown} {");
        assert_eq!(placeholders("a {tool} b {date}"), ["tool", "date"]);
    }
}
