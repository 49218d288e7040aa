//! The planner keeps choosing the intended indexes on a register of a few thousand records once
//! the store's own upkeep has gathered statistics: the public list walks `ai_system_publication`,
//! an organisation's list `ai_system_org`, and the classification lookup behind every list page
//! finds the page's records by their keys and their runs by `classification_run_system`. A
//! later migration that loses an index, or upkeep that stops gathering statistics, fails here.
//! (SQLite; PostgreSQL keeps its statistics with autovacuum.)

use aireg_domain::classification::{Category, RunSource};
use aireg_domain::org::{Country, NewOrganisation, OrgKind};
use aireg_domain::policy::{Action, Actor, ReadScope, Resource, authorize};
use aireg_domain::system::{Lifecycle, SystemRecord};
use aireg_domain::{Lang, Localized, OrgId};
use aireg_store::prelude::*;
use aireg_store::{NewClassificationRun, PageRequest, SystemFilter};
use aireg_store_sql::testing::TestDb;

/// Records per organisation, and organisations: about 3,000 records in all.
const PER_ORG: i64 = 50;
const ORGS: usize = 60;

async fn register(db: &TestDb) -> OrgId {
    let store = &*db.store;
    let cli = Actor::command_line("plans");
    let platform = authorize(&cli, Action::AdministerPlatform, Resource::Platform).unwrap();
    let mut small = None;
    for i in 0..ORGS {
        let org = store
            .create_organisation(
                &platform,
                NewOrganisation {
                    slug: format!("kunta-{i}"),
                    kind: OrgKind::Municipality,
                    parent_id: None,
                    name: Localized::one(Lang::Fi, format!("Kunta {i}")),
                    country: Country::FI,
                    languages: vec![Lang::Fi],
                    business_id: None,
                    website: None,
                },
            )
            .await
            .unwrap();
        let create = authorize(&cli, Action::CreateSystem, Resource::Org(org.id)).unwrap();
        let record = SystemRecord {
            name: Localized::one(Lang::Fi, format!("Järjestelmä {i}")),
            lifecycle: Lifecycle::Planning,
            ..SystemRecord::default()
        };
        let s = store.create_system(&create, record, None).await.unwrap();
        let edit = authorize(&cli, Action::EditSystem, Resource::system(&s)).unwrap();
        store
            .save_classification(
                &edit,
                NewClassificationRun {
                    system_id: s.id,
                    pack_version: "1.0.0".into(),
                    answers: Default::default(),
                    justifications: Default::default(),
                    facts: serde_json::json!({"ai_system": true}),
                    outcome: serde_json::json!({"category": "minimal"}),
                    category: Category::Minimal,
                    source: RunSource::Api,
                },
                Vec::new(),
            )
            .await
            .unwrap();
        if i == 0 {
            small = Some(org.id);
        }
    }
    let small = small.unwrap();
    // Each other organisation's record, many times over; four in five published.
    db.store
        .execute(&format!(
            "CREATE TEMP TABLE copy AS \
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {PER_ORG}) \
             SELECT lower(hex(randomblob(16))) AS id, s.id AS original, i FROM ai_system s, n \
             WHERE s.org_id <> '{small}'; \
             INSERT INTO ai_system (id, org_id, version, publication, lifecycle, sort_name, \
             created_at, updated_at, first_published_at) \
             SELECT c.id, org_id, version, \
             CASE WHEN i % 5 = 0 THEN 'draft' ELSE 'published' END, lifecycle, \
             sort_name || ' ' || i, created_at, updated_at, created_at \
             FROM copy c JOIN ai_system s ON s.id = c.original; \
             INSERT INTO ai_system_version (system_id, version, change_kind, publication, \
             record, changed_at, changed_by, changed_by_name) \
             SELECT c.id, v.version, v.change_kind, v.publication, v.record, v.changed_at, \
             v.changed_by, v.changed_by_name FROM copy c JOIN ai_system s ON s.id = c.original \
             JOIN ai_system_version v ON v.system_id = s.id AND v.version = s.version; \
             DROP TABLE copy"
        ))
        .await;
    db.store
        .execute(
            "INSERT INTO classification_run (id, system_id, org_id, pack_version, answers, \
             justifications, facts, outcome, category, source, created_at, created_by, \
             created_by_name) \
             SELECT lower(hex(randomblob(16))), s.id, s.org_id, r.pack_version, r.answers, \
             r.justifications, r.facts, r.outcome, r.category, r.source, r.created_at, \
             r.created_by, r.created_by_name \
             FROM ai_system s JOIN classification_run r ON r.org_id = s.org_id \
             WHERE NOT EXISTS (SELECT 1 FROM classification_run x WHERE x.system_id = s.id)",
        )
        .await;
    small
}

fn uses(plan: &[String], index: &str) -> bool {
    plan.iter().any(|step| step.contains(index))
}

#[tokio::test]
async fn the_lists_use_their_indexes_once_upkeep_has_gathered_statistics() {
    let db = TestDb::sqlite().await;
    let small = register(&db).await;
    let store = &*db.store;
    let total = store
        .systems(
            &ReadScope::for_actor(&Actor::command_line("plans")),
            &SystemFilter::default(),
            PageRequest::new(1, 1),
        )
        .await
        .unwrap()
        .total;
    assert!(
        total > 2_500,
        "a register of a few thousand records: {total}"
    );

    // Without statistics (taken when the tables were empty) the organisation's list is found
    // through its organisation too: its index orders by publication, name and id, as the list
    // does. (With the index by organisation and name alone, it walked every published record
    // until the server gathered statistics.)
    let one_org = SystemFilter {
        orgs: Some(vec![small]),
        ..SystemFilter::default()
    };
    let before = db
        .store
        .plan_of_list(&ReadScope::public(), &one_org, PageRequest::new(1, 20))
        .await;
    assert!(uses(&before, "INDEX ai_system_org ("), "{before:#?}");

    // What the server's hourly upkeep does.
    db.store.refresh_statistics().await.unwrap();

    let public = ReadScope::public();
    let page = PageRequest::new(1, 20);
    let list = db
        .store
        .plan_of_list(&public, &SystemFilter::default(), page)
        .await;
    assert!(uses(&list, "ai_system_publication"), "{list:#?}");

    let org_list = db.store.plan_of_list(&public, &one_org, page).await;
    assert!(uses(&org_list, "ai_system_org"), "{org_list:#?}");

    let shown = store
        .systems(&public, &SystemFilter::default(), page)
        .await
        .unwrap();
    let ids: Vec<_> = shown.items.iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), 20);
    let runs = db.store.plan_of_current_runs(&public, &ids).await;
    assert!(uses(&runs, "classification_run_system"), "{runs:#?}");
    assert!(
        uses(&runs, "sqlite_autoindex_ai_system_1"),
        "the page's records by their keys: {runs:#?}"
    );
    assert!(
        !uses(&runs, "ai_system_publication"),
        "not a walk of the published records: {runs:#?}"
    );
}
