//! The stories every store engine must tell the same way.
//!
//! Each story is an async function over `&dyn Store` starting from an empty, migrated database.
//! The engine crates run them all through [`contract_suite!`], on SQLite always and on
//! PostgreSQL when a test server is configured.

use std::collections::BTreeSet;

use time::Duration;

use aireg_domain::audit::ChainVerifier;
use aireg_domain::classification::{ObligationSpec, ObligationStatus, ObligationUpdate, RunSource};
use aireg_domain::clock;
use aireg_domain::org::{Country, NewOrganisation, OrgKind, Organisation};
use aireg_domain::person::{Membership, NewUser, Role, User};
use aireg_domain::policy::{Action, Actor, Permit, ReadScope, Resource, authorize};
use aireg_domain::product::Product;
use aireg_domain::system::{
    AiSystem, ChangeKind, DataClassification, Field, Lifecycle, Publication, SystemRecord,
    Visibility,
};
use aireg_domain::validation::Problem;
use aireg_domain::{Lang, Localized, ProductId, SystemId};

mod accounts;
mod governance;
pub use accounts::*;
pub use governance::*;

use crate::{
    NewApiToken, NewClassificationRun, ObligationFilter, PageRequest, Session, Store, StoreError,
    SystemFilter,
};

/// Generates one `#[tokio::test]` per story for a store factory. The factory is an async
/// function returning `Option<T>` where `T: AsRef<dyn Store>` keeps the database alive for the
/// story: `None` means the engine is not configured here and the story is skipped (the factory
/// says so on stderr).
#[macro_export]
macro_rules! contract_suite {
    ($factory:path) => {
        $crate::contract_suite!(@stories $factory;
            organisations_form_a_hierarchy,
            accounts_and_memberships,
            disabled_accounts_lose_access,
            sessions_expire,
            sessions_of_an_account_end_together,
            login_failures_are_counted,
            api_tokens,
            products,
            record_versions_publication_and_history,
            record_lists_filter_scope_and_paginate,
            record_references_are_checked,
            permits_must_match_the_record,
            concurrent_saves_of_one_version,
            audit_chain_stays_intact_under_concurrent_writes,
            classification_runs_and_obligations,
            lifecycle_moves_only_by_transition,
            approvals_need_four_eyes,
            assessments_keep_versions_and_signatures,
            reviews_move_the_next_review_date,
            incidents_keep_evidence_and_deadlines,
            feedback_only_on_published_records,
            jobs_run_once_and_retry,
        );
    };
    (@stories $factory:path; $($story:ident),+ $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $story() {
                if let Some(db) = $factory().await {
                    let store: &dyn $crate::Store = ::std::convert::AsRef::as_ref(&db);
                    $crate::contract::$story(store).await;
                }
            }
        )+
    };
}

fn cli() -> Actor {
    Actor::command_line("contract")
}

fn platform() -> Permit {
    authorize(&cli(), Action::AdministerPlatform, Resource::Platform).expect("cli is admin")
}

fn permit(action: Action, resource: Resource) -> Permit {
    authorize(&cli(), action, resource).expect("cli is admin")
}

fn facts(s: &AiSystem) -> Resource {
    Resource::system(s)
}

fn new_org(slug: &str, kind: OrgKind, parent: Option<&Organisation>) -> NewOrganisation {
    NewOrganisation {
        slug: slug.into(),
        kind,
        parent_id: parent.map(|p| p.id),
        name: Localized::one(Lang::Fi, format!("Org {slug}")),
        country: Country::FI,
        languages: vec![Lang::Fi, Lang::Sv],
        business_id: None,
        website: None,
    }
}

async fn org(
    store: &dyn Store,
    slug: &str,
    kind: OrgKind,
    parent: Option<&Organisation>,
) -> Organisation {
    store
        .create_organisation(&platform(), new_org(slug, kind, parent))
        .await
        .expect("create organisation")
}

async fn user(store: &dyn Store, email: &str) -> User {
    store
        .create_user(
            &platform(),
            NewUser {
                email: email.into(),
                name: format!("Name of {email}"),
                language: Lang::Fi,
                platform_admin: false,
            },
            "$argon2id$placeholder",
        )
        .await
        .expect("create user")
}

