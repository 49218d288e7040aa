//! Every route refuses outsiders: anonymous visitors, and people of another organisation.
//!
//! The API routes are taken from the OpenAPI document, so a new endpoint is covered the moment
//! it is mounted. The page routes are listed here, and a test checks that the list names every
//! route the page router declares.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;

use crate::harness::World;

/// Each API operation by an anonymous caller and by Avesta's editor, aimed at Kajaani's draft.
#[tokio::test]
async fn every_api_operation_refuses_outsiders() {
    let w = World::new().await;
    let doc = w.get("/api/v1/openapi.json").await.json();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let concrete = path
                .replace("{id}", &w.draft.id.to_string())
                .replace("{slug}", "kajaani")
                .replace(
                    "{file}",
                    if path.contains("/standards/") {
                        "nl-algoritmeregister.json"
                    } else {
                        "systems.csv"
                    },
                );
            // A body that would be valid for the operation, so only authorization can refuse it.
            let body = match (method.as_str(), path.as_str()) {
                ("post", "/api/v1/systems") => {
                    json!({"organisation": "kajaani", "record": {"name": {"fi": "x"}}})
                }
                ("put", _) => json!({"version": 1, "record": {"name": {"fi": "x"}}}),
                ("post", p) if p.ends_with("/transitions") => json!({"to": "retired"}),
                ("post", p) if p.ends_with("/classifications") => {
                    json!({"facts": {"ai_system": true, "roles": ["deployer"]}})
                }
                ("post", p) if p.ends_with("/may-i-use") => {
                    json!({"tool": "ChatGPT", "data_class": "public"})
                }
                _ => json!({}),
            };
            let secured = op.get("security").is_some();
            let method = method.to_uppercase();
            let anonymous = w.json(&method, &concrete, None, &body).await;
            let outsider = w
                .json(&method, &concrete, Some(&w.avesta_editor.token), &body)
                .await;
            if secured && method == "GET" && !path.contains("{id}") {
                // A list: the outsider gets their own organisation's records, none of Kajaani's.
                anonymous.assert_problem(401, None);
                assert_eq!(outsider.status, StatusCode::OK);
                assert!(!outsider.text.contains(&w.draft.id.to_string()));
                assert!(!outsider.text.contains(&w.published.id.to_string()));
            } else if secured {
                anonymous.assert_problem(401, None);
                assert!(
                    matches!(outsider.status.as_u16(), 403 | 404),
                    "{method} {path} by another organisation's editor: {} {}",
                    outsider.status,
                    outsider.text
                );
            } else {
                // Public operations: a draft stays invisible whoever asks.
                for r in [&anonymous, &outsider] {
                    if path.contains("{id}") {
                        r.assert_problem(404, None);
                    } else {
                        assert_eq!(r.status, StatusCode::OK);
                        assert!(!r.text.contains(&w.draft.id.to_string()));
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 9,
        "the document lists the operations ({checked})"
    );
    // Nothing any of that did reached Kajaani's draft.
    let draft = w
        .get_with(
            &format!("/api/v1/systems/{}", w.draft.id),
            &w.kajaani_editor.token,
        )
        .await
        .json();
    assert_eq!(draft["version"], 1);
    assert_eq!(draft["publication"], "draft");
    // And the outsider's list holds Avesta's records only.
    let list = w
        .get_with("/api/v1/systems", &w.avesta_editor.token)
        .await
        .json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], w.avesta_draft.id.to_string());
}

