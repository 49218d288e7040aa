//! Stories of incidents and residents' feedback.

use super::*;
use crate::{NewAttachment, ReportFilter, Store, StoreError};
use aireg_domain::governance::{
    FeedbackKind, FeedbackStatus, IncidentKind, IncidentStatus, NewFeedback, NewIncident,
    SeriousKind,
};
use aireg_domain::org::OrgKind;
use aireg_domain::person::Role;
use aireg_domain::policy::{Action, ReadScope, Resource, authorize};
use aireg_domain::system::Publication;
use aireg_domain::validation::Problem;
use aireg_domain::{Lang, clock};
use time::Duration;

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
    // Its first handling note is its response, as saved and as read back.
    assert_eq!(i.first_response_at, None);
    assert!(i2.first_response_at.is_some());
    assert_eq!(
        store.incident(&scope, i.id).await.unwrap(),
        Some(i2.clone())
    );
    let later = store
        .incidents(&scope, &ReportFilter::default())
        .await
        .unwrap();
    assert_eq!(
        later
            .iter()
            .find(|x| x.id == i.id)
            .unwrap()
            .first_response_at,
        i2.first_response_at
    );
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

    // A bounded list holds the newest.
    let newer = store
        .report_incident(&report, s.id, incident("Second"), Vec::new(), Vec::new())
        .await
        .unwrap();
    let one = ReportFilter {
        limit: Some(1),
        ..ReportFilter::default()
    };
    let bounded = store.incidents(&scope, &one).await.unwrap();
    assert_eq!(bounded.len(), 1);
    assert_eq!(bounded[0].id, newer.id);
    // Counted as listed, without the bound: the first is resolved, the second open.
    assert_eq!(
        store.count_reports(&scope, &one).await.unwrap().incidents,
        2
    );
    assert_eq!(
        store.count_reports(&scope, &open).await.unwrap().incidents,
        1
    );
    let with_due_date = ReportFilter {
        due_before: Some(clock::now().date()),
        ..open.clone()
    };
    assert_eq!(
        store
            .count_reports(&scope, &with_due_date)
            .await
            .unwrap()
            .incidents,
        1,
        "a due date narrows only feedback"
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
            store
                .count_reports(&other, &ReportFilter::default())
                .await
                .unwrap(),
            crate::ReportCounts::default()
        );
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
    // Overdue is before its date, in the list and in its count.
    for (due_before, n) in [(f.response_due, 0), (f.response_due + Duration::days(1), 1)] {
        let overdue = ReportFilter {
            due_before: Some(due_before),
            ..open.clone()
        };
        assert_eq!(store.feedback(&scope, &overdue).await.unwrap().len(), n);
        assert_eq!(
            store.count_reports(&scope, &overdue).await.unwrap(),
            crate::ReportCounts {
                feedback: n as i64,
                ..crate::ReportCounts::default()
            },
            "overdue before {due_before}"
        );
    }
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
    assert!(
        answered.responded_at.is_some(),
        "its response time is known"
    );
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
        assert_eq!(
            store.count_reports(&other, &open).await.unwrap().feedback,
            0
        );
    }
    let foreign = permit(Action::HandleReports, Resource::Org(avesta.id));
    assert!(matches!(
        store
            .respond_feedback(&foreign, f.id, 2, FeedbackStatus::Closed, None, vec![])
            .await,
        Err(StoreError::NotFound)
    ));
    // Reopened and closed later, it keeps the time of its first answer: its response time.
    let reopened = store
        .respond_feedback(
            &handle,
            f.id,
            2,
            FeedbackStatus::Open,
            Some("More to do.".into()),
            vec![],
        )
        .await
        .unwrap();
    let closed = store
        .respond_feedback(
            &handle,
            f.id,
            3,
            FeedbackStatus::Closed,
            Some("Done.".into()),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(reopened.responded_at, answered.responded_at);
    assert_eq!(closed.responded_at, answered.responded_at);
    assert_eq!(
        store
            .feedback_item(&scope, f.id)
            .await
            .unwrap()
            .unwrap()
            .responded_at,
        answered.responded_at
    );
}
