//! Reading the record standards: the Dutch publication standard, Eurocities and the UK ATRS.
//! Each reader turns a file into rows of one language; `super::merge` decides what of a row
//! changes a matched record.

use aireg_domain::system::{AiTechnique, Lifecycle, OversightMode, SystemRecord, Theme};
use aireg_domain::validation::Problem;
use aireg_domain::{Lang, Localized, Vocabulary};
use aireg_i18n::Tr;

use super::Incoming;

/// The records of a standard's JSON file: a list of them, one, or (`list` names its key) an
/// object holding the list, as a search API answers. `shape` says what the file should be.
fn records_in(
    bytes: &[u8],
    list: Option<&str>,
    shape: impl Fn() -> String,
) -> Result<Vec<serde_json::Value>, String> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("JSON: {e}"))?;
    match value {
        serde_json::Value::Array(items) => Ok(items),
        serde_json::Value::Object(mut o) => match list.and_then(|k| o.remove(k)) {
            Some(serde_json::Value::Array(items)) => Ok(items),
            Some(other) => {
                // Not a list under that key after all: the object is one record.
                if let Some(k) = list {
                    o.insert(k.to_string(), other);
                }
                Ok(vec![serde_json::Value::Object(o)])
            }
            None => Ok(vec![serde_json::Value::Object(o)]),
        },
        _ => Err(shape()),
    }
}

/// A text of a single-language standard, in the language it is stored in (none when empty).
fn text_in(lang: Lang, s: String) -> Localized {
    let mut l = Localized::new();
    if !s.is_empty() {
        l.set(lang, s);
    }
    l
}

/// Records of the Eurocities standard v0.3.1: a list of objects (as the export writes) or one.
pub(super) fn read_eurocities(
    bytes: &[u8],
    default_lang: Lang,
    t: &Tr,
) -> Result<Vec<Incoming>, String> {
    use crate::standards::eurocities::{domain_of, status_of};
    let items = records_in(bytes, None, || t.get("import-eurocities-shape"))?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let row = i + 1;
        let mut problems = Vec::new();
        let mut notes = Vec::new();
        let empty = serde_json::Map::new();
        let obj = item.as_object().unwrap_or_else(|| {
            problems.push(("-".into(), t.get("import-eurocities-shape")));
            &empty
        });
        let get = |k: &str| -> String {
            obj.get(k)
                .and_then(|v| v.as_str())
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let lang = match get("lang").as_str() {
            "" => default_lang,
            code => match Lang::parse(code) {
                Some(l) => l,
                None => {
                    notes.push((
                        "lang".into(),
                        t.get1(
                            "import-nl-language",
                            "lang",
                            t.get(&format!("language-name-{}", default_lang.code())),
                        ),
                    ));
                    default_lang
                }
            },
        };
        let one = |s: String| text_in(lang, s);
        let mut r = SystemRecord {
            name: one(get("name")),
            summary: one(get("description_short")),
            description_public: one(get("description")),
            description_technical: one(get("methods_and_models")),
            purpose: one(get("goal")),
            affected_groups: one(get("impact")),
            legal_basis: one(get("lawful_basis")),
            human_oversight: one(get("monitoring")),
            data_description: one(get("source_data")),
            ..SystemRecord::default()
        };
        let mut enumerated = |key: &str, allowed: Vec<&'static str>| {
            super::chosen(key, get(key), &allowed, &mut problems, t)
        };
        let statuses: Vec<&'static str> = Lifecycle::all().iter().map(|l| status_of(*l)).collect();
        r.lifecycle = enumerated("status", statuses)
            .and_then(|v| {
                Lifecycle::all()
                    .iter()
                    .copied()
                    .find(|l| status_of(*l) == v)
            })
            .unwrap_or(Lifecycle::Idea);
        let domains: Vec<&'static str> = Theme::all().iter().map(|t| domain_of(*t)).collect();
        let domain = get("domain");
        if !domain.is_empty() && domain != "generic" {
            match Theme::all()
                .iter()
                .copied()
                .find(|t| domain_of(*t) == domain)
            {
                Some(th) => r.theme = Some(th),
                None if domains.contains(&domain.as_str()) => {}
                None => notes.push(("domain".into(), domain.clone())),
            }
        }
        r.ai_technique = match get("algorithm_type").as_str() {
            "" => None,
            "rule-based" => Some(AiTechnique::RuleBased),
            "hybrid" => Some(AiTechnique::Hybrid),
            "self-learning" => Some(AiTechnique::MachineLearning),
            _ => {
                problems.push((
                    "algorithm_type".into(),
                    t.problem(&Problem::InvalidChoice {
                        allowed: vec!["self-learning".into(), "rule-based".into(), "hybrid".into()],
                    }),
                ));
                None
            }
        };
        r.human_oversight_mode = match get("human_intervention").as_str() {
            "human in the loop" => Some(OversightMode::HumanInTheLoop),
            "human on the loop" => Some(OversightMode::HumanOnTheLoop),
            "human in command" => Some(OversightMode::HumanInCommand),
            "fully automated" => Some(OversightMode::FullyAutomated),
            _ => None,
        };
        let text = |s: String| (!s.is_empty()).then_some(s);
        r.contact.email = text(get("contact_email"));
        r.contact.phone = text(get("contact_phone"));
        r.contact.name = text(get("contact_name"));
        let keywords: Vec<String> = get("keywords")
            .split([',', ';'])
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .collect();
        if !keywords.is_empty() {
            r.keywords.set(lang, keywords);
        }
        if let Some(v) = obj.get("standard_version").and_then(|v| v.as_str())
            && v != "0.3.1"
        {
            problems.push((
                "standard_version".into(),
                t.problem(&Problem::InvalidChoice {
                    allowed: vec!["0.3.1".into()],
                }),
            ));
        }
        for key in [
            "risks",
            "proportionality",
            "connected_data_sources",
            "objection_procedure",
            "training_data",
            "data_bias",
        ] {
            if !get(key).is_empty() {
                notes.push((key.into(), t.get("import-no-such-field")));
            }
        }
        let uuid = get("uuid");
        out.push(Incoming {
            row,
            org: None,
            id: (!uuid.is_empty()).then_some(uuid),
            columns: None,
            record: r,
            publish: true,
            problems,
            notes,
        });
    }
    Ok(out)
}