#[tokio::test]
async fn roles_limit_what_a_member_may_do() {
    let w = World::new().await;
    let viewer = Some(w.kajaani_viewer.token.as_str());
    let id = w.draft.id;
    // A viewer reads but may not change.
    assert_eq!(
        w.get_with(
            &format!("/api/v1/systems/{id}"),
            w.kajaani_viewer.token.as_str()
        )
        .await
        .status,
        StatusCode::OK
    );
    w.json(
        "POST",
        "/api/v1/systems",
        viewer,
        &json!({"organisation": "kajaani", "record": {"name": {"fi": "x"}}}),
    )
    .await
    .assert_problem(403, None);
    w.json(
        "PUT",
        &format!("/api/v1/systems/{id}"),
        viewer,
        &json!({"version": 1, "record": {"name": {"fi": "x"}}}),
    )
    .await
    .assert_problem(403, None);
    w.json(
        "POST",
        &format!("/api/v1/systems/{id}/publish"),
        viewer,
        &json!({}),
    )
    .await
    .assert_problem(403, None);
    // Creating in another organisation is forbidden even for an editor.
    w.json(
        "POST",
        "/api/v1/systems",
        Some(&w.avesta_editor.token),
        &json!({"organisation": "kajaani", "record": {"name": {"fi": "x"}}}),
    )
    .await
    .assert_problem(403, None);
    // The region's AI working group reads every member's records, drafts too, but edits none.
    let group = w.working_group.token.as_str();
    let list = w.get_with("/api/v1/systems", group).await.json();
    assert_eq!(list["total"], 2);
    w.json(
        "PUT",
        &format!("/api/v1/systems/{id}"),
        Some(group),
        &json!({"version": 1, "record": {"name": {"fi": "x"}}}),
    )
    .await
    .assert_problem(403, None);
    w.get_with(&format!("/api/v1/systems/{}", w.avesta_draft.id), group)
        .await
        .assert_problem(404, None);
}