async fn grant(store: &dyn Store, u: &User, o: &Organisation, role: Role) {
    store
        .add_membership(
            &permit(Action::ManageMembers, Resource::Org(o.id)),
            Membership {
                user_id: u.id,
                org_id: o.id,
                role,
            },
        )
        .await
        .expect("add membership");
}

/// A session of `u` that started now and lasts an hour.
fn session(u: &User, id_hash: &str) -> Session {
    let now = clock::now();
    Session {
        id_hash: id_hash.into(),
        user_id: u.id,
        csrf_token: "csrf".into(),
        created_at: now,
        last_seen_at: now,
        expires_at: now + Duration::hours(1),
    }
}

fn record(name: &str) -> SystemRecord {
    let mut r = SystemRecord {
        name: Localized::one(Lang::Fi, name),
        summary: Localized::one(Lang::Fi, format!("{name}: yhteenveto")),
        description_public: Localized::one(Lang::Fi, "Kuvaus asukkaille"),
        purpose: Localized::one(Lang::Fi, "Tarkoitus"),
        data_classification: Some(DataClassification::Internal),
        vendor: Some("Toimittaja Oy".into()),
        ..SystemRecord::default()
    };
    r.contact.email = Some("kirjaamo@example.fi".into());
    r
}

async fn create(store: &dyn Store, o: &Organisation, r: SystemRecord) -> AiSystem {
    store
        .create_system(&permit(Action::CreateSystem, Resource::Org(o.id)), r)
        .await
        .expect("create system")
}

fn field_of(err: &StoreError) -> Vec<(String, Problem)> {
    match err {
        StoreError::Invalid(errs) => errs
            .iter()
            .map(|e| (e.field.clone(), e.problem.clone()))
            .collect(),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

pub async fn organisations_form_a_hierarchy(store: &dyn Store) {
    assert!(store.is_empty().await.unwrap());
    let region = org(store, "kainuu", OrgKind::Region, None).await;
    let kajaani = org(store, "kajaani", OrgKind::Municipality, Some(&region)).await;
    let unit = org(store, "kajaani-sivistys", OrgKind::Unit, Some(&kajaani)).await;
    assert!(!store.is_empty().await.unwrap());

    let by_slug = store
        .organisation_by_slug("kajaani")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_slug, kajaani);
    assert_eq!(store.organisation(unit.id).await.unwrap().unwrap(), unit);
    assert_eq!(store.organisation_by_slug("nowhere").await.unwrap(), None);
    assert_eq!(store.organisations().await.unwrap().len(), 3);
    assert_eq!(kajaani.languages, vec![Lang::Fi, Lang::Sv]);

    let tree = store.org_tree().await.unwrap();
    assert_eq!(tree.parent(unit.id), Some(kajaani.id));
    assert_eq!(
        tree.descendants_and_self(region.id),
        BTreeSet::from([region.id, kajaani.id, unit.id])
    );

    let dup = store
        .create_organisation(&platform(), new_org("kajaani", OrgKind::Municipality, None))
        .await
        .unwrap_err();
    assert_eq!(field_of(&dup), [("slug".to_string(), Problem::Taken)]);

    let mut orphan = new_org("orphan", OrgKind::Unit, None);
    orphan.parent_id = Some(aireg_domain::OrgId::new());
    let err = store
        .create_organisation(&platform(), orphan)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(&err),
        [("parent".to_string(), Problem::UnknownReference)]
    );

    let bad = NewOrganisation {
        business_id: Some("0208201-2".into()),
        ..new_org("badid", OrgKind::Municipality, None)
    };
    let err = store
        .create_organisation(&platform(), bad)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(&err),
        [("business_id".to_string(), Problem::InvalidYTunnus)]
    );
}

