//! Stories of AI system records: versions, publication, lists, references, permits.

use super::*;
use crate::{PageRequest, Store, StoreError, SystemFilter};
use aireg_domain::org::OrgKind;
use aireg_domain::person::Role;
use aireg_domain::policy::{Action, ReadScope, Resource, authorize};
use aireg_domain::system::{ChangeKind, Field, Lifecycle, Publication, Visibility};
use aireg_domain::validation::Problem;
use aireg_domain::{Lang, Localized, ProductId, SystemId};

pub async fn record_versions_publication_and_history(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let editor = user(store, "editor@kajaani.example").await;
    grant(store, &editor, &kajaani, Role::Editor).await;
    let actor = store.actor(editor.id).await.unwrap().unwrap();
    let staff = ReadScope::for_actor(&actor);
    let public = ReadScope::public();

    let create_permit = authorize(&actor, Action::CreateSystem, Resource::Org(kajaani.id)).unwrap();
    let mut r = record("Chatbot");
    r.system_owner = Some(editor.id);
    let s = store
        .create_system(&create_permit, r.clone(), None)
        .await
        .unwrap();
    assert_eq!(s.version, 1);
    assert_eq!(s.publication, Publication::Draft);
    assert_eq!(s.org_id, kajaani.id);
    assert_eq!(s.record, r);
    assert_eq!(store.system(&staff, s.id).await.unwrap(), Some(s.clone()));
    assert_eq!(store.system(&public, s.id).await.unwrap(), None);

    let edit = authorize(&actor, Action::EditSystem, facts(&s)).unwrap();
    let mut r2 = r.clone();
    r2.name.set(Lang::Sv, "Chattbot");
    r2.purpose.set(Lang::Sv, "Syfte");
    let s2 = store
        .update_system(&edit, s.id, 1, r2.clone(), None)
        .await
        .unwrap();
    assert_eq!(s2.version, 2);
    assert_eq!(s2.record, r2);
    assert!(s2.updated_at >= s.updated_at);

    // A save based on version 1 is refused and changes nothing.
    let stale = store
        .update_system(&edit, s.id, 1, record("Lost"), None)
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict { current: 2 })));
    assert_eq!(
        store.system(&staff, s.id).await.unwrap().unwrap().record,
        r2
    );

    let publish = authorize(&actor, Action::PublishSystem, facts(&s2)).unwrap();
    let s3 = store
        .set_publication(&publish, s.id, Some(2), Publication::Published)
        .await
        .unwrap();
    assert_eq!(s3.version, 3);
    assert!(s3.first_published_at.is_some());

    let seen = store.system(&public, s.id).await.unwrap().unwrap();
    assert_eq!(seen.publication, Publication::Published);
    assert_eq!(seen.record.name, r2.name);
    assert_eq!(
        seen.record.system_owner, None,
        "owner is internal by default"
    );
    assert_eq!(seen.record.data_classification, None);
    assert_eq!(seen.record.vendor.as_deref(), Some("Toimittaja Oy"));

    // Making the vendor internal hides it from the public at once.
    let mut r4 = r2.clone();
    r4.visibility.insert(Field::Vendor, Visibility::Internal);
    store.update_system(&edit, s.id, 3, r4, None).await.unwrap();
    let seen = store.system(&public, s.id).await.unwrap().unwrap();
    assert_eq!(seen.record.vendor, None);

    let s5 = store
        .set_publication(&publish, s.id, None, Publication::Withdrawn)
        .await
        .unwrap();
    assert_eq!(s5.version, 5);
    assert_eq!(store.system(&public, s.id).await.unwrap(), None);

    let history = store.system_history(&staff, s.id).await.unwrap();
    let kinds: Vec<_> = history.iter().map(|v| (v.version, v.change)).collect();
    assert_eq!(
        kinds,
        [
            (1, ChangeKind::Created),
            (2, ChangeKind::Edited),
            (3, ChangeKind::Published),
            (4, ChangeKind::Edited),
            (5, ChangeKind::Withdrawn)
        ]
    );
    assert!(history.iter().all(|v| v.changed_by == Some(editor.id)));
    assert_eq!(history[0].changed_by_name, editor.name);
    assert_eq!(history[1].record, r2);
    assert!(matches!(
        store.system_history(&public, s.id).await,
        Err(StoreError::NotFound)
    ));
    // A page reads the newest only, oldest of them first; the trail the same.
    assert_eq!(
        store.system_history_newest(&staff, s.id, 2).await.unwrap(),
        history[3..]
    );
    assert_eq!(
        store.system_history_newest(&staff, s.id, 50).await.unwrap(),
        history
    );
    assert!(matches!(
        store.system_history_newest(&public, s.id, 2).await,
        Err(StoreError::NotFound)
    ));
    // The API's pages: from a version on, at most a number.
    for (from, limit, range) in [(0, 2, 0..2), (2, 2, 1..3), (4, 10, 3..5), (6, 10, 5..5)] {
        assert_eq!(
            store
                .system_history_from(&staff, s.id, from, limit)
                .await
                .unwrap(),
            history[range],
            "from {from}, at most {limit}"
        );
    }
    assert!(matches!(
        store.system_history_from(&public, s.id, 0, 2).await,
        Err(StoreError::NotFound)
    ));
    let trail = store
        .audit_of(&staff, "system", &s.id.to_string())
        .await
        .unwrap();
    let newest = store
        .audit_of_newest(&staff, "system", &s.id.to_string(), None, 2)
        .await
        .unwrap();
    assert_eq!(newest, trail[trail.len() - 2..]);
    let but_edits = store
        .audit_of_newest(
            &staff,
            "system",
            &s.id.to_string(),
            Some("system.update"),
            50,
        )
        .await
        .unwrap();
    let expected: Vec<_> = trail
        .iter()
        .filter(|e| e.action != "system.update")
        .cloned()
        .collect();
    assert!(expected.len() < trail.len());
    assert_eq!(but_edits, expected);
    assert!(
        store
            .audit_of_newest(&public, "system", &s.id.to_string(), None, 2)
            .await
            .unwrap()
            .is_empty()
    );
    let missing = store
        .set_publication(&publish, SystemId::new(), None, Publication::Published)
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
}

