//! `aireg demo`: loads the demo register from the files in `content/demo` (built into the
//! binary) into an empty database, prints the demo accounts and serves.
//!
//! Everything is read and cross-checked before anything is written, so a mistake in a file
//! names the file, the record and the field, and leaves the database empty.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, anyhow, bail};
use serde::Deserialize;

use aireg_domain::classification::RunSource;
use aireg_domain::org::{Country, NewOrganisation, OrgKind};
use aireg_domain::person::{Membership, NewUser, Role};
use aireg_domain::policy::{Action, Actor, Resource, authorize};
use aireg_domain::product::Product;
use aireg_domain::system::{Publication, SystemRecord};
use aireg_domain::{Lang, Localized, OrgId, ProductId, UserId};
use aireg_rules::ai_act::{Category, Facts, Pack};
use aireg_service::Services;
use aireg_service::classification::{new_run, specs};
use aireg_service::secrets::hash_password;

use crate::cli::DemoArgs;
use crate::serve;

include!(concat!(env!("OUT_DIR"), "/demo_files.rs"));

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgsFile {
    organisation: Vec<DemoOrg>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoOrg {
    slug: String,
    kind: String,
    parent: Option<String>,
    name: Localized,
    country: String,
    languages: Vec<Lang>,
    business_id: Option<String>,
    website: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UsersFile {
    demo_password: String,
    user: Vec<DemoUser>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoUser {
    email: String,
    name: String,
    language: Lang,
    #[serde(default)]
    platform_admin: bool,
    #[serde(default)]
    memberships: Vec<DemoMembership>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoMembership {
    org: String,
    roles: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductsFile {
    product: Vec<DemoProduct>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoProduct {
    slug: String,
    name: String,
    vendor: String,
    url: Option<String>,
    description: Localized,
}

/// A record file: where it belongs, and the record with slugs and e-mails still to resolve.
struct DemoSystem {
    file: String,
    organisation: String,
    unit: Option<String>,
    publication: Publication,
    product: Option<String>,
    system_owner: Option<String>,
    process_owner: Option<String>,
    record: SystemRecord,
    /// The AI Act facts of the record and why, classified when the demo is loaded.
    ai_act: Option<DemoFacts>,
    /// Incidents reported on it and residents' feedback, so the workflow's lists show work.
    incidents: Vec<DemoIncident>,
    feedback: Vec<DemoFeedback>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoIncident {
    kind: String,
    title: String,
    description: String,
    reported_by: String,
    /// An AI Act art. 73 kind of serious incident (general, death,
    /// widespread_or_critical_infrastructure).
    serious: Option<String>,
    /// How many days ago the organisation became aware.
    days_ago: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFeedback {
    kind: String,
    message: String,
    lang: aireg_domain::Lang,
    name: Option<String>,
    email: Option<String>,
}

impl DemoIncident {
    fn to_new(&self) -> anyhow::Result<aireg_domain::governance::NewIncident> {
        use aireg_domain::governance::{IncidentKind, NewIncident, SeriousKind};
        let kind = IncidentKind::parse(&self.kind).with_context(|| {
            format!(
                "incident kind {:?}: use one of {}",
                self.kind,
                IncidentKind::allowed().join(", ")
            )
        })?;
        let serious = match &self.serious {
            None => None,
            Some(s) => Some(SeriousKind::parse(s).with_context(|| {
                format!(
                    "serious {s:?}: use one of {}",
                    SeriousKind::allowed().join(", ")
                )
            })?),
        };
        NewIncident {
            kind,
            title: self.title.clone(),
            description: self.description.clone(),
            serious,
            aware_at: Some(
                aireg_domain::clock::now() - time::Duration::days(i64::from(self.days_ago)),
            ),
        }
        .validate()
        .map_err(|e| anyhow!("incident: {}", join(&e)))
    }
}

impl DemoFeedback {
    fn to_new(&self) -> anyhow::Result<aireg_domain::governance::NewFeedback> {
        use aireg_domain::governance::{FeedbackKind, NewFeedback};
        let kind = FeedbackKind::parse(&self.kind).with_context(|| {
            format!(
                "feedback kind {:?}: use one of {}",
                self.kind,
                FeedbackKind::allowed().join(", ")
            )
        })?;
        NewFeedback {
            kind,
            message: self.message.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
            lang: self.lang,
        }
        .validate()
        .map_err(|e| anyhow!("feedback: {}", join(&e)))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFacts {
    facts: serde_json::Value,
    justification: Option<String>,
}

/// The whole demo, read and checked.
pub struct Demo {
    orgs: Vec<DemoOrg>,
    users: UsersFile,
    products: Vec<DemoProduct>,
    systems: Vec<DemoSystem>,
    /// Staff's AI usage files, by organisation slug (`usage/<slug>.csv`).
    usage: Vec<(String, String)>,
}

pub(crate) fn read_files(dir: Option<&Path>) -> anyhow::Result<Vec<(String, String)>> {
    let Some(dir) = dir else {
        return Ok(DEMO_FILES
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect());
    };
    let mut out = Vec::new();
    for name in ["organisations.toml", "users.toml", "products.toml"] {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        out.push((name.to_string(), text));
    }
    let usage = dir.join("usage");
    if let Ok(entries) = std::fs::read_dir(&usage) {
        let mut names: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "csv"))
            .collect();
        names.sort();
        for path in names {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let name = path
                .file_name()
                .map(|f| f.to_string_lossy())
                .unwrap_or_default();
            out.push((format!("usage/{name}"), text));
        }
    }
    let systems = dir.join("systems");
    let mut names: Vec<_> = std::fs::read_dir(&systems)
        .with_context(|| format!("cannot read {}", systems.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    names.sort();
    for path in names {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let rel = format!(
            "systems/{}",
            path.file_name()
                .map(|f| f.to_string_lossy())
                .unwrap_or_default()
        );
        out.push((rel, text));
    }
    Ok(out)
}

fn file<'a>(files: &'a [(String, String)], name: &str) -> anyhow::Result<&'a str> {
    files
        .iter()
        .find(|(p, _)| p == name)
        .map(|(_, t)| t.as_str())
        .with_context(|| format!("the demo has no {name}"))
}

/// TOML dates are their own type; the record reads dates as `YYYY-MM-DD` text.
fn toml_to_json(v: toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => serde_json::Value::from(i),
        toml::Value::Float(f) => serde_json::Value::from(f),
        toml::Value::Boolean(b) => serde_json::Value::Bool(b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => {
            serde_json::Value::Array(a.into_iter().map(toml_to_json).collect())
        }
        toml::Value::Table(t) => {
            serde_json::Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

impl Demo {
    pub fn parse(files: &[(String, String)], pack: &Pack) -> anyhow::Result<Demo> {
        let orgs: OrgsFile =
            toml::from_str(file(files, "organisations.toml")?).context("organisations.toml")?;
        let users: UsersFile = toml::from_str(file(files, "users.toml")?).context("users.toml")?;
        let products: ProductsFile =
            toml::from_str(file(files, "products.toml")?).context("products.toml")?;
        let mut systems = Vec::new();
        for (path, text) in files.iter().filter(|(p, _)| p.starts_with("systems/")) {
            systems.push(parse_system(path, text).with_context(|| path.clone())?);
        }
        let usage = files
            .iter()
            .filter_map(|(p, text)| {
                let slug = p.strip_prefix("usage/")?.strip_suffix(".csv")?;
                Some((slug.to_string(), text.clone()))
            })
            .collect();
        let demo = Demo {
            usage,
            orgs: orgs.organisation,
            users,
            products: products.product,
            systems,
        };
        demo.check(pack)?;
        Ok(demo)
    }

    /// Cross-references and every value, before anything is written.
    fn check(&self, pack: &Pack) -> anyhow::Result<()> {
        let org = |slug: &str| self.orgs.iter().find(|o| o.slug == slug);
        for o in &self.orgs {
            if let Some(p) = &o.parent
                && org(p).is_none()
            {
                bail!("organisations.toml: {} has an unknown parent {p:?}", o.slug);
            }
            new_org(o, None).with_context(|| format!("organisations.toml: {}", o.slug))?;
        }
        aireg_domain::person::check_password(&self.users.demo_password)
            .map_err(|e| anyhow!("users.toml: demo_password {e}"))?;
        for u in &self.users.user {
            for m in &u.memberships {
                if org(&m.org).is_none() {
                    bail!(
                        "users.toml: {} has a role in an unknown organisation {:?}",
                        u.email,
                        m.org
                    );
                }
                for r in &m.roles {
                    Role::parse(r).with_context(|| {
                        format!(
                            "users.toml: {}: unknown role {r:?}; use one of {}",
                            u.email,
                            Role::allowed().join(", ")
                        )
                    })?;
                }
            }
        }
        for p in &self.products {
            demo_product(p)
                .validate()
                .map_err(|e| anyhow!("products.toml: {}: {}", p.slug, join(&e)))?;
        }
        for s in &self.systems {
            let o = org(&s.organisation).with_context(|| {
                format!("{}: unknown organisation {:?}", s.file, s.organisation)
            })?;
            if let Some(u) = &s.unit
                && org(u).is_none_or(|u| u.parent.as_deref() != Some(o.slug.as_str()))
            {
                bail!("{}: {u:?} is not a unit of {}", s.file, o.slug);
            }
            if let Some(p) = &s.product
                && !self.products.iter().any(|x| &x.slug == p)
            {
                bail!("{}: unknown product {p:?}", s.file);
            }
            let reporters = s.incidents.iter().map(|i| &i.reported_by);
            for e in [&s.system_owner, &s.process_owner]
                .into_iter()
                .flatten()
                .chain(reporters)
            {
                if !self
                    .users
                    .user
                    .iter()
                    .any(|u| u.email.eq_ignore_ascii_case(e))
                {
                    bail!("{}: no demo user {e:?}", s.file);
                }
            }
            s.record
                .validate()
                .map_err(|e| anyhow!("{}: {}", s.file, join(&e)))?;
            if !s.feedback.is_empty() && s.publication != Publication::Published {
                bail!("{}: feedback is given on published records only", s.file);
            }
            if let Some(a) = &s.ai_act {
                let facts = Facts::from_json(&a.facts)
                    .map_err(|e| anyhow!("{}: ai_act.facts: {e}", s.file))?;
                let outcome = pack.classify(&facts);
                if outcome.category == Category::Incomplete {
                    bail!(
                        "{}: ai_act.facts are incomplete; also needed: {}",
                        s.file,
                        outcome.missing.join(", ")
                    );
                }
            }
            if s.publication != Publication::Draft {
                let primary = o.languages.first().copied().unwrap_or(Lang::Fi);
                let problems = s.record.publish_problems(primary);
                if !problems.is_empty() {
                    bail!("{}: cannot be published: {}", s.file, join(&problems));
                }
            }
        }
        Ok(())
    }

    /// Writes the demo into an empty database: an import with the platform's rights, so the
    /// records arrive in the states the files give (the gates are for people's moves).
    pub async fn load(&self, services: &Services) -> anyhow::Result<()> {
        let store = services.store();
        let actor = Actor::command_line("demo");
        let platform = authorize(&actor, Action::AdministerPlatform, Resource::Platform)
            .map_err(|_| anyhow!("not allowed"))?;

        let mut org_ids: HashMap<String, OrgId> = HashMap::new();
        while org_ids.len() < self.orgs.len() {
            let before = org_ids.len();
            for o in &self.orgs {
                if org_ids.contains_key(&o.slug) {
                    continue;
                }
                let parent = match &o.parent {
                    Some(p) => match org_ids.get(p) {
                        Some(id) => Some(*id),
                        None => continue,
                    },
                    None => None,
                };
                let created = store
                    .create_organisation(&platform, new_org(o, parent)?)
                    .await?;
                org_ids.insert(o.slug.clone(), created.id);
            }
            if org_ids.len() == before {
                bail!("organisations.toml: the parents form a cycle");
            }
        }
        eprintln!("demo: {} organisations", org_ids.len());

        let hash = hash_password(self.users.demo_password.clone())
            .await
            .map_err(|e| anyhow!("{e}"))?;
        let mut user_ids: HashMap<String, UserId> = HashMap::new();
        for u in &self.users.user {
            let user = store
                .create_user(
                    &platform,
                    NewUser {
                        email: u.email.clone(),
                        name: u.name.clone(),
                        language: u.language,
                        platform_admin: u.platform_admin,
                    },
                    &hash,
                )
                .await
                .with_context(|| format!("users.toml: {}", u.email))?;
            for m in &u.memberships {
                for r in &m.roles {
                    let membership = Membership {
                        user_id: user.id,
                        org_id: org_ids[&m.org],
                        role: Role::parse(r).with_context(|| format!("role {r:?}"))?,
                    };
                    store.add_membership(&platform, membership).await?;
                }
            }
            user_ids.insert(user.email.clone(), user.id);
        }
        eprintln!("demo: {} accounts", user_ids.len());

        let mut product_ids: HashMap<String, ProductId> = HashMap::new();
        for p in &self.products {
            let created = store.create_product(&platform, demo_product(p)).await?;
            product_ids.insert(p.slug.clone(), created.id);
        }
        eprintln!("demo: {} products", product_ids.len());

        for (i, s) in self.systems.iter().enumerate() {
            let org = org_ids[&s.organisation];
            let mut record = s.record.clone();
            record.unit = s.unit.as_ref().map(|u| org_ids[u]);
            record.product = s.product.as_ref().map(|p| product_ids[p]);
            let person = |e: &Option<String>| e.as_ref().map(|e| user_ids[&e.to_lowercase()]);
            record.system_owner = person(&s.system_owner);
            record.process_owner = person(&s.process_owner);
            let create = authorize(&actor, Action::CreateSystem, Resource::Org(org))
                .map_err(|_| anyhow!("not allowed"))?;
            let created = store
                .create_system(&create, record, None)
                .await
                .with_context(|| s.file.clone())?;
            if s.publication != Publication::Draft {
                let publish = authorize(&actor, Action::PublishSystem, Resource::system(&created))
                    .map_err(|_| anyhow!("not allowed"))?;
                store
                    .set_publication(&publish, created.id, None, Publication::Published)
                    .await
                    .with_context(|| s.file.clone())?;
                if s.publication == Publication::Withdrawn {
                    store
                        .set_publication(&publish, created.id, None, Publication::Withdrawn)
                        .await?;
                }
            }
            if let Some(a) = &s.ai_act {
                classify(services, &actor, &created, a)
                    .await
                    .with_context(|| s.file.clone())?;
            }
            for i in &s.incidents {
                let reporter = store
                    .actor(user_ids[&i.reported_by.to_lowercase()])
                    .await?
                    .context("the reporter's account")?;
                let permit = authorize(
                    &reporter,
                    Action::ReportIncident,
                    Resource::system(&created),
                )
                .map_err(|_| anyhow!("{}: {} may not report here", s.file, i.reported_by))?;
                store
                    .report_incident(&permit, created.id, i.to_new()?, Vec::new(), Vec::new())
                    .await
                    .with_context(|| s.file.clone())?;
            }
            for f in &s.feedback {
                store
                    .submit_feedback(created.id, f.to_new()?, 14, Vec::new())
                    .await
                    .with_context(|| format!("{}: feedback needs a published record", s.file))?;
            }
            eprintln!("demo: AI system records {}/{}", i + 1, self.systems.len());
        }
        for (slug, text) in &self.usage {
            let counted = services
                .import_usage(&actor, slug, text.as_bytes(), false, &|_| {})
                .await
                .map_err(|e| anyhow!("usage/{slug}.csv: {e}"))?;
            eprintln!("demo: {} usage figures for {slug}", counted.cells.len());
        }
        Ok(())
    }

    /// The demo accounts with their roles, for the operator.
    pub fn accounts(&self) -> String {
        let mut by_org: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut out = String::new();
        for u in &self.users.user {
            let roles: Vec<String> = u
                .memberships
                .iter()
                .map(|m| format!("{} in {}", m.roles.join(", "), m.org))
                .collect();
            let key = u
                .memberships
                .first()
                .map(|m| m.org.clone())
                .unwrap_or_else(|| "(platform)".into());
            let what = if u.platform_admin {
                "platform admin".to_string()
            } else {
                roles.join("; ")
            };
            by_org
                .entry(key)
                .or_default()
                .push(format!("  {:<46} {}", u.email, what));
        }
        for (org, lines) in by_org {
            out.push_str(&format!("{org}\n"));
            for l in lines {
                out.push_str(&l);
                out.push('\n');
            }
        }
        out.push_str(&format!(
            "\nEvery demo account has the password: {}\n",
            self.users.demo_password
        ));
        out
    }
}

/// Stores the record's AI Act classification from its demo facts, with the obligations that
/// follow.
async fn classify(
    services: &Services,
    actor: &Actor,
    system: &aireg_domain::system::AiSystem,
    demo: &DemoFacts,
) -> anyhow::Result<()> {
    let facts = Facts::from_json(&demo.facts).map_err(|e| anyhow!("ai_act.facts: {e}"))?;
    let permit = authorize(actor, Action::EditSystem, Resource::system(system))
        .map_err(|_| anyhow!("not allowed"))?;
    let mut justifications = std::collections::BTreeMap::new();
    if let Some(j) = &demo.justification {
        justifications.insert("facts".to_string(), j.clone());
    }
    let (new, outcome) = new_run(
        &services.content().ai_act,
        system.id,
        &facts,
        Default::default(),
        justifications,
        RunSource::Import,
    )
    .map_err(|e| anyhow!("{e}"))?;
    services
        .store()
        .save_classification(&permit, new, specs(&outcome))
        .await?;
    Ok(())
}

fn join(errors: &[aireg_domain::validation::FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

fn new_org(o: &DemoOrg, parent: Option<OrgId>) -> anyhow::Result<NewOrganisation> {
    let new = NewOrganisation {
        slug: o.slug.clone(),
        kind: OrgKind::parse(&o.kind).with_context(|| {
            format!(
                "unknown kind {:?}; use one of {}",
                o.kind,
                OrgKind::allowed().join(", ")
            )
        })?,
        parent_id: parent,
        name: o.name.clone(),
        country: Country::parse(&o.country)
            .with_context(|| format!("unknown country {:?}; use FI or SE", o.country))?,
        languages: o.languages.clone(),
        business_id: o.business_id.clone(),
        website: o.website.clone(),
    };
    new.validate().map_err(|e| anyhow!("{}", join(&e)))
}

fn demo_product(p: &DemoProduct) -> Product {
    Product {
        id: ProductId::new(),
        slug: p.slug.clone(),
        name: p.name.clone(),
        vendor: p.vendor.clone(),
        url: p.url.clone(),
        description: p.description.clone(),
    }
}

fn parse_system(path: &str, text: &str) -> anyhow::Result<DemoSystem> {
    let mut table: toml::Table = toml::from_str(text)?;
    let mut take = |key: &str| -> anyhow::Result<Option<String>> {
        match table.remove(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) => Ok(Some(s)),
            Some(other) => bail!("{key} must be text, not {}", other.type_str()),
        }
    };
    let organisation = take("organisation")?.context("organisation is required")?;
    let unit = take("unit")?;
    let publication = match take("publication")?.as_deref() {
        None | Some("draft") => Publication::Draft,
        Some(p) => Publication::parse(p).with_context(|| {
            format!(
                "publication {p:?}: use one of {}",
                Publication::allowed().join(", ")
            )
        })?,
    };
    let product = take("product")?;
    let system_owner = take("system_owner")?;
    let process_owner = take("process_owner")?;
    let ai_act = match table.remove("ai_act") {
        None => None,
        Some(v) => Some(
            serde_json::from_value::<DemoFacts>(toml_to_json(v))
                .map_err(|e| anyhow!("ai_act: {e}"))?,
        ),
    };
    let mut list = |key: &str| -> anyhow::Result<serde_json::Value> {
        Ok(table
            .remove(key)
            .map(toml_to_json)
            .unwrap_or(serde_json::Value::Array(Vec::new())))
    };
    let incidents: Vec<DemoIncident> =
        serde_json::from_value(list("incident")?).map_err(|e| anyhow!("incident: {e}"))?;
    let feedback: Vec<DemoFeedback> =
        serde_json::from_value(list("feedback")?).map_err(|e| anyhow!("feedback: {e}"))?;
    for i in &incidents {
        i.to_new()?;
    }
    for f in &feedback {
        f.to_new()?;
    }
    let json = toml_to_json(toml::Value::Table(table));
    let record: SystemRecord = serde_path_to_error::deserialize(json)
        .map_err(|e| anyhow!("{}: {}", e.path(), e.inner()))?;
    Ok(DemoSystem {
        file: path.to_string(),
        organisation,
        unit,
        publication,
        product,
        system_owner,
        process_owner,
        record: record.normalized(),
        ai_act,
        incidents,
        feedback,
    })
}

/// `aireg demo`: the demo data from `<content dir>/demo` when a content directory is given,
/// else the built-in one.
pub async fn run(
    db: Arc<aireg_store_sql::SqlStore>,
    services: Arc<Services>,
    content_dir: Option<&Path>,
    args: DemoArgs,
) -> anyhow::Result<()> {
    let dir = content_dir.map(|d| d.join("demo"));
    let files = read_files(dir.as_deref())?;
    let demo = Demo::parse(&files, &services.content().ai_act)?;
    if services.store().is_empty().await? {
        eprintln!("Loading the demo data…");
        demo.load(&services).await?;
        // A bulk load: the planner's statistics are gathered again for what is there now.
        db.refresh_statistics().await?;
    } else {
        eprintln!("The database already holds a register; the demo data is not loaded again.");
    }
    println!("\nDemo accounts (sign in at /fi/login, /sv/login or /en/login):\n");
    println!("{}", demo.accounts());
    if args.no_serve {
        return Ok(());
    }
    serve::run(db, services, args.serve).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_demo_reads_and_checks() {
        let files = read_files(None).unwrap();
        let demo = Demo::parse(&files, Pack::embedded().unwrap()).unwrap();
        assert!(demo.systems.len() >= 20);
        assert!(
            demo.systems
                .iter()
                .any(|s| s.publication == Publication::Draft)
        );
        assert!(
            demo.systems
                .iter()
                .any(|s| s.publication == Publication::Published)
        );
        assert!(demo.accounts().contains(&demo.users.demo_password));
    }

    #[test]
    fn mistakes_name_the_file_and_field() {
        let mut files = read_files(None).unwrap();
        let (_, text) = files
            .iter_mut()
            .find(|(p, _)| p == "systems/kajaani-copilot.toml")
            .unwrap();
        *text = text.replacen("lifecycle = \"", "lifecycle = \"x", 1);
        let err = format!(
            "{:#}",
            Demo::parse(&files, Pack::embedded().unwrap())
                .err()
                .unwrap()
        );
        assert!(err.contains("kajaani-copilot.toml"), "{err}");
        assert!(err.contains("lifecycle"), "{err}");
    }
}