pub async fn accounts_and_memberships(store: &dyn Store) {
    let region = org(store, "kainuu", OrgKind::Region, None).await;
    let kajaani = org(store, "kajaani", OrgKind::Municipality, Some(&region)).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;

    let maija = user(store, "Maija.Virtanen@Kajaani.Example").await;
    assert_eq!(maija.email, "maija.virtanen@kajaani.example");
    let (found, hash) = store
        .user_by_email("MAIJA.VIRTANEN@kajaani.example")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found, maija);
    assert_eq!(hash, "$argon2id$placeholder");
    assert_eq!(store.user(maija.id).await.unwrap().unwrap(), maija);

    let dup = store
        .create_user(
            &platform(),
            NewUser {
                email: "maija.virtanen@kajaani.example".into(),
                name: "Other".into(),
                language: Lang::Sv,
                platform_admin: false,
            },
            "x",
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&dup), [("email".to_string(), Problem::Taken)]);

    grant(store, &maija, &region, Role::AiWorkingGroup).await;
    grant(store, &maija, &kajaani, Role::Editor).await;
    // Adding the same role twice is not an error and not a second row.
    grant(store, &maija, &kajaani, Role::Editor).await;
    assert_eq!(store.memberships_of(maija.id).await.unwrap().len(), 2);

    let actor = store.actor(maija.id).await.unwrap().unwrap();
    assert!(actor.has_role(kajaani.id, Role::AiWorkingGroup));
    assert!(actor.has_role(kajaani.id, Role::Editor));
    assert!(!actor.has_role(region.id, Role::Editor));
    assert!(!actor.has_role(avesta.id, Role::Viewer));

    let scope = ReadScope::for_actor(&actor);
    let members = store.members(&scope, kajaani.id).await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].roles, vec![Role::Editor]);
    assert!(matches!(
        store.members(&scope, avesta.id).await,
        Err(StoreError::NotFound)
    ));

    // A ManageMembers permit for Avesta does not reach Kajaani.
    let wrong = permit(Action::ManageMembers, Resource::Org(avesta.id));
    let m = Membership {
        user_id: maija.id,
        org_id: kajaani.id,
        role: Role::Editor,
    };
    assert!(matches!(
        store.remove_membership(&wrong, m).await,
        Err(StoreError::Forbidden)
    ));
    store
        .remove_membership(&permit(Action::ManageMembers, Resource::Org(kajaani.id)), m)
        .await
        .unwrap();
    let actor = store.actor(maija.id).await.unwrap().unwrap();
    assert!(!actor.has_role(kajaani.id, Role::Editor));

    let own = authorize(
        &actor,
        Action::ManageOwnAccount,
        Resource::Account(maija.id),
    )
    .unwrap();
    store
        .set_password(&own, maija.id, "$argon2id$new")
        .await
        .unwrap();
    let (_, hash) = store
        .user_by_email("maija.virtanen@kajaani.example")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hash, "$argon2id$new");
    let other = user(store, "other@kajaani.example").await;
    assert!(matches!(
        store.set_password(&own, other.id, "$x").await,
        Err(StoreError::Forbidden)
    ));
}

pub async fn sessions_expire(store: &dyn Store) {
    let u = user(store, "s@x.example").await;
    let s = session(&u, "h1");
    let now = s.created_at;
    store.create_session(&s).await.unwrap();
    assert_eq!(store.session("h1", now).await.unwrap(), Some(s.clone()));
    assert_eq!(
        store.session("h1", now + Duration::hours(2)).await.unwrap(),
        None
    );
    let later = now + Duration::minutes(30);
    store
        .touch_session("h1", later, later + Duration::hours(1))
        .await
        .unwrap();
    let touched = store
        .session("h1", now + Duration::minutes(80))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(touched.last_seen_at, later);
    assert_eq!(
        store
            .delete_expired_sessions(now + Duration::hours(3))
            .await
            .unwrap(),
        1
    );
    store
        .create_session(&Session {
            id_hash: "h2".into(),
            ..s
        })
        .await
        .unwrap();
    store.delete_session("h2").await.unwrap();
    assert_eq!(store.session("h2", now).await.unwrap(), None);
}

pub async fn login_failures_are_counted(store: &dyn Store) {
    let now = clock::now();
    for i in 0..3 {
        store
            .record_login_failure("email:a@b.example", now - Duration::minutes(i * 10))
            .await
            .unwrap();
    }
    store
        .record_login_failure("ip:127.0.0.1", now)
        .await
        .unwrap();
    let since = now - Duration::minutes(15);
    assert_eq!(
        store
            .login_failures_since("email:a@b.example", since)
            .await
            .unwrap(),
        2
    );
    store
        .clear_login_failures("email:a@b.example")
        .await
        .unwrap();
    assert_eq!(
        store
            .login_failures_since("email:a@b.example", since)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .login_failures_since("ip:127.0.0.1", since)
            .await
            .unwrap(),
        1
    );
}

