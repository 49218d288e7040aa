//! Stories of the governance workflow: lifecycle moves, approvals, assessments, reviews.

use super::*;
use crate::{AssessmentDraft, Gate, GateFacts, Move, ReportFilter, Store, StoreError};
use aireg_domain::governance::{ApprovalStatus, AssessmentStatus, Decision};
use aireg_domain::org::OrgKind;
use aireg_domain::person::Role;
use aireg_domain::policy::{
    Action, Actor, BodyMembership, ReadScope, Resource, authorize, authorize_approval_decision,
    authorize_body_decision,
};
use aireg_domain::system::{AiSystem, ChangeKind, Lifecycle};
use aireg_domain::validation::Problem;
use serde_json::json;
use time::macros::date;

pub async fn lifecycle_moves_only_by_transition(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;
    let (_, owner) = staff(store, "owner@kajaani.example", &kajaani, Role::SystemOwner).await;
    let (_, outsider) = staff(store, "x@avesta.example", &avesta, Role::OrgAdmin).await;

    // Staff start a record in an early state; only platform rights may import a later one.
    let create_permit = authorize(&owner, Action::CreateSystem, Resource::Org(kajaani.id)).unwrap();
    let mut r = record("Chatbot");
    r.lifecycle = Lifecycle::InUse;
    let err = store
        .create_system(&create_permit, r.clone(), None)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(&err),
        [("lifecycle".into(), Problem::UseTransition)]
    );
    r.lifecycle = Lifecycle::Planning;
    let s = store
        .create_system(&create_permit, r.clone(), None)
        .await
        .unwrap();

    // An edit cannot move it; a transition can, as a version of its own.
    let edit = authorize(&owner, Action::EditSystem, facts(&s)).unwrap();
    let mut moved = r.clone();
    moved.lifecycle = Lifecycle::InUse;
    let err = store
        .update_system(&edit, s.id, 1, moved, None)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(&err),
        [("lifecycle".into(), Problem::UseTransition)]
    );

    let govern = authorize(&owner, Action::GovernSystem, facts(&s)).unwrap();
    let key = format!("transition:{}", s.id);
    let s2 = store
        .transition_system(
            s.id,
            Some(1),
            open(&govern, Lifecycle::Pilot),
            vec![mail("a@x.example", &key)],
        )
        .await
        .unwrap();
    assert_eq!((s2.version, s2.record.lifecycle), (2, Lifecycle::Pilot));
    assert_eq!(s2.record.name, r.name, "the rest of the record stays");
    let stale = store
        .transition_system(s.id, Some(1), open(&govern, Lifecycle::InUse), vec![])
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict { current: 2 })));
    assert_eq!(
        store.jobs(&key).await.unwrap().len(),
        1,
        "the job came with it"
    );

    // Another organisation's permit does not reach the record.
    let avesta_permit = permit(Action::GovernSystem, Resource::Org(avesta.id));
    assert!(matches!(
        store
            .transition_system(s.id, None, open(&avesta_permit, Lifecycle::Retired), vec![])
            .await,
        Err(StoreError::NotFound)
    ));
    // An edit permit is not a governance permit.
    assert!(matches!(
        store
            .transition_system(s.id, None, open(&edit, Lifecycle::Retired), vec![])
            .await,
        Err(StoreError::Forbidden)
    ));

    let scope = ReadScope::for_actor(&owner);
    let history = store.system_history(&scope, s.id).await.unwrap();
    let kinds: Vec<_> = history.iter().map(|v| v.change).collect();
    assert_eq!(kinds, [ChangeKind::Created, ChangeKind::Transitioned]);

    // The record's audit trail is its governance history; outsiders and the public see none.
    let trail = store
        .audit_of(&scope, "system", &s.id.to_string())
        .await
        .unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["system.create", "system.transition"]);
    assert_eq!(trail[1].actor_id, owner.user_id());
    for other in [ReadScope::for_actor(&outsider), ReadScope::public()] {
        assert!(
            store
                .audit_of(&other, "system", &s.id.to_string())
                .await
                .unwrap()
                .is_empty()
        );
    }
}

