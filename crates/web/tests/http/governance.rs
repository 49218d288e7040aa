//! The governance workflow through HTTP, as the issue checks it: Kainuu's routing by personal
//! data with four eyes and signed assessments, the system owner's own decision, the Tampere
//! region's assessments and background check, a signed FRIA for high-risk use, incidents with
//! evidence routed and given art. 73 deadlines, residents' feedback without an account, and the
//! reminders that go out once.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use time::Duration;
use tower::ServiceExt;

use aireg_domain::Lang;
use aireg_domain::clock;
use aireg_domain::org::{Country, OrgKind, Organisation};
use aireg_domain::person::Role;
use aireg_domain::policy::{Actor, ReadScope};
use aireg_domain::system::{AiSystem, Lifecycle};
use aireg_rules::assessment::{Item, QuestionKind, Templates};
use aireg_service::secrets::hash_password;
use aireg_store::ReportFilter;
use aireg_web::WebConfig;

use crate::harness::{PASSWORD, Person, Reply, Session, World, create_system, org, person, record};

/// Kajaani's people for the workflow: a system owner, a process owner, two members of the
/// privacy and security group (one of them also an editor, who may ask).
struct Cast {
    owner: Person,
    process: Person,
    approver: Person,
    asker: Person,
}

async fn cast(w: &World, o: &Organisation, domain: &str) -> Cast {
    let hash = hash_password(PASSWORD.into()).await.unwrap();
    let store = w.store();
    Cast {
        owner: person(
            store,
            &format!("owner@{domain}"),
            &[(o, Role::SystemOwner)],
            &hash,
        )
        .await,
        process: person(
            store,
            &format!("process@{domain}"),
            &[(o, Role::ProcessOwner)],
            &hash,
        )
        .await,
        approver: person(
            store,
            &format!("approver@{domain}"),
            &[(o, Role::Approver)],
            &hash,
        )
        .await,
        asker: person(
            store,
            &format!("asker@{domain}"),
            &[(o, Role::Editor), (o, Role::Approver)],
            &hash,
        )
        .await,
    }
}

/// A record in planning, owned by the cast, with or without personal data.
async fn planned(w: &World, o: &Organisation, c: &Cast, name: &str, personal: bool) -> AiSystem {
    let mut r = record(name, Lang::Fi);
    r.lifecycle = Lifecycle::Planning;
    r.personal_data = Some(personal);
    r.sensitive_data = Some(false);
    r.system_owner = Some(c.owner.user.id);
    r.process_owner = Some(c.process.user.id);
    create_system(w.store(), o, r, false).await
}

async fn classify(w: &World, token: &str, s: &AiSystem, facts: Value) {
    let r = w
        .json(
            "POST",
            &format!("/api/v1/systems/{}/classifications", s.id),
            Some(token),
            &json!({ "facts": facts }),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
}

fn minimal() -> Value {
    json!({"ai_system": true, "roles": ["deployer"], "public_authority": true})
}

/// A transition through the API in a language.
async fn transition(w: &World, token: &str, s: &AiSystem, to: &str, lang: &str) -> Reply {
    w.send(
        Request::post(format!("/api/v1/systems/{}/transitions", s.id))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::ACCEPT_LANGUAGE, lang)
            .body(Body::from(json!({ "to": to }).to_string()))
            .unwrap(),
    )
    .await
}

