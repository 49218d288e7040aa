//! Staff use of AI tools: the organisation's catalogue (from its policy pack), "may I use this
//! tool with this data?", the request for a tool the catalogue lacks, and the disclosure
//! statement for a document made with AI. Staff of any role see it; residents too where the
//! policy publishes the catalogue.

use std::collections::BTreeMap;

use aireg_domain::org::Organisation;
use aireg_domain::policy::{Action, Actor, ReadScope, Resource, authorize, can};
use aireg_domain::system::{AiSystem, Lifecycle, Publication, SystemRecord};
use aireg_domain::validation::{Errors, Problem};
use aireg_domain::{Lang, Localized, OrgId, SystemId};
use aireg_i18n::Tr;
use aireg_rules::policy::PolicyPack;
use aireg_rules::usage::{
    self, CountryClasses, DataClass, Reason, StaffUse, Tool, ToolStatus, Verdict,
};
use aireg_store::{PageRequest, SystemFilter};

use crate::outbox::Mail;
use crate::{Refusal, ServiceError, ServiceResult, Services};

/// The longest tool name and purpose accepted.
pub const MAX_TOOL_LEN: usize = 200;
pub const MAX_PURPOSE_LEN: usize = 1000;
/// At most this many register records are shown per tool.
const DEPLOYMENTS_SHOWN: u32 = 50;

/// One of the organisation's register records of a tool's product.
#[derive(Debug, Clone, PartialEq)]
pub struct Deployment {
    pub id: SystemId,
    pub org_id: OrgId,
    pub name: Localized,
    pub lifecycle: Lifecycle,
    pub published: bool,
}

impl Deployment {
    /// The record's name in `lang`, or in its organisation's first language that has one.
    pub fn name_in(&self, orgs: &[Organisation], lang: Lang) -> String {
        let preferred = orgs
            .iter()
            .find(|o| o.id == self.org_id)
            .map(|o| o.languages.clone())
            .unwrap_or_default();
        self.name.text(lang, &preferred).to_string()
    }
}

/// An organisation's catalogue as the asker may see it.
#[derive(Debug, Clone)]
pub struct Catalogue<'c> {
    pub org: Organisation,
    pub pack: &'c PolicyPack,
    pub staff: &'c StaffUse,
    pub classes: &'c CountryClasses,
    /// What of the register the asker sees (the public's when they hold no role here).
    pub scope: ReadScope,
    /// The asker holds a role in the organisation: may ask for a tool to be added.
    pub member: bool,
}

/// A question to the catalogue, as asked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Question {
    pub tool: String,
    pub data_class: String,
    pub purpose: String,
}

/// One reason of an answer, in the asker's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub text: String,
    /// The policy section it rests on.
    pub source: String,
}

/// The answer to a question, in the asker's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruling {
    pub verdict: Verdict,
    /// The catalogue's tool, when the name was one.
    pub tool_id: Option<String>,
    pub tool_name: String,
    pub class_id: String,
    pub class_name: String,
    pub reasons: Vec<Said>,
}

