//! The governance workflow's stories: lifecycle transitions, approvals with four eyes,
//! assessments, reviews, incidents, residents' feedback and the job queue.

use serde_json::json;
use time::macros::date;
use time::{Duration, OffsetDateTime};

use aireg_domain::clock;
use aireg_domain::governance::{
    ApprovalDecision, ApprovalStatus, AssessmentStatus, Decision, FeedbackKind, FeedbackStatus,
    IncidentKind, IncidentStatus, NewApprovalRequest, NewFeedback, NewIncident, NewJob,
    SeriousKind, retry_delay,
};
use aireg_domain::org::{OrgKind, Organisation};
use aireg_domain::person::{Role, User};
use aireg_domain::policy::{
    Action, Actor, BodyMembership, ReadScope, Resource, authorize, authorize_body_decision,
};
use aireg_domain::system::{AiSystem, ChangeKind, Lifecycle, Publication};
use aireg_domain::validation::Problem;
use aireg_domain::{Lang, Localized};

use super::{create, facts, field_of, grant, org, permit, platform, record, user};
use crate::{AssessmentDraft, NewAttachment, ReportFilter, Store, StoreError};

/// A member of `o` with `role`, as an actor.
async fn staff(store: &dyn Store, email: &str, o: &Organisation, role: Role) -> (User, Actor) {
    let u = user(store, email).await;
    grant(store, &u, o, role).await;
    let a = store.actor(u.id).await.unwrap().unwrap();
    (u, a)
}

fn mail(to: &str, key: &str) -> NewJob {
    NewJob {
        kind: "email".into(),
        payload: json!({"to": to, "subject": "s", "body": "b"}),
        dedup_key: Some(key.into()),
        run_at: clock::now(),
    }
}

fn group() -> BodyMembership {
    BodyMembership {
        roles: vec![Role::Approver],
        record_person: None,
    }
}

fn request(body: &str, own_decision: bool) -> NewApprovalRequest {
    NewApprovalRequest {
        body: body.into(),
        body_name: Localized::one(Lang::Fi, format!("Elin {body}")),
        policy_id: "kainuu".into(),
        policy_version: "2025.1".into(),
        target: Lifecycle::InUse,
        reason: Localized::one(Lang::En, "Personal data is processed."),
        own_decision,
        note: Some("  Please look at the DPIA.  ".into()),
    }
}

fn decision(d: Decision, comment: Option<&str>) -> ApprovalDecision {
    ApprovalDecision {
        decision: d,
        comment: comment.map(String::from),
        minutes_ref: Some("§ 4 / 12.3.2026".into()),
    }
}

async fn started(store: &dyn Store, o: &Organisation, owner: &User, name: &str) -> AiSystem {
    let mut r = record(name);
    r.lifecycle = Lifecycle::Planning;
    r.system_owner = Some(owner.id);
    create(store, o, r).await
}

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

fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend_from_slice(&[0u8; 64]);
    v
}

