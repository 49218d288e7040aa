//! The UK Algorithmic Transparency Recording Standard (ATRS).
//!
//! The standard is a spreadsheet template; it has no official JSON for a record's content. Its
//! newest machine-readable field list is the v3.0 template table
//! (`content/standards/atrs/v3.0_template_table.md`, copied from
//! `co-cddo/algorithmic-transparency-recording-standard`); v4.0 exists only as a GOV.UK
//! spreadsheet and PDFs. So a record goes out as one JSON object whose keys are exactly the
//! table's `attribute` names (a project-defined serialisation of the official fields), with the
//! GOV.UK finder's values for phase, region, function and organisation type, which v4.0 uses.
//!
//! Read back are that object and GOV.UK's own shape: a Content API item
//! (`/api/content/algorithmic-transparency-records/…`), whose tiers are an HTML body with a
//! heading per field, and whose `details.metadata` holds the finder's facets.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde_json::{Map, Value, json};

use aireg_domain::Vocabulary;
use aireg_domain::org::OrgKind;
use aireg_domain::system::{AiSystem, Lifecycle, Theme};

use super::{Facts, Report};

/// The template version the attributes are from.
pub const VERSION: &str = "v3.0";

const TABLE: &str = include_str!("../../../../content/standards/atrs/v3.0_template_table.md");

/// One attribute of the official table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub reference: String,
    pub attribute: String,
    pub name: String,
    pub required: bool,
}

/// The attributes of the v3.0 template, in the table's order, as the official file has them
/// (less its stray `<br>`s). `phase` is in it twice (0.13 and 2.4.1.2); a JSON object holds
/// it once.
pub fn attributes() -> &'static [Attribute] {
    static ATTRIBUTES: LazyLock<Vec<Attribute>> = LazyLock::new(|| parse_table(TABLE));
    &ATTRIBUTES
}

/// The rows of the template's Markdown tables whose first cell is a reference number.
pub fn parse_table(text: &str) -> Vec<Attribute> {
    text.lines()
        .filter_map(|line| {
            let cells: Vec<String> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.replace("<br>", "").trim().to_string())
                .collect();
            let reference = cells.first()?;
            if cells.len() < 8 || !reference.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            Some(Attribute {
                reference: reference.clone(),
                attribute: cells[1].clone(),
                name: cells[2].clone(),
                required: cells[7].eq_ignore_ascii_case("true"),
            })
        })
        .collect()
}

/// The finder's `function` of an area of public services (the same COFOG divisions).
pub fn function_of(t: Theme) -> String {
    t.as_str().replace('_', "-")
}

pub fn theme_from(function: &str) -> Option<Theme> {
    Theme::all()
        .iter()
        .copied()
        .find(|t| function_of(*t) == function.trim().replace('_', "-"))
}

/// The finder's `phase` of a life-cycle state. v4.0 splits v3.0's "beta-pilot" in two; a
/// pilot is a private beta (a limited group uses it).
pub fn phase_of(l: Lifecycle) -> &'static str {
    match l {
        Lifecycle::Idea | Lifecycle::Planning | Lifecycle::Procurement | Lifecycle::Development => {
            "pre-deployment"
        }
        Lifecycle::Pilot => "private-beta",
        Lifecycle::InUse | Lifecycle::Suspended => "production",
        Lifecycle::Retired => "retired",
    }
}

/// The life-cycle state of a finder `phase` (or its name as the template's dropdown has it).
pub fn lifecycle_from(phase: &str) -> Option<Lifecycle> {
    match key_of(phase).as_str() {
        "pre_deployment" => Some(Lifecycle::Development),
        "beta_pilot" | "pilot_beta" | "private_beta" | "public_beta" | "beta" | "pilot" => {
            Some(Lifecycle::Pilot)
        }
        "production" => Some(Lifecycle::InUse),
        "retired" => Some(Lifecycle::Retired),
        _ => None,
    }
}