impl Services {
    /// The catalogue of `slug` (an organisation's slug), for `actor` (`None`: a resident).
    /// Staff of any role in the organisation or above it see it; residents where the policy
    /// publishes it. Anything else is `NotFound`; an organisation whose policy has no staff
    /// rules is `Refused(NoCatalogue)` to staff.
    pub async fn ai_catalogue(
        &self,
        actor: Option<&Actor>,
        slug: &str,
    ) -> ServiceResult<Catalogue<'_>> {
        let org = self
            .store()
            .organisation_by_slug(slug)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let staff_member = actor.is_some_and(|a| can(a, Action::AskAiUse, Resource::Org(org.id)));
        let pack = self.pack_for(org.id).await?;
        let found = pack.and_then(|p| p.staff_use.as_ref().map(|s| (p, s)));
        let (pack, staff) = match found {
            Some((p, s)) if staff_member || s.publish => (p, s),
            None if staff_member => return Err(ServiceError::Refused(Refusal::NoCatalogue)),
            _ => return Err(ServiceError::NotFound),
        };
        let classes = self
            .content()
            .data_classes
            .of(staff.country)
            .ok_or_else(|| {
                ServiceError::Internal(format!("no data classes for {:?}", staff.country))
            })?;
        let scope = match actor {
            Some(a) if staff_member => ReadScope::for_actor(a),
            _ => ReadScope::public(),
        };
        Ok(Catalogue {
            org,
            pack,
            staff,
            classes,
            scope,
            member: staff_member,
        })
    }

    /// An organisation and the policy pack that governs it, for what residents are told of
    /// staff use (public wherever the policy has staff rules).
    pub async fn staff_rules_of(&self, slug: &str) -> ServiceResult<(Organisation, &PolicyPack)> {
        let org = self
            .store()
            .organisation_by_slug(slug)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let pack = self
            .pack_for(org.id)
            .await?
            .filter(|p| p.staff_use.is_some())
            .ok_or(ServiceError::NotFound)?;
        Ok((org, pack))
    }

    /// Per tool id, the register's records of its product in the organisation, the
    /// organisations above it and its units, as the asker sees them (for the catalogue's
    /// lists, not for answers): found through the search index by the product's name, then
    /// kept when they name the product itself.
    pub async fn tool_records(
        &self,
        catalogue: &Catalogue<'_>,
    ) -> ServiceResult<BTreeMap<String, Vec<Deployment>>> {
        let (scope, org, staff) = (&catalogue.scope, &catalogue.org, catalogue.staff);
        let tree = self.store().org_tree().await?;
        let mut orgs = tree.ancestors_and_self(org.id);
        orgs.extend(tree.descendants_and_self(org.id));
        orgs.sort();
        orgs.dedup();
        let products = self.store().products().await?;
        let mut out = BTreeMap::new();
        for tool in &staff.tools {
            let Some(product) = tool
                .product
                .as_deref()
                .and_then(|slug| products.iter().find(|p| p.slug == slug))
            else {
                continue;
            };
            let filter = SystemFilter {
                orgs: Some(orgs.clone()),
                text: Some(product.name.clone()),
                ..SystemFilter::default()
            };
            let page = self
                .store()
                .systems(scope, &filter, PageRequest::new(1, DEPLOYMENTS_SHOWN))
                .await?;
            let found: Vec<Deployment> = page
                .items
                .into_iter()
                .filter(|s| s.record.product == Some(product.id))
                .map(|s| Deployment {
                    id: s.id,
                    org_id: s.org_id,
                    name: s.record.name.clone(),
                    lifecycle: s.record.lifecycle,
                    published: s.publication == Publication::Published,
                })
                .collect();
            out.insert(tool.id.clone(), found);
        }
        Ok(out)
    }

    /// Answers a question in `lang`. The question is checked first: a tool name is needed, the
    /// data class must be one of the catalogue's country, and both fit their limits.
    pub fn may_i_use(
        &self,
        catalogue: &Catalogue<'_>,
        question: &Question,
        lang: Lang,
    ) -> ServiceResult<Ruling> {
        let (tool_typed, class) = checked(catalogue, question)?;
        let staff = catalogue.staff;
        let tool = staff.tool(tool_typed);
        let answer = usage::answer(staff, catalogue.classes, tool, class, &question.purpose);
        let code = lang.code();
        let tool_name =
            tool.map_or_else(|| tool_typed.to_string(), |t| t.name.get(code).to_string());
        let t = Tr::new(lang);
        let reasons = answer
            .reasons
            .iter()
            .map(|r| said(staff, &t, code, &tool_name, r))
            .collect();
        Ok(Ruling {
            verdict: answer.verdict,
            tool_id: tool.map(|t| t.id.clone()),
            tool_name,
            class_id: class.id.clone(),
            class_name: class.name.get(code).to_string(),
            reasons,
        })
    }

    /// Asks for a tool the catalogue does not approve: a draft record (an idea) in the
    /// organisation's register, named after the tool and holding the purpose, and an e-mail
    /// to the body the policy names for adding tools. The record is the request: the body
    /// takes it through the policy like any other.
    pub async fn request_ai_tool(
        &self,
        actor: &Actor,
        catalogue: &Catalogue<'_>,
        question: &Question,
        lang: Lang,
    ) -> ServiceResult<AiSystem> {
        let permit = authorize(
            actor,
            Action::RequestAiTool,
            Resource::Org(catalogue.org.id),
        )?;
        let mut errors = Errors::new();
        let tool = check_tool(&mut errors, &question.tool);
        let purpose = question.purpose.trim();
        if purpose.is_empty() {
            errors.add("purpose", Problem::Required);
        }
        errors.max_len("purpose", purpose, MAX_PURPOSE_LEN);
        errors.into_result().map_err(ServiceError::Invalid)?;
        if catalogue
            .staff
            .tool(tool)
            .is_some_and(|t| t.status == ToolStatus::Approved)
        {
            return Err(ServiceError::Refused(Refusal::ToolApproved));
        }
        // Asked for already and not yet taken further: the same draft, no second mail.
        if let Some(asked) = self
            .requested_already(actor, catalogue.org.id, tool)
            .await?
        {
            return Ok(asked);
        }
        let t = Tr::new(lang);
        let record = SystemRecord {
            name: Localized::one(lang, tool),
            purpose: Localized::one(lang, purpose),
            summary: Localized::one(
                lang,
                t.args(
                    "usage-request-summary",
                    &[
                        ("person", actor.name().to_string()),
                        ("tool", tool.to_string()),
                        (
                            "class",
                            catalogue
                                .classes
                                .get(question.data_class.trim())
                                .map(|c| c.name.get(lang.code()).to_string())
                                .unwrap_or_else(|| "–".into()),
                        ),
                    ],
                ),
            ),
            lifecycle: Lifecycle::Idea,
            ..SystemRecord::default()
        };
        let system = self.store().create_system(&permit, record, None).await?;
        self.tell_request_body(catalogue, &system, actor, tool, purpose)
            .await;
        Ok(system)
    }

    /// An idea in the organisation's register named like `tool`, which a request made (or
    /// anyone registered): looked up by the tool's name, compared as names are.
    async fn requested_already(
        &self,
        actor: &Actor,
        org: OrgId,
        tool: &str,
    ) -> ServiceResult<Option<AiSystem>> {
        let filter = SystemFilter {
            orgs: Some(vec![org]),
            lifecycle: Some(Lifecycle::Idea),
            text: Some(tool.to_string()),
            ..SystemFilter::default()
        };
        let key = usage::name_key(tool);
        let found = self
            .store()
            .systems(
                &ReadScope::for_actor(actor),
                &filter,
                PageRequest::new(1, 20),
            )
            .await?;
        Ok(found
            .items
            .into_iter()
            .find(|s| s.record.name.iter().any(|(_, n)| usage::name_key(n) == key)))
    }

    /// Mails the body that adds tools. The record is saved already; a mail that cannot be
    /// queued is logged, and the draft still shows in the body's register.
    async fn tell_request_body(
        &self,
        catalogue: &Catalogue<'_>,
        system: &AiSystem,
        actor: &Actor,
        tool: &str,
        purpose: &str,
    ) {
        let Some(body) = catalogue.pack.body(&catalogue.staff.request_body) else {
            return;
        };
        let members = match self.body_members(system, body).await {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(error = %e, "the members of the body that adds AI tools could not be read");
                return;
            }
        };
        let link = self
            .outbox()
            .link(&format!("/{{lang}}/staff/systems/{}", system.id));
        let jobs: Vec<_> = members
            .iter()
            .filter(|m| Some(m.id) != actor.user_id())
            .map(|m| {
                Mail::compose(
                    m,
                    "ai-tool-requested",
                    &[
                        ("person", actor.name().to_string()),
                        ("tool", tool.to_string()),
                        ("purpose", purpose.to_string()),
                        (
                            "organisation",
                            catalogue.org.display_name(m.language).to_string(),
                        ),
                        ("link", link.replace("{lang}", m.language.code())),
                    ],
                )
                .job_at(None, self.now())
            })
            .collect();
        if let Err(e) = self.store().enqueue_jobs(jobs).await {
            tracing::warn!(error = %e, system = %system.id, "the request for an AI tool was saved but its e-mail could not be queued");
        }
    }

    /// The statement the organisation's policy asks for in a document or image made with AI.
    pub fn disclosure(
        &self,
        catalogue: &Catalogue<'_>,
        disclosed: &Disclosed,
        lang: Lang,
    ) -> ServiceResult<String> {
        let code = lang.code();
        let template = catalogue.staff.disclosure.text.get(code);
        // Only what the organisation's statement says is asked for (Avesta's names the engine
        // and the date; Kainuu's also the person who answers for the content).
        let used = usage::placeholders(template);
        let mut errors = Errors::new();
        for (field, value, max) in [
            ("tool", disclosed.tool.as_str(), MAX_TOOL_LEN),
            ("what", disclosed.what.as_str(), MAX_PURPOSE_LEN),
            ("person", disclosed.person.as_str(), MAX_TOOL_LEN),
        ] {
            if value.trim().is_empty() && (field == "tool" || used.contains(&field)) {
                errors.add(field, Problem::Required);
            }
            errors.max_len(field, value, max);
        }
        errors.one_line("tool", &disclosed.tool);
        errors.one_line("person", &disclosed.person);
        errors.into_result().map_err(ServiceError::Invalid)?;
        // As the person named it (spelt as the catalogue spells that name): the catalogue's
        // own names are for looking tools up, not for citing.
        let typed = disclosed.tool.trim();
        let tool = catalogue
            .staff
            .tool(typed)
            .and_then(|t| t.spelling(typed))
            .unwrap_or(typed)
            .to_string();
        let date = aireg_i18n::format::date(disclosed.date, lang);
        Ok(catalogue.staff.disclosure_text(
            code,
            &[
                ("tool", tool.as_str()),
                ("date", date.as_str()),
                ("what", disclosed.what.trim()),
                ("person", disclosed.person.trim()),
                ("organisation", catalogue.org.display_name(lang)),
            ],
        ))
    }
}

