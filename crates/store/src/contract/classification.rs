//! Stories of classification runs and tracked obligations.

use super::*;
use crate::{NewClassificationRun, ObligationFilter, Store, StoreError};
use aireg_domain::classification::{
    Category, ObligationSpec, ObligationStatus, ObligationUpdate, RunSource,
};
use aireg_domain::org::OrgKind;
use aireg_domain::person::Role;
use aireg_domain::policy::{Action, ReadScope, Resource};
use aireg_domain::system::{AiSystem, Publication};
use aireg_domain::validation::Problem;
use aireg_domain::{Lang, Localized};

fn spec(id: &str, article: &str, date: time::Date, org_level: bool) -> ObligationSpec {
    ObligationSpec {
        obligation_id: id.into(),
        article: article.into(),
        title: Localized::one(Lang::En, format!("Duty {id}")),
        applies_from: date,
        date_status: "in_force".into(),
        organisation_level: org_level,
    }
}

fn run_of(system: &AiSystem, category: Category) -> NewClassificationRun {
    NewClassificationRun {
        system_id: system.id,
        pack_version: "2026.11.0".into(),
        answers: [("ai_system".to_string(), serde_json::json!(true))].into(),
        justifications: [("ai_system".to_string(), "It infers from input.".to_string())].into(),
        facts: serde_json::json!({"ai_system": true, "roles": ["deployer"]}),
        outcome: serde_json::json!({"category": category}),
        category,
        source: RunSource::Questionnaire,
    }
}