pub async fn incidents_keep_evidence_and_deadlines(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;
    let (owner_user, owner) =
        staff(store, "owner@kajaani.example", &kajaani, Role::SystemOwner).await;
    let (_, viewer) = staff(store, "viewer@kajaani.example", &kajaani, Role::Viewer).await;
    let (_, outsider) = staff(store, "x@avesta.example", &avesta, Role::OrgAdmin).await;
    let s = started(store, &kajaani, &owner_user, "Pisteytys").await;

    // Anyone of the organisation may report.
    let report = authorize(&viewer, Action::ReportIncident, facts(&s)).unwrap();
    let aware = clock::now() - Duration::hours(5);
    let incident = |title: &str| NewIncident {
        kind: IncidentKind::HarmfulOutput,
        title: title.into(),
        description: "It advised a resident wrongly.".into(),
        serious: Some(SeriousKind::Death),
        aware_at: Some(aware),
    };
    let exe = NewAttachment {
        filename: "tool.exe".into(),
        content_type: "text/plain".into(),
        data: b"MZ\x90\x00".to_vec(),
    };
    let err = store
        .report_incident(&report, s.id, incident("Bad advice"), vec![exe], vec![])
        .await
        .unwrap_err();
    assert_eq!(field_of(&err)[0].0, "attachments");
    let err = store
        .report_incident(&report, s.id, incident(" "), vec![], vec![])
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), [("title".into(), Problem::Required)]);

    let files = vec![
        NewAttachment {
            filename: "screen.png".into(),
            content_type: "image/png".into(),
            data: png(),
        },
        NewAttachment {
            filename: "chat.log".into(),
            content_type: "text/plain".into(),
            data: b"10:02 user: ...\n10:03 bot: ...\n".to_vec(),
        },
    ];
    let i = store
        .report_incident(
            &report,
            s.id,
            incident("Bad advice"),
            files.clone(),
            vec![mail("owner@kajaani.example", &format!("incident:{}", s.id))],
        )
        .await
        .unwrap();
    assert_eq!(i.status, IncidentStatus::New);
    assert_eq!(i.aware_at, clock::truncate(aware));
    assert_eq!(
        i.report_deadline,
        Some(i.aware_at + Duration::days(10)),
        "art. 73(4)"
    );
    let scope = ReadScope::for_actor(&owner);
    assert_eq!(store.incident(&scope, i.id).await.unwrap(), Some(i.clone()));

    let listed = store.attachments(&scope, i.id).await.unwrap();
    assert_eq!(listed.len(), 2);
    let png_meta = listed.iter().find(|a| a.filename == "screen.png").unwrap();
    assert_eq!(png_meta.size, 72);
    let (meta, data) = store
        .attachment_data(&scope, png_meta.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((meta.content_type.as_str(), data), ("image/png", png()));
    let told = store.notifications(&scope, i.id).await.unwrap();
    assert_eq!(told.len(), 1);
    assert_eq!(
        (told[0].recipient.as_str(), told[0].channel.as_str()),
        ("owner@kajaani.example", "email")
    );

    let handle = authorize(&owner, Action::HandleReports, facts(&s)).unwrap();
    let err = store
        .update_incident(&handle, i.id, 1, IncidentStatus::New, " ".into())
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), [("note".into(), Problem::Required)]);
    let i2 = store
        .update_incident(
            &handle,
            i.id,
            1,
            IncidentStatus::Triaged,
            "Looking into it.".into(),
        )
        .await
        .unwrap();
    assert_eq!((i2.status, i2.version), (IncidentStatus::Triaged, 2));
    assert!(matches!(
        store
            .update_incident(&handle, i.id, 1, IncidentStatus::Closed, "x".into())
            .await,
        Err(StoreError::Conflict { current: 2 })
    ));
    let notes = store.incident_notes(&scope, i.id).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].status, Some(IncidentStatus::Triaged));

    let err = store
        .record_notification(&handle, i.id, "Traficom".into(), "pigeon".into(), None)
        .await
        .unwrap_err();
    assert_eq!(field_of(&err)[0].0, "channel");
    store
        .record_notification(
            &handle,
            i.id,
            "Traficom".into(),
            "authority".into(),
            Some("Form 12".into()),
        )
        .await
        .unwrap();
    assert_eq!(store.notifications(&scope, i.id).await.unwrap().len(), 2);

    let open = ReportFilter {
        open_only: true,
        ..ReportFilter::default()
    };
    assert_eq!(store.incidents(&scope, &open).await.unwrap().len(), 1);
    store
        .update_incident(
            &handle,
            i.id,
            2,
            IncidentStatus::Resolved,
            "Fixed the prompt.".into(),
        )
        .await
        .unwrap();
    assert!(store.incidents(&scope, &open).await.unwrap().is_empty());
    assert_eq!(
        store
            .incidents(&scope, &ReportFilter::default())
            .await
            .unwrap()
            .len(),
        1
    );

    // Outsiders see nothing of it, not even the evidence by its id.
    for other in [ReadScope::for_actor(&outsider), ReadScope::public()] {
        assert!(
            store
                .incidents(&other, &ReportFilter::default())
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(store.incident(&other, i.id).await.unwrap(), None);
        assert_eq!(
            store.attachment_data(&other, png_meta.id).await.unwrap(),
            None
        );
        assert!(matches!(
            store.incident_notes(&other, i.id).await,
            Err(StoreError::NotFound)
        ));
    }
    let foreign = permit(Action::HandleReports, Resource::Org(avesta.id));
    assert!(matches!(
        store
            .update_incident(&foreign, i.id, 3, IncidentStatus::Closed, "x".into())
            .await,
        Err(StoreError::NotFound)
    ));
    let foreign_report = permit(Action::ReportIncident, Resource::Org(avesta.id));
    assert!(matches!(
        store
            .report_incident(&foreign_report, s.id, incident("x"), vec![], vec![])
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn feedback_only_on_published_records(store: &dyn Store) {
    let kajaani = org(store, "kajaani", OrgKind::Municipality, None).await;
    let avesta = org(store, "avesta", OrgKind::Municipality, None).await;
    let (owner_user, owner) =
        staff(store, "owner@kajaani.example", &kajaani, Role::SystemOwner).await;
    let (_, outsider) = staff(store, "x@avesta.example", &avesta, Role::OrgAdmin).await;
    let s = started(store, &kajaani, &owner_user, "Chatbot").await;
    let message = |m: &str| NewFeedback {
        kind: FeedbackKind::Contest,
        message: m.into(),
        name: Some("Asukas".into()),
        email: Some("asukas@example.fi".into()),
        lang: Lang::Fi,
    };
    assert!(matches!(
        store
            .submit_feedback(s.id, message("Why?"), 14, vec![])
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .set_publication(
            &authorize(&owner, Action::PublishSystem, facts(&s)).unwrap(),
            s.id,
            None,
            Publication::Published,
        )
        .await
        .unwrap();
    let err = store
        .submit_feedback(s.id, message(""), 14, vec![])
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), [("message".into(), Problem::Required)]);
    let f = store
        .submit_feedback(s.id, message("I contest the decision."), 14, vec![])
        .await
        .unwrap();
    assert_eq!(f.status, FeedbackStatus::Open);
    assert_eq!(f.org_id, kajaani.id);
    assert_eq!(f.response_due, f.created_at.date() + Duration::days(14));

    let scope = ReadScope::for_actor(&owner);
    let open = ReportFilter {
        open_only: true,
        ..ReportFilter::default()
    };
    assert_eq!(
        store.feedback(&scope, &open).await.unwrap(),
        std::slice::from_ref(&f)
    );
    let handle = authorize(&owner, Action::HandleReports, facts(&s)).unwrap();
    let err = store
        .respond_feedback(&handle, f.id, 1, FeedbackStatus::Answered, None, vec![])
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), [("response".into(), Problem::Required)]);
    let answered = store
        .respond_feedback(
            &handle,
            f.id,
            1,
            FeedbackStatus::Answered,
            Some("Here is why.".into()),
            vec![mail("asukas@example.fi", "feedback-answer")],
        )
        .await
        .unwrap();
    assert_eq!(answered.status, FeedbackStatus::Answered);
    assert_eq!(answered.responded_by_name.as_deref(), Some(owner.name()));
    assert!(store.feedback(&scope, &open).await.unwrap().is_empty());
    assert_eq!(store.jobs("feedback-answer").await.unwrap().len(), 1);

    // The resident's words stay out of the audit log (personal data; the log is kept for good).
    let trail = store
        .audit_of(&scope, "system", &s.id.to_string())
        .await
        .unwrap();
    let logged = serde_json::to_string(&trail).unwrap();
    assert!(logged.contains("feedback.submit"));
    assert!(!logged.contains("I contest") && !logged.contains("asukas@example.fi"));

    assert_eq!(
        store.feedback_item(&scope, f.id).await.unwrap(),
        Some(answered.clone())
    );
    for other in [ReadScope::for_actor(&outsider), ReadScope::public()] {
        assert!(
            store
                .feedback(&other, &ReportFilter::default())
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(store.feedback_item(&other, f.id).await.unwrap(), None);
    }
    let foreign = permit(Action::HandleReports, Resource::Org(avesta.id));
    assert!(matches!(
        store
            .respond_feedback(&foreign, f.id, 2, FeedbackStatus::Closed, None, vec![])
            .await,
        Err(StoreError::NotFound)
    ));
}

pub async fn jobs_run_once_and_retry(store: &dyn Store) {
    let now = clock::now();
    let job = |key: &str, at: OffsetDateTime| NewJob {
        run_at: at,
        ..mail("a@x.example", key)
    };
    let added = store
        .enqueue_jobs(vec![
            job("remind:1", now),
            job("remind:1", now),
            job("remind:2", now + Duration::days(1)),
        ])
        .await
        .unwrap();
    assert_eq!(added, 2, "a dedup key is used once");
    assert_eq!(
        store
            .enqueue_jobs(vec![job("remind:1", now)])
            .await
            .unwrap(),
        0
    );

    let lease = Duration::minutes(5);
    let first = store.claim_job(now, lease).await.unwrap().unwrap();
    assert_eq!(
        (first.dedup_key.as_deref(), first.attempts),
        (Some("remind:1"), 1)
    );
    assert_eq!(first.payload["to"], "a@x.example");
    // Leased: nobody else takes it, and the other job is not due yet.
    assert_eq!(store.claim_job(now, lease).await.unwrap(), None);

    let retry_at = now + retry_delay(first.attempts);
    store
        .finish_job(
            first.id,
            now,
            Some("connection refused".into()),
            Some(retry_at),
        )
        .await
        .unwrap();
    assert_eq!(
        store.claim_job(now, lease).await.unwrap(),
        None,
        "not before retry_at"
    );
    let second = store.claim_job(retry_at, lease).await.unwrap().unwrap();
    assert_eq!((second.id, second.attempts), (first.id, 2));
    assert_eq!(second.last_error.as_deref(), Some("connection refused"));
    store
        .finish_job(second.id, retry_at, None, None)
        .await
        .unwrap();

    let later = now + Duration::days(2);
    let other = store.claim_job(later, lease).await.unwrap().unwrap();
    assert_eq!(other.dedup_key.as_deref(), Some("remind:2"));
    store
        .finish_job(other.id, later, Some("mailbox unavailable".into()), None)
        .await
        .unwrap();
    assert_eq!(
        store
            .claim_job(later + Duration::days(9), lease)
            .await
            .unwrap(),
        None
    );

    let jobs = store.jobs("remind:").await.unwrap();
    assert_eq!(jobs.len(), 2);
    assert!(jobs.iter().all(|j| j.done_at.is_some()));
    let given_up = jobs.iter().find(|j| j.id == other.id).unwrap();
    assert_eq!(given_up.last_error.as_deref(), Some("mailbox unavailable"));
    assert!(
        store.jobs("remind:_").await.unwrap().is_empty(),
        "the prefix is literal"
    );

    // Two workers claiming at once never get the same job.
    store
        .enqueue_jobs((0..6).map(|n| job(&format!("race:{n}"), now)).collect())
        .await
        .unwrap();
    let (a, b) = futures_util::future::join(
        async {
            let mut got = Vec::new();
            while let Some(j) = store.claim_job(later, lease).await.unwrap() {
                got.push(j.id);
            }
            got
        },
        async {
            let mut got = Vec::new();
            while let Some(j) = store.claim_job(later, lease).await.unwrap() {
                got.push(j.id);
            }
            got
        },
    )
    .await;
    let mut all: Vec<_> = a.iter().chain(b.iter()).copied().collect();
    all.sort();
    all.dedup();
    assert_eq!((all.len(), a.len() + b.len()), (6, 6));
}