pub async fn approvals_need_four_eyes(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;
    let (owner_user, _) = staff(store, "owner@kajaani.example", &kajaani, Role::SystemOwner).await;
    // The owner also sits in the approving body, which must not let them approve their own ask.
    grant(store, &owner_user, &kajaani, Role::Approver).await;
    let owner = store.actor(owner_user.id).await.unwrap().unwrap();
    let (approver_user, approver) =
        staff(store, "approver@kajaani.example", &kajaani, Role::Approver).await;
    let (_, outsider) = staff(store, "x@avesta.example", &avesta, Role::OrgAdmin).await;
    let s = started(store, &kajaani, &owner_user, "Pisteytys").await;
    let govern = authorize(&owner, Action::GovernSystem, facts(&s)).unwrap();

    let made = store
        .request_approvals(
            &govern,
            s.id,
            vec![request("ai-group", false)],
            vec![mail(
                "approver@kajaani.example",
                &format!("approval:{}", s.id),
            )],
        )
        .await
        .unwrap();
    assert_eq!(made.len(), 1);
    let a = made[0].clone();
    assert_eq!(a.status, ApprovalStatus::Open);
    assert_eq!(a.requested_by, Some(owner_user.id));
    assert_eq!(a.note.as_deref(), Some("Please look at the DPIA."));
    assert_eq!(a.org_id, kajaani.id);

    // One open request per body and target.
    let again = store
        .request_approvals(&govern, s.id, vec![request("ai-group", false)], vec![])
        .await
        .unwrap_err();
    assert_eq!(field_of(&again), [("approvals".into(), Problem::Taken)]);

    // The one who asked cannot decide, even with a permit obtained around the check.
    assert!(
        authorize_body_decision(
            &owner,
            Action::DecideApproval,
            facts_of(&s),
            &group(),
            a.requested_by,
            false
        )
        .is_err()
    );
    let around = authorize_body_decision(
        &owner,
        Action::DecideApproval,
        facts_of(&s),
        &group(),
        None,
        false,
    )
    .unwrap();
    assert!(matches!(
        store
            .decide_approval(&around, a.id, 1, decision(Decision::Approve, None), vec![])
            .await,
        Err(StoreError::Forbidden)
    ));

    let decide = authorize_body_decision(
        &approver,
        Action::DecideApproval,
        facts_of(&s),
        &group(),
        a.requested_by,
        false,
    )
    .unwrap();
    let err = store
        .decide_approval(
            &decide,
            a.id,
            1,
            decision(Decision::Reject, Some("  ")),
            vec![],
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), [("comment".into(), Problem::Required)]);
    assert!(matches!(
        store
            .decide_approval(&decide, a.id, 7, decision(Decision::Approve, None), vec![])
            .await,
        Err(StoreError::Conflict { current: 1 })
    ));
    let decided = store
        .decide_approval(
            &decide,
            a.id,
            1,
            decision(Decision::Approve, Some("OK")),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(decided.status, ApprovalStatus::Approved);
    assert_eq!(decided.decided_by, Some(approver_user.id));
    assert_eq!(decided.minutes_ref.as_deref(), Some("§ 4 / 12.3.2026"));
    assert_eq!(decided.version, 2);
    // A decided request is not decided again.
    assert!(matches!(
        store
            .decide_approval(
                &decide,
                a.id,
                2,
                decision(Decision::Reject, Some("no")),
                vec![]
            )
            .await,
        Err(StoreError::Conflict { .. })
    ));

    // The system owner's own decision is recorded by the owner.
    let own = store
        .request_approvals(&govern, s.id, vec![request("system-owner", true)], vec![])
        .await
        .unwrap()
        .remove(0);
    let owner_body = BodyMembership {
        roles: vec![],
        record_person: Some(aireg_domain::policy::RecordPerson::SystemOwner),
    };
    let mine = authorize_body_decision(
        &owner,
        Action::DecideApproval,
        facts_of(&s),
        &owner_body,
        own.requested_by,
        true,
    )
    .unwrap();
    let own = store
        .decide_approval(&mine, own.id, 1, decision(Decision::Approve, None), vec![])
        .await
        .unwrap();
    assert_eq!(own.status, ApprovalStatus::Approved);

    let scope = ReadScope::for_actor(&approver);
    let all = ReportFilter {
        system: Some(s.id),
        ..ReportFilter::default()
    };
    assert_eq!(store.approvals(&scope, &all).await.unwrap().len(), 2);
    let open = ReportFilter {
        open_only: true,
        ..all.clone()
    };
    assert!(store.approvals(&scope, &open).await.unwrap().is_empty());
    assert_eq!(
        store.count_reports(&scope, &all).await.unwrap().approvals,
        2
    );
    assert_eq!(
        store.count_reports(&scope, &open).await.unwrap().approvals,
        0
    );
    let first = ReportFilter {
        limit: Some(1),
        ..all.clone()
    };
    assert_eq!(store.approvals(&scope, &first).await.unwrap().len(), 1);
    assert_eq!(
        store.approval(&scope, a.id).await.unwrap(),
        Some(decided.clone())
    );
    for other in [ReadScope::for_actor(&outsider), ReadScope::public()] {
        assert!(store.approvals(&other, &all).await.unwrap().is_empty());
        assert_eq!(
            store.count_reports(&other, &all).await.unwrap().approvals,
            0
        );
        assert_eq!(store.approval(&other, a.id).await.unwrap(), None);
    }
    let foreign = permit(Action::DecideApproval, Resource::Org(avesta.id));
    let another = store
        .request_approvals(&govern, s.id, vec![request("ai-group", false)], vec![])
        .await
        .unwrap()
        .remove(0);
    assert!(matches!(
        store
            .decide_approval(
                &foreign,
                another.id,
                1,
                decision(Decision::Approve, None),
                vec![]
            )
            .await,
        Err(StoreError::NotFound)
    ));
    let trail = store
        .audit_of(&scope, "system", &s.id.to_string())
        .await
        .unwrap();
    assert_eq!(
        trail
            .iter()
            .filter(|e| e.action == "approval.decide")
            .count(),
        2
    );
}