/// Records of the Dutch publication standard 1.0: a list of objects (as the export writes) or
/// one object.
pub(super) fn read_nl(bytes: &[u8], lang: Lang, t: &Tr) -> Result<Vec<Incoming>, String> {
    let items = records_in(bytes, None, || t.get("import-nl-shape"))?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let row = i + 1;
        let mut problems = Vec::new();
        let mut notes = Vec::new();
        let Some(obj) = item.as_object() else {
            problems.push(("-".into(), t.get("import-nl-shape")));
            out.push(Incoming {
                row,
                org: None,
                id: None,
                columns: None,
                record: SystemRecord::default(),
                publish: false,
                problems,
                notes,
            });
            continue;
        };
        let get = |k: &str| -> String {
            obj.get(k)
                .and_then(|v| v.as_str())
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let one = |s: String| text_in(lang, s);
        // The register's own output writes the code in capitals (`NLD`).
        if let Some(l) = obj.get("language").and_then(|v| v.as_str())
            && !l.eq_ignore_ascii_case("nld")
        {
            problems.push((
                "language".into(),
                t.problem(&Problem::InvalidChoice {
                    allowed: vec!["nld".into()],
                }),
            ));
        }
        notes.push((
            "language".into(),
            t.get1(
                "import-nl-language",
                "lang",
                t.get(&format!("language-name-{}", lang.code())),
            ),
        ));
        let mut r = SystemRecord {
            name: one(get("name")),
            summary: one(get("description_short")),
            purpose: one(get("purpose_and_impact")),
            human_oversight: one(get("human_intervention")),
            legal_basis: one(get("legal_basis")),
            data_description: one(get("data")),
            description_technical: one(get("technical_operation")),
            ..SystemRecord::default()
        };
        r.lifecycle = match get("status").as_str() {
            "In gebruik" => Lifecycle::InUse,
            "Buiten gebruik" => Lifecycle::Retired,
            "In ontwikkeling" | "" => Lifecycle::Development,
            _ => {
                problems.push((
                    "status".into(),
                    t.problem(&Problem::InvalidChoice {
                        allowed: vec![
                            "In ontwikkeling".into(),
                            "In gebruik".into(),
                            "Buiten gebruik".into(),
                        ],
                    }),
                ));
                Lifecycle::Idea
            }
        };
        let supplier = get("supplier");
        r.vendor = (!supplier.is_empty()).then_some(supplier);
        let themes: Vec<&str> = obj
            .get("theme")
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|t| t.as_str()).collect())
            .unwrap_or_default();
        r.theme = themes
            .iter()
            .find_map(|t| crate::standards::nl::theme_from(t));
        if let Some(t) = themes.first()
            && r.theme.is_none()
        {
            notes.push(("theme".into(), t.to_string()));
        }
        let contact = get("contact");
        if contact.contains('@') {
            r.contact.email = Some(contact.trim_start_matches("mailto:").to_string());
        } else if !contact.is_empty() {
            r.links.push(aireg_domain::system::Link {
                title: "contact".into(),
                url: contact,
            });
        }
        for (key, target) in [
            ("start_date", &mut r.start_date),
            ("end_date", &mut r.end_date),
        ] {
            let v = get(key);
            if v.is_empty() {
                continue;
            }
            match time::Date::parse(
                &format!("{v}-01"),
                &time::macros::format_description!("[year]-[month]-[day]"),
            ) {
                Ok(d) => *target = Some(d),
                Err(_) => problems.push((key.into(), t.get("import-nl-month"))),
            }
        }
        for key in ["considerations", "risk_management", "impact_assessments"] {
            if !get(key).is_empty() {
                notes.push((key.into(), t.get("import-no-such-field")));
            }
        }
        let source_id = get("source_id");
        out.push(Incoming {
            row,
            org: None,
            id: (!source_id.is_empty()).then_some(source_id),
            columns: None,
            record: r,
            // The register publishes what it holds: its records are published ones.
            publish: true,
            problems,
            notes,
        });
    }
    Ok(out)
}