/// The finder's phases, for a report of a value that is none of them.
pub const PHASES: [&str; 6] = [
    "pre-deployment",
    "beta-pilot",
    "private-beta",
    "public-beta",
    "production",
    "retired",
];

pub fn record(s: &AiSystem, facts: &Facts<'_>, report: &mut Report) -> Value {
    let r = &s.record;
    let lang = facts.lang_of(s);
    if lang != aireg_domain::Lang::En {
        report.note(
            "(texts)",
            "the record has no English name: its texts go out in its own language",
        );
    }
    // A text the record lacks in `lang` goes out in another language, and the report says so.
    let mut other_language = Vec::new();
    let mut text =
        |field: &'static str, l: &aireg_domain::Localized| match l.only(lang, &[]).iter().next() {
            Some((got, t)) => {
                if got != lang {
                    other_language.push((field, got));
                }
                t.to_string()
            }
            None => String::new(),
        };
    let date = |d: time::Date| aireg_domain::clock::iso(d);
    let org = facts
        .org
        .map(|o| o.display_name(lang).to_string())
        .unwrap_or_default();
    let mut v: BTreeMap<&str, Value> = BTreeMap::new();
    let mut put = |k: &'static str, value: String| {
        v.insert(k, json!(value));
    };
    put("standard_version", VERSION.into());
    put(
        "organisation_type",
        match facts.org.map(|o| o.kind) {
            Some(OrgKind::Municipality | OrgKind::Region | OrgKind::RegionalCouncil) => {
                "local-authority"
            }
            _ => "agency-or-public-body",
        }
        .into(),
    );
    match r.theme {
        Some(t) => put("function", function_of(t)),
        None => report.note("function", "the record names no area of public services"),
    }
    put("tags", r.keywords.get(lang).join(", "));
    let published = s.first_published_at.unwrap_or(s.updated_at).date();
    put("date_of_completion", date(published));
    put("date_updated", date(s.updated_at.date()));
    if r.lifecycle == Lifecycle::Retired
        && let Some(end) = r.end_date
    {
        put("date_archived", date(end));
    }
    let name = text("name", &r.name);
    put("title", name.clone());
    put("name", name);
    put("organisation_name", org.clone());
    put("organisation_or_department", org);
    put("phase", phase_of(r.lifecycle).into());
    if r.lifecycle == Lifecycle::Suspended {
        report.note(
            "phase",
            "the standard has no phase for a suspended use: production",
        );
    }
    // The finder's regions are the United Kingdom's; outside it, "international".
    put("region", "international".into());
    report.note(
        "region",
        "the standard's regions are the United Kingdom's: international",
    );
    put(
        "one_sentence_description",
        text("one_sentence_description", &r.summary),
    );
    put("description", text("description", &r.description_public));
    put("website_url", facts.page_url(s, lang));
    put("contact_email", r.contact.email.clone().unwrap_or_default());
    if let Some(unit) = facts.unit {
        put("team", unit.display_name(lang).to_string());
    }
    match &r.vendor {
        Some(vendor) => {
            put("external_supplier_involvement", "Yes".into());
            put("external_supplier", vendor.clone());
        }
        None => report.note(
            "external_supplier_involvement",
            "the record names no vendor: left empty (not known to be none)",
        ),
    }
    put(
        "detailed_description",
        text("detailed_description", &r.description_technical),
    );
    put("scope", text("scope", &r.affected_groups));
    put("benefit", text("benefit", &r.purpose));
    put(
        "human_decisions_and_review",
        text("human_decisions_and_review", &r.human_oversight),
    );
    put(
        "data_description",
        text("data_description", &r.data_description),
    );
    let mut sensitive = Vec::new();
    if r.personal_data == Some(true) {
        sensitive.push("personal data");
    }
    if r.sensitive_data == Some(true) {
        sensitive.push("special categories of personal data (GDPR art. 9)");
    }
    if r.personal_data == Some(false) {
        sensitive.push("no personal data");
    }
    put("sensitive_attributes", sensitive.join("; "));
    let assessments: Vec<String> = facts
        .assessments
        .iter()
        .map(|(template, d)| {
            let what = match template.as_str() {
                "dpia" => "Data protection impact assessment (DPIA)",
                "fria" => "Fundamental rights impact assessment (AI Act art. 27)",
                other => other,
            };
            format!("{what}, completed {}", date(*d))
        })
        .collect();
    put("impact_assessment", assessments.join("\n"));
    report.note(
        "id",
        "GOV.UK numbers its records; aireg's id is in website_url: left empty",
    );
    if !r.legal_basis.is_empty() {
        report.note("(legal basis)", "the standard has no such field; left out");
    }
    for (field, got) in other_language {
        report.note(
            field,
            &format!("no text in {}: in {} instead", lang.code(), got.code()),
        );
    }
    let mut out = Map::new();
    for a in attributes() {
        if out.contains_key(&a.attribute) {
            continue;
        }
        let value = v.remove(a.attribute.as_str()).unwrap_or(Value::Null);
        let empty = value.is_null() || value.as_str().is_some_and(str::is_empty);
        if empty && a.required && !KNOWN_GAPS.contains(&a.attribute.as_str()) {
            report.note(&a.attribute, why_empty(&a.attribute));
        }
        out.insert(a.attribute.clone(), value);
    }
    Value::Object(out)
}

