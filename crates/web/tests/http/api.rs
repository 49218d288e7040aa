//! The JSON API: the public register, the authenticated record API, bad input.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};

use aireg_domain::system::{Lifecycle, Publication};
use aireg_store_sql::testing::TestDb;

use crate::harness::World;

#[tokio::test]
async fn health_check_answers() {
    let w = World::new().await;
    let r = w.get("/healthz").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["status"], "ok");
    assert_eq!(r.json()["database"], "sqlite");
}

#[tokio::test]
async fn the_public_list_shows_published_records_only() {
    let w = World::new().await;
    let r = w.get("/api/v1/public/systems").await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert_eq!(doc["total"], 1);
    let items = doc["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], w.published.id.to_string());
    assert_eq!(items[0]["publication"], "published");
    assert_eq!(items[0]["organisation"]["slug"], "kajaani");
    // Internal fields are not in the public view, and the list says which are withheld.
    assert!(items[0]["record"].get("data_classification").is_none());
    assert_eq!(items[0]["withheld"], json!(["data_classification"]));
    assert!(!r.text.contains("Luonnosjärjestelmä"));
    assert!(!r.text.contains("Utkastsystem"));

    // The single record: published yes, drafts and nonsense no.
    let one = w
        .get(&format!("/api/v1/public/systems/{}", w.published.id))
        .await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.json()["record"]["name"]["fi"], "Neuvontabotti");
    w.get(&format!("/api/v1/public/systems/{}", w.draft.id))
        .await
        .assert_problem(404, None);
    w.get("/api/v1/public/systems/not-an-id")
        .await
        .assert_problem(404, None);
}

