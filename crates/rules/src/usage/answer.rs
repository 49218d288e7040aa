//! "May I use this tool with this data?" — the answer, and the reasons that give it, from the
//! pack's catalogue and the country's classes. Pure: the caller localises the reasons.

use serde::Serialize;

use super::catalogue::{Cited, ForbiddenUse, StaffUse, Tool, ToolStatus};
use super::classes::{CountryClasses, DataClass};

/// The answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Yes,
    /// Yes, on the conditions among the reasons.
    Conditional,
    No,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Yes => "yes",
            Verdict::Conditional => "conditional",
            Verdict::No => "no",
        }
    }
}

/// One reason of an answer; each rests on a section of the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason<'a> {
    /// The stated purpose is a use the policy forbids.
    Forbidden(&'a ForbiddenUse),
    /// The tool may not be used for work at all.
    Blocked(&'a Tool),
    /// The tool is in the catalogue but not approved: only what any tool may handle.
    NotApproved(&'a Tool),
    /// The tool is not in the catalogue (the pack's words on unlisted tools).
    Unlisted,
    /// The information is more protected than the tool may handle.
    ClassTooHigh {
        tool: Option<&'a Tool>,
        allowed: &'a DataClass,
        asked: &'a DataClass,
    },
    /// The tool may handle this information.
    ClassAllowed {
        tool: Option<&'a Tool>,
        allowed: &'a DataClass,
        asked: &'a DataClass,
    },
    /// A condition of using the tool.
    Condition(&'a Cited),
    /// How to ask for a tool to be added.
    Request,
    /// The person using the tool answers for what it produces.
    Responsibility,
}

/// The answer with its reasons, most decisive first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer<'a> {
    pub verdict: Verdict,
    pub tool: Option<&'a Tool>,
    pub class: &'a DataClass,
    pub reasons: Vec<Reason<'a>>,
}

/// Answers whether `tool` (`None`: not in the catalogue) may be used with information of
/// `class` for `purpose`. The classes are the ones of `staff.country`; a class named by the
/// pack that the classification lacks was refused when the content loaded.
pub fn answer<'a>(
    staff: &'a StaffUse,
    classes: &'a CountryClasses,
    tool: Option<&'a Tool>,
    class: &'a DataClass,
    purpose: &str,
) -> Answer<'a> {
    let mut reasons = Vec::new();
    let mut verdict = Verdict::Yes;
    for forbidden in staff.forbidden_uses.iter().filter(|f| f.named_in(purpose)) {
        reasons.push(Reason::Forbidden(forbidden));
        verdict = Verdict::No;
    }
    let allowed = match tool {
        None => {
            reasons.push(Reason::Unlisted);
            verdict = verdict.max_with(Verdict::Conditional);
            classes.get(&staff.unlisted.max_class)
        }
        Some(t) if t.status == ToolStatus::Blocked => {
            reasons.push(Reason::Blocked(t));
            verdict = Verdict::No;
            None
        }
        Some(t) => {
            if t.status == ToolStatus::NotApproved {
                reasons.push(Reason::NotApproved(t));
                verdict = verdict.max_with(Verdict::Conditional);
            }
            t.max_class.as_deref().and_then(|id| classes.get(id))
        }
    };
    if let Some(allowed) = allowed {
        if class.level > allowed.level {
            reasons.push(Reason::ClassTooHigh {
                tool,
                allowed,
                asked: class,
            });
            verdict = Verdict::No;
        } else {
            reasons.push(Reason::ClassAllowed {
                tool,
                allowed,
                asked: class,
            });
        }
    }
    if verdict != Verdict::No {
        for condition in tool.iter().flat_map(|t| &t.conditions) {
            reasons.push(Reason::Condition(condition));
            verdict = verdict.max_with(Verdict::Conditional);
        }
        reasons.push(Reason::Responsibility);
    }
    if tool.is_none_or(|t| t.status != ToolStatus::Approved) {
        reasons.push(Reason::Request);
    }
    // The reasons that decide come first: what forbids, then what limits, then the rest.
    reasons.sort_by_key(|r| match r {
        Reason::Forbidden(_) | Reason::Blocked(_) | Reason::ClassTooHigh { .. } => 0,
        Reason::NotApproved(_) | Reason::Unlisted => 1,
        Reason::ClassAllowed { .. } | Reason::Condition(_) => 2,
        Reason::Responsibility => 3,
        Reason::Request => 4,
    });
    Answer {
        verdict,
        tool,
        class,
        reasons,
    }
}