fn facts_of(s: &AiSystem) -> aireg_domain::policy::SystemFacts {
    match facts(s) {
        Resource::System(f) => f,
        _ => unreachable!("a record is a system resource"),
    }
}

fn draft(s: &AiSystem, template: &str, answer: &str, complete: bool) -> AssessmentDraft {
    AssessmentDraft {
        system_id: s.id,
        template_id: template.into(),
        template_version: "1".into(),
        sign_off_body: "ai-group".into(),
        answers: [("purpose".to_string(), json!(answer))]
            .into_iter()
            .collect(),
        complete,
    }
}

pub async fn assessments_keep_versions_and_signatures(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;
    let (owner_user, owner) =
        staff(store, "owner@kajaani.example", &kajaani, Role::SystemOwner).await;
    let (approver_user, approver) =
        staff(store, "approver@kajaani.example", &kajaani, Role::Approver).await;
    let (_, viewer) = staff(store, "viewer@kajaani.example", &kajaani, Role::Viewer).await;
    let (_, outsider) = staff(store, "x@avesta.example", &avesta, Role::OrgAdmin).await;
    let s = started(store, &kajaani, &owner_user, "Pisteytys").await;
    let govern = authorize(&owner, Action::GovernSystem, facts(&s)).unwrap();

    let a1 = store
        .save_assessment(&govern, draft(&s, "dpia", "First", false), None)
        .await
        .unwrap();
    assert_eq!((a1.version, a1.status), (1, AssessmentStatus::Draft));
    let sign = authorize_body_decision(
        &approver,
        Action::SignAssessment,
        facts_of(&s),
        &group(),
        None,
        false,
    )
    .unwrap();
    let err = store.sign_assessment(&sign, a1.id, 1).await.unwrap_err();
    assert_eq!(field_of(&err)[0].0, "status", "a draft is not signed");

    let a2 = store
        .save_assessment(&govern, draft(&s, "dpia", "Complete", true), Some(1))
        .await
        .unwrap();
    assert_eq!(
        (a2.id, a2.version, a2.status),
        (a1.id, 2, AssessmentStatus::Completed)
    );
    assert!(matches!(
        store
            .save_assessment(&govern, draft(&s, "dpia", "Lost", true), Some(1))
            .await,
        Err(StoreError::Conflict { current: 2 })
    ));
    let a3 = store.sign_assessment(&sign, a1.id, 2).await.unwrap();
    assert_eq!(a3.status, AssessmentStatus::Signed);
    assert_eq!(a3.signed_by, Some(approver_user.id));
    assert!(a3.signed_at.is_some());

    // Changing a signed assessment takes the signature away: it must be signed again.
    let a4 = store
        .save_assessment(&govern, draft(&s, "dpia", "Changed", true), Some(3))
        .await
        .unwrap();
    assert_eq!((a4.version, a4.status), (4, AssessmentStatus::Completed));
    assert_eq!(a4.signed_by, None);
    store
        .save_assessment(&govern, draft(&s, "fria", "Other", false), None)
        .await
        .unwrap();

    let scope = ReadScope::for_actor(&viewer);
    let listed = store.assessments(&scope, s.id).await.unwrap();
    assert_eq!(listed.len(), 2);
    let dpia = listed.iter().find(|a| a.template_id == "dpia").unwrap();
    assert_eq!(dpia.answers["purpose"], json!("Changed"));
    assert_eq!(dpia, &a4);
    // Read for many records at once: by organisation, or only those not signed off.
    let by_org = ReportFilter {
        orgs: Some(vec![kajaani.id]),
        ..ReportFilter::default()
    };
    assert_eq!(store.assessments_in(&scope, &by_org).await.unwrap(), listed);
    let signed = store.sign_assessment(&sign, a1.id, 4).await.unwrap();
    let open = ReportFilter {
        open_only: true,
        ..by_org.clone()
    };
    let unsigned = store.assessments_in(&scope, &open).await.unwrap();
    assert_eq!(unsigned.len(), 1);
    assert_eq!(unsigned[0].template_id, "fria");
    let avesta_only = ReportFilter {
        orgs: Some(vec![avesta.id]),
        ..ReportFilter::default()
    };
    assert!(
        store
            .assessments_in(&scope, &avesta_only)
            .await
            .unwrap()
            .is_empty()
    );
    // What follows reads the signed-off version.
    let a4 = signed;

    // Anyone of the organisation may comment, on the whole or on one question.
    let read = authorize(&viewer, Action::ReadSystem, facts(&s)).unwrap();
    let err = store
        .comment_assessment(&read, a1.id, None, " ".into())
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), [("comment".into(), Problem::Required)]);
    let c = store
        .comment_assessment(&read, a1.id, Some("purpose".into()), "Too vague".into())
        .await
        .unwrap();
    assert_eq!(c.question.as_deref(), Some("purpose"));
    assert_eq!(store.assessment_comments(&scope, a1.id).await.unwrap(), [c]);
    assert_eq!(
        store.assessment(&scope, a1.id).await.unwrap(),
        Some(a4.clone())
    );

    for other in [ReadScope::for_actor(&outsider), ReadScope::public()] {
        assert!(matches!(
            store.assessments(&other, s.id).await,
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            store.assessment_comments(&other, a1.id).await,
            Err(StoreError::NotFound)
        ));
        assert_eq!(store.assessment(&other, a1.id).await.unwrap(), None);
    }
    let foreign = permit(Action::GovernSystem, Resource::Org(avesta.id));
    assert!(matches!(
        store
            .save_assessment(&foreign, draft(&s, "dpia", "x", true), None)
            .await,
        Err(StoreError::NotFound)
    ));
    let foreign_sign = permit(Action::SignAssessment, Resource::Org(avesta.id));
    assert!(matches!(
        store.sign_assessment(&foreign_sign, a1.id, 4).await,
        Err(StoreError::NotFound)
    ));
}