pub async fn classification_runs_and_obligations(store: &dyn Store) {
    use time::macros::date;
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;
    let s = create(store, &kajaani, record("Pisteytys")).await;
    let s = store
        .set_publication(
            &permit(Action::PublishSystem, facts(&s)),
            s.id,
            None,
            Publication::Published,
        )
        .await
        .unwrap();
    let d = create(store, &kajaani, record("Luonnos")).await;
    let a = create(store, &avesta, record("Avesta")).await;
    let edit = permit(Action::EditSystem, facts(&s));
    let admin = ReadScope::for_actor(&cli());

    let run1 = store
        .save_classification(
            &edit,
            run_of(&s, Category::HighRisk),
            vec![
                spec("deployer-monitor", "26(5)", date!(2027 - 12 - 02), false),
                spec("ai-literacy", "4", date!(2025 - 02 - 02), true),
            ],
        )
        .await
        .unwrap();
    assert_eq!(run1.org_id, kajaani.id);
    assert_eq!(run1.created_by_name, "cli:contract");
    assert_eq!(run1.justifications["ai_system"], "It infers from input.");
    let all = ObligationFilter {
        orgs: Some(vec![kajaani.id]),
        include_inactive: true,
        ..ObligationFilter::default()
    };
    let items = store.obligations(&admin, &all).await.unwrap();
    assert_eq!(items.len(), 2);
    let literacy = items
        .iter()
        .find(|i| i.obligation_id == "ai-literacy")
        .unwrap()
        .clone();
    assert_eq!(
        literacy.system_id, None,
        "AI literacy is the organisation's"
    );
    let monitor = items
        .iter()
        .find(|i| i.obligation_id == "deployer-monitor")
        .unwrap();
    assert_eq!(monitor.system_id, Some(s.id));
    assert_eq!(monitor.status, ObligationStatus::Todo);
    assert_eq!(monitor.applies_from, date!(2027 - 12 - 02));
    // Listed by date; bounded and narrowed to those applying before a date in SQL.
    assert_eq!(items[0].obligation_id, "ai-literacy");
    let first = ObligationFilter {
        limit: Some(1),
        ..all.clone()
    };
    let got = store.obligations(&admin, &first).await.unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].obligation_id, "ai-literacy");
    let before = ObligationFilter {
        applies_before: Some(date!(2027 - 12 - 02)),
        ..all.clone()
    };
    let got = store.obligations(&admin, &before).await.unwrap();
    assert_eq!(
        got.iter()
            .map(|o| o.obligation_id.as_str())
            .collect::<Vec<_>>(),
        ["ai-literacy"],
        "the monitoring duty applies from 2027-12-02, not before it"
    );
    // Counted as listed, without the bound.
    for (filter, n) in [(&all, 2), (&first, 2), (&before, 1)] {
        assert_eq!(store.count_obligations(&admin, filter).await.unwrap(), n);
    }

    // A date moves, a duty is added; then the record turns minimal and its duties end, while
    // the organisation's AI literacy duty stays.
    let run2 = store
        .save_classification(
            &edit,
            run_of(&s, Category::HighRisk),
            vec![
                spec("deployer-monitor", "26(5)", date!(2028 - 01 - 01), false),
                spec("deployer-logs", "26(6)", date!(2028 - 01 - 01), false),
                spec("ai-literacy", "4", date!(2025 - 02 - 02), true),
            ],
        )
        .await
        .unwrap();
    let items = store.obligations(&admin, &all).await.unwrap();
    assert_eq!(items.len(), 3);
    let monitor = items
        .iter()
        .find(|i| i.obligation_id == "deployer-monitor")
        .unwrap();
    assert_eq!(monitor.applies_from, date!(2028 - 01 - 01));
    assert_eq!(monitor.version, 2);
    let run3 = store
        .save_classification(
            &edit,
            run_of(&s, Category::Minimal),
            vec![spec("ai-literacy", "4", date!(2025 - 02 - 02), true)],
        )
        .await
        .unwrap();
    let active = ObligationFilter {
        orgs: Some(vec![kajaani.id]),
        ..ObligationFilter::default()
    };
    let items = store.obligations(&admin, &active).await.unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i.obligation_id.as_str()).collect();
    assert_eq!(ids, ["ai-literacy"]);
    assert_eq!(store.obligations(&admin, &all).await.unwrap().len(), 3);
    assert_eq!(store.count_obligations(&admin, &active).await.unwrap(), 1);
    assert_eq!(store.count_obligations(&admin, &all).await.unwrap(), 3);
    assert_eq!(
        store
            .count_obligations(&ReadScope::public(), &all)
            .await
            .unwrap(),
        0
    );
    let of_system = ObligationFilter {
        system: Some(s.id),
        include_inactive: true,
        ..ObligationFilter::default()
    };
    assert_eq!(
        store.obligations(&admin, &of_system).await.unwrap().len(),
        2
    );

    // Runs are kept, newest first; the public sees the current one of published records only.
    let runs = store.classification_runs(&admin, s.id).await.unwrap();
    let run_ids: Vec<_> = runs.iter().map(|r| r.id).collect();
    assert_eq!(run_ids, [run3.id, run2.id, run1.id]);
    assert_eq!(
        store.classification_run(&admin, run1.id).await.unwrap(),
        Some(run1.clone())
    );
    let public = ReadScope::public();
    assert_eq!(
        store.classification_run(&public, run1.id).await.unwrap(),
        None
    );
    assert!(matches!(
        store.classification_runs(&public, s.id).await,
        Err(StoreError::NotFound)
    ));
    store
        .save_classification(
            &permit(Action::EditSystem, facts(&d)),
            run_of(&d, Category::Limited),
            vec![],
        )
        .await
        .unwrap();
    let current = store.current_classifications(&public, None).await.unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].id, run3.id);
    assert_eq!(current[0].category, Category::Minimal);
    assert_eq!(
        store
            .current_classifications(&admin, None)
            .await
            .unwrap()
            .len(),
        2
    );
    let only_d = store
        .current_classifications(&admin, Some(&[d.id]))
        .await
        .unwrap();
    assert_eq!(only_d.len(), 1);
    assert_eq!(only_d[0].category, Category::Limited);
    assert!(
        store
            .current_classifications(&admin, Some(&[]))
            .await
            .unwrap()
            .is_empty()
    );
    let viewer = user(store, "viewer@avesta.example").await;
    grant(store, &viewer, &avesta, Role::Viewer).await;
    let avesta_scope = ReadScope::for_actor(&store.actor(viewer.id).await.unwrap().unwrap());
    assert!(
        store
            .current_classifications(&avesta_scope, None)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .obligations(&avesta_scope, &ObligationFilter::default())
            .await
            .unwrap()
            .is_empty()
    );

    // Permits must match the record.
    let avesta_edit = permit(Action::EditSystem, facts(&a));
    assert!(matches!(
        store
            .save_classification(&avesta_edit, run_of(&s, Category::Minimal), vec![])
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .save_classification(
                &permit(Action::PublishSystem, facts(&s)),
                run_of(&s, Category::Minimal),
                vec![]
            )
            .await,
        Err(StoreError::Forbidden)
    ));

    // Tracking progress, with optimistic concurrency and a reason to set a duty aside.
    let track = permit(Action::TrackObligations, Resource::Org(kajaani.id));
    let done = store
        .update_obligation(
            &track,
            literacy.id,
            literacy.version,
            ObligationUpdate {
                status: ObligationStatus::Done,
                reason: None,
                responsible: None,
                evidence: vec![aireg_domain::system::Link {
                    title: "Training plan".into(),
                    url: "https://intra.example/ai-training".into(),
                }],
            },
        )
        .await
        .unwrap();
    assert_eq!(done.status, ObligationStatus::Done);
    assert_eq!(done.version, literacy.version + 1);
    assert_eq!(done.evidence.len(), 1);
    let stale = store
        .update_obligation(
            &track,
            literacy.id,
            literacy.version,
            ObligationUpdate {
                status: ObligationStatus::Todo,
                reason: None,
                responsible: None,
                evidence: vec![],
            },
        )
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict { current }) if current == done.version));
    let no_reason = store
        .update_obligation(
            &track,
            literacy.id,
            done.version,
            ObligationUpdate {
                status: ObligationStatus::NotApplicable,
                reason: None,
                responsible: None,
                evidence: vec![],
            },
        )
        .await
        .unwrap_err();
    assert_eq!(
        field_of(&no_reason),
        [("reason".to_string(), Problem::Required)]
    );
    let elsewhere = permit(Action::TrackObligations, Resource::Org(avesta.id));
    assert!(matches!(
        store
            .update_obligation(
                &elsewhere,
                literacy.id,
                done.version,
                ObligationUpdate {
                    status: ObligationStatus::Todo,
                    reason: None,
                    responsible: None,
                    evidence: vec![],
                },
            )
            .await,
        Err(StoreError::NotFound)
    ));
    // The responsible person must hold a role in the organisation.
    let outsider = user(store, "outsider@avesta.example").await;
    grant(store, &outsider, &avesta, Role::Editor).await;
    let wrong_person = store
        .update_obligation(
            &track,
            literacy.id,
            done.version,
            ObligationUpdate {
                status: ObligationStatus::InProgress,
                reason: None,
                responsible: Some(outsider.id),
                evidence: vec![],
            },
        )
        .await
        .unwrap_err();
    assert_eq!(
        field_of(&wrong_person),
        [("responsible".to_string(), Problem::UnknownReference)]
    );
    // Saving a new classification does not undo progress on a duty it still gives.
    store
        .save_classification(
            &edit,
            run_of(&s, Category::Minimal),
            vec![spec("ai-literacy", "4", date!(2025 - 02 - 02), true)],
        )
        .await
        .unwrap();
    let literacy_now = store
        .obligations(&admin, &active)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.obligation_id == "ai-literacy")
        .unwrap();
    assert_eq!(literacy_now.status, ObligationStatus::Done);

    let mut actions = Vec::new();
    let mut after = 0;
    loop {
        let batch = store.audit_events(after, 100).await.unwrap();
        if batch.is_empty() {
            break;
        }
        after = batch.last().map(|e| e.seq).unwrap_or(after);
        actions.extend(batch.into_iter().map(|e| e.action));
    }
    assert!(actions.iter().any(|a| a == "classification.create"));
    assert!(actions.iter().any(|a| a == "obligation.update"));
}