/// Records of the UK ATRS: a list of objects with the v3.0 template's attributes (as the
/// export writes) or one, or GOV.UK Content API items (one, a list, or a search response's
/// `results`).
pub(super) fn read_atrs(bytes: &[u8], lang: Lang, t: &Tr) -> Result<Vec<Incoming>, String> {
    use crate::standards::atrs::{self, OWN, PHASES, READ};
    let items = records_in(bytes, Some("results"), || t.get("import-atrs-shape"))?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let row = i + 1;
        let mut problems = Vec::new();
        let mut notes = Vec::new();
        let fields = atrs::fields_of(item).unwrap_or_else(|| {
            problems.push(("-".into(), t.get("import-atrs-shape")));
            Default::default()
        });
        let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
        let one = |s: String| text_in(lang, s);
        let name = match get("name") {
            n if n.is_empty() => get("title"),
            n => n,
        };
        let mut r = SystemRecord {
            name: one(name),
            summary: one(get("one_sentence_description")),
            description_public: one(get("description")),
            description_technical: one(get("detailed_description")),
            purpose: one(get("benefit")),
            affected_groups: one(get("scope")),
            human_oversight: one(get("human_decisions_and_review")),
            data_description: one(get("data_description")),
            ..SystemRecord::default()
        };
        let text = |s: String| (!s.is_empty()).then_some(s);
        r.vendor = text(get("external_supplier"));
        r.contact.email = text(
            get("contact_email")
                .trim_start_matches("mailto:")
                .to_string(),
        );
        let function = get("function");
        r.theme = function.split(',').find_map(atrs::theme_from);
        if !function.is_empty() && r.theme.is_none() {
            notes.push(("function".into(), function.clone()));
        }
        let phase = get("phase");
        r.lifecycle = match (phase.is_empty(), atrs::lifecycle_from(&phase)) {
            (true, _) => Lifecycle::Idea,
            (false, Some(l)) => l,
            (false, None) => {
                problems.push((
                    "phase".into(),
                    t.problem(&Problem::InvalidChoice {
                        allowed: PHASES.iter().map(|p| p.to_string()).collect(),
                    }),
                ));
                Lifecycle::Idea
            }
        };
        let tags: Vec<String> = get("tags")
            .split([',', ';'])
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .collect();
        if !tags.is_empty() {
            r.keywords.set(lang, tags);
        }
        for (key, value) in &fields {
            if !value.is_empty() && !READ.contains(&key.as_str()) && !OWN.contains(&key.as_str()) {
                notes.push((key.clone(), t.get("import-no-such-field")));
            }
        }
        // The record's own address names it: `…/systems/{id}` of this register.
        let url = get("website_url");
        let id = url
            .split("/systems/")
            .nth(1)
            .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or("").to_string())
            .filter(|id| id.parse::<aireg_domain::SystemId>().is_ok());
        out.push(Incoming {
            row,
            org: None,
            id,
            columns: None,
            record: r,
            // A transparency record is a publication.
            publish: true,
            problems,
            notes,
        });
    }
    Ok(out)
}