/// The page routes, with a concrete path each (Kajaani's draft, Kajaani's organisation).
fn page_routes(w: &World) -> Vec<(&'static str, &'static str, String)> {
    let id = w.draft.id;
    let token = "00000000-0000-7000-8000-000000000000";
    vec![
        ("GET", "/{lang}/staff", "/fi/staff".into()),
        ("GET", "/{lang}/staff/import", "/fi/staff/import".into()),
        ("POST", "/{lang}/staff/import", "/fi/staff/import".into()),
        (
            "GET",
            "/{lang}/staff/import/template.csv",
            "/fi/staff/import/template.csv".into(),
        ),
        (
            "GET",
            "/{lang}/staff/site-texts/{key}",
            "/fi/staff/site-texts/accessibility".into(),
        ),
        (
            "POST",
            "/{lang}/staff/site-texts/{key}",
            "/fi/staff/site-texts/privacy".into(),
        ),
        ("GET", "/{lang}/staff/systems", "/fi/staff/systems".into()),
        ("POST", "/{lang}/staff/systems", "/fi/staff/systems".into()),
        (
            "GET",
            "/{lang}/staff/systems/new",
            "/fi/staff/systems/new?org=kajaani".into(),
        ),
        (
            "GET",
            "/{lang}/staff/systems/{id}",
            format!("/fi/staff/systems/{id}"),
        ),
        (
            "GET",
            "/{lang}/staff/systems/{id}/edit",
            format!("/fi/staff/systems/{id}/edit"),
        ),
        (
            "POST",
            "/{lang}/staff/systems/{id}/edit",
            format!("/fi/staff/systems/{id}/edit"),
        ),
        (
            "POST",
            "/{lang}/staff/systems/{id}/publish",
            format!("/fi/staff/systems/{id}/publish"),
        ),
        (
            "POST",
            "/{lang}/staff/systems/{id}/withdraw",
            format!("/fi/staff/systems/{id}/withdraw"),
        ),
        (
            "GET",
            "/{lang}/staff/systems/{id}/history",
            format!("/fi/staff/systems/{id}/history"),
        ),
        ("GET", "/{lang}/staff/tokens", "/fi/staff/tokens".into()),
        ("POST", "/{lang}/staff/tokens", "/fi/staff/tokens".into()),
        (
            "POST",
            "/{lang}/staff/tokens/{id}/revoke",
            format!("/fi/staff/tokens/{token}/revoke"),
        ),
        (
            "GET",
            "/{lang}/staff/orgs/{slug}/members",
            "/fi/staff/orgs/kajaani/members".into(),
        ),
        (
            "POST",
            "/{lang}/staff/orgs/{slug}/members",
            "/fi/staff/orgs/kajaani/members".into(),
        ),
        (
            "POST",
            "/{lang}/staff/orgs/{slug}/members/remove",
            "/fi/staff/orgs/kajaani/members/remove".into(),
        ),
        (
            "POST",
            "/{lang}/staff/orgs/{slug}/members/disabled",
            "/fi/staff/orgs/kajaani/members/disabled".into(),
        ),
        (
            "GET",
            "/{lang}/staff/orgs/{slug}/sign-in",
            "/fi/staff/orgs/kajaani/sign-in".into(),
        ),
        (
            "POST",
            "/{lang}/staff/orgs/{slug}/sign-in",
            "/fi/staff/orgs/kajaani/sign-in".into(),
        ),
        (
            "POST",
            "/{lang}/staff/orgs/{slug}/sign-in/remove",
            "/fi/staff/orgs/kajaani/sign-in/remove".into(),
        ),
        ("GET", "/{lang}/staff/account", "/fi/staff/account".into()),
        (
            "GET",
            "/{lang}/staff/account/second-factor",
            "/fi/staff/account/second-factor".into(),
        ),
        (
            "POST",
            "/{lang}/staff/account/second-factor",
            "/fi/staff/account/second-factor".into(),
        ),
        (
            "POST",
            "/{lang}/staff/orgs/{slug}/second-factor",
            "/fi/staff/orgs/kajaani/second-factor".into(),
        ),
        (
            "POST",
            "/{lang}/staff/account/password",
            "/fi/staff/account/password".into(),
        ),
        (
            "POST",
            "/{lang}/staff/account/sessions",
            "/fi/staff/account/sessions".into(),
        ),
        (
            "POST",
            "/{lang}/staff/orgs/{slug}/tokens/{id}/revoke",
            format!("/fi/staff/orgs/kajaani/tokens/{token}/revoke"),
        ),
        ("POST", "/{lang}/logout", "/fi/logout".into()),
        (
            "GET",
            "/{lang}/staff/systems/{id}/classification",
            format!("/fi/staff/systems/{id}/classification"),
        ),
        (
            "GET",
            "/{lang}/staff/systems/{id}/classification/{run}",
            format!("/fi/staff/systems/{id}/classification/{token}"),
        ),
        (
            "GET",
            "/{lang}/staff/systems/{id}/classify",
            format!("/fi/staff/systems/{id}/classify"),
        ),
        (
            "POST",
            "/{lang}/staff/systems/{id}/classify",
            format!("/fi/staff/systems/{id}/classify"),
        ),
        (
            "GET",
            "/{lang}/staff/orgs/{slug}/obligations",
            "/fi/staff/orgs/kajaani/obligations".into(),
        ),
        (
            "POST",
            "/{lang}/staff/orgs/{slug}/obligations/{id}",
            format!("/fi/staff/orgs/kajaani/obligations/{token}"),
        ),
        ("GET", "/{lang}/staff/ai-act", "/fi/staff/ai-act".into()),
        (
            "POST",
            "/{lang}/staff/ai-act/apply",
            "/fi/staff/ai-act/apply".into(),
        ),
        (
            "GET",
            "/{lang}/staff/systems/{id}/governance",
            format!("/fi/staff/systems/{id}/governance"),
        ),
        (
            "POST",
            "/{lang}/staff/systems/{id}/transitions",
            format!("/fi/staff/systems/{id}/transitions"),
        ),
        (
            "POST",
            "/{lang}/staff/systems/{id}/approvals",
            format!("/fi/staff/systems/{id}/approvals"),
        ),
        (
            "POST",
            "/{lang}/staff/approvals/{id}",
            format!("/fi/staff/approvals/{}", w.approval),
        ),
        (
            "POST",
            "/{lang}/staff/systems/{id}/reviews",
            format!("/fi/staff/systems/{id}/reviews"),
        ),
        (
            "GET",
            "/{lang}/staff/systems/{id}/assessments/{template}",
            format!("/fi/staff/systems/{id}/assessments/dpia"),
        ),
        (
            "POST",
            "/{lang}/staff/systems/{id}/assessments/{template}",
            format!("/fi/staff/systems/{id}/assessments/dpia"),
        ),
        (
            "POST",
            "/{lang}/staff/assessments/{id}/sign",
            format!("/fi/staff/assessments/{}/sign", w.assessment),
        ),
        (
            "POST",
            "/{lang}/staff/assessments/{id}/comments",
            format!("/fi/staff/assessments/{}/comments", w.assessment),
        ),
        (
            "GET",
            "/{lang}/staff/systems/{id}/incidents/new",
            format!("/fi/staff/systems/{id}/incidents/new"),
        ),
        (
            "POST",
            "/{lang}/staff/systems/{id}/incidents",
            format!("/fi/staff/systems/{id}/incidents"),
        ),
        (
            "GET",
            "/{lang}/staff/incidents",
            "/fi/staff/incidents".into(),
        ),
        (
            "GET",
            "/{lang}/staff/incidents/{id}",
            format!("/fi/staff/incidents/{}", w.incident),
        ),
        (
            "POST",
            "/{lang}/staff/incidents/{id}",
            format!("/fi/staff/incidents/{}", w.incident),
        ),
        (
            "POST",
            "/{lang}/staff/incidents/{id}/notifications",
            format!("/fi/staff/incidents/{}/notifications", w.incident),
        ),
        (
            "GET",
            "/{lang}/staff/attachments/{id}",
            format!("/fi/staff/attachments/{}", w.attachment),
        ),
        ("GET", "/{lang}/staff/feedback", "/fi/staff/feedback".into()),
        (
            "POST",
            "/{lang}/staff/feedback/{id}",
            format!("/fi/staff/feedback/{}", w.feedback),
        ),
        (
            "GET",
            "/{lang}/staff/orgs/{slug}/policy",
            "/fi/staff/orgs/kajaani/policy".into(),
        ),
        (
            "POST",
            "/{lang}/staff/orgs/{slug}/policy/reviews",
            "/fi/staff/orgs/kajaani/policy/reviews".into(),
        ),
        (
            "GET",
            "/{lang}/staff/orgs/{slug}/governance",
            "/fi/staff/orgs/kajaani/governance".into(),
        ),
        ("GET", "/{lang}/staff/ai-tools", "/fi/staff/ai-tools".into()),
        (
            "GET",
            "/{lang}/staff/orgs/{slug}/governance/figures.csv",
            "/fi/staff/orgs/kajaani/governance/figures.csv".into(),
        ),
        (
            "GET",
            "/{lang}/staff/orgs/{slug}/governance/report.pdf",
            "/fi/staff/orgs/kajaani/governance/report.pdf?year=2026".into(),
        ),
        (
            "POST",
            "/{lang}/orgs/{slug}/ai-tools/request",
            "/fi/orgs/kajaani/ai-tools/request".into(),
        ),
    ]
}