/// Why a required attribute went out empty.
fn why_empty(attribute: &str) -> &'static str {
    match attribute {
        "date_archived" => "the use is not retired; left empty",
        "impact_assessment" => "no impact assessment is completed in aireg; left empty",
        "team" => "the record names no responsible unit; left empty",
        "contact_email" => "the record names no contact e-mail; left empty",
        "sensitive_attributes" => "the record does not say whether it processes personal data",
        "one_sentence_description"
        | "description"
        | "detailed_description"
        | "scope"
        | "benefit"
        | "human_decisions_and_review"
        | "data_description"
        | "tags" => "the record has no such text; left empty",
        _ => "aireg keeps no such field; left empty",
    }
}

/// Attributes whose gap the export already explains.
const KNOWN_GAPS: [&str; 3] = ["id", "function", "external_supplier_involvement"];

/// What a mapped attribute of a record is: the fields an import reads, by attribute.
pub const READ: [&str; 14] = [
    "name",
    "title",
    "one_sentence_description",
    "description",
    "detailed_description",
    "benefit",
    "scope",
    "human_decisions_and_review",
    "data_description",
    "external_supplier",
    "contact_email",
    "function",
    "phase",
    "tags",
];

/// Attributes the register makes itself (its organisation, dates, address): read as
/// identification, never stored as a record's text.
pub const OWN: [&str; 14] = [
    "id",
    "standard_version",
    "organisation_type",
    "organisation_name",
    "organisation_or_department",
    "team",
    "region",
    "website_url",
    "date_of_completion",
    "date_updated",
    "date_archived",
    "external_supplier_involvement",
    "sensitive_attributes",
    "impact_assessment",
];

/// A field name as a key: `2.1.1 - Organisation or department` and
/// `organisation_or_department` are both `organisation_or_department`; v4.0's renamed fields
/// are their v3.0 attributes.
pub fn key_of(heading: &str) -> String {
    let text = heading
        .replace("<br>", "")
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace())
        .trim_start_matches(['-', '–', ':'])
        .trim()
        .to_lowercase();
    let mut key = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('_') && !key.is_empty() {
            key.push('_');
        }
    }
    let key = key.trim_end_matches('_').to_string();
    match key.as_str() {
        "third_party_involvement" => "external_supplier_involvement",
        "third_party" | "supplier" | "external_supplier_s" => "external_supplier",
        "third_party_role" => "external_supplier_role",
        "third_party_data_access_terms" => "data_access_terms",
        "integration_into_broader_operational_process" => "process_integration",
        "human_review" | "human_decisions_and_review" => "human_decisions_and_review",
        "datasets_and_their_purposes" => "datasets",
        "website" | "url" => "website_url",
        "email" | "contact" => "contact_email",
        _ => return key,
    }
    .to_string()
}