pub async fn record_lists_filter_scope_and_paginate(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let sotkamo = org(store, "sotkamo", OrgKind::Municipality, None).await;
    let mut ids = Vec::new();
    for i in 0..7 {
        let mut r = record(&format!("Järjestelmä {i}"));
        r.lifecycle = if i % 2 == 0 {
            Lifecycle::InUse
        } else {
            Lifecycle::Pilot
        };
        let s = create(store, &kajaani, r).await;
        if i < 5 {
            store
                .set_publication(
                    &permit(Action::PublishSystem, facts(&s)),
                    s.id,
                    Some(1),
                    Publication::Published,
                )
                .await
                .unwrap();
        }
        ids.push(s.id);
    }
    let mut r = record("ÄÄNESTYSAVUSTAJA");
    r.keywords.set(Lang::Fi, vec!["Vaalit".to_string()]);
    let other = create(store, &sotkamo, r).await;

    let public = ReadScope::public();
    let all = SystemFilter::default();
    let page = store
        .systems(&public, &all, PageRequest::new(1, 2))
        .await
        .unwrap();
    assert_eq!(page.total, 5);
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.pages(), 3);
    let last = store
        .systems(&public, &all, PageRequest::new(3, 2))
        .await
        .unwrap();
    assert_eq!(last.items.len(), 1);
    let beyond = store
        .systems(&public, &all, PageRequest::new(9, 2))
        .await
        .unwrap();
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 5);
    // Sorted by name, and the public sees public fields only.
    let names: Vec<String> = store
        .systems(&public, &all, PageRequest::new(1, 10))
        .await
        .unwrap()
        .items
        .iter()
        .map(|s| s.record.name.text(Lang::Fi, &[]).to_string())
        .collect();
    assert_eq!(names.first().map(String::as_str), Some("Järjestelmä 0"));
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(
        store
            .systems(&public, &all, PageRequest::new(1, 10))
            .await
            .unwrap()
            .items
            .iter()
            .all(|s| s.record.data_classification.is_none())
    );

    let pilots = SystemFilter {
        lifecycle: Some(Lifecycle::Pilot),
        ..SystemFilter::default()
    };
    assert_eq!(
        store
            .systems(&public, &pilots, PageRequest::default())
            .await
            .unwrap()
            .total,
        2
    );

    // A Kajaani viewer sees Kajaani's drafts too, never Sotkamo's.
    let viewer = user(store, "viewer@kajaani.example").await;
    grant(store, &viewer, &kajaani, Role::Viewer).await;
    let scope = ReadScope::for_actor(&store.actor(viewer.id).await.unwrap().unwrap());
    let mine = store
        .systems(&scope, &all, PageRequest::default())
        .await
        .unwrap();
    assert_eq!(mine.total, 7);
    let drafts = SystemFilter {
        publication: Some(Publication::Draft),
        ..SystemFilter::default()
    };
    assert_eq!(
        store
            .systems(&scope, &drafts, PageRequest::default())
            .await
            .unwrap()
            .total,
        2
    );
    let sotkamo_only = SystemFilter {
        orgs: Some(vec![sotkamo.id]),
        ..SystemFilter::default()
    };
    assert_eq!(
        store
            .systems(&scope, &sotkamo_only, PageRequest::default())
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(store.system(&scope, other.id).await.unwrap(), None);

    // The text filter folds Finnish letters the same way on both engines.
    let admin_scope = ReadScope::for_actor(&cli());
    let text = SystemFilter {
        text: Some("äänestys".into()),
        ..SystemFilter::default()
    };
    let found = store
        .systems(&admin_scope, &text, PageRequest::default())
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.items[0].id, other.id);
    let kw = SystemFilter {
        text: Some("vaalit".into()),
        ..SystemFilter::default()
    };
    assert_eq!(
        store
            .systems(&admin_scope, &kw, PageRequest::default())
            .await
            .unwrap()
            .total,
        1
    );
    // LIKE wildcards in the search text are taken literally.
    let wild = SystemFilter {
        text: Some("%".into()),
        ..SystemFilter::default()
    };
    assert_eq!(
        store
            .systems(&admin_scope, &wild, PageRequest::default())
            .await
            .unwrap()
            .total,
        0
    );
    // The public searches only what it may read: an internal vendor gives nothing away, and a
    // NUL in the query is no error on either engine.
    let first = store.system(&admin_scope, ids[0]).await.unwrap().unwrap();
    let mut hidden = first.record.clone();
    hidden.vendor = Some("Salainen Toimittaja Oy".into());
    hidden
        .visibility
        .insert(Field::Vendor, Visibility::Internal);
    store
        .update_system(
            &permit(Action::EditSystem, facts(&first)),
            first.id,
            first.version,
            hidden,
            None,
        )
        .await
        .unwrap();
    let by_vendor = |t: &str| SystemFilter {
        text: Some(t.into()),
        ..SystemFilter::default()
    };
    let count = |scope: ReadScope, f: SystemFilter| async move {
        store
            .systems(&scope, &f, PageRequest::default())
            .await
            .unwrap()
            .total
    };
    assert_eq!(count(admin_scope.clone(), by_vendor("salainen")).await, 1);
    assert_eq!(count(public.clone(), by_vendor("salainen")).await, 0);
    assert_eq!(count(public.clone(), by_vendor("järjestelmä 0")).await, 1);
    assert_eq!(count(public.clone(), by_vendor("\0\u{0}x\u{0}")).await, 0);
    assert_eq!(count(public.clone(), by_vendor("\u{0}")).await, 5);

    let both = SystemFilter {
        orgs: Some(vec![kajaani.id, sotkamo.id]),
        ..SystemFilter::default()
    };
    assert_eq!(
        store
            .systems(&admin_scope, &both, PageRequest::default())
            .await
            .unwrap()
            .total,
        8
    );
}