impl Verdict {
    /// The stricter of two answers.
    fn max_with(self, other: Verdict) -> Verdict {
        let rank = |v: Verdict| match v {
            Verdict::Yes => 0,
            Verdict::Conditional => 1,
            Verdict::No => 2,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use aireg_domain::org::Country;

    use super::*;
    use crate::policy::Policies;
    use crate::usage::DataClasses;

    fn rules(pack: &str) -> (&'static StaffUse, &'static CountryClasses) {
        let pack = Policies::embedded().unwrap().get(pack).unwrap();
        let staff = pack.staff_use.as_ref().expect("the pack has staff rules");
        let classes = DataClasses::embedded().unwrap().of(staff.country).unwrap();
        (staff, classes)
    }

    fn tampere() -> (&'static StaffUse, &'static CountryClasses) {
        rules("tampere-region")
    }

    fn ask_in(pack: &str, typed: &str, class: &str, purpose: &str) -> Verdict {
        let (staff, classes) = rules(pack);
        answer(
            staff,
            classes,
            staff.tool(typed),
            classes.get(class).unwrap(),
            purpose,
        )
        .verdict
    }

    fn ask(typed: &str, class: &str, purpose: &str) -> Verdict {
        ask_in("tampere-region", typed, class, purpose)
    }

    #[test]
    fn avesta_allows_public_ai_with_open_information_only() {
        assert_eq!(rules("avesta").0.country, Country::SE);
        assert_eq!(ask_in("avesta", "ChatGPT", "internal", ""), Verdict::No);
        assert_eq!(ask_in("avesta", "Gemini", "open", ""), Verdict::Conditional);
        assert_eq!(
            ask_in("avesta", "en okänd AI-tjänst", "internal", ""),
            Verdict::No
        );
    }

    #[test]
    fn kainuu_allows_open_tools_without_personal_or_sensitive_data() {
        assert_eq!(
            ask_in("kainuu", "ChatGPT", "public", ""),
            Verdict::Conditional
        );
        assert_eq!(ask_in("kainuu", "ChatGPT", "confidential", ""), Verdict::No);
        assert_eq!(ask_in("kainuu", "Otter", "public", ""), Verdict::No);
    }

    #[test]
    fn tampere_answers_as_its_rules_say() {
        assert_eq!(ask("ChatGPT", "confidential", ""), Verdict::No);
        assert_eq!(ask("chat gpt", "public", ""), Verdict::Conditional);
        assert_ne!(
            ask("Microsoft 365 Copilot", "confidential", ""),
            Verdict::No
        );
        assert_eq!(ask("Microsoft 365 Copilot", "tl_ii", ""), Verdict::No);
        // "Copilot" alone may be the consumer app: the stricter answer.
        assert_eq!(ask("Copilot", "confidential", ""), Verdict::No);
        assert_eq!(ask("Some new thing", "internal", ""), Verdict::No);
        assert_eq!(ask("Some new thing", "public", ""), Verdict::Conditional);
    }

    #[test]
    fn a_forbidden_purpose_is_no_whatever_the_tool() {
        assert_eq!(
            ask("Copilot", "public", "deepfake video of the mayor"),
            Verdict::No
        );
    }

    #[test]
    fn every_reason_of_a_no_comes_before_the_rest() {
        let (staff, classes) = tampere();
        let a = answer(
            staff,
            classes,
            staff.tool("ChatGPT"),
            classes.get("confidential").unwrap(),
            "",
        );
        assert!(
            matches!(a.reasons[0], Reason::ClassTooHigh { .. }),
            "{:?}",
            a.reasons
        );
        assert!(a.reasons.contains(&Reason::Request));
        assert!(!a.reasons.contains(&Reason::Responsibility));
    }
}