/// The fields of one item of a file: an object with the template's attributes (as the export
/// writes), or a GOV.UK Content API item (`details.body` with a heading per field and
/// `details.metadata` with the finder's facets). `None` when the item is neither.
pub fn fields_of(item: &Value) -> Option<BTreeMap<String, String>> {
    let obj = item.as_object()?;
    let mut out = BTreeMap::new();
    let Some(details) = obj.get("details").and_then(Value::as_object) else {
        for (k, v) in obj {
            let text = match v {
                Value::String(s) => s.trim().to_string(),
                Value::Number(n) => n.to_string(),
                Value::Array(items) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => continue,
            };
            out.insert(key_of(k), text);
        }
        return Some(out);
    };
    let body = details.get("body").and_then(Value::as_str).unwrap_or("");
    for (heading, text) in sections(body) {
        let key = if heading.is_empty() {
            "(body)".to_string()
        } else {
            key_of(&heading)
        };
        if text.is_empty() {
            continue;
        }
        // A field a record repeats (one per model or dataset) keeps every block.
        out.entry(key)
            .and_modify(|t: &mut String| {
                t.push_str("\n\n");
                t.push_str(&text);
            })
            .or_insert(text);
    }
    if !out.contains_key("description")
        && let Some(preamble) = out.remove("(body)")
    {
        out.insert("description".into(), preamble);
    }
    out.remove("(body)");
    let meta = details.get("metadata").and_then(Value::as_object);
    let facet = |k: &str| -> String {
        match meta.and_then(|m| m.get(&format!("algorithmic_transparency_record_{k}"))) {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        }
    };
    for (facet_key, attribute) in [
        ("function", "function"),
        ("phase", "phase"),
        ("other_tags", "tags"),
        ("atrs_version", "standard_version"),
        ("region", "region"),
        ("date_published", "date_of_completion"),
    ] {
        let v = facet(facet_key);
        if !v.is_empty() {
            out.entry(attribute.to_string()).or_insert(v);
        }
    }
    let text = |k: &str| {
        obj.get(k)
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    // GOV.UK titles a record "Organisation: Tool".
    let title = text("title");
    if !title.is_empty() {
        let name = title.split_once(": ").map_or(title.as_str(), |(_, n)| n);
        out.entry("name".into()).or_insert(name.trim().to_string());
        out.entry("title".into()).or_insert(title.clone());
    }
    let summary = text("description");
    if !summary.is_empty() {
        out.entry("one_sentence_description".into())
            .or_insert(summary);
    }
    let path = text("base_path");
    if !path.is_empty() {
        out.entry("website_url".into())
            .or_insert(format!("https://www.gov.uk{path}"));
    }
    Some(out)
}

/// A body's sections: (heading, text) in order, the text before the first heading under an
/// empty heading. HTML (as the Content API gives it) or Markdown (govspeak).
pub fn sections(body: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = vec![(String::new(), String::new())];
    if body.contains("</") || body.contains("<p>") {
        let mut rest = body;
        while let Some(at) = find_heading(rest) {
            push_text(&mut out, &text_of_html(&rest[..at]));
            let after = &rest[at..];
            let level = &after[1..3];
            let close = format!("</{level}>");
            let Some(end) = after.find(&close) else {
                rest = "";
                break;
            };
            let open_end = after.find('>').unwrap_or(0) + 1;
            let heading = text_of_html(&after[open_end.min(end)..end]);
            out.push((heading, String::new()));
            rest = &after[end + close.len()..];
        }
        push_text(&mut out, &text_of_html(rest));
    } else {
        for line in body.lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') {
                out.push((
                    trimmed.trim_start_matches('#').trim().to_string(),
                    String::new(),
                ));
            } else {
                push_text(&mut out, line);
                if let Some(last) = out.last_mut() {
                    last.1.push('\n');
                }
            }
        }
    }
    out.into_iter()
        .map(|(h, t)| (h, tidy(&t)))
        .filter(|(h, t)| !h.is_empty() || !t.is_empty())
        .collect()
}