pub async fn api_tokens(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;
    let editor = user(store, "editor@kajaani.example").await;
    grant(store, &editor, &kajaani, Role::Editor).await;
    let actor = store.actor(editor.id).await.unwrap().unwrap();
    let own = authorize(
        &actor,
        Action::ManageOwnAccount,
        Resource::Account(editor.id),
    )
    .unwrap();

    let t = store
        .create_token(
            &own,
            NewApiToken {
                user_id: editor.id,
                name: "integration".into(),
                hash: "hash-1".into(),
                prefix: "aireg_ab".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(t.last_used_at, None);
    let now = clock::now();
    let (found, who) = store.token_by_hash("hash-1", now).await.unwrap().unwrap();
    assert_eq!(found.id, t.id);
    assert_eq!(who.id, editor.id);
    let listed = store.tokens_of(editor.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].last_used_at, Some(now));
    assert_eq!(store.token_by_hash("nope", now).await.unwrap(), None);

    // Someone else's own-account permit cannot create a token for the editor.
    let other = user(store, "other@avesta.example").await;
    grant(store, &other, &avesta, Role::OrgAdmin).await;
    let other_actor = store.actor(other.id).await.unwrap().unwrap();
    let other_own = authorize(
        &other_actor,
        Action::ManageOwnAccount,
        Resource::Account(other.id),
    )
    .unwrap();
    let stolen = store
        .create_token(
            &other_own,
            NewApiToken {
                user_id: editor.id,
                name: "x".into(),
                hash: "hash-2".into(),
                prefix: "aireg_cd".into(),
            },
        )
        .await;
    assert!(matches!(stolen, Err(StoreError::Forbidden)));

    // Avesta's admin neither sees nor revokes Kajaani's tokens.
    let avesta_admin = authorize(
        &other_actor,
        Action::ManageMembers,
        Resource::Org(avesta.id),
    )
    .unwrap();
    assert!(
        store
            .tokens_of_members(&avesta_admin)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store.revoke_token(&avesta_admin, t.id).await,
        Err(StoreError::NotFound)
    ));
    // A token's power reaches every organisation its holder belongs to, so an organisation's
    // admin sees and revokes only the tokens of people who belong to it alone.
    let both = user(store, "both@kajaani.example").await;
    grant(store, &both, &kajaani, Role::Editor).await;
    grant(store, &both, &avesta, Role::Editor).await;
    let both_actor = store.actor(both.id).await.unwrap().unwrap();
    let shared = store
        .create_token(
            &authorize(
                &both_actor,
                Action::ManageOwnAccount,
                Resource::Account(both.id),
            )
            .unwrap(),
            NewApiToken {
                user_id: both.id,
                name: "shared".into(),
                hash: "hash-3".into(),
                prefix: "aireg_ef".into(),
            },
        )
        .await
        .unwrap();
    let kajaani_admin = permit(Action::ManageMembers, Resource::Org(kajaani.id));
    let members_tokens = store.tokens_of_members(&kajaani_admin).await.unwrap();
    assert_eq!(members_tokens.len(), 1);
    assert_eq!(members_tokens[0].0.id, t.id);
    assert!(matches!(
        store.revoke_token(&kajaani_admin, shared.id).await,
        Err(StoreError::NotFound)
    ));
    store.revoke_token(&kajaani_admin, t.id).await.unwrap();
    assert_eq!(store.token_by_hash("hash-1", now).await.unwrap(), None);
    assert!(
        store.tokens_of(editor.id).await.unwrap()[0]
            .revoked_at
            .is_some()
    );
}