pub async fn record_references_are_checked(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let unit = org(store, "kajaani-sivistys", OrgKind::Unit, Some(&kajaani)).await;
    let sotkamo = org(store, "sotkamo", OrgKind::Municipality, None).await;
    let sotkamo_unit = org(store, "sotkamo-tekninen", OrgKind::Unit, Some(&sotkamo)).await;
    let insider = user(store, "owner@kajaani.example").await;
    grant(store, &insider, &kajaani, Role::SystemOwner).await;
    let outsider = user(store, "owner@sotkamo.example").await;
    grant(store, &outsider, &sotkamo, Role::SystemOwner).await;

    let mut ok = record("Ok");
    ok.unit = Some(unit.id);
    ok.system_owner = Some(insider.id);
    ok.process_owner = Some(insider.id);
    create(store, &kajaani, ok).await;

    let mut bad = record("Bad");
    bad.unit = Some(sotkamo_unit.id);
    bad.system_owner = Some(outsider.id);
    bad.process_owner = Some(aireg_domain::UserId::new());
    bad.product = Some(ProductId::new());
    let err = store
        .create_system(
            &permit(Action::CreateSystem, Resource::Org(kajaani.id)),
            bad,
            None,
        )
        .await
        .unwrap_err();
    let fields: Vec<String> = field_of(&err).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["unit", "system_owner", "process_owner", "product"]);

    let mut invalid = record("");
    invalid.name = Localized::new();
    let err = store
        .create_system(
            &permit(Action::CreateSystem, Resource::Org(kajaani.id)),
            invalid,
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), [("name".to_string(), Problem::Required)]);
}

