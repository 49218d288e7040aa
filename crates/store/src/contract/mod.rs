//! The stories every store engine must tell the same way.
//!
//! Each story is an async function over `&dyn Store` starting from an empty, migrated database.
//! The engine crates run them all through [`contract_suite!`], on SQLite always and on
//! PostgreSQL when a test server is configured.

use serde_json::json;
use time::Duration;

use aireg_domain::governance::{ApprovalDecision, Decision, NewApprovalRequest, NewJob};
use aireg_domain::org::{Country, NewOrganisation, OrgKind, Organisation};
use aireg_domain::person::{Membership, NewUser, Role, User};
use aireg_domain::policy::{Action, Actor, BodyMembership, Permit, Resource, authorize};
use aireg_domain::system::{AiSystem, DataClassification, Lifecycle, SystemRecord};
use aireg_domain::validation::Problem;
use aireg_domain::{Lang, Localized, clock};

use crate::{Gate, GateFacts, Move, Session, Store, StoreError};

pub mod accounts;
pub mod audit;
pub mod classification;
pub mod governance;
pub mod jobs;
pub mod orgs;
pub mod records;
pub mod reports;
pub mod search;

/// Generates the stories as `#[tokio::test]`s for a store factory, one module per store trait
/// (`org_store::products`, `record_store::concurrent_saves_of_one_version`, …). The factory is
/// an async function, named by an absolute path (`crate::sqlite`), returning `Option<T>` where
/// `T: AsRef<dyn Store>` keeps the database alive for the story: `None` means the engine is not
/// configured here and the story is skipped (the factory says so on stderr).
#[macro_export]
macro_rules! contract_suite {
    ($factory:path) => {
        $crate::contract_suite!(@part $factory; org_store: orgs [
            organisations_form_a_hierarchy,
            products,
            site_texts_are_the_platform_admins,
            an_organisation_names_its_open_data_licence,
            usage_figures_are_counted_once_per_month_and_level,
        ]);
        $crate::contract_suite!(@part $factory; account_store: accounts [
            accounts_and_memberships,
            disabled_accounts_lose_access,
            sessions_expire,
            sessions_of_an_account_end_together,
            login_failures_are_counted,
            api_tokens,
        ]);
        $crate::contract_suite!(@part $factory; record_store: records [
            record_versions_publication_and_history,
            record_lists_filter_scope_and_paginate,
            a_periods_changes_are_counted_and_listed_first,
            record_references_are_checked,
            permits_must_match_the_record,
            concurrent_saves_of_one_version,
            every_version_is_read_in_order_a_page_at_a_time,
            an_import_is_saved_whole_or_not_at_all,
            a_large_import_is_saved_in_batches,
            records_are_read_together_by_id,
            a_tool_request_makes_a_draft_idea_and_nothing_more,
        ]);
        $crate::contract_suite!(@part $factory; record_search: search [
            search_understands_finnish_and_product_names,
            cursors_hold_still_while_records_are_added,
        ]);
        $crate::contract_suite!(@part $factory; audit_store: audit [
            audit_chain_stays_intact_under_concurrent_writes,
            checkpoints_are_kept_once_and_listed_newest_first,
            concurrent_creates_keep_their_authors_and_their_refusals,
        ]);
        $crate::contract_suite!(@part $factory; classification_store: classification [
            classification_runs_and_obligations,
            an_overview_counts_what_its_records_say,
            a_pack_update_reads_and_saves_runs_a_batch_at_a_time,
        ]);
        $crate::contract_suite!(@part $factory; governance_store: governance [
            lifecycle_moves_only_by_transition,
            moves_are_judged_inside_their_transaction,
            approvals_routed_to_a_person_are_theirs,
            approvals_need_four_eyes,
            assessments_keep_versions_and_signatures,
            reviews_move_the_next_review_date,
        ]);
        $crate::contract_suite!(@part $factory; report_store: reports [
            incidents_keep_evidence_and_deadlines,
            feedback_only_on_published_records,
        ]);
        $crate::contract_suite!(@part $factory; job_store: jobs [
            jobs_run_once_and_retry,
        ]);
    };
    (@part $factory:path; $name:ident: $module:ident [$($story:ident),+ $(,)?]) => {
        mod $name {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    if let Some(db) = $factory().await {
                        let store: &dyn $crate::Store = ::std::convert::AsRef::as_ref(&db);
                        $crate::contract::$module::$story(store).await;
                    }
                }
            )+
        }
    };
}

/// A gate that always opens, for stories about something else.
struct Open;

impl Gate for Open {
    fn allows(&self, _: Lifecycle, _: &GateFacts<'_>) -> bool {
        true
    }
}

/// A move through a gate that always opens.
fn open(permit: &Permit, to: Lifecycle) -> Move<'_> {
    Move {
        permit,
        to,
        gate: &Open,
    }
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
        user_agent: None,
        signed_in_with: None,
        awaiting_code: false,
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
        .create_system(&permit(Action::CreateSystem, Resource::Org(o.id)), r, None)
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

/// A member of `o` with `role`, as an actor.
pub(crate) async fn staff(
    store: &dyn Store,
    email: &str,
    o: &Organisation,
    role: Role,
) -> (User, Actor) {
    let u = user(store, email).await;
    grant(store, &u, o, role).await;
    let a = store.actor(u.id).await.unwrap().unwrap();
    (u, a)
}

pub(crate) fn mail(to: &str, key: &str) -> NewJob {
    NewJob {
        kind: "email".into(),
        payload: json!({"to": to, "subject": "s", "body": "b"}),
        dedup_key: Some(key.into()),
        run_at: clock::now(),
    }
}

pub(crate) fn group() -> BodyMembership {
    BodyMembership {
        roles: vec![Role::Approver],
        record_person: None,
    }
}

pub(crate) fn request(body: &str, own_decision: bool) -> NewApprovalRequest {
    NewApprovalRequest {
        body: body.into(),
        body_name: Localized::one(Lang::Fi, format!("Elin {body}")),
        policy_id: "kainuu".into(),
        policy_version: "2025.1".into(),
        target: Lifecycle::InUse,
        reason: Localized::one(Lang::En, "Personal data is processed."),
        own_decision,
        routed_to: None,
        note: Some("  Please look at the DPIA.  ".into()),
    }
}

pub(crate) fn decision(d: Decision, comment: Option<&str>) -> ApprovalDecision {
    ApprovalDecision {
        decision: d,
        comment: comment.map(String::from),
        minutes_ref: Some("§ 4 / 12.3.2026".into()),
    }
}

pub(crate) async fn started(
    store: &dyn Store,
    o: &Organisation,
    owner: &User,
    name: &str,
) -> AiSystem {
    let mut r = record(name);
    r.lifecycle = Lifecycle::Planning;
    r.system_owner = Some(owner.id);
    create(store, o, r).await
}