fn push_text(out: &mut [(String, String)], text: &str) {
    if let Some(last) = out.last_mut() {
        last.1.push_str(text);
    }
}

/// Where the next `<h1>`…`<h6>` opens.
fn find_heading(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s[from..].find("<h") {
        let at = from + i;
        if bytes.get(at + 2).is_some_and(|b| (b'1'..=b'6').contains(b))
            && bytes.get(at + 3).is_some_and(|b| *b == b'>' || *b == b' ')
        {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// The text of an HTML fragment: block ends and line breaks become new lines, list items
/// start with "- ", other tags go, entities are decoded.
fn text_of_html(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode(&rest[..lt]));
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[lt + 1..lt + gt].trim().to_lowercase();
        let name = tag.split_whitespace().next().unwrap_or("");
        match name {
            "br" | "br/" | "/p" | "/li" | "/tr" | "/div" | "/ul" | "/ol" | "/table" => {
                out.push('\n')
            }
            "li" => out.push_str("- "),
            "/td" | "/th" => out.push(' '),
            _ => {}
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(&decode(rest));
    out
}

fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::new();
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let Some(semi) = after.find(';').filter(|i| *i <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let entity = &after[1..semi];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Lines trimmed, runs of blank lines made one.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_official_table_gives_every_attribute() {
        let a = attributes();
        assert_eq!(a.len(), 65, "the v3.0 table has 65 rows");
        assert_eq!(a[0].attribute, "id");
        assert!(a.iter().any(|a| a.attribute == "website_url" && a.required));
        assert!(
            a.iter()
                .any(|a| a.attribute == "data_cleaning" && !a.required)
        );
    }

    #[test]
    fn headings_name_their_attributes() {
        assert_eq!(
            key_of("2.1.1 - Organisation or department"),
            "organisation_or_department"
        );
        assert_eq!(key_of("Website URL<br>"), "website_url");
        assert_eq!(key_of("Human review"), "human_decisions_and_review");
        assert_eq!(key_of("3.3 – Third party"), "external_supplier");
    }

    #[test]
    fn an_html_body_splits_into_its_fields() {
        let body = "<p>Intro &amp; more</p>\n<h2 id=\"t1\">Tier 1</h2>\
                    <h3>1.2 - Description</h3><p>It helps.</p><ul><li>one</li><li>two</li></ul>\
                    <h3>2.2.3 - Benefit</h3><p>Faster&nbsp;answers</p>";
        let s = sections(body);
        assert_eq!(s[0], (String::new(), "Intro & more".into()));
        assert!(s.contains(&("1.2 - Description".into(), "It helps.\n- one\n- two".into())));
        assert!(s.contains(&("2.2.3 - Benefit".into(), "Faster answers".into())));
        let md = sections("Intro\n\n## Name\n\nTool\n\n## Benefit\nSaves time\n");
        assert!(md.contains(&("Name".into(), "Tool".into())));
        assert!(md.contains(&("Benefit".into(), "Saves time".into())));
    }

    #[test]
    fn phases_go_both_ways() {
        for l in Lifecycle::all() {
            let back = lifecycle_from(phase_of(*l)).unwrap();
            assert_eq!(phase_of(back), phase_of(*l));
        }
        assert_eq!(lifecycle_from("beta-pilot"), Some(Lifecycle::Pilot));
        assert_eq!(lifecycle_from("live"), None);
    }
}