/// What a disclosure statement is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosed {
    pub tool: String,
    pub date: time::Date,
    pub what: String,
    pub person: String,
}

/// A tool's name as asked: needed, on one line, not too long.
fn check_tool<'q>(errors: &mut Errors, typed: &'q str) -> &'q str {
    let tool = typed.trim();
    if tool.is_empty() {
        errors.add("tool", Problem::Required);
    }
    errors.max_len("tool", tool, MAX_TOOL_LEN);
    errors.one_line("tool", tool);
    tool
}

/// The tool name and the data class of a question, or what is wrong with them.
fn checked<'c>(
    catalogue: &Catalogue<'c>,
    question: &'c Question,
) -> ServiceResult<(&'c str, &'c DataClass)> {
    let mut errors = Errors::new();
    let tool = check_tool(&mut errors, &question.tool);
    errors.max_len("purpose", &question.purpose, MAX_PURPOSE_LEN);
    let class = catalogue.classes.get(question.data_class.trim());
    if class.is_none() {
        errors.add(
            "data_class",
            if question.data_class.trim().is_empty() {
                Problem::Required
            } else {
                Problem::InvalidChoice {
                    allowed: catalogue
                        .classes
                        .classes
                        .iter()
                        .map(|c| c.id.clone())
                        .collect(),
                }
            },
        );
    }
    errors.into_result().map_err(ServiceError::Invalid)?;
    match class {
        Some(class) => Ok((tool, class)),
        None => Err(ServiceError::NotFound),
    }
}