/// The missing list of a refused move as (code, item) pairs.
fn missing(r: &Reply) -> Vec<(String, String)> {
    let doc = r.assert_problem(409, None);
    doc["missing"]
        .as_array()
        .unwrap_or_else(|| panic!("no missing list: {doc}"))
        .iter()
        .map(|m| {
            assert!(m["message"].as_str().is_some_and(|t| !t.is_empty()));
            (
                m["code"].as_str().unwrap().to_string(),
                m["item"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Takes every queued e-mail job, marking it done: (recipient, subject).
async fn mails(w: &World) -> Vec<(String, String)> {
    let mut got = Vec::new();
    let later = clock::now() + Duration::days(1);
    while let Some(job) = w
        .store()
        .claim_job(later, Duration::minutes(5))
        .await
        .unwrap()
    {
        got.push((
            job.payload["to"].as_str().unwrap_or("").to_string(),
            job.payload["subject"].as_str().unwrap_or("").to_string(),
        ));
        w.store()
            .finish_job(job.id, later, None, None)
            .await
            .unwrap();
    }
    got
}

fn recipients(m: &[(String, String)]) -> Vec<&str> {
    let mut r: Vec<&str> = m.iter().map(|(to, _)| to.as_str()).collect();
    r.sort();
    r
}

/// A form that completes an assessment: a valid answer to every question of the template and
/// the fewest group entries it allows (at least one).
fn complete_form(template: &str) -> Vec<(String, String)> {
    let tpl = Templates::embedded().unwrap().get(template).unwrap();
    let answer = |q: &aireg_rules::assessment::Question| -> Vec<String> {
        match q.kind {
            QuestionKind::Text | QuestionKind::Textarea => vec!["Selvitetty.".into()],
            QuestionKind::YesNo => vec!["no".into()],
            QuestionKind::Choice | QuestionKind::Multi => vec![q.options[0].value.clone()],
            QuestionKind::Date => vec!["2026-01-15".into()],
            QuestionKind::Number => vec!["1".into()],
        }
    };
    let mut form = Vec::new();
    for section in &tpl.sections {
        for item in &section.items {
            match item {
                Item::Question(q) => {
                    for v in answer(q) {
                        form.push((format!("q.{}", q.id), v));
                    }
                }
                Item::Group(g) => {
                    for i in 0..g.min.max(1) {
                        for q in &g.questions {
                            for v in answer(q) {
                                form.push((format!("g.{}.{i}.{}", g.id, q.id), v));
                            }
                        }
                    }
                }
            }
        }
    }
    form
}

async fn post(w: &World, s: &Session, path: &str, fields: &[(String, String)]) -> Reply {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    w.post_form(path, s, &pairs).await
}

/// Completes an assessment as the owner and has it signed off by `signer`.
async fn assess(w: &World, owner: &Session, signer: &Session, s: &AiSystem, template: &str) {
    let path = format!("/fi/staff/systems/{}/assessments/{template}", s.id);
    let mut fields = complete_form(template);
    fields.push(("version".into(), "0".into()));
    fields.push(("action".into(), "complete".into()));
    let r = post(w, owner, &path, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{template}: {}", r.text);
    let scope = ReadScope::for_actor(&Actor::command_line("test"));
    let a = w
        .store()
        .assessments(&scope, s.id)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.template_id == template)
        .unwrap();
    let r = w
        .post_form(
            &format!("/fi/staff/assessments/{}/sign", a.id),
            signer,
            &[("version", &a.version.to_string())],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "sign {template}: {}",
        r.text
    );
}

async fn open_requests(w: &World, s: &AiSystem) -> Vec<aireg_domain::governance::ApprovalRequest> {
    let scope = ReadScope::for_actor(&Actor::command_line("test"));
    w.store()
        .approvals(
            &scope,
            &ReportFilter {
                system: Some(s.id),
                open_only: true,
                ..ReportFilter::default()
            },
        )
        .await
        .unwrap()
}

fn approvals_path(s: &AiSystem) -> String {
    format!("/fi/staff/systems/{}/approvals", s.id)
}

/// `who` asks for the approvals the policy routes the record to, from its governance page.
async fn ask(w: &World, who: &Session, s: &AiSystem) {
    let r = w.post_form(&approvals_path(s), who, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
}

async fn decide(w: &World, who: &Session, approval: uuid::Uuid, version: i64) -> Reply {
    w.post_form(
        &format!("/fi/staff/approvals/{approval}"),
        who,
        &[
            ("version", &version.to_string()),
            ("decision", "approve"),
            ("minutes_ref", "§ 4 / 12.3.2026"),
        ],
    )
    .await
}

#[tokio::test]
async fn kainuu_personal_data_needs_the_group_the_process_owner_and_signed_assessments() {
    let w = World::new().await;
    let c = cast(&w, &w.kajaani, "kajaani.example").await;
    let s = planned(&w, &w.kajaani, &c, "Asiakaspalvelun avustaja", true).await;
    let token = c.owner.token.as_str();

    // Refused, naming exactly what is missing, in the caller's language.
    let r = transition(&w, token, &s, "in_use", "fi").await;
    let mut got = missing(&r);
    got.sort();
    assert_eq!(
        got,
        [
            ("ai_act_classification".to_string(), String::new()),
            ("approval".into(), "approver_group".into()),
            ("approval".into(), "process_owner".into()),
            ("assessment".into(), "dpia".into()),
        ]
    );
    assert!(
        r.text.contains("tietosuojan vaikutustenarviointi") || r.text.contains("DPIA"),
        "{}",
        r.text
    );
    let sv = transition(&w, token, &s, "in_use", "sv").await;
    assert_ne!(
        sv.json()["missing"][0]["message"],
        r.json()["missing"][0]["message"]
    );

    classify(&w, token, &s, minimal()).await;

    // The editor who is also in the group asks; the request goes to the group and the process
    // owner by e-mail.
    let asker = w.sign_in(&c.asker.user.email).await;
    let r = w
        .post_form(
            &format!("/fi/staff/systems/{}/approvals", s.id),
            &asker,
            &[("note", "DPIA on liitteenä.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let sent = mails(&w).await;
    assert_eq!(
        recipients(&sent),
        [
            "approver@kajaani.example",
            "asker@kajaani.example",
            "process@kajaani.example"
        ]
    );
    assert!(
        sent.iter()
            .all(|(_, subject)| subject.contains("Asiakaspalvelun avustaja"))
    );
    let requests = open_requests(&w, &s).await;
    assert_eq!(requests.len(), 2);
    let group = requests
        .iter()
        .find(|a| a.body == "approver_group")
        .unwrap();
    let by_process = requests.iter().find(|a| a.body == "process_owner").unwrap();

    // Four eyes: the one who asked may not approve, even as a member of the group.
    let page = w
        .page(
            &format!("/fi/staff/systems/{}/governance", s.id),
            &asker.cookie,
        )
        .await;
    assert!(
        !page
            .text
            .contains(&format!("/fi/staff/approvals/{}\"", group.id))
    );
    let r = decide(&w, &asker, group.id, 1).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // A member of another body may not decide for this one.
    let approver = w.sign_in(&c.approver.user.email).await;
    assert_eq!(
        decide(&w, &approver, by_process.id, 1).await.status,
        StatusCode::FORBIDDEN
    );

    assert_eq!(
        decide(&w, &approver, group.id, 1).await.status,
        StatusCode::SEE_OTHER
    );
    let process = w.sign_in(&c.process.user.email).await;
    assert_eq!(
        decide(&w, &process, by_process.id, 1).await.status,
        StatusCode::SEE_OTHER
    );
    // The asker hears of both decisions.
    let sent = mails(&w).await;
    assert_eq!(
        recipients(&sent),
        ["asker@kajaani.example", "asker@kajaani.example"]
    );

    let r = transition(&w, token, &s, "in_use", "en").await;
    assert_eq!(
        missing(&r),
        [("assessment".to_string(), "dpia".to_string())]
    );

    // The DPIA, completed and signed off by the group.
    let owner = w.sign_in(&c.owner.user.email).await;
    assess(&w, &owner, &approver, &s, "dpia").await;
    let r = transition(&w, token, &s, "in_use", "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["record"]["lifecycle"], "in_use");

    // The governance page tells the whole story, and the audit trail has each decision.
    let page = w
        .page(
            &format!("/en/staff/systems/{}/governance", s.id),
            &owner.cookie,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("§ 4 / 12.3.2026"));
    assert!(page.text.contains("Moved from"));
    let scope = ReadScope::for_actor(&Actor::command_line("test"));
    let trail = w
        .store()
        .audit_of(&scope, "system", &s.id.to_string())
        .await
        .unwrap();
    let decisions: Vec<_> = trail
        .iter()
        .filter(|e| e.action == "approval.decide")
        .collect();
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[0].actor_id, Some(c.approver.user.id));

    // The owner says it has no personal data after all: now the policy wants the owner's own
    // decision. It is not asked of the one whose edit made it needed; the record is flagged
    // until someone else asks, and then the owner decides.
    let r = edit(&w, token, &s, |rec| rec["personal_data"] = json!(false)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["compliance"]["compliant"], false, "{}", r.text);
    assert!(
        open_requests(&w, &s).await.is_empty(),
        "nothing asked of the owner"
    );
    ask(&w, &asker, &s).await;
    let own = open_requests(&w, &s).await.remove(0);
    assert_eq!(
        (own.body.as_str(), own.own_decision),
        ("system_owner", true)
    );
    assert_eq!(
        decide(&w, &owner, own.id, 1).await.status,
        StatusCode::SEE_OTHER
    );
    let api = w
        .get_with(&format!("/api/v1/systems/{}", s.id), token)
        .await;
    assert_eq!(api.json()["compliance"]["compliant"], true, "{}", api.text);
}

#[tokio::test]
async fn kainuu_without_personal_data_goes_live_on_the_owners_own_decision() {
    let w = World::new().await;
    let c = cast(&w, &w.kajaani, "kajaani.example").await;
    let s = planned(&w, &w.kajaani, &c, "Roskapostisuodatin", false).await;
    let token = c.owner.token.as_str();
    classify(&w, token, &s, minimal()).await;
    let r = transition(&w, token, &s, "in_use", "en").await;
    assert_eq!(
        missing(&r),
        [("approval".to_string(), "system_owner".to_string())]
    );

    let owner = w.sign_in(&c.owner.user.email).await;
    ask(&w, &owner, &s).await;
    let own = open_requests(&w, &s).await.remove(0);
    assert!(own.own_decision);
    // The system owner records their own decision; it is kept in the register like any other.
    assert_eq!(
        decide(&w, &owner, own.id, 1).await.status,
        StatusCode::SEE_OTHER
    );
    let r = transition(&w, token, &s, "in_use", "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    // A viewer may not move it.
    let r = transition(&w, &w.kajaani_viewer.token, &s, "retired", "en").await;
    r.assert_problem(403, None);
}

#[tokio::test]
async fn the_tampere_region_also_needs_the_four_assessments_and_the_background_check() {
    let w = World::new().await;
    let store = w.store();
    let region = org(
        store,
        "tampereen-seutu",
        OrgKind::Region,
        None,
        Country::FI,
        Lang::Fi,
    )
    .await;
    let tampere = org(
        store,
        "tampere",
        OrgKind::Municipality,
        Some(&region),
        Country::FI,
        Lang::Fi,
    )
    .await;
    let c = cast(&w, &tampere, "tampere.example").await;
    let s = planned(&w, &tampere, &c, "Asiakaspalvelun avustaja", true).await;
    let token = c.owner.token.as_str();
    classify(&w, token, &s, minimal()).await;
    let r = transition(&w, token, &s, "in_use", "fi").await;
    let got = missing(&r);
    let assessments: Vec<&str> = got
        .iter()
        .filter(|(code, _)| code == "assessment")
        .map(|(_, item)| item.as_str())
        .collect();
    for needed in [
        "change_cost",
        "security_privacy",
        "fria",
        "background_check",
        "dpia",
    ] {
        assert!(assessments.contains(&needed), "{needed} in {got:?}");
    }
    assert!(got.contains(&("approval".to_string(), "approver_group".to_string())));

    // The owner and the responsible person must be named.
    let mut unnamed = record("Nimetön", Lang::Fi);
    unnamed.lifecycle = Lifecycle::Planning;
    let unnamed = create_system(store, &tampere, unnamed, false).await;
    let got = missing(&transition(&w, &c.asker.token, &unnamed, "procurement", "fi").await);
    assert!(
        got.iter().any(|(code, _)| code == "system_owner"),
        "{got:?}"
    );
    assert!(
        got.iter().any(|(code, _)| code == "process_owner"),
        "{got:?}"
    );
}

#[tokio::test]
async fn a_high_risk_system_needs_a_signed_fria() {
    let w = World::new().await;
    let c = cast(&w, &w.kajaani, "kajaani.example").await;
    let s = planned(&w, &w.kajaani, &c, "Toimeentulotuen esikäsittely", false).await;
    let token = c.owner.token.as_str();
    classify(
        &w,
        token,
        &s,
        json!({"ai_system": true, "roles": ["deployer"], "annex_iii": "5a", "profiling": true,
            "public_authority": true, "decisions_on_persons": true, "personal_data": true}),
    )
    .await;
    let got = missing(&transition(&w, token, &s, "pilot", "en").await);
    assert!(
        got.contains(&("assessment".to_string(), "fria".to_string())),
        "{got:?}"
    );
    assert!(
        got.iter().any(|(code, _)| code == "eu_registration"),
        "{got:?}"
    );
    let page = w
        .page(
            &format!("/en/staff/systems/{}/governance", s.id),
            &w.sign_in(&c.owner.user.email).await.cookie,
        )
        .await;
    assert!(
        page.text.contains("fundamental"),
        "the FRIA is listed with its reason"
    );
}

#[tokio::test]
async fn an_incident_with_a_screenshot_reaches_the_right_people_with_its_deadline() {
    let w = World::new().await;
    let c = cast(&w, &w.kajaani, "kajaani.example").await;
    let s = planned(&w, &w.kajaani, &c, "Chat", true).await;
    // Any staff member of the organisation may report.
    let viewer = w.sign_in(&w.kajaani_viewer.user.email).await;
    let form = w
        .page(
            &format!("/fi/staff/systems/{}/incidents/new", s.id),
            &viewer.cookie,
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("enctype=\"multipart/form-data\""));
    let path = format!("/fi/staff/systems/{}/incidents", s.id);
    let fields = [
        ("kind", "privacy"),
        ("title", "Henkilötunnus näkyi vastauksessa"),
        ("description", "Botti toisti asiakkaan henkilötunnuksen."),
        ("serious", "general"),
        ("aware_on", ""),
    ];
    // An executable is refused and nothing is saved; the text is kept.
    let r = w
        .post_multipart(
            &path,
            &viewer,
            &fields,
            &[("attachments", "tool.exe", b"MZ\x90\x00")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("Henkilötunnus näkyi vastauksessa"));
    let r = w
        .post_multipart(
            &path,
            &viewer,
            &fields,
            &[("attachments", "C:\\kuvat\\ruutu.png", crate::harness::PNG)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let location = r.header("location");
    // A privacy incident goes to the system owner and the privacy and security group.
    let sent = mails(&w).await;
    let to = recipients(&sent);
    assert!(to.contains(&"owner@kajaani.example"), "{to:?}");
    assert!(to.contains(&"approver@kajaani.example"), "{to:?}");
    assert!(!to.contains(&"viewer@kajaani.example"), "{to:?}");

    let scope = ReadScope::for_actor(&Actor::command_line("test"));
    let incident = w
        .store()
        .incidents(
            &scope,
            &ReportFilter {
                system: Some(s.id),
                ..ReportFilter::default()
            },
        )
        .await
        .unwrap()
        .remove(0);
    let deadline = incident.report_deadline.unwrap();
    assert_eq!(
        deadline,
        incident.aware_at + Duration::days(15),
        "art. 73(2)"
    );
    let told = w.store().notifications(&scope, incident.id).await.unwrap();
    assert_eq!(
        told.len(),
        to.len(),
        "each e-mail is a recorded notification"
    );

    let owner = w.sign_in(&c.owner.user.email).await;
    let page = w.page(&location, &owner.cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("73"));
    assert!(page.text.contains("ruutu.png"));
    let file = w
        .store()
        .attachments(&scope, incident.id)
        .await
        .unwrap()
        .remove(0);
    let download = w
        .page(&format!("/fi/staff/attachments/{}", file.id), &owner.cookie)
        .await;
    assert_eq!(download.header("content-type"), "image/png");
    assert!(
        download
            .header("content-disposition")
            .starts_with("attachment;")
    );
    assert!(download.text.contains("PNG\r\n"), "the file as it was sent");

    // Handled with notes; the authority's notification recorded.
    let r = w
        .post_form(
            location.split('?').next().unwrap(),
            &owner,
            &[
                ("version", "1"),
                ("status", "triaged"),
                ("note", "Selvitetään."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let r = w
        .post_form(
            &format!("/fi/staff/incidents/{}/notifications", incident.id),
            &owner,
            &[
                ("recipient", "Markkinavalvontaviranomainen"),
                ("channel", "authority"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(
        w.store()
            .notifications(&scope, incident.id)
            .await
            .unwrap()
            .len(),
        to.len() + 1
    );
}

#[tokio::test]
async fn residents_send_feedback_without_an_account() {
    let w = World::new().await;
    let page = w.get(&format!("/fi/systems/{}", w.published.id)).await;
    assert!(page.text.contains("name=\"form_token\""));
    let token = page
        .text
        .split("name=\"form_token\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let send = |fields: Vec<(&'static str, String)>, path: String| {
        let w = &w;
        async move {
            let body: String = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(fields)
                .finish();
            w.send(
                Request::post(path)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header("sec-fetch-site", "same-origin")
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await
        }
    };
    let path = format!("/fi/systems/{}/feedback", w.published.id);
    let good = |message: &str| {
        vec![
            ("form_token", token.clone()),
            ("kind", "contest".to_string()),
            ("message", message.to_string()),
            ("email", "asukas2@example.fi".to_string()),
        ]
    };
    // Without a valid token the form comes back with the message kept.
    let mut forged = good("Vastustan.");
    forged[0].1 = "1.abc".into();
    let r = send(forged, path.clone()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("Vastustan."));
    // A bot filling the hidden field is thanked and forgotten.
    let mut bot = good("Buy now");
    bot.push(("website", "http://spam.example".into()));
    assert_eq!(send(bot, path.clone()).await.status, StatusCode::SEE_OTHER);
    // A draft takes no feedback.
    let r = send(good("x"), format!("/fi/systems/{}/feedback", w.draft.id)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let r = send(good("Vastustan automaattista päätöstä."), path.clone()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let scope = ReadScope::for_actor(&Actor::command_line("test"));
    let all = w
        .store()
        .feedback(&scope, &ReportFilter::default())
        .await
        .unwrap();
    assert_eq!(
        all.len(),
        2,
        "the fixture's and this one; the bot's was not kept"
    );
    assert!(
        all.iter()
            .any(|f| f.message == "Vastustan automaattista päätöstä.")
    );
    // Nobody is named on the record, so it reaches the organisation's admin.
    assert_eq!(recipients(&mails(&w).await), ["admin@kajaani.example"]);

    // Staff see it with its deadline and answer; the answer goes to the resident.
    let admin = w.sign_in("admin@kajaani.example").await;
    let list = w.page("/fi/staff/feedback", &admin.cookie).await;
    assert!(list.text.contains("Vastustan automaattista päätöstä."));
    let item = all
        .iter()
        .find(|f| f.message.starts_with("Vastustan"))
        .unwrap();
    let r = w
        .post_form(
            &format!("/fi/staff/feedback/{}", item.id),
            &admin,
            &[
                ("version", "1"),
                ("status", "answered"),
                ("response", "Päätökset tekee ihminen."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(recipients(&mails(&w).await), ["asukas2@example.fi"]);

    // Too many messages to one record in an hour are refused.
    let strict = w.app_with(WebConfig {
        feedback_min_age: Duration::ZERO,
        feedback_per_system: 1,
        ..WebConfig::default()
    });
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(good("Vielä yksi."))
        .finish();
    let res = strict
        .oneshot(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn reminders_go_out_once_per_due_date() {
    let w = World::new().await;
    let c = cast(&w, &w.kajaani, "kajaani.example").await;
    let mut r = record("Katselmoitava", Lang::Fi);
    let today = clock::now().date();
    r.next_review = Some(today + Duration::days(3));
    r.system_owner = Some(c.owner.user.id);
    let soon = create_system(w.store(), &w.kajaani, r, false).await;
    let mut r = record("Myöhässä", Lang::Fi);
    r.next_review = Some(today - Duration::days(3));
    r.system_owner = Some(c.owner.user.id);
    r.process_owner = Some(c.process.user.id);
    create_system(w.store(), &w.kajaani, r, false).await;
    let state = aireg_web::AppState::with_store(
        w.db.store.clone(),
        aireg_rules::Content::embedded().unwrap(),
        WebConfig::default(),
    );

    let first = state.services.scan_reminders(today).await.unwrap();
    assert_eq!(first.queued, 3, "{first:?}");
    let sent = mails(&w).await;
    assert!(
        sent.iter()
            .any(|(to, s)| to == "owner@kajaani.example" && s.contains("Katselmoitava"))
    );
    assert!(
        sent.iter()
            .any(|(to, s)| to == "process@kajaani.example" && s.contains("Myöhässä"))
    );
    // Again, and after a "restart" (a new state): nothing new.
    let again = state.services.scan_reminders(today).await.unwrap();
    assert_eq!((again.due, again.queued), (first.due, 0));
    let restarted = aireg_web::AppState::with_store(
        w.db.store.clone(),
        aireg_rules::Content::embedded().unwrap(),
        WebConfig::default(),
    );
    assert_eq!(
        restarted
            .services
            .scan_reminders(today)
            .await
            .unwrap()
            .queued,
        0
    );
    // A review recorded moves the date: the next reminder is a new one.
    let s = w.sign_in(&c.owner.user.email).await;
    let next = today + Duration::days(5);
    let r = w
        .post_form(
            &format!("/fi/staff/systems/{}/reviews", soon.id),
            &s,
            &[
                ("findings", "Toimii."),
                ("next_review", &aireg_domain::clock::iso(next)),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    assert_eq!(
        state.services.scan_reminders(today).await.unwrap().queued,
        1
    );
}

#[tokio::test]
async fn the_overview_shows_the_first_of_what_is_due_and_counts_it_all() {
    let w = World::new().await;
    let today = clock::now().date();
    // 52 reviews overdue, the most overdue first; one due soon; one long after.
    for i in 0..52 {
        let mut r = record(&format!("Myöhässä {i:02}"), Lang::Fi);
        r.next_review = Some(today - Duration::days(100 - i));
        create_system(w.store(), &w.kajaani, r, false).await;
    }
    for (name, days) in [("Pian", 10), ("Myöhemmin", 90)] {
        let mut r = record(name, Lang::Fi);
        r.next_review = Some(today + Duration::days(days));
        create_system(w.store(), &w.kajaani, r, false).await;
    }
    let admin = w.sign_in("admin@kajaani.example").await;
    let page = w
        .page("/en/staff/orgs/kajaani/governance", &admin.cookie)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let section = |title: &str| {
        page.text
            .split(&format!(">{title} ("))
            .nth(1)
            .unwrap_or_else(|| panic!("the overview has {title}: {}", page.text))
            .split("</section>")
            .next()
            .unwrap()
            .to_string()
    };
    let overdue = section("Reviews overdue");
    assert!(overdue.starts_with("52)"), "{overdue}");
    assert_eq!(overdue.matches("<li>").count(), 50, "{overdue}");
    assert!(
        overdue.contains("The first 50 of 52 are shown."),
        "{overdue}"
    );
    assert!(overdue.contains("Myöhässä 00") && overdue.contains("Myöhässä 49"));
    assert!(
        !overdue.contains("Myöhässä 50") && !overdue.contains("Myöhässä 51"),
        "the least overdue are left out"
    );
    let due = section("Reviews due within 30 days");
    assert!(due.starts_with("1)"), "{due}");
    assert!(due.contains("Pian") && !due.contains("Myöhemmin"), "{due}");
    assert!(!due.contains("are shown"), "{due}");
}

#[tokio::test]
async fn governance_pages_exist_in_every_language() {
    let w = World::new().await;
    let admin = w.sign_in("admin@kajaani.example").await;
    for lang in ["fi", "sv", "en"] {
        for path in [
            format!("/{lang}/staff/systems/{}/governance", w.draft.id),
            format!("/{lang}/staff/systems/{}/assessments/fria", w.draft.id),
            format!("/{lang}/staff/systems/{}/incidents/new", w.draft.id),
            format!("/{lang}/staff/incidents/{}", w.incident),
            format!("/{lang}/staff/incidents"),
            format!("/{lang}/staff/feedback"),
            format!("/{lang}/staff/orgs/kajaani/policy"),
            format!("/{lang}/staff/orgs/kajaani/governance"),
        ] {
            let r = w.page(&path, &admin.cookie).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert!(
                r.text.contains(&format!("<html lang=\"{lang}\">")),
                "{path}"
            );
        }
    }
    let policy = w.page("/sv/staff/orgs/kajaani/policy", &admin.cookie).await;
    assert!(
        policy.text.contains("Kainuu"),
        "the Kainuu pack governs Kajaani"
    );
    // An unknown template or a malformed id is a plain 404.
    for path in [
        format!("/fi/staff/systems/{}/assessments/horoscope", w.draft.id),
        "/fi/staff/incidents/not-an-id".to_string(),
        "/fi/staff/attachments/00000000-0000-7000-8000-000000000000".to_string(),
    ] {
        assert_eq!(
            w.page(&path, &admin.cookie).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn an_api_update_moves_the_lifecycle_only_through_the_gate() {
    let w = World::new().await;
    let token = w.kajaani_editor.token.as_str();
    let path = format!("/api/v1/systems/{}", w.draft.id);
    let mut record = w.draft.record.clone();
    record.lifecycle = Lifecycle::InUse;
    let refused = w
        .json(
            "PUT",
            &path,
            Some(token),
            &json!({"version": 1, "record": record}),
        )
        .await;
    let got = missing(&refused);
    assert!(got.iter().any(|(code, _)| code == "approval"), "{got:?}");
    // Nothing was saved.
    assert_eq!(w.get_with(&path, token).await.json()["version"], 1);
    // Stopping use never waits: the edit and the move are two versions.
    record.lifecycle = Lifecycle::Retired;
    record.purpose.set(Lang::Fi, "Ei enää käytössä.");
    let r = w
        .json(
            "PUT",
            &path,
            Some(token),
            &json!({"version": 1, "record": record}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let doc = r.json();
    assert_eq!(
        (doc["version"].as_i64(), doc["record"]["lifecycle"].as_str()),
        (Some(3), Some("retired"))
    );
    let history = w.get_with(&format!("{path}/history"), token).await.json();
    let changes: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["change"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(changes, ["created", "edited", "transitioned"]);
}

#[tokio::test]
async fn refused_posts_keep_what_was_typed() {
    let w = World::new().await;
    let admin = w.sign_in("admin@kajaani.example").await;
    // A rejection without a reason: the minutes reference typed is still in the form.
    let hash = hash_password(PASSWORD.into()).await.unwrap();
    person(
        w.store(),
        "group2@kajaani.example",
        &[(&w.kajaani, Role::Approver)],
        &hash,
    )
    .await;
    let member = w.sign_in("group2@kajaani.example").await;
    let r = w
        .post_form(
            &format!("/fi/staff/approvals/{}", w.approval),
            &member,
            &[
                ("version", "1"),
                ("decision", "reject"),
                ("minutes_ref", "§ 9 / 1.12.2026"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("value=\"§ 9 / 1.12.2026\""));

    // An evidence file over the limit: the report comes back with its text, nothing is saved.
    let big = vec![b'a'; aireg_domain::governance::MAX_ATTACHMENT + 1];
    let r = w
        .post_multipart(
            &format!("/fi/staff/systems/{}/incidents", w.draft.id),
            &admin,
            &[
                ("kind", "error"),
                ("title", "Iso loki"),
                ("description", "Katso liite."),
            ],
            &[("attachments", "loki.txt", &big)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("Iso loki"));
    // An awareness date from another century is refused, not stored.
    let r = w
        .post_multipart(
            &format!("/fi/staff/systems/{}/incidents", w.draft.id),
            &admin,
            &[
                ("kind", "error"),
                ("title", "Vanha"),
                ("description", "x"),
                ("aware_on", "1901-01-01"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let scope = ReadScope::for_actor(&Actor::command_line("test"));
    assert_eq!(
        w.store()
            .incidents(&scope, &ReportFilter::default())
            .await
            .unwrap()
            .len(),
        1,
        "only the fixture's incident"
    );
}

#[tokio::test]
async fn the_policy_is_reviewed_by_the_body_the_pack_names() {
    let w = World::new().await;
    let path = "/fi/staff/orgs/kajaani/policy/reviews";
    let fields = [("findings", "Ajan tasalla."), ("next_review", "2027-11-01")];
    // Kajaani's admin may read the policy but not review the region's pack.
    let admin = w.sign_in("admin@kajaani.example").await;
    assert_eq!(
        w.post_form(path, &admin, &fields).await.status,
        StatusCode::FORBIDDEN
    );
    // The Kainuu AI working group may.
    let group = w.sign_in(&w.working_group.user.email).await;
    let r = w.post_form(path, &group, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let page = w.page("/fi/staff/orgs/kajaani/policy", &admin.cookie).await;
    assert!(page.text.contains("Ajan tasalla."));
}

#[tokio::test]
async fn only_those_who_answer_see_who_sent_feedback() {
    let w = World::new().await;
    let viewer = w.sign_in(&w.kajaani_viewer.user.email).await;
    let page = w.page("/fi/staff/feedback", &viewer.cookie).await;
    assert!(
        page.text.contains("Miten tämä toimii?"),
        "the message itself is shown"
    );
    assert!(
        !page.text.contains("asukas@example.fi"),
        "the address is not"
    );
    let admin = w.sign_in("admin@kajaani.example").await;
    let page = w.page("/fi/staff/feedback", &admin.cookie).await;
    assert!(page.text.contains("asukas@example.fi"));
}

#[tokio::test]
async fn a_reopened_assessment_shows_and_keeps_every_answer() {
    let w = World::new().await;
    let c = cast(&w, &w.kajaani, "kajaani.example").await;
    let s = planned(&w, &w.kajaani, &c, "Lomakeavustaja", true).await;
    let owner = w.sign_in(&c.owner.user.email).await;
    let path = format!("/fi/staff/systems/{}/assessments/dpia", s.id);
    // A full set of answers saved as a draft.
    let mut fields = complete_form("dpia");
    let texts = fields
        .iter()
        .filter(|(_, v)| v.as_str() == "Selvitetty.")
        .count();
    assert!(texts > 3, "the DPIA has text questions");
    fields.push(("version".into(), "0".into()));
    fields.push(("action".into(), "save".into()));
    let r = post(&w, &owner, &path, &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);

    // Reopened, the form shows every stored answer, not only what another assessment prefills.
    let page = w.page(&path, &owner.cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.text.matches("Selvitetty.").count(),
        texts,
        "every text answer is back in the form"
    );

    // Saved again with what the form shows, the stored answers are the same.
    let before = dpia_of(&w, &s).await;
    let mut again = complete_form("dpia");
    again.push(("version".into(), before.version.to_string()));
    again.push(("action".into(), "save".into()));
    let r = post(&w, &owner, &path, &again).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let after = dpia_of(&w, &s).await;
    assert_eq!(after.answers, before.answers);
    assert_eq!(after.version, before.version + 1);
}

async fn dpia_of(w: &World, s: &AiSystem) -> aireg_domain::governance::Assessment {
    let scope = ReadScope::for_actor(&Actor::command_line("test"));
    w.store()
        .assessments(&scope, s.id)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.template_id == "dpia")
        .unwrap()
}

#[tokio::test]
async fn an_approval_stays_with_the_person_it_was_routed_to() {
    let w = World::new().await;
    let c = cast(&w, &w.kajaani, "kajaani.example").await;
    let s = planned(&w, &w.kajaani, &c, "Asiakasohjaus", true).await;
    let hash = hash_password(PASSWORD.into()).await.unwrap();
    let second = person(
        w.store(),
        "process2@kajaani.example",
        &[(&w.kajaani, Role::ProcessOwner)],
        &hash,
    )
    .await;
    classify(&w, &c.owner.token, &s, minimal()).await;
    let asker = w.sign_in(&c.asker.user.email).await;
    let r = w
        .post_form(
            &format!("/fi/staff/systems/{}/approvals", s.id),
            &asker,
            &[("note", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let to_process = open_requests(&w, &s)
        .await
        .into_iter()
        .find(|a| a.body == "process_owner")
        .unwrap();
    assert_eq!(to_process.routed_to, Some(c.process.user.id));

    // The record now names another process owner: the request is still the first one's.
    let current = w
        .get_with(&format!("/api/v1/systems/{}", s.id), &c.owner.token)
        .await
        .json();
    let mut record = current["record"].clone();
    record["process_owner"] = json!(second.user.id);
    let r = w
        .json(
            "PUT",
            &format!("/api/v1/systems/{}", s.id),
            Some(&c.owner.token),
            &json!({"version": current["version"], "record": record}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let newcomer = w.sign_in("process2@kajaani.example").await;
    let page = w
        .page(
            &format!("/fi/staff/systems/{}/governance", s.id),
            &newcomer.cookie,
        )
        .await;
    assert!(
        !page
            .text
            .contains(&format!("/fi/staff/approvals/{}", to_process.id)),
        "no decision form for the newcomer"
    );
    let r = decide(&w, &newcomer, to_process.id, 1).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    let first = w.sign_in(&c.process.user.email).await;
    let r = decide(&w, &first, to_process.id, 1).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
}

#[tokio::test]
async fn a_record_created_in_a_gated_state_is_created_only_through_the_gate() {
    let w = World::new().await;
    let c = cast(&w, &w.kajaani, "kajaani.example").await;
    let count = || async {
        w.get_with("/api/v1/systems?per_page=100", &c.owner.token)
            .await
            .json()["total"]
            .as_i64()
            .unwrap()
    };
    let before = count().await;
    let mut r = record("Suoraan käyttöön", Lang::Fi);
    r.lifecycle = Lifecycle::InUse;
    r.personal_data = Some(true);
    r.system_owner = Some(c.owner.user.id);
    let refused = w
        .json(
            "POST",
            "/api/v1/systems",
            Some(&c.owner.token),
            &json!({"organisation": "kajaani", "record": r}),
        )
        .await;
    let got = missing(&refused);
    assert!(
        got.iter().any(|(code, _)| code == "ai_act_classification"),
        "{got:?}"
    );
    assert_eq!(count().await, before, "nothing was created");
}

/// Saves the record as read through the API with `change` made to it.
async fn edit(w: &World, token: &str, s: &AiSystem, change: impl FnOnce(&mut Value)) -> Reply {
    let path = format!("/api/v1/systems/{}", s.id);
    let current = w.get_with(&path, token).await.json();
    let mut record = current["record"].clone();
    change(&mut record);
    w.json(
        "PUT",
        &path,
        Some(token),
        &json!({"version": current["version"], "record": record}),
    )
    .await
}

/// The walk of the hardening probe: an editor talks a personal-data record around its gate by
/// saying it has no personal data and naming herself its owner, takes it into use on her own
/// decision, then says it has personal data after all. The record must come out flagged, with
/// what it lacks asked for, and she must not be the one to approve it.
#[tokio::test]
async fn a_record_talked_around_its_gate_is_flagged_and_the_changer_cannot_approve() {
    let w = World::new().await;
    let c = cast(&w, &w.kajaani, "kajaani.example").await;
    let mut r = record("Hakemusten esikäsittely", Lang::Fi);
    r.lifecycle = Lifecycle::Planning;
    r.personal_data = Some(true);
    r.sensitive_data = Some(false);
    let s = create_system(w.store(), &w.kajaani, r, false).await;
    // The asker is an editor, and a member of the privacy and security group.
    let token = c.asker.token.as_str();
    classify(&w, token, &s, minimal()).await;
    let asker = w.sign_in(&c.asker.user.email).await;

    // Said to have no personal data, with herself as system owner: only her own decision left.
    let me = c.asker.user.id.to_string();
    let r = edit(&w, token, &s, |rec| {
        rec["personal_data"] = json!(false);
        rec["system_owner"] = json!(me);
    })
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    ask(&w, &asker, &s).await;
    let own = open_requests(&w, &s).await.remove(0);
    assert!(own.own_decision);
    assert_eq!(
        decide(&w, &asker, own.id, 1).await.status,
        StatusCode::SEE_OTHER
    );
    let r = transition(&w, token, &s, "in_use", "en").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let api = w
        .get_with(&format!("/api/v1/systems/{}", s.id), token)
        .await;
    assert_eq!(api.json()["compliance"]["compliant"], true, "{}", api.text);
    mails(&w).await;

    // In use, she says it has personal data after all.
    let r = edit(&w, token, &s, |rec| rec["personal_data"] = json!(true)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["record"]["lifecycle"], "in_use");
    assert_eq!(r.json()["compliance"]["compliant"], false, "{}", r.text);

    // Flagged in the API, in the caller's language, naming what it lacks.
    let api = w
        .send(
            Request::get(format!("/api/v1/systems/{}", s.id))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(header::ACCEPT_LANGUAGE, "sv")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let compliance = &api.json()["compliance"];
    assert_eq!(compliance["compliant"], false);
    let mut lacking: Vec<(String, String)> = compliance["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["code"].as_str().unwrap().to_string(),
                m["item"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    lacking.sort();
    assert_eq!(
        lacking,
        [
            ("approval".to_string(), "approver_group".to_string()),
            ("approval".into(), "process_owner".into()),
            ("assessment".into(), "dpia".into()),
            ("process_owner".into(), String::new()),
        ]
    );
    let sv_text = compliance["missing"][0]["message"].as_str().unwrap();
    assert!(!sv_text.is_empty());
    // The list says so too.
    let list = w
        .get_with("/api/v1/systems?per_page=100", token)
        .await
        .json();
    let listed = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == s.id.to_string())
        .unwrap()
        .clone();
    assert_eq!(listed["compliance"]["compliant"], false, "{listed}");
    assert_eq!(listed["compliance"]["missing"].as_array().unwrap().len(), 4);

    // The group's approval was asked for, by her, and goes to the group by e-mail; the process
    // owner's cannot be asked of nobody, and stays missing.
    let asked = open_requests(&w, &s).await;
    assert_eq!(asked.len(), 1, "{asked:?}");
    let group = &asked[0];
    assert_eq!(group.body, "approver_group");
    assert_eq!(group.requested_by, Some(c.asker.user.id));
    assert!(!group.own_decision);
    let sent = mails(&w).await;
    assert_eq!(
        recipients(&sent),
        ["approver@kajaani.example", "asker@kajaani.example"]
    );
    assert!(
        sent.iter()
            .all(|(_, subject)| subject.contains("Käytössä oleva järjestelmä")),
        "{sent:?}"
    );

    // She is in the group, but she changed the fact that asked for it: she may not approve.
    assert_eq!(
        decide(&w, &asker, group.id, 1).await.status,
        StatusCode::FORBIDDEN
    );
    // Asking again does not give her a request of her own to decide: the group's stays open.
    w.post_form(&approvals_path(&s), &asker, &[]).await;
    let groups: Vec<_> = open_requests(&w, &s)
        .await
        .into_iter()
        .filter(|a| a.body == "approver_group")
        .collect();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].id, group.id);

    // Shown as not compliant on its page, its governance page and the working group's overview.
    for path in [
        format!("/en/staff/systems/{}", s.id),
        format!("/en/staff/systems/{}/governance", s.id),
    ] {
        let page = w.page(&path, &asker.cookie).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            page.text.contains("Not compliant with the policy"),
            "{path}: {}",
            page.text
        );
        assert!(
            page.text.contains("Data protection impact assessment") || page.text.contains("DPIA"),
            "{path}"
        );
    }
    let group_member = w.sign_in("group@kainuu.example").await;
    let overview = w
        .page("/en/staff/orgs/kainuu/governance", &group_member.cookie)
        .await;
    assert_eq!(overview.status, StatusCode::OK);
    let section = overview
        .text
        .split("In use without all the policy asks")
        .nth(1)
        .expect("the overview has the section")
        .split("</section>")
        .next()
        .unwrap()
        .to_string();
    assert!(section.contains("(1)"), "{section}");
    assert!(section.contains("Hakemusten esikäsittely"), "{section}");

    // Another member of the group approves; the record stays flagged until the rest is met.
    let approver = w.sign_in(&c.approver.user.email).await;
    assert_eq!(
        decide(&w, &approver, group.id, 1).await.status,
        StatusCode::SEE_OTHER
    );
    let api = w
        .get_with(&format!("/api/v1/systems/{}", s.id), token)
        .await;
    assert_eq!(api.json()["compliance"]["compliant"], false);
    assert_eq!(
        api.json()["compliance"]["missing"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}
