//! Staff use of AI tools: "may I use this tool with this data?" on the page and in the API,
//! the request for a tool the catalogue lacks, the disclosure statement, and who may see a
//! catalogue the policy does not publish.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};

use aireg_domain::person::Role;
use aireg_store::PageRequest;

use crate::harness::{PASSWORD, World, person};

/// Asks the API in a language, with a token or without.
async fn ask(
    w: &World,
    org: &str,
    lang: &str,
    token: Option<&str>,
    body: Value,
) -> crate::harness::Reply {
    let mut req = Request::post(format!("/api/v1/orgs/{org}/may-i-use"))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT_LANGUAGE, lang);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    w.send(req.body(Body::from(body.to_string())).unwrap())
        .await
}

#[tokio::test]
async fn a_member_of_any_role_asks_which_tools_they_may_use() {
    let w = World::new().await;
    // A viewer, no part in governance: the way in leads to her organisation's catalogue.
    let viewer = w.sign_in(&w.kajaani_viewer.user.email).await;
    let way_in = w.page("/fi/staff/ai-tools", &viewer.cookie).await;
    assert_eq!(way_in.status, StatusCode::SEE_OTHER);
    assert_eq!(way_in.header("location"), "/fi/orgs/kajaani/ai-tools");

    let page = w.page("/fi/orgs/kajaani/ai-tools", &viewer.cookie).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Hyväksytyt työkalut"), "approved tools");
    assert!(
        page.text.contains("Työkalut, joita ei saa käyttää"),
        "blocked tools"
    );
    assert!(page.text.contains("Salassa pidettävä"), "Finland's classes");

    // Asked on the page (a GET: asking changes nothing).
    let no = w
        .page(
            "/fi/orgs/kajaani/ai-tools?tool=ChatGPT&data_class=confidential&purpose=",
            &viewer.cookie,
        )
        .await;
    assert_eq!(no.status, StatusCode::OK);
    assert!(no.text.contains("Ei: ChatGPT"), "{}", no.text);
    assert!(
        no.text.contains("kohdat 7b ja 9"),
        "the policy's section is cited"
    );
    let yes = w
        .page(
            "/fi/orgs/kajaani/ai-tools?tool=chat+gpt&data_class=public",
            &viewer.cookie,
        )
        .await;
    assert!(yes.text.contains("Kyllä, ehdoin: ChatGPT"), "{}", yes.text);
    // A tool known but not approved can be asked for by the organisation's people, not by
    // residents or others, and a blocked one is no at all.
    assert!(yes.text.contains("ai-tools/request"), "offered to a member");
    assert!(
        !w.get("/fi/orgs/kajaani/ai-tools?tool=ChatGPT&data_class=public")
            .await
            .text
            .contains("ai-tools/request")
    );
    let outsider = w.sign_in(&w.avesta_editor.user.email).await;
    assert!(
        !w.page(
            "/fi/orgs/kajaani/ai-tools?tool=ChatGPT&data_class=public",
            &outsider.cookie
        )
        .await
        .text
        .contains("ai-tools/request")
    );
    let blocked = w
        .page(
            "/fi/orgs/kajaani/ai-tools?tool=Otter&data_class=public",
            &viewer.cookie,
        )
        .await;
    assert!(
        blocked.text.contains("ei saa käyttää työssä lainkaan"),
        "{}",
        blocked.text
    );

    // A bad question names its field in the reader's language.
    let bad = w
        .page(
            "/fi/orgs/kajaani/ai-tools?tool=&data_class=secret",
            &viewer.cookie,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text.contains("Työkalu"), "{}", bad.text);
    assert!(bad.text.contains("Tiedot"), "{}", bad.text);
}