/// Public page routes: open to all by design (feedback only on published records, tested in
/// `governance`).
const PUBLIC_PAGES: [&str; 23] = [
    "/",
    "/{lang}",
    "/{lang}/",
    "/{lang}/accessibility",
    "/{lang}/privacy",
    "/{lang}/orgs/{slug}",
    "/{lang}/orgs/{slug}/policy",
    // The AI tools catalogue, its answers and the disclosure statement are public where the
    // policy publishes them, else for the organisation's people (`ai_use` tests both).
    "/{lang}/orgs/{slug}/ai-use",
    "/{lang}/orgs/{slug}/ai-tools",
    "/{lang}/orgs/{slug}/ai-tools/disclosure",
    "/{lang}/open-data",
    "/{lang}/api",
    "/{lang}/systems/{id}",
    "/{lang}/systems/{id}/feedback",
    "/{lang}/login",
    // Signing in and the links sent by e-mail: the secret in the link (or the state bound to
    // the browser) is the authorization (`accounts`, `sso` test them).
    "/{lang}/login/sso",
    "/{lang}/login/code",
    "/sso/callback",
    "/{lang}/password-reset",
    "/{lang}/password-reset/{secret}",
    "/{lang}/invitations/{secret}",
    "/{lang}/invitations/{secret}/accept",
    "/healthz",
];

