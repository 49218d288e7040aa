//! A record's history: every version, who made it and when, and what changed, field by field
//! with a word-level diff of texts.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::Response;
use serde_json::Value;

use aireg_domain::Lang;
use aireg_domain::diff::{Segment, record_changes, word_diff};
use aireg_domain::policy::ReadScope;
use aireg_domain::system::{ChangeKind, Field, SystemRecord};

use super::staff::readable;
use super::{Chrome, LangText, PageLang, render};
use crate::auth::Staff;
use crate::error::AppError;
use crate::format;
use crate::i18n::Tr;
use crate::state::AppState;

struct ChangeRow {
    label: String,
    /// Text changes: the word diff. Other changes: before and after as text.
    segments: Vec<Segment>,
    before: String,
    after: String,
}

struct VersionView {
    version: i64,
    when: String,
    who: String,
    change: String,
    changes: Vec<ChangeRow>,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    c: Chrome,
    id: String,
    name: LangText,
    versions: Vec<VersionView>,
    /// Set when there are older versions than shown: how many are shown.
    earlier: Option<u32>,
}

/// How many of a record's versions its history page shows, the newest.
const VERSIONS_SHOWN: u32 = 100;

/// Names for the ids a record refers to.
struct Names {
    orgs: HashMap<String, String>,
    users: HashMap<String, String>,
    products: HashMap<String, String>,
}

pub async fn page(
    State(state): State<AppState>,
    lang: PageLang,
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    staff: Staff,
) -> Result<Response, AppError> {
    let system = readable(&state, &staff, &id).await?;
    let scope = ReadScope::for_actor(&staff.actor);
    // The newest versions, and the one before them to show what the first of them changed.
    let history = state
        .store
        .system_history_newest(&scope, system.id, VERSIONS_SHOWN + 1)
        .await?;
    let skip = usize::from(history.len() > VERSIONS_SHOWN as usize);
    let t = lang.tr();
    let orgs = state.store.organisations().await?;
    let org = orgs.iter().find(|o| o.id == system.org_id);
    let mut names = Names {
        orgs: orgs
            .iter()
            .map(|o| (o.id.to_string(), o.display_name(lang.0).to_string()))
            .collect(),
        users: HashMap::new(),
        products: state
            .store
            .products()
            .await?
            .into_iter()
            .map(|p| (p.id.to_string(), p.name))
            .collect(),
    };
    for v in &history {
        for u in [v.record.system_owner, v.record.process_owner]
            .into_iter()
            .flatten()
        {
            if let std::collections::hash_map::Entry::Vacant(e) = names.users.entry(u.to_string())
                && let Some(user) = state.store.user(u).await?
            {
                e.insert(user.name);
            }
        }
    }
    let empty = SystemRecord::default();
    let mut versions: Vec<VersionView> = Vec::with_capacity(history.len());
    for (i, v) in history.iter().enumerate().skip(skip) {
        let before = if i == 0 {
            &empty
        } else {
            &history[i - 1].record
        };
        let changes = record_changes(before, &v.record)
            .into_iter()
            .map(|c| {
                let field = Field::parse(&c.field);
                let mut label = field
                    .map(|f| t.get(&f.message_id()))
                    .unwrap_or_else(|| t.get("field-visibility"));
                if let Some(l) = c.lang {
                    label = format!("{label} ({})", t.get(&format!("language-name-{l}")));
                }
                let is_text =
                    field.is_some_and(|f| SystemRecord::localized_fields().any(|l| l == f));
                match (is_text, c.texts()) {
                    (true, Some((b, a))) => ChangeRow {
                        label,
                        segments: word_diff(b, a),
                        before: String::new(),
                        after: String::new(),
                    },
                    _ => ChangeRow {
                        label,
                        segments: Vec::new(),
                        before: shown(&t, field, c.before.as_ref(), &names),
                        after: shown(&t, field, c.after.as_ref(), &names),
                    },
                }
            })
            .collect();
        versions.push(VersionView {
            version: v.version,
            when: format::datetime(v.changed_at, lang.0),
            who: v.changed_by_name.clone(),
            change: t.get(&v.change.message_id()),
            changes: if v.change == ChangeKind::Edited || v.change == ChangeKind::Created {
                changes
            } else {
                Vec::new()
            },
        });
    }
    versions.reverse();
    let preferred: Vec<Lang> = org.map(|o| o.languages.clone()).unwrap_or_default();
    render(&HistoryPage {
        c: Chrome::new(lang.0, &uri, "systems", Some(&staff)),
        id: system.id.to_string(),
        name: LangText::of(&system.record.name, lang.0, &preferred),
        versions,
        earlier: (skip == 1).then_some(VERSIONS_SHOWN),
    })
}

/// A stored value as a reader understands it: names instead of ids and codes.
fn shown(t: &Tr, field: Option<Field>, v: Option<&Value>, names: &Names) -> String {
    let Some(v) = v else {
        return t.get("value-not-given");
    };
    let lookup = |map: &HashMap<String, String>, id: &str| {
        map.get(id).cloned().unwrap_or_else(|| id.to_string())
    };
    match (field, v) {
        (_, Value::Bool(true)) => t.get("value-yes"),
        (_, Value::Bool(false)) => t.get("value-no"),
        (Some(Field::Unit), Value::String(s)) => lookup(&names.orgs, s),
        (Some(Field::SystemOwner | Field::ProcessOwner), Value::String(s)) => {
            lookup(&names.users, s)
        }
        (Some(Field::Product), Value::String(s)) => lookup(&names.products, s),
        (
            Some(
                f @ (Field::Lifecycle
                | Field::HumanOversightMode
                | Field::DataClassification
                | Field::ProcurementRoute
                | Field::AiTechnique
                | Field::Theme),
            ),
            Value::String(s),
        ) => {
            let prefix = match f {
                Field::Lifecycle => "lifecycle",
                Field::HumanOversightMode => "oversight",
                Field::DataClassification => "classification",
                Field::ProcurementRoute => "procurement",
                Field::Theme => "theme",
                _ => "technique",
            };
            t.get(&format!("{prefix}-{}", s.replace('_', "-")))
        }
        (Some(Field::Links), Value::Array(items)) => items
            .iter()
            .map(|l| {
                format!(
                    "{} <{}>",
                    l.get("title").and_then(Value::as_str).unwrap_or(""),
                    l.get("url").and_then(Value::as_str).unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        (Some(Field::Contact), Value::Object(m)) => m
            .values()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        (None, Value::Object(m)) => m
            .iter()
            .map(|(k, vis)| {
                let label = Field::parse(k)
                    .map(|f| t.get(&f.message_id()))
                    .unwrap_or_else(|| k.clone());
                let vis = vis
                    .as_str()
                    .map(|s| t.get(&format!("visibility-{s}")))
                    .unwrap_or_default();
                format!("{label}: {vis}")
            })
            .collect::<Vec<_>>()
            .join("; "),
        (_, Value::Array(items)) => items
            .iter()
            .map(|x| {
                x.as_str()
                    .map(String::from)
                    .unwrap_or_else(|| x.to_string())
            })
            .collect::<Vec<_>>()
            .join(", "),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}