#[tokio::test]
async fn the_api_answers_with_reasons_and_sources_in_the_callers_language() {
    let w = World::new().await;
    let tools = w
        .get_with("/api/v1/orgs/kajaani/ai-tools", &w.kajaani_viewer.token)
        .await;
    assert_eq!(tools.status, StatusCode::OK);
    let tools = tools.json();
    assert_eq!(tools["policy"], "kainuu");
    let ids: Vec<&str> = tools["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"chatgpt") && ids.contains(&"copilot_work"),
        "{ids:?}"
    );
    let classes = w.get("/api/v1/orgs/kajaani/data-classes").await.json();
    assert_eq!(classes["country"], "FI");
    assert_eq!(classes["classes"][0]["id"], "public");
    let sv = w.get("/api/v1/orgs/avesta/data-classes").await.json();
    assert_eq!(sv["country"], "SE");
    assert_eq!(sv["classes"][0]["id"], "open");

    // Kainuu: an openly available tool with personal or sensitive data is no; public, yes
    // on conditions. The name is matched whatever its case and spacing.
    let no = ask(
        &w,
        "kajaani",
        "sv",
        None,
        json!({"tool": "CHAT gpt", "data_class": "confidential"}),
    )
    .await;
    assert_eq!(no.status, StatusCode::OK, "{}", no.text);
    let no = no.json();
    assert_eq!(no["answer"], "no");
    assert_eq!(no["tool_id"], "chatgpt");
    let reasons = no["reasons"].as_array().unwrap();
    assert!(!reasons.is_empty());
    assert!(
        reasons
            .iter()
            .all(|r| !r["text"].as_str().unwrap().is_empty())
    );
    assert!(
        reasons[0]["text"]
            .as_str()
            .unwrap()
            .contains("Sekretessbelagd"),
        "in Swedish: {reasons:?}"
    );
    assert!(
        reasons[0]["source"].as_str().unwrap().contains("7"),
        "{reasons:?}"
    );
    let ok = ask(
        &w,
        "kajaani",
        "en",
        None,
        json!({"tool": "ChatGPT", "data_class": "public"}),
    )
    .await
    .json();
    assert_eq!(ok["answer"], "conditional");

    // Avesta: a public AI service with internal information is no; an unknown one too.
    let avesta = ask(
        &w,
        "avesta",
        "sv",
        None,
        json!({"tool": "Gemini", "data_class": "internal"}),
    )
    .await
    .json();
    assert_eq!(avesta["answer"], "no");
    let unknown = ask(
        &w,
        "avesta",
        "en",
        None,
        json!({"tool": "Some New AI", "data_class": "internal"}),
    )
    .await
    .json();
    assert_eq!(unknown["answer"], "no");
    assert_eq!(unknown["tool_id"], Value::Null);
    assert!(
        unknown["reasons"]
            .to_string()
            .contains("not in the organisation's catalogue"),
        "{unknown}"
    );

    // A forbidden use is no whatever the tool: Tampere's deep fakes are tested in the rules;
    // here the refusal of bad questions.
    ask(
        &w,
        "kajaani",
        "en",
        None,
        json!({"tool": " ", "data_class": "public"}),
    )
    .await
    .assert_problem(422, Some("tool"));
    ask(
        &w,
        "kajaani",
        "en",
        None,
        json!({"tool": "ChatGPT", "data_class": "salainen"}),
    )
    .await
    .assert_problem(422, Some("data_class"));
    ask(
        &w,
        "kajaani",
        "en",
        None,
        json!({"tool": "ChatGPT", "data_class": "public", "extra": 1}),
    )
    .await
    .assert_problem(422, Some("extra"));
    ask(
        &w,
        "nowhere",
        "en",
        None,
        json!({"tool": "ChatGPT", "data_class": "public"}),
    )
    .await
    .assert_problem(404, None);
    // A token that is not one is refused, not taken for a resident.
    ask(
        &w,
        "kajaani",
        "en",
        Some("not-a-token"),
        json!({"tool": "ChatGPT", "data_class": "public"}),
    )
    .await
    .assert_problem(401, None);
}