/// The governance routes `page_routes()` lists (kept here too, as the list needs a world).
const GOVERNANCE_ROUTES: [&str; 23] = [
    "/{lang}/staff/systems/{id}/governance",
    "/{lang}/staff/systems/{id}/transitions",
    "/{lang}/staff/systems/{id}/approvals",
    "/{lang}/staff/approvals/{id}",
    "/{lang}/staff/systems/{id}/reviews",
    "/{lang}/staff/systems/{id}/assessments/{template}",
    "/{lang}/staff/assessments/{id}/sign",
    "/{lang}/staff/assessments/{id}/comments",
    "/{lang}/staff/systems/{id}/incidents/new",
    "/{lang}/staff/systems/{id}/incidents",
    "/{lang}/staff/incidents",
    "/{lang}/staff/incidents/{id}",
    "/{lang}/staff/incidents/{id}/notifications",
    "/{lang}/staff/attachments/{id}",
    "/{lang}/staff/feedback",
    "/{lang}/staff/feedback/{id}",
    "/{lang}/staff/orgs/{slug}/policy",
    "/{lang}/staff/orgs/{slug}/policy/reviews",
    "/{lang}/staff/orgs/{slug}/governance",
    "/{lang}/staff/ai-tools",
    "/{lang}/orgs/{slug}/ai-tools/request",
    "/{lang}/staff/orgs/{slug}/governance/figures.csv",
    "/{lang}/staff/orgs/{slug}/governance/report.pdf",
];

#[test]
fn the_list_names_every_page_route() {
    let source = include_str!("../../src/html/mod.rs");
    let declared: Vec<&str> = source
        .split(".route(")
        .skip(1)
        .filter_map(|s| s.trim_start().strip_prefix('"')?.split('"').next())
        .collect();
    assert!(declared.len() > 15, "{declared:?}");
    let listed: Vec<&str> = vec![
        "/{lang}/staff",
        "/{lang}/staff/systems",
        "/{lang}/staff/systems/new",
        "/{lang}/staff/systems/{id}",
        "/{lang}/staff/systems/{id}/edit",
        "/{lang}/staff/systems/{id}/publish",
        "/{lang}/staff/systems/{id}/withdraw",
        "/{lang}/staff/systems/{id}/history",
        "/{lang}/staff/tokens",
        "/{lang}/staff/tokens/{id}/revoke",
        "/{lang}/staff/orgs/{slug}/members",
        "/{lang}/staff/orgs/{slug}/members/remove",
        "/{lang}/staff/orgs/{slug}/members/disabled",
        "/{lang}/staff/orgs/{slug}/sign-in",
        "/{lang}/staff/orgs/{slug}/sign-in/remove",
        "/{lang}/staff/account",
        "/{lang}/staff/account/password",
        "/{lang}/staff/account/sessions",
        "/{lang}/staff/account/second-factor",
        "/{lang}/staff/orgs/{slug}/second-factor",
        "/{lang}/staff/orgs/{slug}/tokens/{id}/revoke",
        "/{lang}/logout",
        "/{lang}/staff/systems/{id}/classification",
        "/{lang}/staff/systems/{id}/classification/{run}",
        "/{lang}/staff/systems/{id}/classify",
        "/{lang}/staff/orgs/{slug}/obligations",
        "/{lang}/staff/orgs/{slug}/obligations/{id}",
        "/{lang}/staff/ai-act",
        "/{lang}/staff/ai-act/apply",
        "/{lang}/staff/site-texts/{key}",
        "/{lang}/staff/import",
        "/{lang}/staff/import/template.csv",
    ];
    let w_routes = GOVERNANCE_ROUTES;
    for route in declared {
        let listed = [listed.as_slice(), w_routes.as_slice()].concat();
        assert!(
            listed.contains(&route) || PUBLIC_PAGES.contains(&route),
            "page route {route} has no outsider test: add it to page_routes()"
        );
    }
}

#[tokio::test]
async fn staff_pages_send_anonymous_visitors_to_sign_in() {
    let w = World::new().await;
    for (method, _, path) in page_routes(&w) {
        let req = Request::builder()
            .method(method)
            .uri(&path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from("csrf=x&name=x"))
            .unwrap();
        let r = w.send(req).await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "{method} {path}: {}",
            r.text
        );
        assert!(
            r.header("location").starts_with("/fi/login"),
            "{method} {path}"
        );
        if method == "GET" {
            assert!(r.header("location").contains("next="), "{method} {path}");
        }
    }
    // The draft is untouched.
    let draft = w
        .get_with(
            &format!("/api/v1/systems/{}", w.draft.id),
            &w.kajaani_editor.token,
        )
        .await
        .json();
    assert_eq!(draft["version"], 1);
}

