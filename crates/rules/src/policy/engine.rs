//! The pure policy engine: routing, required assessments, lifecycle gates, incident recipients.

use serde::{Deserialize, Serialize};

use aireg_domain::governance::IncidentKind;
use aireg_domain::system::Lifecycle;

use super::pack::{GateCheck, PolicyPack};
use crate::ai_act::{Category, Outcome, Text};

/// What is known about a system when the policy is applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Situation {
    /// The system processes personal data.
    pub personal_data: bool,
    /// The system processes sensitive data (special categories of personal data or other
    /// confidential or otherwise protected information).
    pub sensitive_data: bool,
    /// AI features are being added to an existing system that did not have them: handled as a
    /// new deployment, so the same rules apply.
    pub ai_features_added: bool,
    /// The AI Act outcome, when the system has been classified (even incompletely).
    pub ai_act: Option<AiActSituation>,
}

/// The parts of an AI Act outcome the policy reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AiActSituation {
    pub category: Category,
    /// A fundamental-rights impact assessment is required (art. 27).
    pub fria_required: bool,
    /// The organisation must register in the EU database (art. 49).
    pub eu_registration_required: bool,
}

/// No category decided yet.
impl Default for AiActSituation {
    fn default() -> Self {
        AiActSituation {
            category: Category::Incomplete,
            fria_required: false,
            eu_registration_required: false,
        }
    }
}

impl AiActSituation {
    /// The situation read off a classification outcome.
    pub fn from_outcome(outcome: &Outcome) -> AiActSituation {
        AiActSituation {
            category: outcome.category,
            fria_required: outcome.fria_required,
            eu_registration_required: !outcome.eu_registration.is_empty(),
        }
    }

    /// Whether the classification is complete.
    pub fn is_complete(&self) -> bool {
        self.category.is_complete()
    }
}

/// Everything a gate looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateState {
    pub situation: Situation,
    /// The bodies whose approval (or, for an own decision, whose decision) is recorded.
    pub approvals_granted: Vec<String>,
    /// The assessments signed off.
    pub assessments_signed: Vec<String>,
    pub system_owner_named: bool,
    pub process_owner_named: bool,
    /// A complete AI Act classification exists.
    pub classified: bool,
    /// The EU database registration is recorded.
    pub eu_registered: bool,
}

/// One approval a deployment needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalRequirement {
    /// The routing rule that asked for it.
    pub rule: String,
    /// The body that approves.
    pub body: String,
    /// The person named on the record decides alone and records the decision; there is no
    /// separate requester.
    pub own_decision: bool,
    pub reason: Text,
    /// The section of the policy it rests on.
    pub section: Text,
}

/// One assessment a deployment needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentRequirement {
    /// The rule that asked for it.
    pub rule: String,
    /// The assessment template id (`dpia`, `fria`, `security_privacy`, `change_cost`,
    /// `background_check`).
    pub assessment: String,
    /// The body that signs it off.
    pub sign_off_body: String,
    pub reason: Text,
    pub section: Text,
}

/// One thing a transition still needs, in the user's language, naming exactly what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    /// `approval`, `assessment`, `system_owner`, `process_owner`, `ai_act_classification`,
    /// `eu_registration` or `prohibited`.
    pub code: String,
    /// The body id (`approval`) or assessment id (`assessment`).
    pub item: Option<String>,
    pub text: Text,
}

impl PolicyPack {
    /// The approvals a deployment needs in this situation, one per body (the first rule that
    /// routes to a body gives the reason).
    pub fn approvals_required(&self, s: &Situation) -> Vec<ApprovalRequirement> {
        let mut out: Vec<ApprovalRequirement> = Vec::new();
        for rule in self.approval_rules.iter().filter(|r| r.when.holds(s)) {
            for body in &rule.bodies {
                if out.iter().any(|r| r.body == *body) {
                    continue;
                }
                out.push(ApprovalRequirement {
                    rule: rule.id.clone(),
                    body: body.clone(),
                    own_decision: rule.own_decision,
                    reason: rule.reason.clone(),
                    section: rule.section.clone(),
                });
            }
        }
        out
    }

    /// The assessments a deployment needs in this situation, one per assessment (the first
    /// rule that requires it gives the reason and the sign-off body).
    pub fn assessments_required(&self, s: &Situation) -> Vec<AssessmentRequirement> {
        let mut out: Vec<AssessmentRequirement> = Vec::new();
        for rule in self.assessment_rules.iter().filter(|r| r.when.holds(s)) {
            if out.iter().any(|r| r.assessment == rule.assessment) {
                continue;
            }
            out.push(AssessmentRequirement {
                rule: rule.id.clone(),
                assessment: rule.assessment.clone(),
                sign_off_body: rule.sign_off.clone(),
                reason: rule.reason.clone(),
                section: rule.section.clone(),
            });
        }
        out
    }