/// An overview's figures, counted in SQL, are what counting the records the scope reads and
/// their current classifications gives: per organisation, life-cycle state and category (the
/// newest run's), unclassified records as such, nothing of an organisation not asked for or
/// not in the scope, and the public only published records.
pub async fn an_overview_counts_what_its_records_say(store: &dyn Store) {
    use crate::{OverviewCounts, SystemFilter};
    let kainuu = org(store, "kainuu", OrgKind::Region, None).await;
    let kajaani = org(store, "kajaani", OrgKind::Municipality, Some(&kainuu)).await;
    let sotkamo = org(store, "sotkamo", OrgKind::Municipality, Some(&kainuu)).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;
    let in_state = |name: &str, lifecycle: Lifecycle| SystemRecord {
        lifecycle,
        ..record(name)
    };
    let mut made = Vec::new();
    for (o, name, state, categories) in [
        (&kajaani, "Idea", Lifecycle::Idea, vec![]),
        (
            &kajaani,
            "Chat",
            Lifecycle::InUse,
            vec![Category::HighRisk, Category::Limited],
        ),
        (
            &kajaani,
            "Chat 2",
            Lifecycle::InUse,
            vec![Category::Limited],
        ),
        (
            &kajaani,
            "Pilotti",
            Lifecycle::Pilot,
            vec![Category::Minimal],
        ),
        (
            &sotkamo,
            "Pisteytys",
            Lifecycle::InUse,
            vec![Category::HighRisk],
        ),
        (&sotkamo, "Luonnos", Lifecycle::Idea, vec![]),
        (
            &avesta,
            "Avesta",
            Lifecycle::InUse,
            vec![Category::HighRisk],
        ),
    ] {
        let s = create(store, o, in_state(name, state)).await;
        for c in categories {
            store
                .save_classification(
                    &permit(Action::EditSystem, facts(&s)),
                    run_of(&s, c),
                    vec![],
                )
                .await
                .unwrap();
        }
        made.push(s);
    }
    for s in [&made[1], &made[4]] {
        let s = store
            .system(&ReadScope::for_actor(&cli()), s.id)
            .await
            .unwrap()
            .unwrap();
        store
            .set_publication(
                &permit(Action::PublishSystem, facts(&s)),
                s.id,
                None,
                Publication::Published,
            )
            .await
            .unwrap();
    }

    // What the figures must be: the records read whole, each with its current category.
    type Figures = (Vec<(String, Lifecycle, i64)>, Vec<(String, Category, i64)>);
    async fn by_hand(store: &dyn Store, scope: &ReadScope, filter: &SystemFilter) -> Figures {
        let systems = store.all_systems(scope, filter, None, 1000).await.unwrap();
        let ids: Vec<_> = systems.iter().map(|s| s.id).collect();
        let runs = store
            .current_classifications(scope, Some(&ids))
            .await
            .unwrap();
        let mut by_state: std::collections::BTreeMap<_, i64> = Default::default();
        let mut by_category: std::collections::BTreeMap<_, i64> = Default::default();
        for s in &systems {
            *by_state
                .entry((s.org_id.to_string(), s.record.lifecycle))
                .or_default() += 1;
            if let Some(r) = runs.iter().find(|r| r.system_id == s.id) {
                *by_category
                    .entry((s.org_id.to_string(), r.category))
                    .or_default() += 1;
            }
        }
        (
            by_state.into_iter().map(|((o, l), n)| (o, l, n)).collect(),
            by_category
                .into_iter()
                .map(|((o, c), n)| (o, c, n))
                .collect(),
        )
    }
    async fn in_sql(store: &dyn Store, scope: &ReadScope, filter: &SystemFilter) -> Figures {
        let OverviewCounts {
            by_state,
            by_category,
        } = store.overview_counts(scope, filter).await.unwrap();
        let mut by_state: Vec<_> = by_state
            .into_iter()
            .map(|(o, l, n)| (o.to_string(), l, n))
            .collect();
        let mut by_category: Vec<_> = by_category
            .into_iter()
            .map(|(o, c, n)| (o.to_string(), c, n))
            .collect();
        by_state.sort();
        by_category.sort();
        (by_state, by_category)
    }

    let region = SystemFilter {
        orgs: Some(vec![kainuu.id, kajaani.id, sotkamo.id]),
        ..SystemFilter::default()
    };
    let everyone = ReadScope::for_actor(&cli());
    let figures = in_sql(store, &everyone, &region).await;
    assert_eq!(figures, by_hand(store, &everyone, &region).await);
    let kajaani_id = kajaani.id.to_string();
    let (by_state, by_category) = &figures;
    assert!(
        by_category.contains(&(kajaani_id.clone(), Category::Limited, 2)),
        "the newest run counts: {figures:?}"
    );
    assert!(
        !by_category.contains(&(kajaani_id.clone(), Category::HighRisk, 1)),
        "an older run does not: {figures:?}"
    );
    assert!(by_state.contains(&(kajaani_id.clone(), Lifecycle::Idea, 1)));
    assert!(
        !by_state.iter().any(|f| f.0 == avesta.id.to_string()),
        "not asked for"
    );
    assert_eq!(by_state.iter().map(|f| f.2).sum::<i64>(), 6);
    assert_eq!(
        by_category.iter().map(|f| f.2).sum::<i64>(),
        4,
        "the two ideas are not classified"
    );

    // Read a batch at a time by id, narrowed by a category (found from the category's
    // records): the records whose newest run has it, in the order of their ids.
    let limited = SystemFilter {
        category: Some(Category::Limited),
        ..region.clone()
    };
    let mut expected: Vec<_> = vec![made[1].id, made[2].id];
    expected.sort();
    let mut batches = Vec::new();
    let mut after = None;
    while let Some(s) = store
        .all_systems(&everyone, &limited, after, 1)
        .await
        .unwrap()
        .pop()
    {
        after = Some(s.id);
        batches.push(s.id);
    }
    assert_eq!(batches, expected);
    let high_risk = SystemFilter {
        category: Some(Category::HighRisk),
        ..region.clone()
    };
    let found: Vec<_> = store
        .all_systems(&everyone, &high_risk, None, 10)
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(
        found,
        [made[4].id],
        "Sotkamo's; Chat's newest run is limited, Avesta not asked for"
    );

    let viewer = user(store, "viewer@kajaani.example").await;
    grant(store, &viewer, &kajaani, Role::Viewer).await;
    let viewer = ReadScope::for_actor(&store.actor(viewer.id).await.unwrap().unwrap());
    let theirs = in_sql(store, &viewer, &region).await;
    assert_eq!(theirs, by_hand(store, &viewer, &region).await);
    assert!(
        theirs.0.iter().all(|f| f.0 == kajaani_id) && theirs.1.iter().all(|f| f.0 == kajaani_id),
        "only her organisation: {theirs:?}"
    );

    let public = in_sql(store, &ReadScope::public(), &region).await;
    assert_eq!(public, by_hand(store, &ReadScope::public(), &region).await);
    assert_eq!(
        public.0.iter().map(|f| f.2).sum::<i64>(),
        2,
        "the published two"
    );
    assert_eq!(public.1.iter().map(|f| f.2).sum::<i64>(), 2);
}