#[tokio::test]
async fn staff_pages_refuse_another_organisations_people() {
    let w = World::new().await;
    let outsider = w.sign_in(&w.avesta_admin.user.email).await;
    for (method, route, path) in page_routes(&w) {
        if route == "/{lang}/logout" {
            continue;
        }
        let r = if method == "GET" {
            w.page(&path, &outsider.cookie).await
        } else if route == "/{lang}/staff/import" {
            w.post_multipart(
                &path,
                &outsider,
                &[("org", "kajaani"), ("format", "csv")],
                &[("file", "x.csv", b"name_fi\r\nKaapattu\r\n")],
            )
            .await
        } else if route == "/{lang}/staff/systems/{id}/incidents" {
            w.post_multipart(
                &path,
                &outsider,
                &[("kind", "error"), ("title", "x"), ("description", "x")],
                &[("attachments", "x.png", crate::harness::PNG)],
            )
            .await
        } else {
            w.post_form(
                &path,
                &outsider,
                &[
                    ("name.fi", "Kaapattu"),
                    ("version", "1"),
                    ("org", "kajaani"),
                    ("email", "x@y.example"),
                    ("role", "editor"),
                    ("user", &w.kajaani_editor.user.id.to_string()),
                ],
            )
            .await
        };
        // Their own lists and dashboards open, showing nothing of Kajaani's.
        let own_pages = [
            "/{lang}/staff",
            "/{lang}/staff/account",
            "/{lang}/staff/account/second-factor",
            "/{lang}/staff/systems",
            "/{lang}/staff/tokens",
            "/{lang}/staff/ai-act",
            "/{lang}/staff/incidents",
            "/{lang}/staff/feedback",
            "/{lang}/staff/import",
            "/{lang}/staff/import/template.csv",
        ];
        if own_pages.contains(&route) && method == "GET" {
            assert_eq!(r.status, StatusCode::OK, "{method} {path}");
            assert!(!r.text.contains("Luonnosjärjestelmä"), "{method} {path}");
            assert!(!r.text.contains("Väärä vastaus"), "{method} {path}");
            assert!(!r.text.contains("Miten tämä toimii"), "{method} {path}");
            continue;
        }
        if route == "/{lang}/staff/tokens"
            || route == "/{lang}/staff/account/password"
            || route == "/{lang}/staff/account/second-factor"
        {
            // Creating a token for oneself, or changing one's password, is one's own business
            // (refused here for what the form lacks).
            continue;
        }
        if route == "/{lang}/staff/ai-tools" {
            // The way in leads to one's own organisation's catalogue.
            assert_eq!(r.status, StatusCode::SEE_OTHER);
            assert_eq!(r.header("location"), "/fi/orgs/avesta/ai-tools");
            continue;
        }
        assert!(
            matches!(r.status.as_u16(), 403 | 404),
            "{method} {path} by Avesta's admin: {}",
            r.status
        );
    }
    let draft = w
        .get_with(
            &format!("/api/v1/systems/{}", w.draft.id),
            &w.kajaani_editor.token,
        )
        .await
        .json();
    assert_eq!(draft["version"], 1);
    assert_eq!(draft["publication"], "draft");
    // No new record appeared in Kajaani.
    let list = w
        .get_with("/api/v1/systems", &w.kajaani_editor.token)
        .await
        .json();
    assert_eq!(list["total"], 2);
}

#[tokio::test]
async fn forged_form_posts_are_refused() {
    let w = World::new().await;
    let s = w.sign_in(&w.kajaani_editor.user.email).await;
    let publish = format!("/fi/staff/systems/{}/publish", w.draft.id);
    // Without the session's CSRF token.
    let forged = crate::harness::Session {
        cookie: s.cookie.clone(),
        csrf: "wrong".into(),
    };
    let r = w.post_form(&publish, &forged, &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // From another site, even with the token.
    let body = format!("csrf={}", s.csrf);
    let r = w
        .send(
            Request::post(&publish)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, &s.cookie)
                .header("sec-fetch-site", "cross-site")
                .body(Body::from(body.clone()))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = w
        .send(
            Request::post(&publish)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, &s.cookie)
                .header(header::HOST, "aireg.example")
                .header(header::ORIGIN, "https://evil.example")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let draft = w
        .get_with(
            &format!("/api/v1/systems/{}", w.draft.id),
            &w.kajaani_editor.token,
        )
        .await
        .json();
    assert_eq!(draft["publication"], "draft");
}