pub async fn permits_must_match_the_record(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let sotkamo = org(store, "sotkamo", OrgKind::Municipality, None).await;
    let s = create(store, &kajaani, record("Kajaanin")).await;
    let editor = user(store, "editor@sotkamo.example").await;
    grant(store, &editor, &sotkamo, Role::Editor).await;
    let actor = store.actor(editor.id).await.unwrap().unwrap();

    // Sotkamo's editor can get permits for Sotkamo only; one for Sotkamo does not open Kajaani's
    // record, whatever id is passed.
    assert!(authorize(&actor, Action::EditSystem, facts(&s)).is_err());
    let sotkamo_system = create(store, &sotkamo, record("Sotkamon")).await;
    let edit = authorize(&actor, Action::EditSystem, facts(&sotkamo_system)).unwrap();
    let r = store
        .update_system(&edit, s.id, 1, record("Hijacked"), None)
        .await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
    let publish = authorize(&actor, Action::PublishSystem, facts(&sotkamo_system)).unwrap();
    let r = store
        .set_publication(&publish, s.id, None, Publication::Published)
        .await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
    let create_permit = authorize(&actor, Action::CreateSystem, Resource::Org(sotkamo.id)).unwrap();
    // The wrong kind of permit is refused too.
    let r = store
        .update_system(&create_permit, sotkamo_system.id, 1, record("x"), None)
        .await;
    assert!(matches!(r, Err(StoreError::Forbidden)), "{r:?}");

    let admin_scope = ReadScope::for_actor(&cli());
    let unchanged = store.system(&admin_scope, s.id).await.unwrap().unwrap();
    assert_eq!(unchanged.version, 1);
    assert_eq!(unchanged.publication, Publication::Draft);
}

pub async fn concurrent_saves_of_one_version(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let s = create(store, &kajaani, record("Rinnakkain")).await;
    let edit = permit(Action::EditSystem, facts(&s));
    let (a, b) = futures_util::future::join(
        store.update_system(&edit, s.id, 1, record("A"), None),
        store.update_system(&edit, s.id, 1, record("B"), None),
    )
    .await;
    let ok = [a.is_ok(), b.is_ok()].iter().filter(|x| **x).count();
    assert_eq!(ok, 1, "exactly one save of version 1 wins: {a:?} {b:?}");
    let loser = if a.is_err() { a } else { b };
    assert!(matches!(loser, Err(StoreError::Conflict { current: 2 })));
}

