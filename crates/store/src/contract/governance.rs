//! Stories of the governance workflow: lifecycle moves, approvals, assessments, reviews.

use super::*;
use crate::{AssessmentDraft, ReportFilter, Store, StoreError};
use aireg_domain::governance::{ApprovalStatus, AssessmentStatus, Decision};
use aireg_domain::org::OrgKind;
use aireg_domain::person::Role;
use aireg_domain::policy::{
    Action, Actor, BodyMembership, ReadScope, Resource, authorize, authorize_body_decision,
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
        .create_system(&create_permit, r.clone())
        .await
        .unwrap_err();
    assert_eq!(
        field_of(&err),
        [("lifecycle".into(), Problem::UseTransition)]
    );
    r.lifecycle = Lifecycle::Planning;
    let s = store
        .create_system(&create_permit, r.clone())
        .await
        .unwrap();

    // An edit cannot move it; a transition can, as a version of its own.
    let edit = authorize(&owner, Action::EditSystem, facts(&s)).unwrap();
    let mut moved = r.clone();
    moved.lifecycle = Lifecycle::InUse;
    let err = store
        .update_system(&edit, s.id, 1, moved)
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
            &govern,
            s.id,
            Some(1),
            Lifecycle::Pilot,
            vec![mail("a@x.example", &key)],
        )
        .await
        .unwrap();
    assert_eq!((s2.version, s2.record.lifecycle), (2, Lifecycle::Pilot));
    assert_eq!(s2.record.name, r.name, "the rest of the record stays");
    let stale = store
        .transition_system(&govern, s.id, Some(1), Lifecycle::InUse, vec![])
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
            .transition_system(&avesta_permit, s.id, None, Lifecycle::Retired, vec![])
            .await,
        Err(StoreError::NotFound)
    ));
    // An edit permit is not a governance permit.
    assert!(matches!(
        store
            .transition_system(&edit, s.id, None, Lifecycle::Retired, vec![])
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
        store.approval(&scope, a.id).await.unwrap(),
        Some(decided.clone())
    );
    for other in [ReadScope::for_actor(&outsider), ReadScope::public()] {
        assert!(store.approvals(&other, &all).await.unwrap().is_empty());
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