pub async fn reviews_move_the_next_review_date(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let (owner_user, owner) =
        staff(store, "owner@kajaani.example", &kajaani, Role::SystemOwner).await;
    let (_, group_member) = staff(
        store,
        "group@kajaani.example",
        &kajaani,
        Role::AiWorkingGroup,
    )
    .await;
    let s = started(store, &kajaani, &owner_user, "Pisteytys").await;
    let govern = authorize(&owner, Action::GovernSystem, facts(&s)).unwrap();

    let err = store
        .record_review(&govern, s.id, "  ".into(), date!(2027 - 11 - 23))
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), [("findings".into(), Problem::Required)]);
    let review = store
        .record_review(
            &govern,
            s.id,
            "Works as planned.".into(),
            date!(2027 - 11 - 23),
        )
        .await
        .unwrap();
    assert_eq!(review.reviewer, owner.user_id());
    let scope = ReadScope::for_actor(&owner);
    let now = store.system(&scope, s.id).await.unwrap().unwrap();
    assert_eq!(now.record.next_review, Some(date!(2027 - 11 - 23)));
    assert_eq!(now.version, 2);
    // The reminder scan's list follows the moved date.
    let due_by = |d: time::Date| crate::SystemFilter {
        review_due_by: Some(d),
        ..crate::SystemFilter::default()
    };
    for (day, expected) in [
        (date!(2027 - 11 - 23), vec![s.id]),
        (date!(2027 - 11 - 22), vec![]),
    ] {
        let due: Vec<aireg_domain::SystemId> = store
            .systems_after(&scope, &due_by(day), None, 100)
            .await
            .unwrap()
            .items
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(due, expected, "due by {day}");
    }
    // The working group's lists: a window of review dates, earliest first, bounded, and
    // counted whole.
    let earlier = started(store, &kajaani, &owner_user, "Aikataulu").await;
    let govern_earlier = authorize(&owner, Action::GovernSystem, facts(&earlier)).unwrap();
    store
        .record_review(
            &govern_earlier,
            earlier.id,
            "Fine.".into(),
            date!(2027 - 06 - 01),
        )
        .await
        .unwrap();
    let window = |from: Option<time::Date>, by: time::Date| crate::SystemFilter {
        orgs: Some(vec![kajaani.id]),
        review_due_from: from,
        review_due_by: Some(by),
        ..crate::SystemFilter::default()
    };
    for (from, by, limit, expected, total) in [
        (None, date!(2027 - 12 - 31), 10, vec![earlier.id, s.id], 2),
        (None, date!(2027 - 12 - 31), 1, vec![earlier.id], 2),
        (
            Some(date!(2027 - 06 - 02)),
            date!(2027 - 12 - 31),
            10,
            vec![s.id],
            1,
        ),
        (
            Some(date!(2027 - 06 - 01)),
            date!(2027 - 06 - 01),
            10,
            vec![earlier.id],
            1,
        ),
        (None, date!(2027 - 05 - 31), 10, vec![], 0),
    ] {
        let shown: Vec<aireg_domain::SystemId> = store
            .reviews_due(&scope, &window(from, by), limit)
            .await
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(shown, expected, "from {from:?} by {by}, at most {limit}");
        assert_eq!(
            store
                .count_systems(&scope, &window(from, by))
                .await
                .unwrap(),
            total,
            "from {from:?} by {by}"
        );
    }
    assert!(
        store
            .reviews_due(
                &ReadScope::public(),
                &window(None, date!(2027 - 12 - 31)),
                10
            )
            .await
            .unwrap()
            .is_empty(),
        "drafts are not public"
    );
    super::search::assert_counted_ahead_as_scanned(store).await;
    let history = store.system_history(&scope, s.id).await.unwrap();
    assert_eq!(history.last().unwrap().change, ChangeKind::Reviewed);
    assert_eq!(store.reviews(&scope, s.id).await.unwrap(), [review]);
    assert!(matches!(
        store.reviews(&ReadScope::public(), s.id).await,
        Err(StoreError::NotFound)
    ));

    // The working group reviews the policy itself; pack versions are audited once each.
    let review_policy = authorize(
        &group_member,
        Action::ReviewPolicy,
        Resource::Org(kajaani.id),
    )
    .unwrap();
    let pr = store
        .record_policy_review(
            &review_policy,
            "kainuu",
            "2025.1",
            "Still fits.".into(),
            date!(2027 - 06 - 01),
        )
        .await
        .unwrap();
    assert_eq!(pr.org_id, kajaani.id);
    assert_eq!(store.policy_reviews("kainuu").await.unwrap(), [pr]);
    assert!(store.policy_reviews("avesta").await.unwrap().is_empty());
    let edit = authorize(&owner, Action::EditSystem, facts(&s)).unwrap();
    assert!(matches!(
        store
            .record_policy_review(&edit, "kainuu", "2025.1", "x".into(), date!(2027 - 06 - 01))
            .await,
        Err(StoreError::Forbidden)
    ));

    let packs = |v: &str| {
        vec![
            ("kainuu".to_string(), v.to_string()),
            ("avesta".into(), "1".into()),
        ]
    };
    assert_eq!(
        store
            .note_policy_versions(&platform(), &packs("1"))
            .await
            .unwrap()
            .len(),
        2
    );
    assert!(
        store
            .note_policy_versions(&platform(), &packs("1"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .note_policy_versions(&platform(), &packs("2"))
            .await
            .unwrap(),
        [("kainuu".to_string(), "2".to_string())]
    );
    assert!(matches!(
        store.note_policy_versions(&edit, &packs("3")).await,
        Err(StoreError::Forbidden)
    ));
    let all = ReadScope::for_actor(&Actor::command_line("contract"));
    let trail = store.audit_of(&all, "policy", "kainuu").await.unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["policy.review", "policy.version", "policy.version"]
    );
}