/// A pack update finds the records whose newest run is of another version, a page at a time
/// and counted per organisation, and saves a batch of new runs in one transaction: all of
/// them, or none when one is refused.
pub async fn a_pack_update_reads_and_saves_runs_a_batch_at_a_time(store: &dyn Store) {
    use crate::Classification;
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;
    let mut kajaani_records = Vec::new();
    for name in ["Yksi", "Kaksi", "Kolme"] {
        kajaani_records.push(create(store, &kajaani, record(name)).await);
    }
    let theirs = create(store, &avesta, record("Avesta")).await;
    let unclassified = create(store, &kajaani, record("Luokittelematon")).await;
    for s in kajaani_records.iter().chain([&theirs]) {
        store
            .save_classification(
                &permit(Action::EditSystem, facts(s)),
                run_of(s, Category::Minimal),
                vec![],
            )
            .await
            .unwrap();
    }
    let everyone = ReadScope::for_actor(&cli());
    let new_version = "2027.1.0";
    let kajaani_only = [kajaani.id];

    let first = store
        .runs_of_other_versions(&everyone, new_version, Some(&kajaani_only), None, 2)
        .await
        .unwrap();
    let mut ids: Vec<_> = kajaani_records.iter().map(|s| s.id).collect();
    ids.sort_by_key(|id| id.to_string());
    assert_eq!(
        first.iter().map(|r| r.system_id).collect::<Vec<_>>(),
        ids[..2]
    );
    let rest = store
        .runs_of_other_versions(&everyone, new_version, Some(&kajaani_only), Some(ids[1]), 2)
        .await
        .unwrap();
    assert_eq!(
        rest.iter().map(|r| r.system_id).collect::<Vec<_>>(),
        ids[2..]
    );
    assert!(!rest.iter().any(|r| r.system_id == unclassified.id));
    let mut expected = vec![(kajaani.id, 3), (avesta.id, 1)];
    expected.sort_by_key(|(o, _)| o.to_string());
    assert_eq!(
        store
            .count_runs_of_other_versions(&everyone, new_version)
            .await
            .unwrap(),
        expected
    );
    let viewer = user(store, "viewer@avesta.example").await;
    grant(store, &viewer, &avesta, Role::Viewer).await;
    let viewer = ReadScope::for_actor(&store.actor(viewer.id).await.unwrap().unwrap());
    assert_eq!(
        store
            .count_runs_of_other_versions(&viewer, new_version)
            .await
            .unwrap(),
        [(avesta.id, 1)],
        "only what the scope sees"
    );

    let again = |s: &AiSystem| Classification {
        permit: permit(Action::EditSystem, facts(s)),
        run: NewClassificationRun {
            pack_version: new_version.into(),
            source: RunSource::PackUpdate,
            ..run_of(s, Category::Limited)
        },
        obligations: vec![],
    };
    // One refused (another person's permit; a record not of its permit's organisation)
    // refuses the batch.
    let mut of_another = again(&kajaani_records[1]);
    of_another.permit = authorize(
        &Actor::command_line("someone else"),
        Action::EditSystem,
        facts(&kajaani_records[1]),
    )
    .unwrap();
    assert!(matches!(
        store
            .save_classifications(vec![again(&kajaani_records[0]), of_another])
            .await,
        Err(StoreError::Forbidden)
    ));
    let mut misplaced = again(&kajaani_records[1]);
    misplaced.run.system_id = theirs.id;
    assert!(
        store
            .save_classifications(vec![again(&kajaani_records[0]), misplaced])
            .await
            .is_err()
    );
    assert_eq!(
        store
            .count_runs_of_other_versions(&everyone, new_version)
            .await
            .unwrap(),
        expected,
        "nothing of a refused batch is saved"
    );

    let saved = store
        .save_classifications(vec![again(&kajaani_records[0]), again(&kajaani_records[1])])
        .await
        .unwrap();
    assert_eq!(saved.len(), 2);
    assert!(
        saved
            .iter()
            .all(|r| r.pack_version == new_version && r.category == Category::Limited)
    );
    let mut expected = vec![(kajaani.id, 1), (avesta.id, 1)];
    expected.sort_by_key(|(o, _)| o.to_string());
    assert_eq!(
        store
            .count_runs_of_other_versions(&everyone, new_version)
            .await
            .unwrap(),
        expected
    );
    // Indexed as any classification: the category facet follows.
    let limited = crate::SystemFilter {
        category: Some(Category::Limited),
        ..crate::SystemFilter::default()
    };
    assert_eq!(store.count_systems(&everyone, &limited).await.unwrap(), 2);
    assert!(store.save_classifications(vec![]).await.unwrap().is_empty());
}