    /// What a move to the state `to` still needs; empty means the move may go.
    ///
    /// A move to `suspended` or `retired` needs nothing. A classification in the category
    /// `prohibited` blocks `pilot` and `in_use` in every pack.
    pub fn gate(&self, to: Lifecycle, state: &GateState) -> Vec<Missing> {
        if to.is_exit() {
            return Vec::new();
        }
        let s = &state.situation;
        let mut missing: Vec<Missing> = Vec::new();
        let mut push = |m: Missing| {
            if !missing.iter().any(|x| x.code == m.code && x.item == m.item) {
                missing.push(m);
            }
        };
        if to.is_deployment()
            && s.ai_act
                .as_ref()
                .is_some_and(|a| a.category == Category::Prohibited)
        {
            push(Missing {
                code: "prohibited".to_owned(),
                item: None,
                text: self.missing_texts.prohibited.clone(),
            });
        }
        let checks = self
            .gate_rules
            .iter()
            .filter(|g| g.to.contains(&to) && g.when.holds(s))
            .flat_map(|g| g.checks.iter().copied());
        for check in checks {
            match check {
                GateCheck::Approvals => {
                    for req in self.approvals_required(s) {
                        if !state.approvals_granted.contains(&req.body) {
                            push(Missing {
                                code: "approval".to_owned(),
                                text: self.approval_missing_text(&req.body),
                                item: Some(req.body),
                            });
                        }
                    }
                }
                GateCheck::Assessments => {
                    for req in self.assessments_required(s) {
                        if !state.assessments_signed.contains(&req.assessment) {
                            push(Missing {
                                code: "assessment".to_owned(),
                                text: self.assessment_missing_text(&req.assessment),
                                item: Some(req.assessment),
                            });
                        }
                    }
                }
                GateCheck::SystemOwner => {
                    if !state.system_owner_named {
                        push(Missing {
                            code: "system_owner".to_owned(),
                            item: None,
                            text: self.missing_texts.system_owner.clone(),
                        });
                    }
                }
                GateCheck::ProcessOwner => {
                    if !state.process_owner_named {
                        push(Missing {
                            code: "process_owner".to_owned(),
                            item: None,
                            text: self.missing_texts.process_owner.clone(),
                        });
                    }
                }
                GateCheck::AiActClassification => {
                    if !state.classified {
                        push(Missing {
                            code: "ai_act_classification".to_owned(),
                            item: None,
                            text: self.missing_texts.ai_act_classification.clone(),
                        });
                    }
                }
                GateCheck::EuRegistration => {
                    let required = s
                        .ai_act
                        .as_ref()
                        .is_some_and(|a| a.eu_registration_required);
                    if required && !state.eu_registered {
                        push(Missing {
                            code: "eu_registration".to_owned(),
                            item: None,
                            text: self.missing_texts.eu_registration.clone(),
                        });
                    }
                }
            }
        }
        missing
    }

    /// The bodies an incident of this kind goes to, in routing order without repeats.
    pub fn incident_recipients(&self, kind: IncidentKind) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for route in self
            .incident_routes
            .iter()
            .filter(|r| r.kinds.contains(&kind))
        {
            for body in &route.recipients {
                if !out.contains(body) {
                    out.push(body.clone());
                }
            }
        }
        out
    }

    /// The text saying that this body's approval (or decision) is missing.
    fn approval_missing_text(&self, body: &str) -> Text {
        if let Some(text) = self.missing_texts.approval.get(body) {
            return text.clone();
        }
        let name = self.body(body).map(|b| b.name.clone()).unwrap_or(Text {
            fi: body.to_owned(),
            sv: body.to_owned(),
            en: body.to_owned(),
        });
        Text {
            fi: format!("Hyväksyntä puuttuu: {}", name.fi),
            sv: format!("Godkännande saknas: {}", name.sv),
            en: format!("Approval missing: {}", name.en),
        }
    }

    /// The text saying that this signed assessment is missing.
    fn assessment_missing_text(&self, assessment: &str) -> Text {
        if let Some(t) = self.assessment_types.iter().find(|t| t.id == assessment) {
            return t.missing.clone();
        }
        Text {
            fi: format!("Allekirjoitettu arviointi puuttuu: {assessment}"),
            sv: format!("Undertecknad bedömning saknas: {assessment}"),
            en: format!("Signed assessment missing: {assessment}"),
        }
    }
}