/// A gate that opens once a body's latest request for the record is approved: what a policy's
/// approval check does, on the facts the transaction reads.
struct ApprovedBy(&'static str);

impl Gate for ApprovedBy {
    fn allows(&self, _: Lifecycle, facts: &GateFacts<'_>) -> bool {
        facts
            .approvals
            .iter()
            .rev()
            .find(|a| a.body == self.0)
            .is_some_and(|a| a.status == ApprovalStatus::Approved)
    }
}

/// A gate that opens only for a record that says it processes no personal data.
struct NoPersonalData;

impl Gate for NoPersonalData {
    fn allows(&self, _: Lifecycle, facts: &GateFacts<'_>) -> bool {
        facts.system.record.personal_data == Some(false)
    }
}

pub async fn moves_are_judged_inside_their_transaction(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let (owner_user, owner) =
        staff(store, "owner@kajaani.example", &kajaani, Role::SystemOwner).await;
    let (_, approver) = staff(store, "approver@kajaani.example", &kajaani, Role::Approver).await;
    let s = started(store, &kajaani, &owner_user, "Pisteytys").await;
    let govern = authorize(&owner, Action::GovernSystem, facts(&s)).unwrap();
    let edit = authorize(&owner, Action::EditSystem, facts(&s)).unwrap();
    let scope = ReadScope::for_actor(&owner);
    static GROUP_GATE: ApprovedBy = ApprovedBy("ai-group");
    let group_gate = &GROUP_GATE;
    let through = |gate: &'static dyn Gate, to| Move {
        permit: &govern,
        to,
        gate,
    };

    // The gate reads the open request: closed, and nothing moves.
    let asked = store
        .request_approvals(&govern, s.id, vec![request("ai-group", false)], vec![])
        .await
        .unwrap();
    let err = store
        .transition_system(s.id, Some(1), through(group_gate, Lifecycle::InUse), vec![])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::GateClosed), "{err:?}");
    let unmoved = store.system(&scope, s.id).await.unwrap().unwrap();
    assert_eq!(
        (unmoved.version, unmoved.record.lifecycle),
        (1, Lifecycle::Planning)
    );

    // Approved a moment ago, the same gate opens: it judges what its own transaction reads.
    let decide = authorize_body_decision(
        &approver,
        Action::DecideApproval,
        facts_of(&s),
        &group(),
        asked[0].requested_by,
        false,
    )
    .unwrap();
    store
        .decide_approval(
            &decide,
            asked[0].id,
            1,
            decision(Decision::Approve, None),
            vec![],
        )
        .await
        .unwrap();
    let moved = store
        .transition_system(
            s.id,
            Some(1),
            Move {
                permit: &govern,
                to: Lifecycle::Pilot,
                gate: group_gate,
            },
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        (moved.version, moved.record.lifecycle),
        (2, Lifecycle::Pilot)
    );

    // A save with a move is one transaction: the gate refusing keeps the edit out too.
    let mut edited = moved.record.clone();
    edited.summary = Localized::one(Lang::Fi, "Muutettu");
    edited.personal_data = Some(true);
    let err = store
        .update_system(
            &edit,
            s.id,
            2,
            edited.clone(),
            Some(through(&NoPersonalData, Lifecycle::InUse)),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::GateClosed), "{err:?}");
    let kept = store.system(&scope, s.id).await.unwrap().unwrap();
    assert_eq!(kept.version, 2, "neither the edit nor the move");
    assert_eq!(kept.record.summary, moved.record.summary);

    // The gate sees the record as the save leaves it.
    edited.personal_data = Some(false);
    let both = store
        .update_system(
            &edit,
            s.id,
            2,
            edited,
            Some(through(&NoPersonalData, Lifecycle::InUse)),
        )
        .await
        .unwrap();
    assert_eq!((both.version, both.record.lifecycle), (4, Lifecycle::InUse));
    assert_eq!(both.record.summary.get(Lang::Fi), Some("Muutettu"));
    let kinds: Vec<_> = store
        .system_history(&scope, s.id)
        .await
        .unwrap()
        .iter()
        .map(|v| v.change)
        .collect();
    assert_eq!(
        kinds,
        [
            ChangeKind::Created,
            ChangeKind::Transitioned,
            ChangeKind::Edited,
            ChangeKind::Transitioned
        ]
    );

    // A record created with a move the gate refuses is not created at all.
    let create = authorize(&owner, Action::CreateSystem, Resource::Org(kajaani.id)).unwrap();
    let org_govern = permit(Action::GovernSystem, Resource::Org(kajaani.id));
    let mut r = record("Uusi");
    r.lifecycle = Lifecycle::Planning;
    let before = store
        .systems(&scope, &Default::default(), Default::default())
        .await
        .unwrap()
        .total;
    let err = store
        .create_system(
            &create,
            r.clone(),
            Some(Move {
                permit: &org_govern,
                to: Lifecycle::Pilot,
                gate: &NoPersonalData,
            }),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::GateClosed), "{err:?}");
    let after = store
        .systems(&scope, &Default::default(), Default::default())
        .await
        .unwrap()
        .total;
    assert_eq!(after, before);
    r.personal_data = Some(false);
    let created = store
        .create_system(
            &create,
            r,
            Some(Move {
                permit: &org_govern,
                to: Lifecycle::Pilot,
                gate: &NoPersonalData,
            }),
        )
        .await
        .unwrap();
    assert_eq!(
        (created.version, created.record.lifecycle),
        (2, Lifecycle::Pilot)
    );
}