pub async fn products(store: &dyn Store) {
    let p = Product {
        id: ProductId::new(),
        slug: "microsoft-365-copilot".into(),
        name: "Microsoft 365 Copilot".into(),
        vendor: "Microsoft".into(),
        url: Some("https://www.microsoft.com/".into()),
        description: Localized::one(Lang::Fi, "Toimisto-ohjelmien tekoälyavustaja"),
    };
    let created = store.create_product(&platform(), p.clone()).await.unwrap();
    assert_eq!(created, p);
    assert_eq!(store.product(p.id).await.unwrap(), Some(p.clone()));
    assert_eq!(store.products().await.unwrap(), vec![p.clone()]);
    let dup = store
        .create_product(
            &platform(),
            Product {
                id: ProductId::new(),
                ..p
            },
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&dup), [("slug".to_string(), Problem::Taken)]);
}

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
        .create_system(&create_permit, r.clone())
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
        .update_system(&edit, s.id, 1, r2.clone())
        .await
        .unwrap();
    assert_eq!(s2.version, 2);
    assert_eq!(s2.record, r2);
    assert!(s2.updated_at >= s.updated_at);

    // A save based on version 1 is refused and changes nothing.
    let stale = store.update_system(&edit, s.id, 1, record("Lost")).await;
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
    store.update_system(&edit, s.id, 3, r4).await.unwrap();
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
        .update_system(&edit, s.id, 1, record("Hijacked"))
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
        .update_system(&create_permit, sotkamo_system.id, 1, record("x"))
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
        store.update_system(&edit, s.id, 1, record("A")),
        store.update_system(&edit, s.id, 1, record("B")),
    )
    .await;
    let ok = [a.is_ok(), b.is_ok()].iter().filter(|x| **x).count();
    assert_eq!(ok, 1, "exactly one save of version 1 wins: {a:?} {b:?}");
    let loser = if a.is_err() { a } else { b };
    assert!(matches!(loser, Err(StoreError::Conflict { current: 2 })));
}

pub async fn audit_chain_stays_intact_under_concurrent_writes(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let store_ref: &dyn Store = store;
    let creates = (0..12).map(|i| async move {
        store_ref
            .create_system(
                &permit(Action::CreateSystem, Resource::Org(kajaani.id)),
                record(&format!("Rinnakkainen {i}")),
            )
            .await
    });
    for r in futures_util::future::join_all(creates).await {
        r.expect("concurrent create");
    }
    let mut verifier = ChainVerifier::new();
    let mut after = 0;
    let mut actions = Vec::new();
    loop {
        let batch = store.audit_events(after, 5).await.unwrap();
        if batch.is_empty() {
            break;
        }
        for e in &batch {
            verifier.check(e).expect("chain intact");
            after = e.seq;
            actions.push(e.action.clone());
        }
    }
    let head = store.audit_head().await.unwrap();
    assert_eq!(
        verifier.finish(head.as_ref().map(|(s, h)| (*s, h.as_str()))),
        Ok(13)
    );
    assert_eq!(actions[0], "organisation.create");
    assert_eq!(actions.iter().filter(|a| *a == "system.create").count(), 12);
    let events = store.audit_events(1, 1).await.unwrap();
    let after_value = events[0].after_value().unwrap();
    assert_eq!(after_value["publication"], "draft");
    assert!(events[0].org_id == Some(kajaani.id));
}

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

fn run_of(system: &AiSystem, category: &str) -> NewClassificationRun {
    NewClassificationRun {
        system_id: system.id,
        pack_version: "2026.11.0".into(),
        answers: [("ai_system".to_string(), serde_json::json!(true))].into(),
        justifications: [("ai_system".to_string(), "It infers from input.".to_string())].into(),
        facts: serde_json::json!({"ai_system": true, "roles": ["deployer"]}),
        outcome: serde_json::json!({"category": category}),
        category: category.into(),
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
            run_of(&s, "high_risk"),
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
    // Listed by date.
    assert_eq!(items[0].obligation_id, "ai-literacy");

    // A date moves, a duty is added; then the record turns minimal and its duties end, while
    // the organisation's AI literacy duty stays.
    let run2 = store
        .save_classification(
            &edit,
            run_of(&s, "high_risk"),
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
            run_of(&s, "minimal"),
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
            run_of(&d, "limited"),
            vec![],
        )
        .await
        .unwrap();
    let current = store.current_classifications(&public, None).await.unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].id, run3.id);
    assert_eq!(current[0].category, "minimal");
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
    assert_eq!(only_d[0].category, "limited");
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
            .save_classification(&avesta_edit, run_of(&s, "minimal"), vec![])
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .save_classification(
                &permit(Action::PublishSystem, facts(&s)),
                run_of(&s, "minimal"),
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
            run_of(&s, "minimal"),
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