/// Every `$ref` of the document names a schema it holds (Schemathesis stops at one that does
/// not; a path parameter's enum is not collected by itself).
#[test]
fn every_reference_in_the_document_resolves() {
    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if k == "$ref"
                        && let Some(r) = x.as_str()
                    {
                        out.push(r.to_string());
                    }
                    refs(x, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let doc = serde_json::to_value(aireg_web::api::openapi()).unwrap();
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(!found.is_empty());
    for r in found {
        let pointer = r.trim_start_matches('#');
        assert!(doc.pointer(pointer).is_some(), "{r} does not resolve");
    }
}

#[tokio::test]
async fn the_public_list_filters_and_pages() {
    let w = World::new().await;
    for i in 0..4 {
        crate::harness::create_system(
            w.store(),
            &w.avesta,
            crate::harness::record(&format!("System {i}"), aireg_domain::Lang::Sv),
            true,
        )
        .await;
    }
    let page = w
        .get("/api/v1/public/systems?per_page=2&page=2")
        .await
        .json();
    assert_eq!(page["total"], 5);
    assert_eq!(page["page"], 2);
    assert_eq!(page["items"].as_array().unwrap().len(), 2);
    let avesta = w.get("/api/v1/public/systems?org=avesta").await.json();
    assert_eq!(avesta["total"], 4);
    // A region includes its members.
    let kainuu = w.get("/api/v1/public/systems?org=kainuu").await.json();
    assert_eq!(kainuu["total"], 1);
    let idea = w.get("/api/v1/public/systems?status=idea").await.json();
    assert_eq!(idea["total"], 5);
    let in_use = w.get("/api/v1/public/systems?status=in_use").await.json();
    assert_eq!(in_use["total"], 0);
    // `lang` keeps one language per text: the asked one, or the best available.
    let en = w
        .get("/api/v1/public/systems?org=kajaani&lang=en")
        .await
        .json();
    assert_eq!(
        en["items"][0]["record"]["name"],
        json!({"fi": "Neuvontabotti"})
    );

    for (query, field) in [
        ("page=0", "page"),
        ("per_page=500", "per_page"),
        ("page=x", "page"),
        ("status=live", "status"),
        ("org=nowhere", "org"),
        ("lang=de", "lang"),
        ("publication=draft", "publication"),
        ("category=risky", "category"),
        ("theme=sports", "theme"),
        ("personal_data=maybe", "personal_data"),
        ("decisions_on_persons=1", "decisions_on_persons"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=41&page=2", "cursor"),
    ] {
        w.get(&format!("/api/v1/public/systems?{query}"))
            .await
            .assert_problem(400, Some(field));
    }
}

#[tokio::test]
async fn the_public_list_is_read_by_cursor_while_records_are_added() {
    let w = World::new().await;
    for i in 0..4 {
        crate::harness::create_system(
            w.store(),
            &w.avesta,
            crate::harness::record(&format!("System {i}"), aireg_domain::Lang::Sv),
            true,
        )
        .await;
    }
    let mut names: Vec<String> = Vec::new();
    let mut url = "/api/v1/public/systems?org=avesta&per_page=3".to_string();
    loop {
        let page = w.get(&url).await.json();
        assert_eq!(page["total"], 4 + i64::from(names.len() >= 3));
        for item in page["items"].as_array().unwrap() {
            names.push(item["record"]["name"]["sv"].as_str().unwrap().to_string());
        }
        if names.len() == 3 {
            // Sorted before the rest: not shown on the pages that follow, nothing repeated.
            crate::harness::create_system(
                w.store(),
                &w.avesta,
                crate::harness::record("System 0b", aireg_domain::Lang::Sv),
                true,
            )
            .await;
        }
        match page["next_cursor"].as_str() {
            Some(c) => {
                assert!(page.get("page").is_none() || names.len() == 3);
                url = format!("/api/v1/public/systems?org=avesta&per_page=3&cursor={c}");
            }
            None => break,
        }
    }
    assert_eq!(names, ["System 0", "System 1", "System 2", "System 3"]);
    // Search words and facets narrow the list.
    let found = w.get("/api/v1/public/systems?q=system%203").await.json();
    assert_eq!(found["total"], 1);
    let none = w
        .get("/api/v1/public/systems?org=avesta&personal_data=yes")
        .await
        .json();
    assert_eq!(none["total"], 0);
}

#[tokio::test]
async fn requests_without_a_valid_token_are_refused() {
    let w = World::new().await;
    let id = w.published.id;
    for (method, path) in [
        ("GET", "/api/v1/systems".to_string()),
        ("POST", "/api/v1/systems".to_string()),
        ("GET", format!("/api/v1/systems/{id}")),
        ("PUT", format!("/api/v1/systems/{id}")),
        ("POST", format!("/api/v1/systems/{id}/publish")),
        ("POST", format!("/api/v1/systems/{id}/withdraw")),
        ("GET", format!("/api/v1/systems/{id}/history")),
    ] {
        for token in [None, Some("aireg_not-a-real-token")] {
            let r = w.json(method, &path, token, &json!({})).await;
            r.assert_problem(401, None);
            assert!(
                r.header("www-authenticate").starts_with("Bearer"),
                "{method} {path}"
            );
        }
    }
}

/// The whole life of a record through the API, on both engines.
async fn record_life(w: &World) {
    let token = w.kajaani_editor.token.as_str();
    // A record asked for in use goes through the policy's gate like any move: Kainuu's asks
    // for approvals first, so nothing is created and the refusal says what is missing.
    let refused = w
        .json(
            "POST",
            "/api/v1/systems",
            Some(token),
            &json!({"organisation": "kajaani", "record": {"name": {"fi": "x"}, "lifecycle": "in_use"}}),
        )
        .await;
    let doc = refused.assert_problem(409, None);
    assert!(
        doc["missing"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["code"] == "approval"),
        "{doc}"
    );
    let created = w
        .json(
            "POST",
            "/api/v1/systems",
            Some(token),
            &json!({
                "organisation": "kajaani",
                "record": {
                    "name": {"fi": "Kokousavustaja"},
                    "lifecycle": "development",
                    "personal_data": true,
                    "visibility": {"vendor": "internal"},
                    "vendor": "Puhe Oy"
                }
            }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let doc = created.json();
    let id = doc["id"].as_str().unwrap().to_string();
    assert_eq!(created.header("location"), format!("/api/v1/systems/{id}"));
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["publication"], "draft");

    // A draft is not public.
    w.get(&format!("/api/v1/public/systems/{id}"))
        .await
        .assert_problem(404, None);

    // Publishing needs the texts residents read: the refusal names each missing field.
    let refused = w
        .json(
            "POST",
            &format!("/api/v1/systems/{id}/publish"),
            Some(token),
            &json!({}),
        )
        .await;
    let problem = refused.assert_problem(422, Some("record.summary"));
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "record.summary",
            "record.description_public",
            "record.purpose",
            "record.contact.email"
        ]
    );

    let updated = w
        .json(
            "PUT",
            &format!("/api/v1/systems/{id}"),
            Some(token),
            &json!({
                "version": 1,
                "record": {
                    "name": {"fi": "Kokousavustaja", "sv": "Mötesassistent"},
                    "summary": {"fi": "Laatii pöytäkirjaluonnoksen."},
                    "description_public": {"fi": "Kuvaus."},
                    "purpose": {"fi": "Tarkoitus."},
                    "contact": {"email": "kirjaamo@kajaani.example"},
                    "lifecycle": "development",
                    "vendor": "Puhe Oy",
                    "visibility": {"vendor": "internal"}
                }
            }),
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text);
    assert_eq!(updated.json()["version"], 2);

    // An update based on version 1 is refused with the current version, and loses nothing.
    let stale = w
        .json(
            "PUT",
            &format!("/api/v1/systems/{id}"),
            Some(token),
            &json!({"version": 1, "record": {"name": {"fi": "Vanha"}}}),
        )
        .await;
    let doc = stale.assert_problem(409, None);
    assert_eq!(doc["current_version"], 2);
    let current = w
        .get_with(&format!("/api/v1/systems/{id}"), token)
        .await
        .json();
    assert_eq!(current["record"]["name"]["sv"], "Mötesassistent");

    // Publishing with no body at all works too.
    let published = w
        .send(
            Request::post(format!("/api/v1/systems/{id}/publish"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text);
    assert_eq!(published.json()["publication"], "published");
    let public = w.get(&format!("/api/v1/public/systems/{id}")).await.json();
    assert!(
        public["record"].get("vendor").is_none(),
        "vendor is internal"
    );
    assert_eq!(public["withheld"], json!(["vendor"]));

    let withdrawn = w
        .json(
            "POST",
            &format!("/api/v1/systems/{id}/withdraw"),
            Some(token),
            &json!({"version": 3}),
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text);
    w.get(&format!("/api/v1/public/systems/{id}"))
        .await
        .assert_problem(404, None);

    let history = w
        .get_with(&format!("/api/v1/systems/{id}/history"), token)
        .await
        .json();
    let kinds: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["change"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["created", "edited", "published", "withdrawn"]);
    let edit: &Value = &history[1];
    assert!(
        edit["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["field"] == "name" && c["lang"] == "sv" && c["after"] == "Mötesassistent")
    );
    assert_eq!(edit["changed_by_name"], w.kajaani_editor.user.name);
    // A page at a time: the Link header names the next, and a page tells what its first
    // version changed against the version before it, as the whole history does.
    let path = format!("/api/v1/systems/{id}/history");
    let first = w.get_with(&format!("{path}?per_page=2"), token).await;
    assert_eq!(first.json(), json!(history.as_array().unwrap()[..2]));
    assert_eq!(
        first.header("link"),
        format!("<{path}?after=2&per_page=2>; rel=\"next\"")
    );
    for (query, range) in [("after=2&per_page=2", 2..4), ("after=1&per_page=3", 1..4)] {
        let page = w.get_with(&format!("{path}?{query}"), token).await;
        assert_eq!(
            page.json(),
            json!(history.as_array().unwrap()[range]),
            "{query}"
        );
        assert_eq!(page.header("link"), "", "{query}: the last page");
    }
    assert_eq!(
        w.get_with(&format!("{path}?after=9"), token).await.json(),
        json!([])
    );
    for (query, field) in [
        ("after=-1", "after"),
        ("after=", "after"),
        ("after=x", "after"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
    ] {
        w.get_with(&format!("{path}?{query}"), token)
            .await
            .assert_problem(400, Some(field));
    }

    // The caller's list has the organisation's records, drafts included.
    let mine = w
        .get_with("/api/v1/systems?per_page=100", token)
        .await
        .json();
    assert_eq!(mine["total"], 3);
    let drafts = w
        .get_with("/api/v1/systems?publication=draft", token)
        .await
        .json();
    assert_eq!(drafts["total"], 1);
}

#[tokio::test]
async fn a_record_is_created_edited_published_and_withdrawn_on_sqlite() {
    record_life(&World::new().await).await;
}

#[tokio::test]
async fn a_record_is_created_edited_published_and_withdrawn_on_postgres() {
    if let Some(db) = TestDb::postgres().await {
        record_life(&World::on(db).await).await;
    }
}

#[tokio::test]
async fn bad_input_is_refused_with_a_problem_naming_the_field() {
    let w = World::new().await;
    let token = Some(w.kajaani_editor.token.as_str());
    let create = |record: Value| json!({"organisation": "kajaani", "record": record});

    // Malformed JSON.
    let r = w
        .send(
            Request::post("/api/v1/systems")
                .header(
                    header::AUTHORIZATION,
                    format!("Bearer {}", w.kajaani_editor.token),
                )
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{\"organisation\": \"kajaani\", "))
                .unwrap(),
        )
        .await;
    let doc = r.assert_problem(400, None);
    assert!(doc["detail"].as_str().unwrap().contains("JSON"));

    // Unknown field, inside the record and at the top.
    w.json(
        "POST",
        "/api/v1/systems",
        token,
        &create(json!({"name": {"fi": "x"}, "colour": "red"})),
    )
    .await
    .assert_problem(422, Some("record.colour"));
    w.json(
        "POST",
        "/api/v1/systems",
        token,
        &json!({"organisation": "kajaani", "record": {}, "x": 1}),
    )
    .await
    .assert_problem(422, Some("x"));
    // Over-long text.
    let long = "a".repeat(121);
    w.json(
        "POST",
        "/api/v1/systems",
        token,
        &create(json!({"name": {"fi": long}})),
    )
    .await
    .assert_problem(422, Some("record.name.fi"));
    // Invalid enum value.
    w.json(
        "POST",
        "/api/v1/systems",
        token,
        &create(json!({"name": {"fi": "x"}, "lifecycle": "live"})),
    )
    .await
    .assert_problem(422, Some("record.lifecycle"));
    // Wrong type.
    w.json(
        "POST",
        "/api/v1/systems",
        token,
        &create(json!({"name": {"fi": "x"}, "personal_data": "yes"})),
    )
    .await
    .assert_problem(422, Some("record.personal_data"));
    // A link that is not a web address, and a missing name.
    w.json(
        "POST",
        "/api/v1/systems",
        token,
        &create(json!({"links": [{"title": "x", "url": "javascript:alert(1)"}]})),
    )
    .await
    .assert_problem(422, Some("record.links[0].url"));
    w.json(
        "POST",
        "/api/v1/systems",
        token,
        &create(json!({"summary": {"fi": "x"}})),
    )
    .await
    .assert_problem(422, Some("record.name"));
    // References that do not exist.
    w.json(
        "POST",
        "/api/v1/systems",
        token,
        &json!({"organisation": "nowhere", "record": {"name": {"fi": "x"}}}),
    )
    .await
    .assert_problem(422, Some("organisation"));
    w.json(
        "POST",
        "/api/v1/systems",
        token,
        &create(json!({"name": {"fi": "x"}, "unit": w.avesta.id.to_string()})),
    )
    .await
    .assert_problem(422, Some("record.unit"));
    // Wrong content type.
    let r = w
        .send(
            Request::post("/api/v1/systems")
                .header(
                    header::AUTHORIZATION,
                    format!("Bearer {}", w.kajaani_editor.token),
                )
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    r.assert_problem(415, None);
    // Too large.
    let huge =
        json!({"organisation": "kajaani", "record": {"name": {"fi": "x".repeat(2 * 1024 * 1024)}}});
    w.json("POST", "/api/v1/systems", token, &huge)
        .await
        .assert_problem(413, None);

    // None of it was saved, and what was saved is intact.
    let mine = w
        .get_with("/api/v1/systems", &w.kajaani_editor.token)
        .await
        .json();
    assert_eq!(mine["total"], 2);
    let r = w
        .json(
            "PUT",
            &format!("/api/v1/systems/{}", w.published.id),
            token,
            &json!({"version": w.published.version, "record": {"name": {"fi": "x"}, "lifecycle": "gone"}}),
        )
        .await;
    r.assert_problem(422, Some("record.lifecycle"));
    // Emptying a published record's summary would unpublish it in effect: refused.
    w.json(
        "PUT",
        &format!("/api/v1/systems/{}", w.published.id),
        token,
        &json!({"version": w.published.version, "record": {"name": {"fi": "x"}}}),
    )
    .await
    .assert_problem(422, Some("record.summary"));
    let still = w
        .get(&format!("/api/v1/public/systems/{}", w.published.id))
        .await
        .json();
    assert_eq!(still["version"], w.published.version);
    assert_eq!(still["record"]["name"]["fi"], "Neuvontabotti");
}

#[tokio::test]
async fn problems_speak_the_callers_language() {
    let w = World::new().await;
    let r = w
        .send(
            Request::get("/api/v1/systems")
                .header(header::ACCEPT_LANGUAGE, "sv-FI,sv;q=0.9")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let doc = r.assert_problem(401, None);
    assert_eq!(doc["title"], "Inloggning krävs");
    let r = w
        .send(
            Request::get("/api/v1/public/systems?page=0")
                .header(header::ACCEPT_LANGUAGE, "fi")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(
        r.assert_problem(400, Some("page"))["title"],
        "Virheellinen pyyntö"
    );
    w.get("/api/v1/nothing-here")
        .await
        .assert_problem(404, None);
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let w = World::new().await;
    let doc = w.get("/api/v1/openapi.json").await.json();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for p in [
        "/api/v1/public/systems",
        "/api/v1/public/systems/{id}",
        "/api/v1/systems",
        "/api/v1/systems/{id}",
        "/api/v1/systems/{id}/publish",
        "/api/v1/systems/{id}/withdraw",
        "/api/v1/systems/{id}/history",
    ] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }
    assert!(doc["components"]["schemas"]["SystemRecord"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}

/// The API's public contract is a reviewed file: any change to the document served shows as a
/// diff of `docs/openapi.json`. After a deliberate change, write it again with
/// `AIREG_UPDATE_OPENAPI=1 cargo test -p aireg-web --test http openapi` and review the diff.
#[tokio::test]
async fn the_openapi_document_is_the_reviewed_snapshot() {
    let w = World::new().await;
    let served = w.get("/api/v1/openapi.json").await.json();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
    let pretty = serde_json::to_string_pretty(&served).unwrap() + "\n";
    if std::env::var_os("AIREG_UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &pretty).unwrap();
    }
    let snapshot: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("docs/openapi.json exists"))
            .unwrap();
    assert!(
        snapshot == served,
        "the OpenAPI document differs from docs/openapi.json: if the change is meant, run \
         AIREG_UPDATE_OPENAPI=1 cargo test -p aireg-web --test http openapi and review the diff"
    );
}

/// Every closed set is published with the values the server reads and writes (`in_use`, not
/// `InUse`), so that generated clients speak the server's language.
#[tokio::test]
async fn the_openapi_document_names_enum_values_as_the_server_speaks_them() {
    let w = World::new().await;
    let doc = w.get("/api/v1/openapi.json").await.json();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let values = |name: &str| -> Vec<String> {
        schemas[name]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{name} has no enum: {}", schemas[name]))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(values("Lifecycle"), Lifecycle::allowed());
    assert_eq!(values("Publication"), Publication::allowed());
    let mut enums = 0;
    for (name, schema) in schemas {
        for v in schema["enum"].as_array().into_iter().flatten() {
            let v = v.as_str().unwrap_or_default();
            enums += 1;
            assert!(
                !v.chars().any(|c| c.is_ascii_uppercase()),
                "{name}: {v} is not a value the server speaks"
            );
        }
    }
    assert!(enums > 30, "{enums}");
    // Paging starts at 1, as the server reads it.
    let page = doc["paths"]["/api/v1/systems"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "page")
        .unwrap()
        .clone();
    assert_eq!(page["schema"]["minimum"], 1, "{page}");
}

/// What the API answers a caller with a token (their data, or that the token is not valid) is
/// never kept by a browser or a proxy; the public register's answers may be.
#[tokio::test]
async fn answers_to_a_token_are_never_cached() {
    let w = World::new().await;
    let token = w.kajaani_editor.token.clone();
    for r in [
        w.get_with("/api/v1/systems", &token).await,
        w.get_with("/api/v1/systems", "not-a-token").await,
        w.get_with("/api/v1/public/systems", &token).await,
    ] {
        assert_eq!(
            r.headers
                .get(header::CACHE_CONTROL)
                .and_then(|v| v.to_str().ok()),
            Some("no-store, private"),
            "{}",
            r.status
        );
    }
    let public = w.get("/api/v1/public/systems").await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(
        public
            .headers
            .get(header::CACHE_CONTROL)
            .is_none_or(|v| !v.to_str().unwrap_or("").contains("no-store"))
    );
}

/// An optional body (publish, withdraw) is absent, JSON whitespace or `null`; anything else
/// must be JSON. A form feed is not "no body": it withdrew a record before.
#[tokio::test]
async fn an_optional_body_is_nothing_json_whitespace_or_null() {
    let w = World::new().await;
    let token = w.kajaani_editor.token.clone();
    let path = format!("/api/v1/systems/{}/withdraw", w.published.id);
    let send = |content_type: &'static str, body: &'static [u8]| {
        Request::post(path.clone())
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap()
    };
    let publication = || async {
        w.get_with(&format!("/api/v1/systems/{}", w.published.id), &token)
            .await
            .json()["publication"]
            .clone()
    };
    w.send(send("text/plain", b"\x0c"))
        .await
        .assert_problem(415, None);
    assert_eq!(publication().await, "published", "nothing withdrawn");
    // An array is no object, though serde would read it as one (found by Schemathesis).
    for body in [&b"[null]"[..], b"[]", b"7", b"\"v\""] {
        w.send(send("application/json", body))
            .await
            .assert_problem(400, Some("body"));
    }
    assert_eq!(publication().await, "published", "nothing withdrawn");
    let r = w.send(send("application/json", b" null\n")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(publication().await, "withdrawn");
}

/// The audit chain's checkpoints are public: anyone can fetch them, page by page, and check
/// each signature.
#[tokio::test]
async fn the_audit_checkpoints_are_a_public_feed() {
    use aireg_domain::audit::{AuditKey, Checkpoint};
    let w = World::new().await;
    let key = AuditKey::from_seed([9; 32]);
    let at = aireg_domain::clock::truncate(aireg_domain::clock::now());
    for seq in 1..=3 {
        w.store()
            .save_checkpoint(&Checkpoint::sign(seq, &format!("{seq:064}"), at, &key))
            .await
            .unwrap();
    }
    let feed = w.get("/api/v1/public/audit/checkpoints?limit=2").await;
    assert_eq!(feed.status, StatusCode::OK, "{}", feed.text);
    let doc = feed.json();
    let items: Vec<Checkpoint> = serde_json::from_value(doc["items"].clone()).unwrap();
    assert_eq!(items.iter().map(|c| c.seq).collect::<Vec<_>>(), [3, 2]);
    assert!(
        items
            .iter()
            .all(|c| c.verify(Some(&key.public_hex())).is_ok())
    );
    assert_eq!(doc["next_before"], 2);
    let older = w
        .get("/api/v1/public/audit/checkpoints?before=2")
        .await
        .json();
    assert_eq!(older["items"][0]["seq"], 1);
    assert!(older.get("next_before").is_none());
    w.get("/api/v1/public/audit/checkpoints?limit=0")
        .await
        .assert_problem(400, Some("limit"));
}