pub async fn approvals_routed_to_a_person_are_theirs(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let (asker_user, asker) = staff(store, "asker@kajaani.example", &kajaani, Role::Editor).await;
    let (first_user, first) =
        staff(store, "first@kajaani.example", &kajaani, Role::ProcessOwner).await;
    let (second_user, second) = staff(
        store,
        "second@kajaani.example",
        &kajaani,
        Role::ProcessOwner,
    )
    .await;
    let mut r = record("Ohjaus");
    r.lifecycle = Lifecycle::Planning;
    r.process_owner = Some(first_user.id);
    let s = create(store, &kajaani, r).await;
    let govern = authorize(&asker, Action::GovernSystem, facts(&s)).unwrap();
    let mut ask = request("process_owner", false);
    ask.routed_to = Some(first_user.id);
    let a = store
        .request_approvals(&govern, s.id, vec![ask], vec![])
        .await
        .unwrap()
        .remove(0);
    assert_eq!(a.routed_to, Some(first_user.id));
    assert_eq!(a.requested_by, Some(asker_user.id));

    // The record now names another process owner; the request still belongs to the first.
    let mut renamed = s.record.clone();
    renamed.process_owner = Some(second_user.id);
    let edit = authorize(&asker, Action::EditSystem, facts(&s)).unwrap();
    let s = store
        .update_system(&edit, s.id, 1, renamed, None)
        .await
        .unwrap();
    let body = BodyMembership {
        roles: vec![],
        record_person: Some(aireg_domain::policy::RecordPerson::ProcessOwner),
    };
    assert!(authorize_approval_decision(&second, facts_of(&s), &body, &a).is_err());
    // Even a permit obtained around the check does not let the second decide.
    let around = authorize_body_decision(
        &second,
        Action::DecideApproval,
        facts_of(&s),
        &body,
        a.requested_by,
        false,
    )
    .unwrap();
    assert!(matches!(
        store
            .decide_approval(&around, a.id, 1, decision(Decision::Approve, None), vec![])
            .await,
        Err(StoreError::Forbidden)
    ));
    let permit = authorize_approval_decision(&first, facts_of(&s), &body, &a).unwrap();
    let decided = store
        .decide_approval(&permit, a.id, 1, decision(Decision::Approve, None), vec![])
        .await
        .unwrap();
    assert_eq!(decided.decided_by, Some(first_user.id));
    assert_eq!(decided.routed_to, Some(first_user.id));
}
