//! The public pages beyond the register: an organisation's page and its AI policy, the
//! accessibility statement and the privacy notice (which the platform admin writes), and the
//! impact assessments a record's page names.

use axum::http::StatusCode;

use aireg_domain::Lang;
use aireg_domain::person::NewUser;
use aireg_domain::policy::{Action, Actor, Resource, authorize};

use crate::harness::{PASSWORD, World};

#[tokio::test]
async fn an_organisation_has_a_public_page_with_its_systems_and_policy() {
    let w = World::new().await;
    let page = w.get("/fi/orgs/kajaani").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Neuvontabotti"), "its published record");
    assert!(!page.text.contains(&w.draft.id.to_string()), "no drafts");
    assert!(page.text.contains("/fi/orgs/kajaani/policy"), "its policy");
    assert!(
        page.text.contains("systems.csv?org=kajaani"),
        "its open data"
    );
    let policy = w.get("/sv/orgs/kajaani/policy").await;
    assert_eq!(policy.status, StatusCode::OK);
    assert!(policy.text.contains("<h1>"), "{}", policy.text);
    assert!(!policy.text.contains("csrf"), "no staff forms");
    assert_eq!(
        w.get("/fi/orgs/nowhere").await.status,
        StatusCode::NOT_FOUND
    );
    // The record's page names its organisation's page.
    let record = w.get(&format!("/en/systems/{}", w.published.id)).await;
    assert!(record.text.contains("/en/orgs/kajaani"));
    assert!(
        record
            .text
            .contains("No impact assessment of this use has been completed.")
    );
}

#[tokio::test]
async fn the_platform_admin_writes_the_accessibility_statement_in_each_language() {
    let w = World::new().await;
    // The built-in text until then, linked from every page.
    let page = w.get("/sv/accessibility").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("<h1>Tillgänglighetsredogörelse</h1>"));
    assert!(page.text.contains("DIGG"));
    assert!(w.get("/fi/").await.text.contains("href=\"/fi/privacy\""));

    // An organisation's admin may not write it.
    let admin = w.sign_in("admin@kajaani.example").await;
    let refused = w
        .post_form(
            "/fi/staff/site-texts/accessibility",
            &admin,
            &[("body_fi", "Ei näin.")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let platform = authorize(
        &Actor::command_line("test"),
        Action::AdministerPlatform,
        Resource::Platform,
    )
    .unwrap();
    let hash = aireg_service::secrets::hash_password(PASSWORD.into())
        .await
        .unwrap();
    w.store()
        .create_user(
            &platform,
            NewUser {
                email: "root@aireg.example".into(),
                name: "Platform Admin".into(),
                language: Lang::Fi,
                platform_admin: true,
            },
            &hash,
        )
        .await
        .unwrap();
    let root = w.sign_in("root@aireg.example").await;
    let form = w
        .page("/en/staff/site-texts/accessibility", &root.cookie)
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let saved = w
        .post_form(
            "/en/staff/site-texts/accessibility",
            &root,
            &[
                (
                    "body_fi",
                    "Arvioitu 1.12.2026.\n\nPalaute: saavutettavuus@kunta.example",
                ),
                ("body_sv", ""),
                ("body_en", "Assessed on 1 December 2026."),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text);
    let fi = w.get("/fi/accessibility").await.text;
    assert!(
        fi.contains("<p class=\"prewrap\">Arvioitu 1.12.2026.</p>"),
        "{fi}"
    );
    assert!(fi.contains("saavutettavuus@kunta.example"));
    assert!(
        !fi.contains("aluehallintoviraston"),
        "the admin's text replaces the built-in one"
    );
    // The language left empty keeps the built-in text.
    assert!(w.get("/sv/accessibility").await.text.contains("DIGG"));
    // Too long a text is named and nothing is lost.
    let long = "x".repeat(20_001);
    let refused = w
        .post_form(
            "/en/staff/site-texts/accessibility",
            &root,
            &[("body_fi", &long), ("body_en", "Kept")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text.contains(&long), "the input is kept");
    assert!(
        w.get("/fi/accessibility")
            .await
            .text
            .contains("Arvioitu 1.12.2026.")
    );
    assert!(
        w.get("/en/accessibility")
            .await
            .text
            .contains("Assessed on 1 December 2026."),
        "no language was saved"
    );
}

/// Staff import a file from a page: a trial run's report first, saved only when confirmed.
#[tokio::test]
async fn records_are_imported_from_a_page_after_a_trial_run() {
    let w = World::new().await;
    let editor = w.sign_in("editor@kajaani.example").await;
    let form = w.page("/en/staff/import", &editor.cookie).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text.contains("value=\"kajaani\""));
    assert!(
        !form.text.contains("value=\"avesta\""),
        "only their own organisations"
    );
    let template = w
        .page("/en/staff/import/template.csv", &editor.cookie)
        .await;
    assert!(
        template
            .text
            .trim_start_matches('\u{feff}')
            .starts_with("id,url,organisation")
    );

    let good = "name_fi,summary_fi,description_public_fi,purpose_fi,contact_email,lifecycle\r\n\
                Tuotu järjestelmä,Yhteenveto,Kuvaus,Tarkoitus,tuki@kajaani.example,planning\r\n\
                Toinen tuotu,Yhteenveto,Kuvaus,Tarkoitus,tuki@kajaani.example,sometime\r\n";
    let trial = w
        .post_multipart(
            "/en/staff/import",
            &editor,
            &[("org", "kajaani"), ("format", "csv")],
            &[("file", "records.csv", good.as_bytes())],
        )
        .await;
    assert_eq!(
        trial.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a row has a problem"
    );
    assert!(trial.text.contains("Tuotu järjestelmä"));
    assert!(trial.text.contains("would be created"));
    assert!(
        trial.text.contains("<strong>lifecycle</strong>"),
        "{}",
        trial.text
    );
    assert!(trial.text.contains("Import the rows without problems"));
    let list = w.page("/fi/staff/systems", &editor.cookie).await;
    assert!(
        !list.text.contains("Tuotu järjestelmä"),
        "nothing saved by the trial run"
    );

    // Confirming carries the same file back.
    let data = trial
        .text
        .split("name=\"data\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let done = w
        .post_multipart(
            "/en/staff/import",
            &editor,
            &[
                ("org", "kajaani"),
                ("format", "csv"),
                ("data", &data),
                ("confirm", "partial"),
            ],
            &[],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    assert!(done.text.contains("The import was saved."), "{}", done.text);
    let list = w.page("/fi/staff/systems", &editor.cookie).await;
    assert!(list.text.contains("Tuotu järjestelmä"));
    assert!(
        !list.text.contains("Toinen tuotu"),
        "the refused row was not saved"
    );

    // No file, no format: named.
    let empty = w
        .post_multipart("/en/staff/import", &editor, &[("org", "kajaani")], &[])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text.contains("error-summary"));
}