/// A reason in words: the pack's own where it has them, the register's around the names.
fn said(staff: &StaffUse, t: &Tr, lang: &str, tool_name: &str, reason: &Reason<'_>) -> Said {
    let cited = |text: &aireg_rules::ai_act::Text, section: &aireg_rules::ai_act::Text| Said {
        text: text.get(lang).to_string(),
        source: section.get(lang).to_string(),
    };
    let tool_section = |tool: Option<&Tool>| {
        tool.map_or_else(
            || staff.unlisted.section.get(lang).to_string(),
            |t| t.section.get(lang).to_string(),
        )
    };
    let classes = |id: &str, allowed: &DataClass, asked: &DataClass| Said {
        text: t.args(
            id,
            &[
                ("tool", tool_name.to_string()),
                ("allowed", allowed.name.get(lang).to_string()),
                ("asked", asked.name.get(lang).to_string()),
            ],
        ),
        source: String::new(),
    };
    match reason {
        Reason::Forbidden(f) => cited(&f.text, &f.section),
        Reason::Blocked(tool) => Said {
            text: t.get1("usage-reason-blocked", "tool", tool_name),
            source: tool.section.get(lang).to_string(),
        },
        Reason::NotApproved(tool) => Said {
            text: t.get1("usage-reason-not-approved", "tool", tool_name),
            source: tool.section.get(lang).to_string(),
        },
        Reason::Unlisted => Said {
            text: format!(
                "{} {}",
                t.get1("usage-reason-unlisted", "tool", tool_name),
                staff.unlisted.text.get(lang)
            ),
            source: staff.unlisted.section.get(lang).to_string(),
        },
        Reason::ClassTooHigh {
            tool,
            allowed,
            asked,
        } => Said {
            source: tool_section(*tool),
            ..classes("usage-reason-class-too-high", allowed, asked)
        },
        Reason::ClassAllowed {
            tool,
            allowed,
            asked,
        } => Said {
            source: tool_section(*tool),
            ..classes("usage-reason-class-allowed", allowed, asked)
        },
        Reason::Condition(c) => cited(&c.text, &c.section),
        Reason::Request => cited(&staff.request.text, &staff.request.section),
        Reason::Responsibility => cited(&staff.responsibility.text, &staff.responsibility.section),
    }
}