#[tokio::test]
async fn an_unknown_tool_can_be_asked_for_and_becomes_a_draft_for_the_approvers() {
    let w = World::new().await;
    let hash = aireg_service::secrets::hash_password(PASSWORD.into())
        .await
        .unwrap();
    let approver = person(
        w.store(),
        "approver@kajaani.example",
        &[(&w.kajaani, Role::Approver)],
        &hash,
    )
    .await;
    let viewer = w.sign_in(&w.kajaani_viewer.user.email).await;
    let page = w
        .page(
            "/fi/orgs/kajaani/ai-tools?tool=Kielikone+X&data_class=internal",
            &viewer.cookie,
        )
        .await;
    assert!(page.text.contains("Ei: Kielikone X"), "{}", page.text);
    assert!(
        page.text.contains("Pyydä lisäämään Kielikone X"),
        "the request is offered"
    );

    // Without a purpose the request comes back with the error and what was typed.
    let refused = w
        .post_form(
            "/fi/orgs/kajaani/ai-tools/request",
            &viewer,
            &[("tool", "Kielikone X"), ("purpose", " ")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains("Mihin"), "{}", refused.text);
    // An approved tool needs no request.
    let approved = w
        .post_form(
            "/fi/orgs/kajaani/ai-tools/request",
            &viewer,
            &[("tool", "Microsoft 365 Copilot"), ("purpose", "Muistiot")],
        )
        .await;
    assert_eq!(approved.status, StatusCode::CONFLICT, "{}", approved.text);

    let asked = w
        .post_form(
            "/fi/orgs/kajaani/ai-tools/request",
            &viewer,
            &[
                ("tool", "Kielikone X"),
                ("purpose", "Kirjastotiedotteiden käännökset"),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.text);
    let location = asked.header("location");
    assert!(location.ends_with("?done=ai-tool-requested"), "{location}");
    // Asked again (spelt otherwise): the same draft, and no second mail.
    let again = w
        .post_form(
            "/fi/orgs/kajaani/ai-tools/request",
            &viewer,
            &[("tool", "kielikone x"), ("purpose", "Sama uudelleen")],
        )
        .await;
    assert_eq!(again.header("location"), location);
    let shown = w.page(&location, &viewer.cookie).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.text.contains("Kielikone X"));
    assert!(shown.text.contains("Pyyntösi tallennettiin"), "the notice");

    // A draft idea in Kajaani's register, by the viewer; the approvers were told.
    let scope =
        aireg_domain::policy::ReadScope::for_actor(&aireg_domain::policy::Actor::command_line("t"));
    let list = w
        .store()
        .systems(
            &scope,
            &aireg_store::SystemFilter {
                text: Some("Kielikone".into()),
                ..Default::default()
            },
            PageRequest::new(1, 10),
        )
        .await
        .unwrap();
    assert_eq!(list.items.len(), 1);
    let draft = &list.items[0];
    assert_eq!(draft.org_id, w.kajaani.id);
    assert_eq!(draft.publication, aireg_domain::system::Publication::Draft);
    assert_eq!(
        draft.record.lifecycle,
        aireg_domain::system::Lifecycle::Idea
    );
    let history = w.store().system_history(&scope, draft.id).await.unwrap();
    assert_eq!(history[0].changed_by, Some(w.kajaani_viewer.user.id));
    let mails = w.store().jobs("").await.unwrap();
    let to_approver: Vec<_> = mails
        .iter()
        .filter(|j| j.payload["to"] == approver.user.email.as_str())
        .collect();
    assert_eq!(to_approver.len(), 1, "{mails:?}");
    assert!(
        to_approver[0].payload["text"]
            .as_str()
            .unwrap()
            .contains("Kirjastotiedotteiden käännökset")
    );
    // A viewer still cannot register records of her own.
    let direct = w
        .json(
            "POST",
            "/api/v1/systems",
            Some(&w.kajaani_viewer.token),
            &json!({"organisation": "kajaani", "record": {"name": {"fi": "x"}}}),
        )
        .await;
    direct.assert_problem(403, None);
}

#[tokio::test]
async fn the_disclosure_statement_follows_the_organisations_policy() {
    let w = World::new().await;
    // Avesta: the AI engine and the date of the search as the source.
    let page = w
        .get("/sv/orgs/avesta/ai-tools/disclosure?tool=chatgpt&date=2026-12-05&what=Sammanfattning&person=Lars+Eriksson&statement_lang=sv")
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let statement = page
        .text
        .split("class=\"statement\"")
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .expect("a statement");
    assert!(
        statement.contains("ChatGPT"),
        "as the catalogue spells it: {statement}"
    );
    assert!(
        !page.text.contains("id=\"what\"") && !page.text.contains("id=\"person\""),
        "Avesta's statement names the engine and the date only"
    );
    assert_eq!(
        page.header("cache-control"),
        "no-store",
        "today's date is its default"
    );
    assert!(statement.contains("Källa"), "{statement}");
    assert!(
        statement.contains("2026") && statement.contains("12"),
        "{statement}"
    );
    assert!(
        page.text
            .contains("&#60;p class=&#34;ai-disclosure&#34; lang=&#34;sv&#34;&#62;Källa"),
        "the HTML snippet, escaped once for the text area"
    );
    // Kainuu: the responsible person is named.
    let fi = w
        .get("/fi/orgs/kajaani/ai-tools/disclosure?tool=Copilot&date=2026-12-05&what=Tiivistelm%C3%A4&person=Riikka+P&statement_lang=fi")
        .await;
    assert!(fi.text.contains("Riikka P"), "{}", fi.text);
    let bad = w
        .get("/fi/orgs/kajaani/ai-tools/disclosure?tool=Copilot&date=5.12.&what=&person=x")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Residents can read how staff use AI.
    let explained = w.get("/en/orgs/avesta/ai-use").await;
    assert_eq!(explained.status, StatusCode::OK);
    assert!(explained.text.contains("<h1>How "), "{}", explained.text);
}

#[tokio::test]
async fn a_catalogue_the_policy_keeps_internal_is_for_the_organisations_people_only() {
    let mut w = World::new().await;
    let mut content = aireg_rules::Content::embedded().unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/policies/");
    let files: Vec<(String, String)> = ["kainuu.toml", "tampere-region.toml", "avesta.toml"]
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(format!("{path}{f}")).unwrap();
            (
                f.to_string(),
                text.replacen("publish = true", "publish = false", 1),
            )
        })
        .collect();
    content.policies = aireg_rules::policy::Policies::from_sources(
        files.iter().map(|(f, t)| (f.as_str(), t.as_str())),
    )
    .unwrap();
    w.app = w.app_with_content(content);

    for path in [
        "/fi/orgs/kajaani/ai-tools",
        "/fi/orgs/kajaani/ai-tools/disclosure",
        "/api/v1/orgs/kajaani/ai-tools",
        "/api/v1/orgs/kajaani/data-classes",
    ] {
        assert_eq!(w.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
        let outsider = w.get_with(path, &w.avesta_editor.token).await;
        if path.starts_with("/api") {
            assert_eq!(outsider.status, StatusCode::NOT_FOUND, "{path}");
        }
    }
    ask(
        &w,
        "kajaani",
        "en",
        None,
        json!({"tool": "ChatGPT", "data_class": "public"}),
    )
    .await
    .assert_problem(404, None);
    ask(
        &w,
        "kajaani",
        "en",
        Some(&w.avesta_editor.token),
        json!({"tool": "ChatGPT", "data_class": "public"}),
    )
    .await
    .assert_problem(404, None);
    // Kajaani's own people, of any role, and the region's.
    for token in [&w.kajaani_viewer.token, &w.working_group.token] {
        let r = ask(
            &w,
            "kajaani",
            "en",
            Some(token),
            json!({"tool": "ChatGPT", "data_class": "public"}),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
    let viewer = w.sign_in(&w.kajaani_viewer.user.email).await;
    assert_eq!(
        w.page("/fi/orgs/kajaani/ai-tools", &viewer.cookie)
            .await
            .status,
        StatusCode::OK
    );
    // What residents are told of staff use stays public.
    assert_eq!(
        w.get("/fi/orgs/kajaani/ai-use").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_procured_systems_contract_gaps_show_on_its_governance_page() {
    let w = World::new().await;
    let mut bought = crate::harness::record("Hankittu chatbot", aireg_domain::Lang::Fi);
    bought.vendor = Some("Esimerkki Oy".into());
    let s = crate::harness::create_system(w.store(), &w.kajaani, bought, false).await;
    let editor = w.sign_in(&w.kajaani_editor.user.email).await;
    let governance = format!("/fi/staff/systems/{}/governance", s.id);
    let page = w.page(&governance, &editor.cookie).await;
    assert!(page.text.contains("Hankintasopimus"), "{}", page.text);
    assert!(
        page.text.contains("MCC-AI-Light"),
        "not high-risk: the light clauses"
    );
    assert!(page.text.contains("/assessments/mcc_ai_light"));

    // The contract has the risk management clause? No: a gap.
    let saved = w
        .post_form(
            &format!("/fi/staff/systems/{}/assessments/mcc_ai_light", s.id),
            &editor,
            &[
                ("version", "0"),
                ("action", "save"),
                ("q.system_name", "Hankittu chatbot"),
                ("q.risk_management", "not_included"),
                ("q.data_governance", "included"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let page = w.page(&governance, &editor.cookie).await;
    let section = page
        .text
        .split("id=\"procurement-heading\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap();
    assert!(
        section.contains("Yksi ehto tai liite puuttuu sopimuksesta"),
        "{section}"
    );
    assert!(section.contains("Ei sisälly"), "{section}");
    // A record made in-house (no vendor, product or procurement route) has no such section.
    let mut own = crate::harness::record("Oma malli", aireg_domain::Lang::Fi);
    own.vendor = None;
    let own = crate::harness::create_system(w.store(), &w.kajaani, own, false).await;
    let page = w
        .page(
            &format!("/fi/staff/systems/{}/governance", own.id),
            &editor.cookie,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text.contains("procurement-heading"));
}

#[tokio::test]
async fn a_privacy_incident_shows_the_72_hour_breach_deadline() {
    use aireg_domain::governance::{IncidentKind, NewIncident};
    use aireg_domain::policy::{Action, Actor, Resource, authorize};
    let w = World::new().await;
    let report = authorize(
        &Actor::command_line("t"),
        Action::ReportIncident,
        Resource::system(&w.draft),
    )
    .unwrap();
    let aware = time::macros::datetime!(2026-12-01 08:00 UTC);
    let incident = w
        .store()
        .report_incident(
            &report,
            w.draft.id,
            NewIncident {
                kind: IncidentKind::Privacy,
                title: "Henkilötietoja vastauksessa".into(),
                description: "Botti näytti toisen asukkaan osoitteen.".into(),
                serious: None,
                aware_at: Some(aware),
            },
            vec![],
            vec![],
        )
        .await
        .unwrap();
    let editor = w.sign_in(&w.kajaani_editor.user.email).await;
    let page = w
        .page(
            &format!("/en/staff/incidents/{}", incident.id),
            &editor.cookie,
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text
            .contains("If personal data was breached: 72 hours"),
        "{}",
        page.text
    );
    assert!(page.text.contains("GDPR art. 33(1)"));
    assert!(
        page.text.contains("Deadline passed"),
        "four days ago: {}",
        page.text
    );
    // Not a serious incident of a high-risk system: no art. 26(5) step.
    assert!(!page.text.contains("inform the provider first"));
    // An error report has no breach deadline.
    let other = w
        .page(
            &format!("/en/staff/incidents/{}", w.incident),
            &editor.cookie,
        )
        .await;
    assert!(!other.text.contains("72 hours"));
}

#[tokio::test]
async fn usage_figures_never_show_a_tool_of_three_users_directly_or_by_difference() {
    let w = World::new().await;
    let services = aireg_service::Services::new(
        w.db.store.clone(),
        std::sync::Arc::new(aireg_rules::Content::embedded().unwrap()),
        std::sync::Arc::new(aireg_domain::clock::SystemClock),
        aireg_service::Outbox::new("http://localhost"),
    );
    // Last month twelve people used Copilot and three Gemini. (A month still running is not
    // published: its figures would change.)
    let today = aireg_domain::clock::now().date();
    let last = today.replace_day(1).unwrap() - time::Duration::days(1);
    let this = aireg_domain::usage::month_of(last);
    let mut file = String::from("date,user,tool,count\n");
    for i in 0..12 {
        file.push_str(&format!(
            "{this}-01,person{i}@kajaani.fi,Microsoft 365 Copilot,{}\n",
            i + 1
        ));
    }
    for i in 0..3 {
        file.push_str(&format!("{this}-02,person{i}@kajaani.fi,Gemini,5\n"));
    }
    // An editor may not import figures; the organisation's admin may.
    let editor = aireg_domain::policy::Actor::person(
        &w.kajaani_editor.user,
        &[aireg_domain::person::Membership {
            user_id: w.kajaani_editor.user.id,
            org_id: w.kajaani.id,
            role: Role::Editor,
        }],
        &w.store().org_tree().await.unwrap(),
    );
    assert!(matches!(
        services
            .import_usage(&editor, "kajaani", file.as_bytes(), false, &|_| {})
            .await,
        Err(aireg_service::ServiceError::Forbidden)
    ));
    let cli = aireg_domain::policy::Actor::command_line("usage import");
    let counted = services
        .import_usage(&cli, "kajaani", file.as_bytes(), false, &|_| {})
        .await
        .unwrap();
    assert_eq!(counted.cells.len(), 2);

    let api = w.get("/api/v1/public/orgs/kajaani/usage").await;
    assert_eq!(api.status, StatusCode::OK);
    let api = api.json();
    assert_eq!(api["min_users"], 10);
    assert_eq!(api["suppressed_cells"], 1);
    let figures = api["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 1, "{api}");
    assert_eq!(
        figures[0]["tool"], "copilot_work",
        "named by the Kainuu catalogue"
    );
    assert_eq!(figures[0]["users"], 12);
    assert_eq!(figures[0]["uses"], 78);
    let text = api.to_string();
    assert!(
        !text.contains("Gemini") && !text.contains("gemini"),
        "{text}"
    );
    assert!(!text.contains("person"), "no user");
    // Nothing published is a total from which the three could be subtracted.
    assert!(
        !text.contains("\"users\":15") && !text.contains("\"total"),
        "{text}"
    );
    let page = w.get("/fi/orgs/kajaani").await;
    assert!(page.text.contains("Henkilöstön tekoälyn käyttö lukuina"));
    assert!(page.text.contains("<td>12</td>"), "{}", page.text);
    assert!(!page.text.contains("Gemini"));
    assert!(
        page.text
            .contains("Yhtä lukua, jossa on vähemmän henkilöitä, ei näytetä.")
    );
    // The stored figures hold counts only.
    let stored = w.store().usage(w.kajaani.id, "2000-01").await.unwrap();
    assert!(
        serde_json::to_string(&stored)
            .unwrap()
            .find("person")
            .is_none()
    );
}