pub async fn every_version_is_read_in_order_a_page_at_a_time(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let create = permit(Action::CreateSystem, Resource::Org(kajaani.id));
    let mut made = Vec::new();
    for name in ["Yksi", "Kaksi"] {
        let s = store
            .create_system(&create, record(name), None)
            .await
            .unwrap();
        let mut r = s.record.clone();
        r.purpose.set(Lang::Fi, "Muutettu");
        let edit = permit(Action::EditSystem, facts(&s));
        store.update_system(&edit, s.id, 1, r, None).await.unwrap();
        made.push(s.id);
    }
    made.sort();
    let first = store.all_versions(None, 3).await.unwrap();
    let keys: Vec<(SystemId, i64)> = first.iter().map(|v| (v.system_id, v.version)).collect();
    assert_eq!(keys, [(made[0], 1), (made[0], 2), (made[1], 1)]);
    let rest = store.all_versions(keys.last().copied(), 3).await.unwrap();
    let keys: Vec<(SystemId, i64)> = rest.iter().map(|v| (v.system_id, v.version)).collect();
    assert_eq!(keys, [(made[1], 2)]);
    assert_eq!(rest[0].record.purpose.get(Lang::Fi), Some("Muutettu"));
    let first = store
        .all_systems(&staff_all(), &SystemFilter::default(), None, 1)
        .await
        .unwrap();
    assert_eq!(first.iter().map(|s| s.id).collect::<Vec<_>>(), [made[0]]);
    assert_eq!(first[0].version, 2, "as the record is now");
    let rest = store
        .all_systems(&staff_all(), &SystemFilter::default(), Some(made[0]), 5)
        .await
        .unwrap();
    assert_eq!(rest.iter().map(|s| s.id).collect::<Vec<_>>(), [made[1]]);
    assert!(
        store
            .all_systems(&staff_all(), &SystemFilter::default(), Some(made[1]), 5)
            .await
            .unwrap()
            .is_empty()
    );
    // Only what the scope sees, narrowed by the filter.
    assert!(
        store
            .all_systems(&ReadScope::public(), &SystemFilter::default(), None, 5)
            .await
            .unwrap()
            .is_empty(),
        "drafts"
    );
    let elsewhere = SystemFilter {
        orgs: Some(vec![aireg_domain::OrgId::new()]),
        ..SystemFilter::default()
    };
    assert!(
        store
            .all_systems(&staff_all(), &elsewhere, None, 5)
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn an_import_is_saved_whole_or_not_at_all(store: &dyn Store) {
    use crate::ImportOp;
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let existing = create(store, &kajaani, record("Olemassa")).await;
    let all = SystemFilter::default();
    let staff = ReadScope::for_actor(&cli());
    let count = || async {
        store
            .systems(&staff, &all, PageRequest::default())
            .await
            .unwrap()
            .total
    };
    let create_op = |name: &str| ImportOp {
        permit: permit(Action::CreateSystem, Resource::Org(kajaani.id)),
        existing: None,
        record: record(name),
        publish: Some(permit(Action::PublishSystem, Resource::Org(kajaani.id))),
    };
    // The second change is stale: the first is not kept either.
    let mut changed = existing.record.clone();
    changed.purpose = Localized::one(Lang::Fi, "Uusi tarkoitus");
    let stale = ImportOp {
        permit: permit(Action::EditSystem, facts(&existing)),
        existing: Some((existing.id, existing.version + 1)),
        record: changed.clone(),
        publish: None,
    };
    let refused = store.import_systems(vec![create_op("Uusi A"), stale]).await;
    assert!(
        matches!(refused, Err(StoreError::Conflict { .. })),
        "{refused:?}"
    );
    assert_eq!(count().await, 1, "nothing of the import was saved");

    let fresh = ImportOp {
        permit: permit(Action::EditSystem, facts(&existing)),
        existing: Some((existing.id, existing.version)),
        record: changed,
        publish: None,
    };
    let saved = store
        .import_systems(vec![create_op("Uusi B"), fresh])
        .await
        .unwrap();
    assert_eq!(saved.len(), 2);
    assert_eq!(saved[0].publication, Publication::Published);
    assert_eq!(
        saved[0].version, 1,
        "created published at once: one version, one audited event"
    );
    assert!(saved[0].first_published_at.is_some());
    assert_eq!(saved[1].version, existing.version + 1);
    assert_eq!(count().await, 2);
    let history = store.system_history(&staff, saved[0].id).await.unwrap();
    assert_eq!(history.len(), 1);
    let events = store
        .audit_of(&staff, "system", &saved[0].id.to_string())
        .await
        .unwrap();
    assert_eq!(events.len(), 1, "{events:?}");
    // The import counts the public facets once, before it commits.
    super::search::assert_counted_ahead_as_scanned(store).await;
}

/// An import saves new records a batch at a time: across the batches' edges, and around an
/// update in between, every record gets its row, its first version, its audited event in one
/// intact chain and its place in the index.
pub async fn a_large_import_is_saved_in_batches(store: &dyn Store) {
    use crate::ImportOp;
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let existing = create(store, &kajaani, record("Olemassa")).await;
    let create_op = |i: usize| {
        let mut r = record(&format!("Tuotu {i}"));
        if i == 554 {
            r.summary = Localized::one(Lang::Fi, "Harvinainen kirjastoautopalvelu");
        }
        ImportOp {
            permit: permit(Action::CreateSystem, Resource::Org(kajaani.id)),
            existing: None,
            record: r,
            publish: i
                .is_multiple_of(2)
                .then(|| permit(Action::PublishSystem, Resource::Org(kajaani.id))),
        }
    };
    let mut changed = existing.record.clone();
    changed.purpose = Localized::one(Lang::Fi, "Uusi tarkoitus");
    let mut ops: Vec<ImportOp> = (0..300).map(create_op).collect();
    ops.push(ImportOp {
        permit: permit(Action::EditSystem, facts(&existing)),
        existing: Some((existing.id, existing.version)),
        record: changed,
        publish: Some(permit(Action::PublishSystem, Resource::Org(kajaani.id))),
    });
    ops.extend((300..700).map(create_op));
    let saved = store.import_systems(ops).await.unwrap();
    assert_eq!(saved.len(), 701);
    assert_eq!(saved[300].id, existing.id, "in the order given");
    assert_eq!(saved[300].publication, Publication::Published);

    let staff = ReadScope::for_actor(&cli());
    let all = SystemFilter::default();
    let page = store
        .systems(&staff, &all, PageRequest::default())
        .await
        .unwrap();
    assert_eq!(page.total, 701);
    let mut records = 0;
    let mut after = None;
    loop {
        let got = store
            .all_systems(&staff_all(), &SystemFilter::default(), after, 100)
            .await
            .unwrap();
        let Some(tail) = got.last() else { break };
        after = Some(tail.id);
        records += got.len();
    }
    assert_eq!(records, 701);
    let versions = store.all_versions(None, 2000).await.unwrap();
    // The existing record: created, then edited and published by the import.
    assert_eq!(versions.len(), 700 + 3, "one version per new record");

    let created = super::audit::intact_chain(store)
        .await
        .iter()
        .filter(|e| e.action == "system.create")
        .count();
    assert_eq!(created, 701);

    let found = store
        .systems(
            &ReadScope::public(),
            &SystemFilter {
                text: Some("kirjastoautopalvelu".into()),
                ..SystemFilter::default()
            },
            PageRequest::default(),
        )
        .await
        .unwrap();
    let names: Vec<String> = found
        .items
        .iter()
        .map(|s| s.record.name.text(Lang::Fi, &[]).to_string())
        .collect();
    assert_eq!(
        names,
        ["Tuotu 554"],
        "found by a word of the second batch, as published"
    );
    super::search::assert_counted_ahead_as_scanned(store).await;
}

/// Records read together by id are what reading each would give the scope: a viewer gets
/// her organisation's drafts whole, nothing of another's; the public only published records,
/// in their public view.
pub async fn records_are_read_together_by_id(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let sotkamo = org(store, "sotkamo", OrgKind::Municipality, None).await;
    let draft = create(store, &kajaani, record("Luonnos")).await;
    let theirs = create(store, &sotkamo, record("Naapurin luonnos")).await;
    let shown = create(store, &kajaani, record("Julkaistu")).await;
    let shown = store
        .set_publication(
            &permit(Action::PublishSystem, facts(&shown)),
            shown.id,
            None,
            Publication::Published,
        )
        .await
        .unwrap();
    let ids = [draft.id, theirs.id, shown.id, draft.id, SystemId::new()];

    let viewer = user(store, "viewer@kajaani.example").await;
    grant(store, &viewer, &kajaani, Role::Viewer).await;
    let scope = ReadScope::for_actor(&store.actor(viewer.id).await.unwrap().unwrap());
    let seen = store.systems_by_id(&scope, &ids).await.unwrap();
    let mut keys: Vec<SystemId> = seen.keys().copied().collect();
    keys.sort();
    let mut expected = vec![draft.id, shown.id];
    expected.sort();
    assert_eq!(keys, expected);
    for id in keys {
        assert_eq!(
            Some(&seen[&id]),
            store.system(&scope, id).await.unwrap().as_ref(),
            "as read one by one"
        );
    }

    let public = store
        .systems_by_id(&ReadScope::public(), &ids)
        .await
        .unwrap();
    assert_eq!(public.keys().copied().collect::<Vec<_>>(), [shown.id]);
    assert_eq!(
        Some(&public[&shown.id]),
        store
            .system(&ReadScope::public(), shown.id)
            .await
            .unwrap()
            .as_ref()
    );
    assert!(store.systems_by_id(&scope, &[]).await.unwrap().is_empty());
}

/// A platform-wide staff scope.
fn staff_all() -> ReadScope {
    ReadScope::for_actor(&cli())
}

pub async fn a_tool_request_makes_a_draft_idea_and_nothing_more(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let sotkamo = org(store, "sotkamo", OrgKind::Municipality, None).await;
    let asker = user(store, "viewer@kajaani.example").await;
    grant(store, &asker, &kajaani, Role::Viewer).await;
    let actor = store.actor(asker.id).await.unwrap().unwrap();
    let request = authorize(&actor, Action::RequestAiTool, Resource::Org(kajaani.id)).unwrap();
    let idea = SystemRecord {
        name: Localized::one(Lang::Fi, "Kielikone X"),
        ..SystemRecord::default()
    };
    let made = store
        .create_system(&request, idea.clone(), None)
        .await
        .unwrap();
    assert_eq!(made.org_id, kajaani.id);
    assert_eq!(made.publication, Publication::Draft);
    assert_eq!(made.record.lifecycle, Lifecycle::Idea);
    // Not a record further on, not one naming people, not one moved at once.
    for record in [
        SystemRecord {
            lifecycle: Lifecycle::Planning,
            ..idea.clone()
        },
        SystemRecord {
            system_owner: Some(asker.id),
            ..idea.clone()
        },
    ] {
        assert!(matches!(
            store.create_system(&request, record, None).await,
            Err(StoreError::Forbidden)
        ));
    }
    assert!(matches!(
        store
            .create_system(
                &request,
                idea.clone(),
                Some(open(&request, Lifecycle::InUse))
            )
            .await,
        Err(StoreError::Forbidden)
    ));
    // Nor anywhere else.
    assert!(authorize(&actor, Action::RequestAiTool, Resource::Org(sotkamo.id)).is_err());
    let scope = ReadScope::for_actor(&cli());
    let all = store
        .systems(&scope, &SystemFilter::default(), PageRequest::new(1, 10))
        .await
        .unwrap();
    assert_eq!(all.total, 1);
}

pub async fn a_periods_changes_are_counted_and_listed_first(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;
    let (owner_user, owner) =
        staff(store, "owner@kajaani.example", &kajaani, Role::SystemOwner).await;
    let scope = ReadScope::for_actor(&owner);
    let older = started(store, &kajaani, &owner_user, "Vanha").await;
    let untouched = started(store, &kajaani, &owner_user, "Ennallaan").await;
    // The period starts after them: they were added before it.
    std::thread::sleep(std::time::Duration::from_millis(5));
    let from = clock::now();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let govern = authorize(&owner, Action::GovernSystem, facts(&older)).unwrap();
    store
        .transition_system(older.id, Some(1), open(&govern, Lifecycle::Retired), vec![])
        .await
        .unwrap();
    let first = started(store, &kajaani, &owner_user, "Uusi 1").await;
    let second = started(store, &kajaani, &owner_user, "Uusi 2").await;
    create(store, &avesta, record("Muualla")).await;
    let until = clock::now() + time::Duration::seconds(1);
    let ours = SystemFilter {
        orgs: Some(vec![kajaani.id]),
        ..SystemFilter::default()
    };
    let ids = |v: &[aireg_domain::system::AiSystem]| v.iter().map(|s| s.id).collect::<Vec<_>>();

    let all = store
        .changes_between(&scope, &ours, from, until, 10)
        .await
        .unwrap();
    assert_eq!(ids(&all.added), [first.id, second.id], "in time order");
    assert_eq!(ids(&all.retired), [older.id]);
    assert_eq!(
        (all.added_total, all.retired_total, all.changed),
        (2, 1, 1),
        "the retired one was added before the period; the untouched one is not counted"
    );
    let bounded = store
        .changes_between(&scope, &ours, from, until, 1)
        .await
        .unwrap();
    assert_eq!(ids(&bounded.added), [first.id]);
    assert_eq!((bounded.added_total, bounded.retired_total), (2, 1));
    // A period before everything, and one that ends before the changes.
    let before = store
        .changes_between(&scope, &ours, from - time::Duration::days(400), from, 10)
        .await
        .unwrap();
    assert_eq!(ids(&before.added), [older.id, untouched.id]);
    assert_eq!(
        (before.added_total, before.retired_total, before.changed),
        (2, 0, 0)
    );
    // Outsiders and the public see none of these drafts.
    let (_, outsider) = staff(store, "x@avesta.example", &avesta, Role::OrgAdmin).await;
    for other in [ReadScope::for_actor(&outsider), ReadScope::public()] {
        assert_eq!(
            store
                .changes_between(&other, &ours, from, until, 10)
                .await
                .unwrap(),
            crate::PeriodChanges::default()
        );
    }
}
